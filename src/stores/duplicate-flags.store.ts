// Pairs of papers that look like one paper under two arXiv ids, waiting for a curator.
import type { Kysely } from 'kysely';
import type { Database, DuplicateFlagRow } from '../db/schema.js';

export interface NewDuplicateFlag {
  /** The paper that arrived later. */
  paperId: number;
  otherPaperId: number;
  reason: string;
}

export interface DuplicateFlagWithPapers extends DuplicateFlagRow {
  arxiv_id: string;
  title: string;
  other_arxiv_id: string;
  other_title: string;
}

export class DuplicateFlagsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the flags not already there (in either status); returns how many were new. */
  async insertMany(flags: readonly NewDuplicateFlag[], now: string): Promise<number> {
    if (flags.length === 0) return 0;
    const rows = await this.db
      .insertInto('duplicate_flags')
      .values(
        flags.map((f) => ({
          paper_id: f.paperId,
          other_paper_id: f.otherPaperId,
          reason: f.reason,
          status: 'open',
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['paper_id', 'other_paper_id']).doNothing())
      .returning('id')
      .execute();
    return rows.length;
  }

  async findById(id: number): Promise<DuplicateFlagRow | null> {
    return (
      (await this.db.selectFrom('duplicate_flags').selectAll().where('id', '=', id).executeTakeFirst()) ??
      null
    );
  }

  /** Flags in one status with both papers' ids and titles, oldest first. */
  async listByStatus(status: string, limit: number): Promise<DuplicateFlagWithPapers[]> {
    return this.db
      .selectFrom('duplicate_flags as f')
      .innerJoin('papers as p', 'p.id', 'f.paper_id')
      .innerJoin('papers as o', 'o.id', 'f.other_paper_id')
      .selectAll('f')
      .select(['p.arxiv_id', 'p.title', 'o.arxiv_id as other_arxiv_id', 'o.title as other_title'])
      .where('f.status', '=', status)
      .orderBy('f.id')
      .limit(limit)
      .execute();
  }

  /** Moves an open flag to another status; false when it was not open. */
  async resolve(id: number, status: 'dismissed' | 'merged', now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('duplicate_flags')
      .set({ status, resolved_at: now })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
