// When each recurring schedule fires next. Every serve and worker process ticks the same schedules;
// `compareAndSet` is how exactly one of them claims an occurrence: only the UPDATE that still sees the
// next_run_at it read changes the row (PostgreSQL re-checks the condition after waiting for the row
// lock; SQLite runs one writer at a time).
import type { Kysely, Selectable } from 'kysely';
import type { Database, SchedulesTable } from '../db/schema.js';

export type ScheduleRow = Selectable<SchedulesTable>;

export class SchedulesStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates the schedule's row, first due at `nextRunAt`, unless it exists. */
  async insertIfAbsent(name: string, nextRunAt: string): Promise<void> {
    await this.db
      .insertInto('schedules')
      .values({ name, next_run_at: nextRunAt, last_enqueued_at: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  async find(name: string): Promise<ScheduleRow | null> {
    return (
      (await this.db.selectFrom('schedules').selectAll().where('name', '=', name).executeTakeFirst()) ?? null
    );
  }

  async delete(name: string): Promise<boolean> {
    const res = await this.db.deleteFrom('schedules').where('name', '=', name).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async list(): Promise<ScheduleRow[]> {
    return this.db.selectFrom('schedules').selectAll().orderBy('name').execute();
  }

  /**
   * Moves next_run_at from `expected` to `next` if no one else has moved it since it was read; true
   * for the one caller that did. `enqueuedAt` records that this move enqueued an occurrence.
   */
  async compareAndSet(
    name: string,
    expected: string,
    next: string,
    enqueuedAt: string | null,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('schedules')
      .set({ next_run_at: next, ...(enqueuedAt !== null ? { last_enqueued_at: enqueuedAt } : {}) })
      .where('name', '=', name)
      .where('next_run_at', '=', expected)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
