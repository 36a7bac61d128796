// The secrets in subscription links, stored as SHA-256 only: a confirmation token (expires) and the
// manage/unsubscribe token minted for each email as it goes out (kept long, since people unsubscribe
// from old emails; pruned after a year).
import type { Kysely } from 'kysely';
import type { TokenPurpose } from '../db/delivery-schema.js';
import type { Database } from '../db/schema.js';

export class SubscriptionTokensStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(
    tokenHash: string,
    subscriptionId: number,
    purpose: TokenPurpose,
    now: string,
    expiresAt: string | null,
  ): Promise<void> {
    await this.db
      .insertInto('subscription_tokens')
      .values({
        token_hash: tokenHash,
        subscription_id: subscriptionId,
        purpose,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
  }

  /** The subscription a token opens, when it is known, of that purpose and not expired. */
  async findSubscriptionId(tokenHash: string, purpose: TokenPurpose, now: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('subscription_tokens')
      .select(['subscription_id', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (!row || (row.expires_at !== null && row.expires_at <= now)) return null;
    return row.subscription_id;
  }

  async deleteCreatedBefore(before: string): Promise<number> {
    const res = await this.db
      .deleteFrom('subscription_tokens')
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
