// Who is running the harvest of an ingest cursor. A lease is taken when free or lapsed, renewed by its
// holder (inside each page's transaction, which also locks the row until that page commits), and
// released when the harvest ends. Every change is conditional on the holder, so a harvester that lost
// its lease cannot extend or drop its successor's.
import type { Kysely, Selectable } from 'kysely';
import type { Database, IngestLeasesTable } from '../db/schema.js';

export type IngestLeaseRow = Selectable<IngestLeasesTable>;

export class IngestLeasesStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(name: string): Promise<IngestLeaseRow | null> {
    return (
      (await this.db.selectFrom('ingest_leases').selectAll().where('name', '=', name).executeTakeFirst()) ??
      null
    );
  }

  /** Takes the lease if nobody holds it or it lapsed by `now`; returns who holds it afterwards. */
  async acquire(name: string, holder: string, now: string, expiresAt: string): Promise<IngestLeaseRow> {
    await this.db
      .insertInto('ingest_leases')
      .values({ name, holder, acquired_at: now, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, acquired_at: now, expires_at: expiresAt })
          .where('ingest_leases.expires_at', '<=', now),
      )
      .execute();
    const row = await this.find(name);
    if (!row) throw new Error(`ingest lease ${name} vanished while being taken`);
    return row;
  }

  /** Takes the lease from `from` (a holder known to be gone); false when it changed hands meanwhile. */
  async takeOver(
    name: string,
    from: string,
    holder: string,
    now: string,
    expiresAt: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('ingest_leases')
      .set({ holder, acquired_at: now, expires_at: expiresAt })
      .where('name', '=', name)
      .where('holder', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Extends the lease; false when `holder` no longer holds it. */
  async renew(name: string, holder: string, expiresAt: string): Promise<boolean> {
    const res = await this.db
      .updateTable('ingest_leases')
      .set({ expires_at: expiresAt })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('ingest_leases').where('name', '=', name).where('holder', '=', holder).execute();
  }
}
