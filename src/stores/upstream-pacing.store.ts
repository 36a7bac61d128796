// When each upstream service may next be asked, and who holds its turn, shared by every process on
// the database. The http client takes the turn with `compareAndSet` (only the UPDATE that still sees
// the time it read changes the row: PostgreSQL re-checks the condition after waiting for the row
// lock, SQLite runs one writer at a time) and holds everyone back with `postpone`.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The time of a service nobody has asked yet: due at once. */
export const DUE_AT_ONCE = new Date(0).toISOString();

export interface UpstreamTurn {
  /** The earliest start of the next request (ISO). */
  nextRequestAt: string;
  /** Who holds the turn while their request is out (a holder id), or null. */
  heldBy: string | null;
}

export class UpstreamPacingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(upstream: string): Promise<UpstreamTurn> {
    const row = await this.db
      .selectFrom('upstream_pacing')
      .select(['next_request_at', 'held_by'])
      .where('upstream', '=', upstream)
      .executeTakeFirst();
    return { nextRequestAt: row?.next_request_at ?? DUE_AT_ONCE, heldBy: row?.held_by ?? null };
  }

  /**
   * Moves the time from `expected` (as read) to `next`, with `heldBy` as the new holder (null: nobody);
   * false when another process moved it first. The first call for a service creates its row.
   */
  async compareAndSet(
    upstream: string,
    expected: string,
    next: string,
    heldBy: string | null,
  ): Promise<boolean> {
    if (expected === DUE_AT_ONCE) {
      const inserted = await this.db
        .insertInto('upstream_pacing')
        .values({ upstream, next_request_at: next, held_by: heldBy })
        .onConflict((oc) => oc.column('upstream').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    }
    const res = await this.db
      .updateTable('upstream_pacing')
      .set({ next_request_at: next, held_by: heldBy })
      .where('upstream', '=', upstream)
      .where('next_request_at', '=', expected)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Moves the time to `until`, unless it is already later (a backoff, a Retry-After). */
  async postpone(upstream: string, until: string): Promise<void> {
    await this.db
      .insertInto('upstream_pacing')
      .values({ upstream, next_request_at: until, held_by: null })
      .onConflict((oc) =>
        oc
          .column('upstream')
          .doUpdateSet({ next_request_at: until })
          .where('upstream_pacing.next_request_at', '<', until),
      )
      .execute();
  }
}
