// The trending score: community points that decay with the age of the paper on the feed.
//
//   points = upvotes + COMMENT_WEIGHT × comments
//   score  = points / (age_days + 1) ^ GRAVITY
//
// age_days is measured from the moment the paper was first featured. A day-old paper needs
// 2^1.5 ≈ 2.8 times the points of a fresh one to rank beside it; a week-old one needs 8^1.5 ≈ 23 times.
// The about page shows this formula, and every paper page shows its own breakdown.
//
// Every score a page shows or ranks by is computed at one moment, trendingAsOf: now, or the end of
// the newest feed day when nothing has been featured since (a stale instance keeps the scores its
// last papers had instead of decaying them for months).
import { dayOf } from './days.js';

export const COMMENT_WEIGHT = 0.5;
export const GRAVITY = 1.5;
const MS_PER_DAY = 86_400_000;

export interface TrendingInput {
  upvotes: number;
  comments: number;
  /** ISO timestamp of the first time the paper was featured. */
  featuredAt: string;
}

export interface TrendingBreakdown {
  upvotes: number;
  comments: number;
  points: number;
  ageDays: number;
  score: number;
}

export function trendingScore(input: TrendingInput, now: Date): TrendingBreakdown {
  const points = input.upvotes + COMMENT_WEIGHT * input.comments;
  // A clock slightly behind the feed must not make a paper younger than new.
  const ageDays = Math.max(0, (now.getTime() - Date.parse(input.featuredAt)) / MS_PER_DAY);
  const score = points / Math.pow(ageDays + 1, GRAVITY);
  return { upvotes: input.upvotes, comments: input.comments, points, ageDays, score };
}

/** When trending scores are computed. */
export interface TrendingAsOf {
  /** The newest day whose papers compete: today, or the newest feed day when that is earlier. */
  day: string;
  /** The moment scores are computed at: now, or the last instant of `day` when the feed is stale. */
  at: Date;
  /** Nothing has been featured today or later. */
  stale: boolean;
}

/**
 * The one rule for the moment trending scores are computed at, given the newest day with feed
 * entries (null for an empty feed). A newest day ahead of the clock counts as today.
 */
export function trendingAsOf(newestFeedDay: string | null, now: Date): TrendingAsOf {
  const today = dayOf(now);
  if (newestFeedDay === null || newestFeedDay >= today) return { day: today, at: now, stale: false };
  return { day: newestFeedDay, at: new Date(`${newestFeedDay}T23:59:59.999Z`), stale: true };
}

/** Sorts by score, then by points, then by arXiv id, so equal scores keep a stable order. */
export function compareTrending(
  a: { breakdown: TrendingBreakdown; arxivId: string },
  b: { breakdown: TrendingBreakdown; arxivId: string },
): number {
  return (
    b.breakdown.score - a.breakdown.score ||
    b.breakdown.points - a.breakdown.points ||
    (a.arxivId < b.arxivId ? 1 : a.arxivId > b.arxivId ? -1 : 0)
  );
}
