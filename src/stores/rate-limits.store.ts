// Fixed-window counters shared by every process through the database.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export class RateLimitsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Counts one more hit in the window and returns the window's count, atomically (upsert). */
  async hit(key: string, windowStart: string): Promise<number> {
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ count: eb('rate_limits.count', '+', 1) })),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async deleteBefore(windowStart: string): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('window_start', '<', windowStart).execute();
  }
}
