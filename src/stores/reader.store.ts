// What the "for you" feed is told directly (migration 012): "more like this" / "not interested" on a
// paper, and the reader's settings (since when signals count, the digest section, the feed token).
import type { Kysely } from 'kysely';
import type { FeedbackSignal, ReaderSettingsRow } from '../db/library-schema.js';
import type { Database } from '../db/schema.js';

export class ReaderStore {
  constructor(private readonly db: Kysely<Database>) {}

  async setFeedback(userId: number, paperId: number, signal: FeedbackSignal, now: string): Promise<void> {
    await this.db
      .insertInto('reader_feedback')
      .values({ user_id: userId, paper_id: paperId, signal, created_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doUpdateSet({ signal, created_at: now }))
      .execute();
  }

  async clearFeedback(userId: number, paperId?: number): Promise<number> {
    let q = this.db.deleteFrom('reader_feedback').where('user_id', '=', userId);
    if (paperId !== undefined) q = q.where('paper_id', '=', paperId);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async listFeedback(
    userId: number,
  ): Promise<{ paper_id: number; signal: FeedbackSignal; created_at: string }[]> {
    return this.db
      .selectFrom('reader_feedback')
      .select(['paper_id', 'signal', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
  }

  async settings(userId: number): Promise<ReaderSettingsRow | null> {
    return (
      (await this.db
        .selectFrom('reader_settings')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst()) ?? null
    );
  }

  async saveSettings(
    userId: number,
    change: Partial<Omit<ReaderSettingsRow, 'user_id' | 'updated_at'>>,
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('reader_settings')
      .values({
        user_id: userId,
        learn_since: null,
        digest_for_you: 1,
        feed_token_hash: null,
        feed_token_prefix: null,
        feed_token_created_at: null,
        ...change,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...change, updated_at: now }))
      .execute();
  }

  async findByFeedToken(hash: string): Promise<ReaderSettingsRow | null> {
    return (
      (await this.db
        .selectFrom('reader_settings')
        .selectAll()
        .where('feed_token_hash', '=', hash)
        .executeTakeFirst()) ?? null
    );
  }

  /** Settings of many readers at once (the digest planner's "for you" sections). */
  async listSettings(userIds: readonly number[]): Promise<ReaderSettingsRow[]> {
    if (userIds.length === 0) return [];
    return this.db
      .selectFrom('reader_settings')
      .selectAll()
      .where('user_id', 'in', [...userIds])
      .execute();
  }
}
