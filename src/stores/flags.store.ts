// Reports by users about a paper or a comment, one per (user, target), for admins to review.
import type { Kysely } from 'kysely';
import type { FlagRow, FlagTarget } from '../db/community-schema.js';
import type { Database } from '../db/schema.js';

export interface FlagWithReporter extends FlagRow {
  reporter_handle: string;
}

export class FlagsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** False when this user already flagged this target. */
  async insertIfAbsent(
    f: { userId: number; targetType: FlagTarget; targetId: number; reason: string },
    now: string,
  ): Promise<boolean> {
    const row = await this.db
      .insertInto('flags')
      .values({
        user_id: f.userId,
        target_type: f.targetType,
        target_id: f.targetId,
        reason: f.reason,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['user_id', 'target_type', 'target_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async listOpen(limit: number): Promise<FlagWithReporter[]> {
    return this.db
      .selectFrom('flags')
      .innerJoin('users', 'users.id', 'flags.user_id')
      .selectAll('flags')
      .select('users.handle as reporter_handle')
      .where('flags.resolved_at', 'is', null)
      .orderBy('flags.created_at')
      .limit(limit)
      .execute();
  }

  async findById(id: number): Promise<FlagRow | null> {
    return (await this.db.selectFrom('flags').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async resolve(id: number, by: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('flags')
      .set({ resolved_at: now, resolved_by: by })
      .where('id', '=', id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}
