// Trains the builtin embedder as a small dual encoder, self-supervised on the catalogue: a text's
// vector is the normalized, tf-idf weighted sum of its words' vectors (the TermModel every builtin
// model shares), and the word vectors are learned so that two views of one paper land together and
// views of other papers apart (in-batch negatives, InfoNCE in both directions). The views are what a
// reader's description of a paper resembles: its title against its abstract, one sentence against
// the rest (the inverse cloze task), two spans of the abstract. Training starts from the LSA factors
// (lsa.trainer.ts), which already place words that share abstracts near each other; the contrastive
// steps then pull a description and the paper it describes together. Seeded and single-threaded,
// so the same catalogue gives the same bytes on every machine and database.
import { gaussian, seededRandom } from '../math/random.js';
import { runSteps, type Steps } from '../math/steps.js';
import { tokenize } from '../text/tokenize.js';
import { lsaSteps } from './lsa.trainer.js';
import type { TermModel } from './term-model.js';

export interface DualOptions {
  dim: number;
  /** Passes over the catalogue. */
  epochs?: number;
  /** Papers per step; every other paper of the batch is a negative. */
  batchSize?: number;
  /** Softmax temperature of the contrastive loss. */
  temperature?: number;
  learningRate?: number;
  /** Share of pairs of each kind: title/abstract, sentence/rest, two spans (the rest). */
  titleShare?: number;
  sentenceShare?: number;
  /** Start from the LSA factors (true) or from random vectors. */
  lsaInit?: boolean;
  maxWords?: number;
  seed?: number;
  /** At most this many steps in all (a time cap for very large catalogues); 0: no cap. */
  maxSteps?: number;
  /** An LSA model of these texts already trained with the same dimensions (benchmarks reuse one). */
  init?: TermModel;
}

/**
 * Four passes, but at most 600 steps (about two passes at 75,000 papers), which keeps training
 * within minutes on a large catalogue; chosen on SciFact train claims (docs/search-quality.md).
 */
export const DUAL_DEFAULTS = {
  epochs: 4,
  batchSize: 256,
  temperature: 0.05,
  learningRate: 0.002,
  titleShare: 0.4,
  sentenceShare: 0.4,
  lsaInit: true,
  maxWords: 40_000,
  seed: 20_240_527,
  maxSteps: 600,
} as const;

/** One paper as word indexes: its title, and its abstract by sentence. */
interface PaperTokens {
  title: Int32Array;
  sentences: Int32Array[];
}

export function trainDualEncoder(texts: readonly string[], options: DualOptions): TermModel {
  return runSteps(dualSteps(texts, options));
}

/** Training as steps (math/steps.ts): a serving process trains a slice at a time between requests. */
export function* dualSteps(texts: readonly string[], options: DualOptions): Steps<TermModel> {
  const o = { ...DUAL_DEFAULTS, ...options };
  const init = options.init ?? (yield* lsaSteps(texts, { dim: o.dim, maxWords: o.maxWords }));
  const dim = o.dim;
  const vocab = init.vocab;
  const words = vocab.length;
  const index = new Map(vocab.map((w, i) => [w, i]));
  const idf = init.weight;
  const w = new Float32Array(words * dim);
  if (o.lsaInit) {
    // Scaled so the average word vector has unit length: the learning rate then means the same at
    // every catalogue size (LSA's loadings shrink as the vocabulary grows).
    let total = 0;
    for (let i = 0; i < init.vectors.length; i++) total += (init.vectors[i] as number) ** 2;
    const scale = words > 0 && total > 0 ? 1 / Math.sqrt(total / words) : 1;
    for (let i = 0; i < init.vectors.length; i++) w[i] = (init.vectors[i] as number) * scale;
  } else {
    const normal = gaussian(seededRandom(o.seed));
    for (let i = 0; i < w.length; i++) w[i] = normal() / Math.sqrt(dim);
  }
  const papers: PaperTokens[] = [];
  for (const t of texts) {
    if (papers.length % 200 === 199) yield;
    papers.push(paperTokens(t, index));
  }
  const usable = papers.map((_, i) => i).filter((i) => hasTwoViews(papers[i] as PaperTokens));
  if (usable.length < 2 || words === 0) return { ...init, method: 'dual' };

  const rnd = seededRandom(o.seed ^ 0x5bd1e995);
  const batch = Math.min(o.batchSize, usable.length);
  const steps = Math.floor(usable.length / batch);
  const trainer = new Trainer(w, idf, dim, batch, o.temperature, o.learningRate);
  let step = 0;
  const maxSteps = o.maxSteps > 0 ? o.maxSteps : Infinity;
  for (let epoch = 0; epoch < o.epochs && step < maxSteps; epoch++) {
    shuffle(usable, rnd);
    for (let s = 0; s < steps && step < maxSteps; s++, step++) {
      for (let b = 0; b < batch; b++) {
        const [q, d] = views(papers[usable[s * batch + b] as number] as PaperTokens, rnd, o);
        trainer.setView(0, b, q);
        trainer.setView(1, b, d);
      }
      yield* trainer.step();
      yield;
    }
  }
  return { method: 'dual', dim, vocab, weight: idf, tf: 'log', vectors: w, common: null };
}

