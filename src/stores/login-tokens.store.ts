// One-time sign-in links, keyed by the SHA-256 of the token in the link.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export class LoginTokensStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(tokenHash: string, email: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db
      .insertInto('login_tokens')
      .values({ token_hash: tokenHash, email, created_at: createdAt, expires_at: expiresAt, used_at: null })
      .execute();
  }

  /**
   * Marks the token used and returns its email, in one statement: of two concurrent uses, exactly one
   * gets the email. Null when unknown, expired or already used.
   */
  async consume(tokenHash: string, now: string): Promise<string | null> {
    const row = await this.db
      .updateTable('login_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('email')
      .executeTakeFirst();
    return row?.email ?? null;
  }

  /** Links to this address that can still be used: the mailbox holds them (the per-email cap). */
  async countUsable(email: string, now: string): Promise<number> {
    const row = await this.db
      .selectFrom('login_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email)
      .where('expires_at', '>', now)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async deleteExpired(before: string): Promise<void> {
    await this.db.deleteFrom('login_tokens').where('expires_at', '<', before).execute();
  }
}
