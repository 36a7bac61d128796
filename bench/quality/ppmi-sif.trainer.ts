// The second builtin candidate: word vectors learned from the abstracts themselves (truncated SVD of
// a positive-PMI co-occurrence matrix, Levy & Goldberg 2014) pooled into a text vector with SIF
// weights a / (a + p(w)) and the corpus's first principal component removed (Arora et al. 2017).
// It produces the same TermModel as LSA, so the builtin embedder runs it unchanged. Kept in bench/
// because LSA won the comparison (docs/search-quality.md).
import { buildVocabulary } from '../../src/search/embeddings/lsa.trainer.js';
import { embedWithTermModel, type TermModel, vocabIndex } from '../../src/search/embeddings/term-model.js';
import { gaussian, seededRandom } from '../../src/search/math/random.js';
import { randomizedSvd } from '../../src/search/math/randomized-svd.js';
import { csrFromRows } from '../../src/search/math/sparse.js';
import { normalizeInPlace } from '../../src/search/math/vectors.js';
import { tokenize } from '../../src/search/text/tokenize.js';

export interface SifOptions {
  dim: number;
  window?: number;
  /** SIF's smoothing constant. */
  a?: number;
  minDocs?: number;
  maxWords?: number;
}

export function trainPpmiSif(texts: readonly string[], options: SifOptions): TermModel {
  const window = options.window ?? 5;
  const a = options.a ?? 1e-3;
  const tokenized = texts.map(tokenize);
  const vocab = buildVocabulary(tokenized, options.minDocs ?? 2, 1, options.maxWords ?? 40_000);
  const v = vocab.words.length;

  const count = new Float64Array(v);
  const pairs = new Map<number, number>();
  let tokens = 0;
  for (const doc of tokenized) {
    const ids = doc.map((t) => vocab.index.get(t)).filter((i): i is number => i !== undefined);
    tokens += ids.length;
    ids.forEach((w, i) => {
      count[w] = (count[w] as number) + 1;
      for (let j = Math.max(0, i - window); j < Math.min(ids.length, i + window + 1); j++) {
        if (j === i) continue;
        const key = w * v + (ids[j] as number);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    });
  }
  // Context counts smoothed with exponent 0.75, which keeps rare contexts from dominating PMI.
  const smoothed = Float64Array.from(count, (c) => Math.pow(c, 0.75));
  const smoothedTotal = smoothed.reduce((s, x) => s + x, 0);
  let pairTotal = 0;
  for (const n of pairs.values()) pairTotal += n;
  const rows: { cols: number[]; values: number[] }[] = Array.from({ length: v }, () => ({
    cols: [],
    values: [],
  }));
  for (const key of [...pairs.keys()].sort((x, y) => x - y)) {
    const w = Math.floor(key / v);
    const c = key % v;
    const n = pairs.get(key) as number;
    const pmi = Math.log(
      n / pairTotal / (((count[w] as number) / tokens) * ((smoothed[c] as number) / smoothedTotal)),
    );
    if (pmi > 0) {
      rows[w]?.cols.push(c);
      rows[w]?.values.push(pmi);
    }
  }
  const svd = randomizedSvd(csrFromRows(rows, v), { rank: options.dim, seed: 20_240_527 });
  // Symmetric matrix: V·Σ^½ are the word vectors; each is normalized so frequent words do not dominate.
  const vectors = new Float32Array(v * options.dim);
  for (let w = 0; w < v; w++) {
    const row = new Float64Array(options.dim);
    for (let f = 0; f < svd.rank; f++)
      row[f] = (svd.v[w * svd.rank + f] as number) * Math.sqrt(svd.sigma[f] as number);
    normalizeInPlace(row);
    vectors.set(row, w * options.dim);
  }
  const weight = Float32Array.from(count, (c) => a / (a + c / tokens));
  const model: TermModel = {
    method: 'sif',
    dim: options.dim,
    vocab: vocab.words,
    weight,
    tf: 'raw',
    vectors,
    common: null,
  };
  return { ...model, common: firstPrincipalComponent(model, texts) };
}

/** The direction most text vectors share (mostly "this is an abstract"), by power iteration. */
function firstPrincipalComponent(model: TermModel, texts: readonly string[]): Float32Array {
  const index = vocabIndex(model);
  const docs = texts.map((t) => embedWithTermModel(model, index, t));
  const normal = gaussian(seededRandom(3));
  let u = Float64Array.from({ length: model.dim }, normal);
  normalizeInPlace(u);
  for (let it = 0; it < 30; it++) {
    const next = new Float64Array(model.dim);
    for (const d of docs) {
      let p = 0;
      for (let j = 0; j < model.dim; j++) p += (d[j] as number) * (u[j] as number);
      for (let j = 0; j < model.dim; j++) next[j] = (next[j] as number) + p * (d[j] as number);
    }
    normalizeInPlace(next);
    u = next;
  }
  return Float32Array.from(u);
}
