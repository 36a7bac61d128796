// A reader's saved papers (migration 012): one row per (user, paper), read or unread, with a note.
import type { Kysely } from 'kysely';
import type { LibraryItemRow } from '../db/library-schema.js';
import type { Database } from '../db/schema.js';

export type LibraryFilter = 'all' | 'unread' | 'read';

export class LibraryStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** True when the paper was not saved before. */
  async save(userId: number, paperId: number, now: string): Promise<boolean> {
    const row = await this.db
      .insertInto('library_items')
      .values({ user_id: userId, paper_id: paperId, saved_at: now, read_at: null, note: '', updated_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
      .returning('paper_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async remove(userId: number, paperId: number): Promise<boolean> {
    const res = await this.db
      .deleteFrom('library_items')
      .where('user_id', '=', userId)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async update(
    userId: number,
    paperId: number,
    change: { readAt?: string | null; note?: string },
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('library_items')
      .set({
        ...(change.readAt !== undefined ? { read_at: change.readAt } : {}),
        ...(change.note !== undefined ? { note: change.note } : {}),
        updated_at: now,
      })
      .where('user_id', '=', userId)
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async find(userId: number, paperId: number): Promise<LibraryItemRow | null> {
    return (
      (await this.db
        .selectFrom('library_items')
        .selectAll()
        .where('user_id', '=', userId)
        .where('paper_id', '=', paperId)
        .executeTakeFirst()) ?? null
    );
  }

  /** Newest saved first. */
  async list(
    userId: number,
    filter: LibraryFilter,
    limit: number,
    offset: number,
  ): Promise<LibraryItemRow[]> {
    let q = this.db.selectFrom('library_items').selectAll().where('user_id', '=', userId);
    if (filter === 'unread') q = q.where('read_at', 'is', null);
    if (filter === 'read') q = q.where('read_at', 'is not', null);
    return q.orderBy('saved_at', 'desc').orderBy('paper_id', 'desc').limit(limit).offset(offset).execute();
  }

  async count(userId: number): Promise<{ all: number; unread: number }> {
    const row = await this.db
      .selectFrom('library_items')
      .select((eb) => [
        eb.fn.countAll<number>().as('all'),
        eb.fn.count<number>(eb.case().when('read_at', 'is', null).then(1).end()).as('unread'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return { all: Number(row?.all ?? 0), unread: Number(row?.unread ?? 0) };
  }

  async listSavedAmong(userId: number, paperIds: readonly number[]): Promise<Set<number>> {
    if (paperIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('library_items')
      .select('paper_id')
      .where('user_id', '=', userId)
      .where('paper_id', 'in', [...paperIds])
      .execute();
    return new Set(rows.map((r) => r.paper_id));
  }

  /** Every saved paper, with when (what the "for you" feed learns from). */
  async listAll(userId: number): Promise<{ paper_id: number; saved_at: string }[]> {
    return this.db
      .selectFrom('library_items')
      .select(['paper_id', 'saved_at'])
      .where('user_id', '=', userId)
      .orderBy('saved_at')
      .execute();
  }
}
