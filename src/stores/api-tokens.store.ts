// Personal API tokens, keyed by the SHA-256 of the token; revoked tokens stay listed, marked.
import type { Kysely } from 'kysely';
import type { ApiTokenRow, TokenScope } from '../db/community-schema.js';
import type { Database } from '../db/schema.js';

export class ApiTokensStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(
    t: { userId: number; name: string; tokenHash: string; prefix: string; scope: TokenScope },
    now: string,
  ): Promise<ApiTokenRow> {
    return this.db
      .insertInto('api_tokens')
      .values({
        user_id: t.userId,
        name: t.name,
        token_hash: t.tokenHash,
        token_prefix: t.prefix,
        scope: t.scope,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findActiveByHash(tokenHash: string): Promise<ApiTokenRow | null> {
    return (
      (await this.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()) ?? null
    );
  }

  async listForUser(userId: number): Promise<ApiTokenRow[]> {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .execute();
  }

  async countActive(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Only the owner's own token; false when there is none to revoke. */
  async revoke(id: number, userId: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async revokeAllForUser(userId: number, now: string): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** At most one write a minute per token. */
  async touch(id: number, now: string, staleBefore: string): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
      .execute();
  }
}