function paperTokens(text: string, index: ReadonlyMap<string, number>): PaperTokens {
  const cut = text.indexOf('\n\n');
  const title = cut < 0 ? '' : text.slice(0, cut);
  const body = cut < 0 ? text : text.slice(cut + 2);
  const ids = (s: string) =>
    Int32Array.from(
      tokenize(s)
        .map((t) => index.get(t) ?? -1)
        .filter((i) => i >= 0),
    );
  const sentences = body
    .split(/(?<=[.!?])\s+(?=[A-Z0-9])/)
    .map(ids)
    .filter((s) => s.length > 0);
  return { title: ids(title), sentences };
}

function hasTwoViews(p: PaperTokens): boolean {
  const bodyWords = p.sentences.reduce((n, s) => n + s.length, 0);
  return (p.title.length > 0 && bodyWords > 0) || p.sentences.length > 1 || bodyWords >= 8;
}

/** A positive pair of one paper: a short "query" view and a longer "document" view. */
function views(
  p: PaperTokens,
  rnd: () => number,
  o: { titleShare: number; sentenceShare: number },
): [Int32Array, Int32Array] {
  const roll = rnd();
  const body = concat(p.sentences);
  if (roll < o.titleShare && p.title.length > 0 && body.length > 0) return [p.title, body];
  if (roll < o.titleShare + o.sentenceShare && p.sentences.length > 1) {
    const k = Math.floor(rnd() * p.sentences.length);
    const rest = concat([p.title, ...p.sentences.filter((_, i) => i !== k)]);
    return [p.sentences[k] as Int32Array, rest];
  }
  // Two random spans of the title and abstract, each a third to a half of it, possibly overlapping.
  const all = concat([p.title, ...p.sentences]);
  const span = () => {
    const len = Math.max(1, Math.floor(all.length * (0.33 + 0.17 * rnd())));
    const start = Math.floor(rnd() * (all.length - len + 1));
    return all.subarray(start, start + len);
  };
  return [span(), span()];
}

