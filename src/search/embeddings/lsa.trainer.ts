// Trains the builtin embedder by latent semantic analysis: a TF-IDF matrix of the corpus (sublinear
// term frequency, smoothed idf, rows normalized) factored by truncated SVD. Words that occur in the
// same abstracts get nearby factor loadings, so "robot manipulation from human videos" lands near
// papers that say "imitation learning from demonstrations" without sharing those words.
import { randomizedSvdSteps } from '../math/randomized-svd.js';
import { csrFromRows } from '../math/sparse.js';
import { runSteps, type Steps } from '../math/steps.js';
import { tokenize } from '../text/tokenize.js';
import type { TermModel } from './term-model.js';

export interface LsaOptions {
  dim: number;
  /** Words in fewer documents than this are dropped (typos, ids). */
  minDocs?: number;
  /** Words in more than this share of documents are dropped (they separate nothing). */
  maxDocShare?: number;
  /** Largest vocabulary kept, most frequent first; bounds the model's size (words × dim × 4 bytes). */
  maxWords?: number;
  /**
   * Word vectors are V·Σ^sigmaPower, so a training document lands at U·Σ^(1 + sigmaPower): 0 is the
   * classic LSA document space, -1 weighs every factor equally. 0 kept after comparing on SciFact
   * train claims and the dev set (docs/decisions.md).
   */
  sigmaPower?: number;
  powerIterations?: number;
  seed?: number;
}

export const LSA_DEFAULTS = {
  minDocs: 2,
  maxDocShare: 0.5,
  maxWords: 40_000,
  sigmaPower: 0,
  powerIterations: 2,
  seed: 20_240_527,
} as const;

export interface Vocabulary {
  words: string[];
  /** Documents each word occurs in, by word index. */
  docs: Uint32Array;
  index: Map<string, number>;
}

/** The words kept for a corpus: frequent enough to learn from, rare enough to tell documents apart. */
export function buildVocabulary(
  docs: readonly string[][],
  minDocs: number,
  maxDocShare: number,
  maxWords: number,
): Vocabulary {
  return runSteps(vocabularySteps(docs, minDocs, maxDocShare, maxWords));
}

function* vocabularySteps(
  docs: readonly string[][],
  minDocs: number,
  maxDocShare: number,
  maxWords: number,
): Steps<Vocabulary> {
  const df = new Map<string, number>();
  let seen = 0;
  for (const tokens of docs) {
    if (++seen % TEXTS_PER_SLICE === 0) yield;
    for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  yield;
  const limit = Math.max(minDocs, Math.floor(maxDocShare * docs.length));
  const words = [...df.entries()]
    .filter(([, n]) => n >= minDocs && n <= limit)
    // Most documents first, then alphabetical: a total order, so the vocabulary is reproducible.
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxWords)
    .map(([w]) => w);
  yield;
  return {
    words,
    docs: Uint32Array.from(words, (w) => df.get(w) ?? 0),
    index: new Map(words.map((w, i) => [w, i])),
  };
}

export function trainLsa(texts: readonly string[], options: LsaOptions): TermModel {
  return runSteps(lsaSteps(texts, options));
}

/** Texts tokenized between two yields. */
const TEXTS_PER_SLICE = 200;

/** LSA training as steps (math/steps.ts), so a serving process can train between requests. */
export function* lsaSteps(texts: readonly string[], options: LsaOptions): Steps<TermModel> {
  const o = { ...LSA_DEFAULTS, ...options };
  const tokenized: string[][] = [];
  for (const t of texts) {
    if (tokenized.length % TEXTS_PER_SLICE === TEXTS_PER_SLICE - 1) yield;
    tokenized.push(tokenize(t));
  }
  yield;
  const vocab = yield* vocabularySteps(tokenized, o.minDocs, o.maxDocShare, o.maxWords);
  const n = texts.length;
  const idf = Float32Array.from(vocab.docs, (d) => Math.log((n + 1) / (d + 1)) + 1);

  const rows: { cols: number[]; values: number[] }[] = [];
  for (const tokens of tokenized) {
    if (rows.length % TEXTS_PER_SLICE === TEXTS_PER_SLICE - 1) yield;
    const counts = new Map<number, number>();
    for (const t of tokens) {
      const i = vocab.index.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const cols = [...counts.keys()].sort((a, b) => a - b);
    const values = cols.map((c) => (1 + Math.log(counts.get(c) as number)) * (idf[c] as number));
    const len = Math.hypot(...values) || 1;
    rows.push({ cols, values: values.map((v) => v / len) });
  }
  yield;
  const matrix = csrFromRows(rows, vocab.words.length);
  const svd = yield* randomizedSvdSteps(matrix, {
    rank: o.dim,
    powerIterations: o.powerIterations,
    seed: o.seed,
  });

  // Pad with zero factors when the corpus is smaller than the requested dimensions (tests, new
  // instances): the model's dimension stays what config asked for, and zeros change no cosine.
  const vectors = new Float32Array(vocab.words.length * o.dim);
  for (let f = 0; f < svd.rank; f++) {
    const s = svd.sigma[f] as number;
    const scale = s > 1e-10 ? Math.pow(s, o.sigmaPower) : 0;
    for (let w = 0; w < vocab.words.length; w++)
      vectors[w * o.dim + f] = (svd.v[w * svd.rank + f] as number) * scale;
  }
  return { method: 'lsa', dim: o.dim, vocab: vocab.words, weight: idf, tf: 'log', vectors, common: null };
}
