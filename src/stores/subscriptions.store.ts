// Email subscriptions: one row per address (stored trimmed and lowercased), with or without an account.
// The planner's claim on a due subscription is `advance`: a compare-and-set on next_due_at, in the same
// transaction as the digest it writes to the outbox, so two planners never both take one period.
import { type Kysely, sql } from 'kysely';
import type {
  CadenceName,
  SubscriptionRow,
  SubscriptionStatus,
  SubscriptionsTable,
} from '../db/delivery-schema.js';
import type { Database } from '../db/schema.js';

export interface NewSubscription {
  email: string;
  userId: number | null;
  status: SubscriptionStatus;
  cadence: CadenceName;
  skipWeekends: boolean;
  hour: number;
  timeZone: string;
  digest: boolean;
  nextDueAt: string | null;
  confirmedAt: string | null;
}

/** What a subscriber can change on the manage page. */
export interface SubscriptionSettings {
  cadence: CadenceName;
  skipWeekends: boolean;
  hour: number;
  timeZone: string;
  digest: boolean;
}

type Patch = Partial<Omit<SubscriptionsTable, 'id' | 'email' | 'created_at'>>;

export class SubscriptionsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<SubscriptionRow | null> {
    return (
      (await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
    );
  }

  async findByEmail(email: string): Promise<SubscriptionRow | null> {
    return (
      (await this.db.selectFrom('subscriptions').selectAll().where('email', '=', email).executeTakeFirst()) ??
      null
    );
  }

  /** Inserts unless the address has a subscription; returns the row either way. */
  async insertIfAbsent(s: NewSubscription, now: string): Promise<{ row: SubscriptionRow; created: boolean }> {
    const inserted = await this.db
      .insertInto('subscriptions')
      .values({
        email: s.email,
        user_id: s.userId,
        status: s.status,
        cadence: s.cadence,
        skip_weekends: s.skipWeekends ? 1 : 0,
        hour: s.hour,
        time_zone: s.timeZone,
        digest: s.digest ? 1 : 0,
        next_due_at: s.nextDueAt,
        digest_cursor: null,
        failures: 0,
        created_at: now,
        updated_at: now,
        confirmed_at: s.confirmedAt,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: inserted, created: true };
    const existing = await this.findByEmail(s.email);
    if (!existing) throw new Error(`subscription for ${s.email} vanished while inserting`);
    return { row: existing, created: false };
  }

  async update(id: number, patch: Patch, now: string): Promise<SubscriptionRow | null> {
    return (
      (await this.db
        .updateTable('subscriptions')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()) ?? null
    );
  }

  /** Active subscriptions whose next send time has come, longest waiting first. */
  async listDue(now: string, limit: number, afterId = 0): Promise<SubscriptionRow[]> {
    return this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('status', '=', 'active')
      .where('next_due_at', '<=', now)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * Moves a subscription past a period if nobody has since it was read (next_due_at still
   * `expected`); false when another planner did, or the subscriber changed their schedule.
   */
  async advance(id: number, expected: string, nextDueAt: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('subscriptions')
      .set({ next_due_at: nextDueAt, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('next_due_at', '=', expected)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async setDigestCursor(id: number, cursor: string): Promise<void> {
    await this.db.updateTable('subscriptions').set({ digest_cursor: cursor }).where('id', '=', id).execute();
  }

  /**
   * Counts a hard failure (an address refused, a bounce, an email given up); at `pauseAfter` in a
   * row an active subscription is paused. Returns the row after the change.
   */
  async recordFailure(
    id: number,
    error: string,
    pauseAfter: number,
    now: string,
  ): Promise<SubscriptionRow | null> {
    const reason = `paused after ${pauseAfter} delivery failures in a row: ${error}`.slice(0, 500);
    return (
      (await this.db
        .updateTable('subscriptions')
        .set({
          failures: sql<number>`failures + 1`,
          last_failure_at: now,
          last_error: error.slice(0, 500),
          status: sql<SubscriptionStatus>`case when status = 'active' and failures + 1 >= ${pauseAfter} then 'paused' else status end`,
          paused_reason: sql<
            string | null
          >`case when status = 'active' and failures + 1 >= ${pauseAfter} then ${reason} else paused_reason end`,
          next_due_at: sql<
            string | null
          >`case when status = 'active' and failures + 1 >= ${pauseAfter} then null else next_due_at end`,
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()) ?? null
    );
  }

  /** A delivered email ends a run of failures. */
  async resetFailures(id: number, now: string): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ failures: 0, updated_at: now })
      .where('id', '=', id)
      .where('failures', '>', 0)
      .execute();
  }

  async countByStatus(): Promise<Record<SubscriptionStatus, number>> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<SubscriptionStatus, number> = { pending: 0, active: 0, paused: 0, unsubscribed: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  /** Paused subscriptions and active ones that have started failing, for the admin page. */
  async listTroubled(limit: number): Promise<SubscriptionRow[]> {
    return this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where((eb) => eb.or([eb('status', '=', 'paused'), eb('failures', '>', 0)]))
      .where('status', '!=', 'unsubscribed')
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** Pending subscriptions never confirmed since `before`: deleted, with their tokens. */
  async deleteStalePending(before: string): Promise<number> {
    const res = await this.db
      .deleteFrom('subscriptions')
      .where('status', '=', 'pending')
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
