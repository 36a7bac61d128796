// What a reader follows (migration 012): authors, categories, members and saved searches.
import type { Kysely } from 'kysely';
import type { FollowKind, FollowRow } from '../db/library-schema.js';
import type { Database } from '../db/schema.js';

export class FollowsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** True when new. */
  async insert(
    userId: number,
    kind: FollowKind,
    target: string,
    label: string,
    now: string,
  ): Promise<boolean> {
    const row = await this.db
      .insertInto('follows')
      .values({ user_id: userId, kind, target, label, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'target']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async delete(userId: number, id: number): Promise<boolean> {
    const res = await this.db
      .deleteFrom('follows')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async deleteTarget(userId: number, kind: FollowKind, target: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('follows')
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('target', '=', target)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async list(userId: number): Promise<FollowRow[]> {
    return this.db
      .selectFrom('follows')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async count(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('follows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async find(userId: number, kind: FollowKind, target: string): Promise<FollowRow | null> {
    return (
      (await this.db
        .selectFrom('follows')
        .selectAll()
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .where('target', '=', target)
        .executeTakeFirst()) ?? null
    );
  }
}
