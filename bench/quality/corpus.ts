// One retrieval setup over a corpus: the product's keyword index (src/search/lexical, queried the way
// the search service does: every word first, any word when nothing matches), a builtin model's
// vectors in the exact index (and, for a large corpus, the approximate one), and the fusions of the
// two lists.
import { parseQuerySyntax } from '../../src/domain/query-syntax.js';
import type { Embedder } from '../../src/search/contracts.js';
import { fuse, vectorList } from '../../src/search/fusion.js';
import { buildLexicalIndex } from '../../src/search/lexical/lexical-index.js';
import { type LexicalQuery, LexicalSearcher } from '../../src/search/lexical/lexical-search.js';
import { dot } from '../../src/search/math/vectors.js';
import type { TermModel } from '../../src/search/embeddings/term-model.js';
import { tokenize } from '../../src/search/text/tokenize.js';
import { ExactVectorIndex } from '../../src/search/vectors/exact.index.js';
import { IvfVectorIndex } from '../../src/search/vectors/ivf.index.js';
import { toQuery } from '../../src/search/vectors/kernels.js';

export interface Doc {
  id: string;
  title: string;
  abstract: string;
}

export interface Hit {
  paperId: number;
  score: number;
}

/** Depth of each list before fusion, and of every ranking scored (Recall@100). */
export const DEPTH = 100;

export class KeywordSide {
  private readonly searcher: LexicalSearcher;

  constructor(docs: readonly Doc[]) {
    const index = buildLexicalIndex(
      docs.map((d, i) => ({
        paperId: i,
        title: d.title,
        abstract: d.abstract,
        authors: [],
        categories: [],
        publishedAt: null,
        votes: 0,
        version: 1,
      })),
    );
    this.searcher = new LexicalSearcher(index);
  }

  search(q: string): Hit[] {
    return this.searchWith(q, null);
  }

  /**
   * With RM3 pseudo-relevance feedback: the best `docs` hits of a first search give `terms`
   * expansion terms, weighted `beta` × (query words) in all, that reorder the second search.
   */
  searchWith(
    q: string,
    rm3: { docs: number; terms: number; beta: number } | null,
    related?: { near: (word: string) => { word: string; sim: number }[]; beta: number },
  ): Hit[] {
    const query: LexicalQuery = { ...parseQuerySyntax(q), mode: 'all', sort: 'relevance', limit: DEPTH };
    let r = this.searcher.search(query);
    let mode: 'all' | 'any' = 'all';
    if (r.total === 0 && r.words > 1) {
      mode = 'any';
      r = this.searcher.search({ ...query, mode });
    }
    if (rm3 && r.hits.length > 0) {
      const own = this.searcher.queryStems(query.terms);
      const feedback = this.searcher.feedbackTerms(r.hits.slice(0, rm3.docs), rm3.terms, new Set(own));
      const expansion = feedback.map((e) => ({ stem: e.stem, weight: rm3.beta * own.length * e.weight }));
      r = this.searcher.search({ ...query, mode, expansion });
    }
    if (related) {
      // Expansion by learned term associations: each query word's nearest words in the model,
      // weighted beta × their cosine.
      const own = new Set(this.searcher.queryStems(query.terms));
      const expansion = [];
      for (const w of new Set(tokenize(q)))
        for (const n of related.near(w))
          for (const stem of this.searcher.queryStems([n.word]))
            if (!own.has(stem)) expansion.push({ stem, weight: related.beta * n.sim });
      r = this.searcher.search({ ...query, mode, expansion });
    }
    return r.hits.map((h) => ({ paperId: h.paperId, score: h.score }));
  }
}

export class VectorSide {
  readonly vectors: Float32Array[] = [];
  private readonly index: ExactVectorIndex;
  /** The product's approximate index over the same vectors, when asked for (a large corpus). */
  private approximate: IvfVectorIndex | null = null;

  private constructor(
    readonly embedder: Embedder,
    vectors: Float32Array[],
  ) {
    this.vectors = vectors;
    this.index = new ExactVectorIndex(embedder.dim, vectors.length);
    vectors.forEach((v, i) => this.index.upsert(i, v));
  }

