// Upvotes: one row per (user, paper). papers.upvotes is the exact count of these rows, recounted in
// the transaction that changes them (after lockPaper).
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { Database, PaperRow } from '../db/schema.js';
import { lockPaper } from './paper-lock.js';

export class VotesStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  lockPaper(paperId: number): Promise<boolean> {
    return lockPaper(this.db, this.dialect, paperId);
  }

  /** True when the vote is new. */
  async insertIfAbsent(userId: number, paperId: number, now: string): Promise<boolean> {
    const row = await this.db
      .insertInto('votes')
      .values({ user_id: userId, paper_id: paperId, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
      .returning('paper_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** True when there was a vote to remove. */
  async delete(userId: number, paperId: number): Promise<boolean> {
    const res = await this.db
      .deleteFrom('votes')
      .where('user_id', '=', userId)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /**
   * Sets papers.upvotes to the number of vote rows and returns it. `touchedAt` also moves the paper's
   * modified_at, so the search index's change cursor picks up the new count (the votes sort).
   */
  async recount(paperId: number, touchedAt: string | null = null): Promise<number> {
    const row = await this.db
      .updateTable('papers')
      .set((eb) => ({
        upvotes: eb
          .selectFrom('votes')
          .select((v) => v.fn.countAll<number>().as('n'))
          .where('votes.paper_id', '=', paperId),
        ...(touchedAt ? { modified_at: touchedAt } : {}),
      }))
      .where('id', '=', paperId)
      .returning('upvotes')
      .executeTakeFirstOrThrow();
    return Number(row.upvotes);
  }

  async countForPaper(paperId: number): Promise<number> {
    const row = await this.db
      .selectFrom('votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async hasVoted(userId: number, paperId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('votes')
      .select('paper_id')
      .where('user_id', '=', userId)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Which of these papers the user has upvoted. */
  async listVotedAmong(userId: number, paperIds: readonly number[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (let i = 0; i < paperIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('votes')
        .select('paper_id')
        .where('user_id', '=', userId)
        .where('paper_id', 'in', paperIds.slice(i, i + 500))
        .execute();
      for (const r of rows) out.add(r.paper_id);
    }
    return out;
  }

  /** The papers a user upvoted, newest vote first. */
  async listPapersForUser(userId: number, limit: number): Promise<PaperRow[]> {
    return this.db
      .selectFrom('votes')
      .innerJoin('papers', 'papers.id', 'votes.paper_id')
      .selectAll('papers')
      .where('votes.user_id', '=', userId)
      .orderBy('votes.created_at', 'desc')
      .limit(limit)
      .execute();
  }
}
