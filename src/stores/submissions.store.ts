// Community submissions are daily entries with a local submitter; curator edits of a paper (title
// override, code and project links) sit beside them as the other community write to papers.
import type { Kysely } from 'kysely';
import type { Database, DailyEntryRow, PaperRow } from '../db/schema.js';

export interface PaperOverrides {
  titleOverride: string | null;
  githubRepo: string | null;
  projectPage: string | null;
}

export class SubmissionsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(
    e: { paperId: number; day: string; userId: number; handle: string; displayName: string; source: string },
    now: string,
  ): Promise<boolean> {
    const row = await this.db
      .insertInto('daily_entries')
      .values({
        paper_id: e.paperId,
        day: e.day,
        featured_at: now,
        source: e.source,
        submitter_name: e.handle,
        submitter_fullname: e.displayName,
        submitter_avatar_url: null,
        submitted_by: e.userId,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['day', 'paper_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Records who put an existing entry there (curator picks go through CurationService). */
  async setSubmitter(day: string, paperId: number, userId: number): Promise<void> {
    await this.db
      .updateTable('daily_entries')
      .set({ submitted_by: userId })
      .where('day', '=', day)
      .where('paper_id', '=', paperId)
      .where('submitted_by', 'is', null)
      .execute();
  }

  async countByUserSince(userId: number, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('submitted_by', '=', userId)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async listForUser(userId: number, limit: number): Promise<{ paper: PaperRow; entry: DailyEntryRow }[]> {
    const entries = await this.db
      .selectFrom('daily_entries')
      .selectAll()
      .where('submitted_by', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    if (entries.length === 0) return [];
    const papers = await this.db
      .selectFrom('papers')
      .selectAll()
      .where(
        'id',
        'in',
        entries.map((e) => e.paper_id),
      )
      .execute();
    const byId = new Map(papers.map((p) => [p.id, p]));
    return entries.flatMap((entry) => {
      const paper = byId.get(entry.paper_id);
      return paper ? [{ paper, entry }] : [];
    });
  }

  /** Takes a paper off a day's feed; false when it was not on it. */
  async deleteEntry(day: string, paperId: number): Promise<boolean> {
    const res = await this.db
      .deleteFrom('daily_entries')
      .where('day', '=', day)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async setOverrides(paperId: number, o: PaperOverrides): Promise<void> {
    await this.db
      .updateTable('papers')
      .set({
        title_override: o.titleOverride,
        curated_github_repo: o.githubRepo,
        curated_project_page: o.projectPage,
      })
      .where('id', '=', paperId)
      .execute();
  }
}
