// The artefact of the builtin embedder: every known word with a weight and a vector. A text embeds to
// the weighted sum of its words' vectors, so LSA (TF-IDF folded into SVD factors) and pooled word
// vectors (SIF) share one format and one embedder. It is stored in the database as bytes, and its
// content hash names the model, so every process embeds with exactly the same numbers.
import { createHash } from 'node:crypto';
import { normalizeInPlace } from '../math/vectors.js';
import { tokenize } from '../text/tokenize.js';

export interface TermModel {
  /** Which trainer made it; part of the model name. */
  method: 'lsa' | 'sif' | 'dual';
  dim: number;
  vocab: readonly string[];
  /** Per-word weight: idf for LSA, a/(a + p(w)) for SIF. */
  weight: Float32Array;
  /** How repeats of a word count: 'log' = 1 + ln(tf), 'raw' = tf. */
  tf: 'log' | 'raw';
  /** vocab.length × dim, row-major. */
  vectors: Float32Array;
  /** A unit direction removed from every embedding (SIF's common component), or null. */
  common: Float32Array | null;
}

const MAGIC = 'PBTM';
const FORMAT = 1;

/** Embeds one text; a text with none of the model's words gives the zero vector. */
export function embedWithTermModel(
  model: TermModel,
  index: ReadonlyMap<string, number>,
  text: string,
): Float32Array {
  const counts = new Map<number, number>();
  for (const token of tokenize(text)) {
    const t = index.get(token);
    if (t !== undefined) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const { dim } = model;
  const acc = new Float64Array(dim);
  // Sum in word-index order so the result does not depend on the order words appear in (determinism).
  for (const t of [...counts.keys()].sort((a, b) => a - b)) {
    const tf = counts.get(t) as number;
    const w = (model.tf === 'log' ? 1 + Math.log(tf) : tf) * (model.weight[t] as number);
    const o = t * dim;
    for (let j = 0; j < dim; j++) acc[j] = (acc[j] as number) + w * (model.vectors[o + j] as number);
  }
  if (model.common) {
    let p = 0;
    for (let j = 0; j < dim; j++) p += (acc[j] as number) * (model.common[j] as number);
    for (let j = 0; j < dim; j++) acc[j] = (acc[j] as number) - p * (model.common[j] as number);
  }
  normalizeInPlace(acc);
  return Float32Array.from(acc);
}

export function vocabIndex(model: TermModel): Map<string, number> {
  return new Map(model.vocab.map((w, i) => [w, i]));
}

/** Bytes: magic, format, header length, JSON header, vocabulary (newline-joined), then float32 LE arrays. */
export function serializeTermModel(model: TermModel): Uint8Array {
  const header = Buffer.from(
    JSON.stringify({
      method: model.method,
      dim: model.dim,
      tf: model.tf,
      words: model.vocab.length,
      common: model.common !== null,
    }),
  );
  const vocab = Buffer.from(model.vocab.join('\n'));
  const pad = (n: number) => (4 - (n % 4)) % 4;
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(FORMAT, 4);
  head.writeUInt32LE(header.length, 8);
  const vocabLen = Buffer.alloc(4);
  vocabLen.writeUInt32LE(vocab.length);
  const beforeFloats = 12 + header.length + 4 + vocab.length;
  const parts: Buffer[] = [head, header, vocabLen, vocab, Buffer.alloc(pad(beforeFloats))];
  for (const arr of [model.weight, model.vectors, model.common]) if (arr) parts.push(floatsLE(arr));
  return new Uint8Array(Buffer.concat(parts));
}

export function deserializeTermModel(bytes: Uint8Array): TermModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a paperboy term model');
  if (buf.readUInt32LE(4) !== FORMAT) throw new Error(`unknown term model format ${buf.readUInt32LE(4)}`);
  const headerLen = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + headerLen)) as {
    method: 'lsa' | 'sif' | 'dual';
    dim: number;
    tf: 'log' | 'raw';
    words: number;
    common: boolean;
  };
  let at = 12 + headerLen;
  const vocabLen = buf.readUInt32LE(at);
  at += 4;
  const vocab = header.words === 0 ? [] : buf.toString('utf8', at, at + vocabLen).split('\n');
  at += vocabLen;
  at += (4 - (at % 4)) % 4;
  const take = (n: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = buf.readFloatLE(at + i * 4);
    at += n * 4;
    return out;
  };
  const weight = take(header.words);
  const vectors = take(header.words * header.dim);
  const common = header.common ? take(header.dim) : null;
  if (vocab.length !== header.words || at !== buf.length)
    throw new Error('term model is truncated or corrupt');
  return { method: header.method, dim: header.dim, tf: header.tf, vocab, weight, vectors, common };
}

/** The model's name: method, dimensions and the first 12 hex digits of the SHA-256 of its bytes. */
export function termModelName(model: TermModel, bytes: Uint8Array = serializeTermModel(model)): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return `builtin-${model.method}-${model.dim}@${hash}`;
}

function floatsLE(arr: Float32Array): Buffer {
  const out = Buffer.alloc(arr.length * 4);
  for (let i = 0; i < arr.length; i++) out.writeFloatLE(arr[i] as number, i * 4);
  return out;
}
