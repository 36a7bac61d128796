// The daily feed: which paper was featured on which day, by whom.
import type { Kysely } from 'kysely';
import type { Database, DailyEntryRow, PaperRow } from '../db/schema.js';

export interface NewDailyEntry {
  paperId: number;
  day: string;
  featuredAt: string;
  source: string;
  submitterName: string | null;
  submitterFullname: string | null;
  submitterAvatarUrl: string | null;
  /** Hugging Face's `publishedAt` of a mirrored entry. */
  hfPublishedAt?: string | null;
}

export interface FeedRow {
  paper: PaperRow;
  entry: DailyEntryRow;
}

export class DailyEntriesStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Puts a paper on a day's feed unless it is there already. An existing entry keeps its day and
   * time; a submitter or Hugging Face time it lacked is filled in.
   */
  async upsert(e: NewDailyEntry, now: string): Promise<'inserted' | 'filled' | 'unchanged'> {
    const row = await this.db
      .insertInto('daily_entries')
      .values({
        paper_id: e.paperId,
        day: e.day,
        featured_at: e.featuredAt,
        source: e.source,
        submitter_name: e.submitterName,
        submitter_fullname: e.submitterFullname,
        submitter_avatar_url: e.submitterAvatarUrl,
        hf_published_at: e.hfPublishedAt ?? null,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['day', 'paper_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return 'inserted';
    let filled = 0;
    if (e.submitterName !== null) {
      const res = await this.db
        .updateTable('daily_entries')
        .set({
          submitter_name: e.submitterName,
          submitter_fullname: e.submitterFullname,
          submitter_avatar_url: e.submitterAvatarUrl,
        })
        .where('day', '=', e.day)
        .where('paper_id', '=', e.paperId)
        .where('submitter_name', 'is', null)
        .executeTakeFirst();
      filled += Number(res.numUpdatedRows);
    }
    if (e.hfPublishedAt) {
      const res = await this.db
        .updateTable('daily_entries')
        .set({ hf_published_at: e.hfPublishedAt })
        .where('day', '=', e.day)
        .where('paper_id', '=', e.paperId)
        .where('hf_published_at', 'is', null)
        .executeTakeFirst();
      filled += Number(res.numUpdatedRows);
    }
    return filled > 0 ? 'filled' : 'unchanged';
  }

  /** The newest days that have entries, newest first. */
  async listRecentDays(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('daily_entries')
      .select('day')
      .distinct()
      .orderBy('day', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.day);
  }

  async findLatestDay(): Promise<string | null> {
    const row = await this.db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.max('day').as('day'))
      .executeTakeFirst();
    return row?.day ?? null;
  }

  async findPreviousDay(day: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.max('day').as('day'))
      .where('day', '<', day)
      .executeTakeFirst();
    return row?.day ?? null;
  }

  async findNextDay(day: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.min('day').as('day'))
      .where('day', '>', day)
      .executeTakeFirst();
    return row?.day ?? null;
  }

  /**
   * Entries featured between two days (inclusive), one per paper: the earliest time it was featured
   * in the range.
   */
  async listForDays(from: string, to: string): Promise<FeedRow[]> {
    const entries = await this.db
      .selectFrom('daily_entries')
      .selectAll()
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('featured_at')
      .orderBy('id')
      .execute();
    return this.attachPapers(entries);
  }

  /**
   * Entries added to the feed in (after, upTo], one per paper (its first entry in that window): what a
   * digest holds. Migration 007 indexes created_at.
   */
  async listCreatedBetween(after: string, upTo: string): Promise<FeedRow[]> {
    const entries = await this.db
      .selectFrom('daily_entries')
      .selectAll()
      .where('created_at', '>', after)
      .where('created_at', '<=', upTo)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return this.attachPapers(entries);
  }

  /** The days a paper was featured, oldest first. */
  async listForPaper(paperId: number): Promise<DailyEntryRow[]> {
    return this.db
      .selectFrom('daily_entries')
      .selectAll()
      .where('paper_id', '=', paperId)
      .orderBy('day')
      .execute();
  }

  /** Each paper's first day on the feed (as on its page), for the papers that have been featured. */
  async listFirstForPapers(paperIds: readonly number[]): Promise<Map<number, DailyEntryRow>> {
    const first = new Map<number, DailyEntryRow>();
    for (let i = 0; i < paperIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('daily_entries')
        .selectAll()
        .where('paper_id', 'in', paperIds.slice(i, i + 500))
        .orderBy('paper_id')
        .orderBy('day')
        .execute();
      for (const r of rows) if (!first.has(r.paper_id)) first.set(r.paper_id, r);
    }
    return first;
  }

  async countDays(): Promise<number> {
    const row = await this.db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.count<number>('day').distinct().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private async attachPapers(entries: DailyEntryRow[]): Promise<FeedRow[]> {
    const first = new Map<number, DailyEntryRow>();
    for (const e of entries) if (!first.has(e.paper_id)) first.set(e.paper_id, e);
    if (first.size === 0) return [];
    const papers = new Map<number, PaperRow>();
    const ids = [...first.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('papers')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) papers.set(r.id, r);
    }
    const out: FeedRow[] = [];
    for (const [paperId, entry] of first) {
      const paper = papers.get(paperId);
      if (paper) out.push({ paper, entry });
    }
    return out;
  }
}
