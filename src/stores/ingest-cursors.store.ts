// Where each resumable harvest stands. The value is JSON the ingest service defines and validates;
// it is saved in the same transaction as the records of the page it follows.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export class IngestCursorsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The parsed JSON value, or null when no harvest of that name has run. */
  async find(name: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('ingest_cursors')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? (JSON.parse(row.value) as unknown) : null;
  }

  async save(name: string, value: unknown, now: string): Promise<void> {
    const json = JSON.stringify(value);
    await this.db
      .insertInto('ingest_cursors')
      .values({ name, value: json, updated_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: json, updated_at: now }))
      .execute();
  }
}
