// `scoreParts` as the CLI's `search --json` and the API's search entries print them: why a paper
// ranks where it does, rounded for reading, the same fields in both.
import type { ScoreParts } from './fusion.js';

export interface ScorePartsJson {
  bm25: number | null;
  lexicalRank: number | null;
  vectorSimilarity: number | null;
  vectorRank: number | null;
  fused: number;
  pinned: ScoreParts['pinned'];
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

export function scorePartsJson(parts: ScoreParts): ScorePartsJson {
  return {
    bm25: round(parts.bm25),
    lexicalRank: parts.lexicalRank,
    vectorSimilarity: round(parts.vectorSimilarity),
    vectorRank: parts.vectorRank,
    fused: Math.round(parts.fused * 1e6) / 1e6,
    pinned: parts.pinned,
  };
}