function concat(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function shuffle(a: number[], rnd: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
}

/** Rows of a batch between two yields inside a step. */
const SLICE_ROWS = 32;

/** A view as sparse features: word indexes and their tf-idf weights. */
interface Features {
  ids: Int32Array;
  weights: Float64Array;
}

/**
 * One contrastive step at a time over a batch of view pairs: forward (weighted sums, normalized),
 * the similarity matrix, the symmetric InfoNCE gradient, and a lazy Adam update of the word vectors
 * the batch touched.
 */
class Trainer {
  private readonly feats: Features[][] = [[], []];
  /** Unnormalized sums and unit embeddings of both sides, batch × dim. */
  private readonly sums: Float64Array[];
  private readonly units: Float64Array[];
  private readonly norms: Float64Array[];
  private readonly grads: Float64Array[];
  private readonly sim: Float64Array;
  private readonly counts: Float64Array;
  private readonly rowGrad: Float64Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly touchedStamp: Int32Array;
  private readonly touched: number[] = [];
  private t = 0;

  constructor(
    private readonly w: Float32Array,
    private readonly idf: Float32Array,
    private readonly dim: number,
    private readonly batch: number,
    private readonly temperature: number,
    private readonly lr: number,
  ) {
    const words = idf.length;
    this.sums = [new Float64Array(batch * dim), new Float64Array(batch * dim)];
    this.units = [new Float64Array(batch * dim), new Float64Array(batch * dim)];
    this.grads = [new Float64Array(batch * dim), new Float64Array(batch * dim)];
    this.norms = [new Float64Array(batch), new Float64Array(batch)];
    this.sim = new Float64Array(batch * batch);
    this.counts = new Float64Array(words);
    this.rowGrad = new Float64Array(words * dim);
    this.m = new Float32Array(words * dim);
    this.v = new Float32Array(words * dim);
    this.touchedStamp = new Int32Array(words).fill(-1);
  }

  setView(side: 0 | 1, b: number, tokens: Int32Array): void {
    const distinct: number[] = [];
    for (const t of tokens) {
      if (this.counts[t] === 0) distinct.push(t);
      this.counts[t] = (this.counts[t] as number) + 1;
    }
    distinct.sort((a, c) => a - c);
    const weights = new Float64Array(distinct.length);
    distinct.forEach((t, i) => {
      weights[i] = (1 + Math.log(this.counts[t] as number)) * (this.idf[t] as number);
      this.counts[t] = 0;
    });
    (this.feats[side] as Features[])[b] = { ids: Int32Array.from(distinct), weights };
  }

  /** One step, yielding between slices of it (a step at 256 papers is about 100M multiply-adds). */
  *step(): Steps<void> {
    const { dim, batch } = this;
    for (const side of [0, 1] as const) {
      const sums = this.sums[side] as Float64Array;
      const units = this.units[side] as Float64Array;
      const norms = this.norms[side] as Float64Array;
      sums.fill(0);
      for (let b = 0; b < batch; b++) {
        if (b % SLICE_ROWS === SLICE_ROWS - 1) yield;
        const f = (this.feats[side] as Features[])[b] as Features;
        const o = b * dim;
        for (let k = 0; k < f.ids.length; k++) {
          const x = f.weights[k] as number;
          const r = (f.ids[k] as number) * dim;
          for (let j = 0; j < dim; j++) sums[o + j] = (sums[o + j] as number) + x * (this.w[r + j] as number);
        }
        let n = 0;
        for (let j = 0; j < dim; j++) n += (sums[o + j] as number) ** 2;
        n = Math.sqrt(n) || 1;
        norms[b] = n;
        for (let j = 0; j < dim; j++) units[o + j] = (sums[o + j] as number) / n;
      }
    }
    const q = this.units[0] as Float64Array;
    const d = this.units[1] as Float64Array;
    const sim = this.sim;
    const inv = 1 / this.temperature;
    for (let i = 0; i < batch; i++) {
      if (i % SLICE_ROWS === SLICE_ROWS - 1) yield;
      for (let k = 0; k < batch; k++) {
        let s = 0;
        const oi = i * dim;
        const ok = k * dim;
        for (let j = 0; j < dim; j++) s += (q[oi + j] as number) * (d[ok + j] as number);
        sim[i * batch + k] = s * inv;
      }
    }
    // dLoss/dsim: softmax by row (query -> its paper) plus by column (paper -> its query), minus the
    // identity for each, averaged over the batch; then times 1/temperature for the cosine.
    const g = new Float64Array(batch * batch);
    for (let i = 0; i < batch; i++) {
      let max = -Infinity;
      for (let k = 0; k < batch; k++) max = Math.max(max, sim[i * batch + k] as number);
      let z = 0;
      for (let k = 0; k < batch; k++) z += Math.exp((sim[i * batch + k] as number) - max);
      for (let k = 0; k < batch; k++)
        g[i * batch + k] = Math.exp((sim[i * batch + k] as number) - max) / z - (i === k ? 1 : 0);
    }
    for (let k = 0; k < batch; k++) {
      let max = -Infinity;
      for (let i = 0; i < batch; i++) max = Math.max(max, sim[i * batch + k] as number);
      let z = 0;
      for (let i = 0; i < batch; i++) z += Math.exp((sim[i * batch + k] as number) - max);
      for (let i = 0; i < batch; i++)
        g[i * batch + k] =
          (g[i * batch + k] as number) +
          Math.exp((sim[i * batch + k] as number) - max) / z -
          (i === k ? 1 : 0);
    }
    const scale = inv / (2 * batch);
    const gq = this.grads[0] as Float64Array;
    const gd = this.grads[1] as Float64Array;
    gq.fill(0);
    gd.fill(0);
    for (let i = 0; i < batch; i++) {
      if (i % SLICE_ROWS === SLICE_ROWS - 1) yield;
      for (let k = 0; k < batch; k++) {
        const x = (g[i * batch + k] as number) * scale;
        if (x === 0) continue;
        const oi = i * dim;
        const ok = k * dim;
        for (let j = 0; j < dim; j++) {
          gq[oi + j] = (gq[oi + j] as number) + x * (d[ok + j] as number);
          gd[ok + j] = (gd[ok + j] as number) + x * (q[oi + j] as number);
        }
      }
    }
    // Through the normalization (d e / d s = (I - e eᵀ) / |s|) into the rows of the words used.
    this.t++;
    this.touched.length = 0;
    for (const side of [0, 1] as const) {
      const units = this.units[side] as Float64Array;
      const grads = this.grads[side] as Float64Array;
      const norms = this.norms[side] as Float64Array;
      for (let b = 0; b < batch; b++) {
        if (b % SLICE_ROWS === SLICE_ROWS - 1) yield;
        const o = b * dim;
        let p = 0;
        for (let j = 0; j < dim; j++) p += (units[o + j] as number) * (grads[o + j] as number);
        const n = norms[b] as number;
        for (let j = 0; j < dim; j++)
          grads[o + j] = ((grads[o + j] as number) - p * (units[o + j] as number)) / n;
        const f = (this.feats[side] as Features[])[b] as Features;
        for (let k = 0; k < f.ids.length; k++) {
          const id = f.ids[k] as number;
          if (this.touchedStamp[id] !== this.t) {
            this.touchedStamp[id] = this.t;
            this.touched.push(id);
          }
          const x = f.weights[k] as number;
          const r = id * dim;
          for (let j = 0; j < dim; j++)
            this.rowGrad[r + j] = (this.rowGrad[r + j] as number) + x * (grads[o + j] as number);
        }
      }
    }
    // Lazy Adam: only the rows this batch touched move (and keep moments).
    const b1 = 0.9;
    const b2 = 0.999;
    const c1 = 1 - Math.pow(b1, this.t);
    const c2 = 1 - Math.pow(b2, this.t);
    this.touched.sort((a, c) => a - c);
    let updated = 0;
    for (const id of this.touched) {
      if (++updated % 2048 === 0) yield;
      const r = id * dim;
      for (let j = 0; j < dim; j++) {
        const gr = this.rowGrad[r + j] as number;
        this.rowGrad[r + j] = 0;
        const m = b1 * (this.m[r + j] as number) + (1 - b1) * gr;
        const v = b2 * (this.v[r + j] as number) + (1 - b2) * gr * gr;
        this.m[r + j] = m;
        this.v[r + j] = v;
        this.w[r + j] = (this.w[r + j] as number) - (this.lr * (m / c1)) / (Math.sqrt(v / c2) + 1e-8);
      }
    }
  }
}
