// Hybrid ranking: the keyword and vector lists fused into one, pinned papers (an exact arXiv id or
// title) first. Two methods:
// - score (the default): BM25 divided by the list's best BM25, plus λ × cosine similarity, over the
//   union of both lists. Measured on SciFact and our ML dev set (docs/search-quality.md), it beats
//   keyword-only on both with the builtin embedder, whose vectors are much weaker than BM25;
// - rrf: reciprocal rank fusion, 1 / (k + rank) summed over the lists, k = 60 as in the original
//   paper. It gives both lists an equal say: better with a strong embedder, worse with a weak one.

export const RRF_K = 60;
/** λ of score fusion, tuned on SciFact train claims (0.3 best of 0.1-1). */
export const VECTOR_WEIGHT = 0.3;

export type FusionMethod = 'score' | 'rrf';

export type PinReason = 'arxiv-id' | 'title';

/** Why a result is where it is; `paperboy search --json` prints these. */
export interface ScoreParts {
  /** BM25F score in the keyword list, null when the paper was not in it. */
  bm25: number | null;
  /** 1-based rank in the keyword list. */
  lexicalRank: number | null;
  /** Cosine similarity to the query, null when the paper was not in the vector list. */
  vectorSimilarity: number | null;
  vectorRank: number | null;
  /** The fused score the list is ordered by (after pinned papers). */
  fused: number;
  pinned: PinReason | null;
}

/**
 * The vector list to fuse: the index's `k` nearest papers with a positive similarity, completed by
 * the keyword hits' own similarities when `similarity` gives them. An approximate index can miss a
 * keyword hit that is among the query's k nearest papers; scored here, it takes its place, so every
 * paper to which exact search gives a vector score keeps it. With exact results nothing changes: a
 * keyword hit they lack scores below their k-th (or has no vector).
 */
export function vectorList(
  nearest: readonly ListHit[],
  keyword: readonly ListHit[],
  similarity: ((paperId: number) => number | null) | undefined,
  k: number,
): ListHit[] {
  let hits = nearest;
  if (similarity) {
    const found = new Set(nearest.map((h) => h.paperId));
    const extra: ListHit[] = [];
    for (const h of keyword) {
      if (found.has(h.paperId)) continue;
      const score = similarity(h.paperId);
      if (score !== null) extra.push({ paperId: h.paperId, score });
    }
    if (extra.length > 0)
      hits = [...nearest, ...extra].sort((a, b) => b.score - a.score || a.paperId - b.paperId).slice(0, k);
  }
  return hits.filter((h) => h.score > 0);
}

export interface Ranked {
  paperId: number;
  parts: ScoreParts;
}

export interface ListHit {
  paperId: number;
  score: number;
}

export function fuse(
  lexical: readonly ListHit[],
  vector: readonly ListHit[],
  pinned: readonly { paperId: number; reason: PinReason }[] = [],
  method: FusionMethod = 'rrf',
): Ranked[] {
  const best = lexical.reduce((m, h) => Math.max(m, h.score), 0);
  const lexicalPart = (score: number, rank: number) =>
    method === 'rrf' ? 1 / (RRF_K + rank) : best > 0 ? score / best : 0;
  const vectorPart = (score: number, rank: number) =>
    method === 'rrf' ? 1 / (RRF_K + rank) : VECTOR_WEIGHT * score;
  const byId = new Map<number, ScoreParts>();
  const parts = (paperId: number): ScoreParts => {
    let p = byId.get(paperId);
    if (!p) {
      p = { bm25: null, lexicalRank: null, vectorSimilarity: null, vectorRank: null, fused: 0, pinned: null };
      byId.set(paperId, p);
    }
    return p;
  };
  lexical.forEach((h, i) => {
    const p = parts(h.paperId);
    if (p.lexicalRank !== null) return;
    p.bm25 = h.score;
    p.lexicalRank = i + 1;
    p.fused += lexicalPart(h.score, i + 1);
  });
  vector.forEach((h, i) => {
    const p = parts(h.paperId);
    if (p.vectorRank !== null) return;
    p.vectorSimilarity = h.score;
    p.vectorRank = i + 1;
    p.fused += vectorPart(h.score, i + 1);
  });
  for (const pin of pinned) parts(pin.paperId).pinned ??= pin.reason;

  const pinOrder = new Map(pinned.map((p, i) => [p.paperId, i]));
  return [...byId]
    .map(([paperId, p]) => ({ paperId, parts: p }))
    .sort((a, b) => {
      const pa = pinOrder.get(a.paperId);
      const pb = pinOrder.get(b.paperId);
      if (pa !== undefined || pb !== undefined) return (pa ?? Infinity) - (pb ?? Infinity);
      return b.parts.fused - a.parts.fused || b.paperId - a.paperId;
    });
}

/**
 * Re-orders a fused list by a key (date, votes), best first, pinned papers staying on top; ties keep
 * the fused order.
 */
export function orderBy(ranked: readonly Ranked[], key: (paperId: number) => number): Ranked[] {
  const position = new Map(ranked.map((r, i) => [r.paperId, i]));
  return [...ranked].sort((a, b) => {
    const pa = a.parts.pinned !== null;
    const pb = b.parts.pinned !== null;
    if (pa || pb)
      return pa && pb ? (position.get(a.paperId) ?? 0) - (position.get(b.paperId) ?? 0) : pa ? -1 : 1;
    return key(b.paperId) - key(a.paperId) || (position.get(a.paperId) ?? 0) - (position.get(b.paperId) ?? 0);
  });
}
