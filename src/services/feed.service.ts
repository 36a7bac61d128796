// The daily feed and its week, month and trending views.
import {
  addDays,
  addMonths,
  addWeeks,
  dayOf,
  type DayRange,
  isoWeekOf,
  monthOf,
  parseIsoWeek,
  parseMonth,
} from '../domain/days.js';
import {
  compareTrending,
  type TrendingAsOf,
  trendingAsOf,
  type TrendingBreakdown,
  trendingScore,
} from '../domain/trending.js';
import type { Clock } from '../lib/clock.js';
import type { FeedRow } from '../stores/daily-entries.store.js';
import type { Stores } from '../stores/index.js';
import { InvalidInputError } from './errors.js';
import { type PaperCard, toPaperCard } from './paper-card.js';

export type FeedSort = 'top' | 'trending' | 'new';

export interface TrendingCard extends PaperCard {
  trending: TrendingBreakdown;
}

/** When the cards' trending scores were computed (domain/trending.ts trendingAsOf). */
export interface ScoredAt {
  /** ISO timestamp. */
  asOf: string;
  /** Nothing has been featured since the newest feed day, so `asOf` is the end of that day. */
  stale: boolean;
}

export interface DayFeed extends ScoredAt {
  day: string;
  previousDay: string | null;
  nextDay: string | null;
  cards: TrendingCard[];
}

/** Which slice of a long list to return. */
export interface Slice {
  offset: number;
  limit: number;
}

export interface RangeFeed extends ScoredAt {
  /** `YYYY-Www` or `YYYY-MM`. */
  period: string;
  range: DayRange;
  previous: string | null;
  next: string | null;
  /** Papers in the whole period. */
  total: number;
  /** Where `cards` starts in the period's order. */
  offset: number;
  /** The requested slice of the period's papers (all of them without one), in order. */
  cards: TrendingCard[];
}

export interface TrendingFeed extends ScoredAt {
  /** The window of featured days that competed. */
  range: DayRange;
  cards: TrendingCard[];
}

/**
 * When trending scores are computed at this moment, by the one rule in domain/trending.ts. Every
 * score a page ranks by or shows goes through here: the trending list, the sort=trending views and
 * the paper page, so a paper has the same score everywhere.
 */
export async function currentTrendingAsOf(stores: Stores, clock: Clock): Promise<TrendingAsOf> {
  return trendingAsOf(await stores.dailyEntries.findLatestDay(), clock.now());
}

