// Retrieval metrics as BEIR reports them (binary relevance): nDCG@10 and Recall@100, averaged over queries.

export type EvalSet = { id: string; query: string; relevant: string[] }[];

export function ndcgAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let hit = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hit++;
  return hit / relevant.size;
}

export interface Scores {
  ndcg10: number;
  recall100: number;
}

/** Mean nDCG@10 and Recall@100 of a ranking function over a query set. */
export async function evaluate(
  set: EvalSet,
  rank: (query: string) => Promise<string[]> | string[],
): Promise<Scores> {
  let ndcg = 0;
  let recall = 0;
  for (const q of set) {
    const ranked = await rank(q.query);
    const rel = new Set(q.relevant);
    ndcg += ndcgAt(ranked, rel, 10);
    recall += recallAt(ranked, rel, 100);
  }
  return { ndcg10: ndcg / set.length, recall100: recall / set.length };
}

/** Reciprocal rank fusion: each list adds weight / (k + rank); missing from a list adds nothing. */
export function reciprocalRankFusion(lists: { ids: readonly string[]; weight: number }[], k = 60): string[] {
  const score = new Map<string, number>();
  for (const { ids, weight } of lists)
    ids.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + weight / (k + i + 1)));
  return [...score.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}
