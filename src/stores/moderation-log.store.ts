// Every moderation action, append-only, for moderators to read.
import type { Kysely } from 'kysely';
import type { ModerationLogRow } from '../db/community-schema.js';
import type { Database } from '../db/schema.js';

export interface ModerationEntry {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string;
  detail: string;
}

export interface ModerationLogWithActor extends ModerationLogRow {
  actor_handle: string | null;
}

export class ModerationLogStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(e: ModerationEntry, now: string): Promise<void> {
    await this.db
      .insertInto('moderation_log')
      .values({
        actor_id: e.actorId,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId,
        detail: e.detail,
        created_at: now,
      })
      .execute();
  }

  async list(limit: number): Promise<ModerationLogWithActor[]> {
    return this.db
      .selectFrom('moderation_log')
      .leftJoin('users', 'users.id', 'moderation_log.actor_id')
      .selectAll('moderation_log')
      .select('users.handle as actor_handle')
      .orderBy('moderation_log.id', 'desc')
      .limit(limit)
      .execute();
  }
}