export class FeedService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly trendingWindowDays: number,
  ) {}

  latestDay(): Promise<string | null> {
    return this.stores.dailyEntries.findLatestDay();
  }

  /** A day's feed; without a day, the newest day that has entries. */
  async getDay(day: string | null, sort: FeedSort = 'top'): Promise<DayFeed | null> {
    const latest = await this.stores.dailyEntries.findLatestDay();
    const asOf = trendingAsOf(latest, this.clock.now());
    const target = day ?? latest;
    if (!target) return null;
    const [rows, previousDay, nextDay] = await Promise.all([
      this.stores.dailyEntries.listForDays(target, target),
      this.stores.dailyEntries.findPreviousDay(target),
      this.stores.dailyEntries.findNextDay(target),
    ]);
    return { day: target, previousDay, nextDay, cards: this.rank(rows, sort, asOf.at), ...scoredAt(asOf) };
  }

  /** A week's papers in `sort` order; `slice` picks a page of them (the API and feeds take them all). */
  async getWeek(week: string, sort: FeedSort = 'top', slice?: Slice): Promise<RangeFeed> {
    const range = parseIsoWeek(week);
    if (!range) throw new InvalidInputError('week', `"${week}" is not an ISO week like 2026-W07`);
    return this.getRange(week, range, addWeeks(week, -1), addWeeks(week, 1), sort, slice);
  }

  async getMonth(month: string, sort: FeedSort = 'top', slice?: Slice): Promise<RangeFeed> {
    const range = parseMonth(month);
    if (!range) throw new InvalidInputError('month', `"${month}" is not a month like 2026-02`);
    return this.getRange(month, range, addMonths(month, -1), addMonths(month, 1), sort, slice);
  }

  /** The papers of the newest `days` feed days: newest day first, best first within a day. */
  async getRecent(days: number): Promise<TrendingCard[]> {
    const recent = await this.stores.dailyEntries.listRecentDays(days);
    const oldest = recent.at(-1);
    const newest = recent[0];
    if (!oldest || !newest) return [];
    const asOf = await this.trendingAsOf();
    const cards = this.rank(await this.stores.dailyEntries.listForDays(oldest, newest), 'top', asOf.at);
    return cards.sort((a, b) => (b.featured?.day ?? '').localeCompare(a.featured?.day ?? ''));
  }

  /** The week or month holding the newest feed day (or today when the feed is empty). */
  async currentPeriod(kind: 'week' | 'month'): Promise<string> {
    const day = (await this.stores.dailyEntries.findLatestDay()) ?? dayOf(this.clock.now());
    return kind === 'week' ? isoWeekOf(day) : monthOf(day);
  }

  /**
   * Papers featured in the trending window, best score first. The window ends today, or on the newest
   * feed day when the feed has gone quiet, so a stale instance still shows its last trending papers.
   */
  async getTrending(): Promise<TrendingFeed> {
    const asOf = await this.trendingAsOf();
    const range = { from: addDays(asOf.day, -(this.trendingWindowDays - 1)), to: asOf.day };
    const rows = await this.stores.dailyEntries.listForDays(range.from, range.to);
    return { range, cards: this.rank(rows, 'trending', asOf.at), ...scoredAt(asOf) };
  }

  private trendingAsOf(): Promise<TrendingAsOf> {
    return currentTrendingAsOf(this.stores, this.clock);
  }

  /** Feed rows as cards, best trending score at `at` first (digests rank with this too). */
  rankTrending(rows: FeedRow[], at: Date): TrendingCard[] {
    return this.rank(rows, 'trending', at);
  }

  private async getRange(
    period: string,
    range: DayRange,
    prev: string,
    next: string,
    sort: FeedSort,
    slice: Slice | undefined,
  ): Promise<RangeFeed> {
    const [rows, before, after, asOf] = await Promise.all([
      this.stores.dailyEntries.listForDays(range.from, range.to),
      this.stores.dailyEntries.findPreviousDay(range.from),
      this.stores.dailyEntries.findNextDay(range.to),
      this.trendingAsOf(),
    ]);
    // Ranking needs every paper of the period (the order is computed here, not in SQL); only the
    // slice's cards go back, so a page renders and is marked for the viewer's votes alone.
    const ranked = this.rank(rows, sort, asOf.at);
    const offset = slice?.offset ?? 0;
    return {
      period,
      range,
      previous: before ? prev : null,
      next: after ? next : null,
      total: ranked.length,
      offset,
      cards: slice ? ranked.slice(offset, offset + slice.limit) : ranked,
      ...scoredAt(asOf),
    };
  }

  private rank(rows: FeedRow[], sort: FeedSort, at: Date): TrendingCard[] {
    const cards = rows.map(({ paper, entry }) => {
      const card = toPaperCard(paper, entry);
      return {
        ...card,
        trending: trendingScore(
          { upvotes: card.upvotes, comments: card.comments, featuredAt: entry.featured_at },
          at,
        ),
      };
    });
    const byId = (a: TrendingCard, b: TrendingCard) =>
      a.arxivId < b.arxivId ? 1 : a.arxivId > b.arxivId ? -1 : 0;
    switch (sort) {
      case 'trending':
        return cards.sort((a, b) =>
          compareTrending(
            { breakdown: a.trending, arxivId: a.arxivId },
            { breakdown: b.trending, arxivId: b.arxivId },
          ),
        );
      case 'top':
        return cards.sort((a, b) => b.trending.points - a.trending.points || byId(a, b));
      case 'new':
        return cards.sort(
          (a, b) => (b.featured?.featuredAt ?? '').localeCompare(a.featured?.featuredAt ?? '') || byId(a, b),
        );
    }
  }
}

function scoredAt(asOf: TrendingAsOf): ScoredAt {
  return { asOf: asOf.at.toISOString(), stale: asOf.stale };
}
