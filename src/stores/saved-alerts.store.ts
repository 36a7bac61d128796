// Topic alerts: a saved search per row, mailed on its subscription's schedule when new papers match.
// `cursor` is the newest paper creation time already considered, moved in the planner's transaction.
import type { Kysely } from 'kysely';
import type { SavedAlertRow } from '../db/delivery-schema.js';
import type { Database } from '../db/schema.js';

/** Ids per `in (...)` list: well under both dialects' bound-parameter limits. */
const CHUNK = 500;

export class SavedAlertsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Saves an alert unless the subscription has the same query; returns whether it was new. */
  async insertIfAbsent(
    subscriptionId: number,
    query: string,
    label: string,
    cursor: string,
    now: string,
  ): Promise<boolean> {
    const row = await this.db
      .insertInto('saved_alerts')
      .values({ subscription_id: subscriptionId, query, label, cursor, created_at: now })
      .onConflict((oc) => oc.columns(['subscription_id', 'query']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async listForSubscription(subscriptionId: number): Promise<SavedAlertRow[]> {
    return this.db
      .selectFrom('saved_alerts')
      .selectAll()
      .where('subscription_id', '=', subscriptionId)
      .orderBy('id')
      .execute();
  }

  /** Alerts of many subscriptions at once, grouped by subscription id. */
  async listForSubscriptions(ids: readonly number[]): Promise<Map<number, SavedAlertRow[]>> {
    const out = new Map<number, SavedAlertRow[]>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('saved_alerts')
        .selectAll()
        .where('subscription_id', 'in', ids.slice(i, i + CHUNK))
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const list = out.get(r.subscription_id) ?? [];
        list.push(r);
        out.set(r.subscription_id, list);
      }
    }
    return out;
  }

  async count(subscriptionId: number): Promise<number> {
    const row = await this.db
      .selectFrom('saved_alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async delete(id: number, subscriptionId: number): Promise<boolean> {
    const res = await this.db
      .deleteFrom('saved_alerts')
      .where('id', '=', id)
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async updateCursor(id: number, cursor: string): Promise<void> {
    await this.db.updateTable('saved_alerts').set({ cursor }).where('id', '=', id).execute();
  }
}
