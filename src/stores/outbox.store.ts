// The outbox: every email paperboy sends, written in the transaction of its cause, then handed to SMTP
// by the sender. Each transition is one conditional UPDATE, so concurrent senders race safely:
//   pending --claim--> sending --sent--> sent
//                        |  \--retry--> pending (a temporary failure; later)
//                        |  \--final--> failed (refused for good) | dead (out of attempts)
//                        |  \--release--> pending (rate limit or shutdown; the attempt is given back)
//                        \--lease lapsed--> claimed again: sent again with the same Message-ID
//   pending --cancel--> cancelled (the subscriber left before it went out)
// unique (subscription_id, kind, period_key) is the exactly-once anchor: a second digest for the same
// subscription and period cannot be written, however many planners run.
import type { ExpressionBuilder, Kysely } from 'kysely';
import { randomToken } from '../lib/secrets.js';
import type { OutboxKind, OutboxRow, OutboxStatus, TokenPurpose } from '../db/delivery-schema.js';
import type { Database } from '../db/schema.js';

export interface NewOutboxMessage {
  subscriptionId: number;
  kind: OutboxKind;
  periodKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  tokenPurpose: TokenPurpose | null;
  /** Host part of the Message-ID. */
  messageIdHost: string;
}

export interface ClaimedMessage {
  row: OutboxRow;
  /** It was being sent by a sender whose lease lapsed: it may have gone out already. */
  resumed: boolean;
}

/** Due to be claimed: pending and due, or being sent by a sender whose lease lapsed. */
function due(eb: ExpressionBuilder<Database, 'outbox'>, now: string) {
  return eb.or([
    eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
    eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
  ]);
}

/** Being sent by this sender: the only rows whose outcome it may record. */
function heldBy(eb: ExpressionBuilder<Database, 'outbox'>, id: number, workerId: string) {
  return eb.and([eb('id', '=', id), eb('status', '=', 'sending'), eb('locked_by', '=', workerId)]);
}

const ALL_STATUSES: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'dead', 'cancelled'];

export class OutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Writes the message unless one exists for its subscription, kind and period; its id, or null. */
  async insertIfAbsent(m: NewOutboxMessage, now: string): Promise<number | null> {
    const row = await this.db
      .insertInto('outbox')
      .values({
        subscription_id: m.subscriptionId,
        kind: m.kind,
        period_key: m.periodKey,
        to_address: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: JSON.stringify(m.headers),
        token_purpose: m.tokenPurpose,
        // Stable across attempts, so a resend after a lost lease is recognisably the same message.
        message_id: `<${m.kind}.${randomToken(12)}@${m.messageIdHost}>`,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['subscription_id', 'kind', 'period_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async findById(id: number): Promise<OutboxRow | null> {
    return (await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /**
   * Takes up to `limit` messages that are due (pending and due, or sending with a lapsed lease),
   * oldest first, leased to `workerId`. Each row is taken by one conditional UPDATE, which PostgreSQL
   * re-checks after waiting for a competing sender's row lock, so a message is claimed once.
   */
  async claim(c: {
    workerId: string;
    now: string;
    leaseUntil: string;
    limit: number;
  }): Promise<ClaimedMessage[]> {
    const candidates = await this.db
      .selectFrom('outbox')
      .select(['id', 'status'])
      .where((eb) => due(eb, c.now))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(c.limit)
      .execute();
    const claimed: ClaimedMessage[] = [];
    for (const candidate of candidates) {
      const row = await this.db
        .updateTable('outbox')
        .set((eb) => ({
          status: 'sending',
          attempts: eb('attempts', '+', 1),
          locked_by: c.workerId,
          locked_until: c.leaseUntil,
          updated_at: c.now,
        }))
        .where('id', '=', candidate.id)
        .where((eb) => due(eb, c.now))
        .returningAll()
        .executeTakeFirst();
      if (row) claimed.push({ row, resumed: candidate.status === 'sending' });
    }
    return claimed;
  }

  /** The SMTP server took it. (Whoever holds the lease now: it went out either way.) */
  async markSent(id: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('outbox')
      .set({
        status: 'sent',
        sent_at: now,
        locked_by: null,
        locked_until: null,
        last_error: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async markRetry(
    id: number,
    workerId: string,
    error: string,
    nextAttemptAt: string,
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('outbox')
      .set({
        status: 'pending',
        next_attempt_at: nextAttemptAt,
        last_error: error.slice(0, 1000),
        locked_by: null,
        locked_until: null,
        updated_at: now,
      })
      .where((eb) => heldBy(eb, id, workerId))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async markFinal(
    id: number,
    workerId: string,
    status: 'failed' | 'dead' | 'cancelled',
    error: string,
    now: string,
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('outbox')
      .set({ status, last_error: error.slice(0, 1000), locked_by: null, locked_until: null, updated_at: now })
      .where((eb) => heldBy(eb, id, workerId))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Gives a claimed message back untried (the attempt is not counted), due at `dueAt`. */
  async release(id: number, workerId: string, dueAt: string, now: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        status: 'pending',
        attempts: eb('attempts', '-', 1),
        next_attempt_at: dueAt,
        locked_by: null,
        locked_until: null,
        updated_at: now,
      }))
      .where((eb) => heldBy(eb, id, workerId))
      .execute();
  }

  /** Failed or dead messages queued again, due now, with their attempts reset. */
  async retry(id: number, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'dead'])
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Messages of a subscription not sent yet are dropped (it ended, or was paused). */
  async cancelPending(subscriptionId: number, now: string): Promise<number> {
    const res = await this.db
      .updateTable('outbox')
      .set({ status: 'cancelled', updated_at: now })
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'pending')
      .where('kind', '=', 'digest')
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** When the next pending message is due, or null when none waits. */
  async findNextDue(): Promise<string | null> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row?.at ?? null;
  }

  async countByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  async countSentSince(since: string): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'sent')
      .where('sent_at', '>=', since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Newest first, without the bodies. */
  async listByStatus(statuses: readonly OutboxStatus[], limit: number) {
    return this.db
      .selectFrom('outbox')
      .select([
        'id',
        'subscription_id',
        'kind',
        'period_key',
        'to_address',
        'subject',
        'status',
        'attempts',
        'last_error',
        'created_at',
        'updated_at',
        'sent_at',
      ])
      .where('status', 'in', statuses)
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** Old messages: bodies of sent ones dropped after `blankBefore`, finished rows deleted after `deleteBefore`. */
  async prune(blankBefore: string, deleteBefore: string): Promise<{ blanked: number; deleted: number }> {
    const blanked = await this.db
      .updateTable('outbox')
      .set({ html: '', text: '' })
      .where('status', '=', 'sent')
      .where('sent_at', '<', blankBefore)
      .where('html', '!=', '')
      .executeTakeFirst();
    const deleted = await this.db
      .deleteFrom('outbox')
      .where('status', 'in', ['sent', 'failed', 'dead', 'cancelled'])
      .where('updated_at', '<', deleteBefore)
      .executeTakeFirst();
    return { blanked: Number(blanked.numUpdatedRows), deleted: Number(deleted.numDeletedRows) };
  }
}
