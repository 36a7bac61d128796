// Values the instance generates once and every process shares (the server secret).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export class SettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored value, or `value` stored now; concurrent first starts all get the winner's value. */
  async getOrCreate(name: string, value: string, now: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ name, value, created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return row.value;
  }
}
