// Browser sessions, keyed by the SHA-256 of the cookie value.
import type { Kysely } from 'kysely';
import type { SessionRow } from '../db/community-schema.js';
import type { Database } from '../db/schema.js';

export class SessionsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  async find(tokenHash: string): Promise<SessionRow | null> {
    return (
      (await this.db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst()) ?? null
    );
  }

  /** Moves last_seen_at only when it is older than `staleBefore`: at most one write a minute per session. */
  async touch(tokenHash: string, now: string, staleBefore: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('token_hash', '=', tokenHash)
      .where('last_seen_at', '<', staleBefore)
      .execute();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Sign out everywhere (and what a ban does): returns how many sessions ended. */
  async deleteForUser(userId: number): Promise<number> {
    const res = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** After a password change: every other session of the user ends. */
  async deleteForUserExcept(userId: number, keepTokenHash: string): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('token_hash', '!=', keepTokenHash)
      .execute();
  }

  async countForUser(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async deleteExpired(now: string, idleBefore: string): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
      .execute();
  }
}