  static async build(embedder: Embedder, docs: readonly Doc[]): Promise<VectorSide> {
    return new VectorSide(embedder, await embedder.embed(docs.map((d) => `${d.title}\n\n${d.abstract}`)));
  }

  /** Builds the approximate index (src/search/vectors/ivf.index.ts) with the product's settings. */
  async buildApproximate(): Promise<IvfVectorIndex> {
    const ivf = new IvfVectorIndex(this.embedder.dim, this.vectors.length);
    this.vectors.forEach((v, i) => ivf.upsert(i, v));
    await ivf.build(() => Promise.resolve());
    this.approximate = ivf;
    return ivf;
  }

  async query(q: string): Promise<Float32Array> {
    return (await this.embedder.embed([q]))[0] as Float32Array;
  }

  search(query: Float32Array): Hit[] {
    return this.index.search(query, DEPTH).filter((h) => h.score > 0);
  }

  /**
   * The vector list the search service fuses when the index is approximate: the approximate
   * nearest papers, completed with the keyword hits' exact similarities (src/search/fusion.ts).
   */
  searchApproximate(query: Float32Array, keyword: readonly Hit[] = []): Hit[] {
    const ivf = this.approximate;
    if (!ivf) throw new Error('call buildApproximate first');
    if (query.every((x) => x === 0)) return [];
    const q = toQuery(query);
    return vectorList(ivf.search(query, DEPTH), keyword, (id) => ivf.similarity(q, id), DEPTH);
  }
}

/** The product's fusions (src/search/fusion.ts): reciprocal rank fusion (k = 60), or its score fusion. */
export function productFusion(keyword: Hit[], vector: Hit[], method: 'rrf' | 'score'): number[] {
  return fuse(keyword, vector, [], method).map((r) => r.paperId);
}

/**
 * Score fusion: BM25 scaled by the query's best BM25, plus λ × cosine, over the union of both lists.
 * Unlike RRF it keeps how far apart scores are, so a weak vector list nudges rather than reorders.
 */
export function scoreFusion(
  keyword: Hit[],
  vector: Hit[],
  query: Float32Array,
  vectors: Float32Array[],
  lambda: number,
): number[] {
  const best = keyword[0]?.score ?? 1;
  const bm25 = new Map(keyword.map((h) => [h.paperId, h.score / best]));
  const ids = new Set([...keyword.map((h) => h.paperId), ...vector.map((h) => h.paperId)]);
  return [...ids]
    .map((id) => ({ id, s: (bm25.get(id) ?? 0) + lambda * dot(query, vectors[id] as Float32Array) }))
    .sort((a, b) => b.s - a.s || a.id - b.id)
    .map((x) => x.id);
}

/**
 * A model's nearest words to a word by the cosine of their vectors (the k nearest with a cosine of
 * at least `min`), memoized: a scan of the whole vocabulary per new word.
 */
export function nearestWords(
  model: TermModel,
  k: number,
  min: number,
): (word: string) => { word: string; sim: number }[] {
  const { dim, vocab, vectors } = model;
  const index = new Map(vocab.map((w, i) => [w, i]));
  const unit = new Float32Array(vectors.length);
  for (let w = 0; w < vocab.length; w++) {
    let n = 0;
    for (let j = 0; j < dim; j++) n += (vectors[w * dim + j] as number) ** 2;
    n = Math.sqrt(n) || 1;
    for (let j = 0; j < dim; j++) unit[w * dim + j] = (vectors[w * dim + j] as number) / n;
  }
  const memo = new Map<string, { word: string; sim: number }[]>();
  return (word) => {
    const hit = memo.get(word);
    if (hit) return hit;
    const i = index.get(word);
    const out: { word: string; sim: number }[] = [];
    if (i !== undefined) {
      const best: [number, number][] = [];
      for (let w = 0; w < vocab.length; w++) {
        if (w === i) continue;
        let s = 0;
        for (let j = 0; j < dim; j++) s += (unit[i * dim + j] as number) * (unit[w * dim + j] as number);
        best.push([w, s]);
      }
      best.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      for (const [w, s] of best.slice(0, k)) if (s >= min) out.push({ word: vocab[w] as string, sim: s });
    }
    memo.set(word, out);
    return out;
  };
}
