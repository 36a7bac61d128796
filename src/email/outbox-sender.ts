// Hands the outbox to the SMTP server (the send-outbox job runs this). For each due message: claim it
// under a lease, mint the fresh link token its links need (stored as SHA-256 before the mail leaves,
// so the link works when it arrives), send it with its own fixed Message-ID, record the outcome.
//
// Exactly once, as far as SMTP allows: a message is written once per subscription and period (the
// outbox's unique key), claimed by one sender at a time, and marked sent as soon as the server says
// 250. The one window no protocol closes is a crash between that 250 and our record of it; then the
// lease lapses, another sender sends the message again with the same Message-ID, and mail systems
// treat the two as one message (docs/decisions.md, "Delivery").
//
// Failures: a 5xx answer to the recipient or the message is final (`failed`) and counts against the
// subscription, which is paused after PAPERBOY_MAIL_PAUSE_AFTER_FAILURES in a row; anything else
// (4xx, refused or dropped connections, timeouts) is retried with backoff, up to
// PAPERBOY_MAIL_MAX_ATTEMPTS, then `dead`. Sending is rate limited across processes.
import type { DeliveryConfig } from '../config.js';
import type { OutboxRow } from '../db/delivery-schema.js';
import { retryDelayMs } from '../jobs/backoff.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { randomToken, sha256Hex } from '../lib/secrets.js';
import type { Stores } from '../stores/index.js';
import type { ClaimedMessage } from '../stores/outbox.store.js';
import { fillPlaceholders } from './placeholders.js';
import type { MailTransport } from './transport.js';

/** Confirmation links work for a week; manage and unsubscribe links for as long as the token is kept. */
const CONFIRM_TOKEN_MS = 7 * 86_400_000;
const RETRY_CAP_MS = 6 * 3_600_000;
/**
 * Claimed one at a time: a message is "sending" only while it really is being handed over, so a
 * lapsed lease means exactly "may have gone out", and a killed sender strands one message, not ten.
 */
const BATCH = 1;

export interface DeliverySummary {
  sent: number;
  /** Sent again after a sender's lease lapsed (it may have gone out before). */
  resent: number;
  retrying: number;
  failed: number;
  dead: number;
  cancelled: number;
  /** The sending rate limit stopped the run; the rest goes out in the next window. */
  rateLimited: boolean;
  /** When that window starts, if so: the earliest the next run can send. */
  rateLimitedUntil: string | null;
}

export interface SendOutcomeError {
  /** Retrying the same message cannot help. */
  permanent: boolean;
  /** About this recipient or message (counts against the subscription), not about our server. */
  recipient: boolean;
  message: string;
}

interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
  message?: unknown;
}

/** What an SMTP error means for the message and the subscriber (nodemailer's error fields). */
export function classifySmtpError(err: unknown): SendOutcomeError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const command = typeof e.command === 'string' ? e.command : '';
  const text =
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(err);
  const aboutRecipient = command === 'RCPT TO' || command === 'DATA';
  const message = `${code ?? (typeof e.code === 'string' ? e.code : 'error')}${command ? ` at ${command}` : ''}: ${text}`;
  // 503 is a bad command sequence (our session), not a verdict on the message; other 5xx are final.
  if (code !== null && code >= 500 && code !== 503 && (aboutRecipient || command === 'MAIL FROM'))
    return { permanent: true, recipient: aboutRecipient, message };
  return { permanent: false, recipient: aboutRecipient && code !== null, message };
}

export class OutboxSender {
  constructor(
    private readonly stores: Stores,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly config: DeliveryConfig,
    private readonly random: () => number = Math.random,
  ) {}

  /** Sends what is due until nothing is, the rate limit says wait, or `signal` aborts. */
  async deliverDue(
    options: { workerId?: string; signal?: AbortSignal; onSent?: (summary: DeliverySummary) => void } = {},
  ): Promise<DeliverySummary> {
    const workerId = options.workerId ?? `sender-${process.pid}-${randomToken(6)}`;
    const summary: DeliverySummary = {
      sent: 0,
      resent: 0,
      retrying: 0,
      failed: 0,
      dead: 0,
      cancelled: 0,
      rateLimited: false,
      rateLimitedUntil: null,
    };
    while (!options.signal?.aborted) {
      const now = this.clock.now();
      const claimed = await this.stores.outbox.claim({
        workerId,
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + this.config.mailLeaseSeconds * 1000).toISOString(),
        limit: BATCH,
      });
      if (claimed.length === 0) break;
      for (const [i, message] of claimed.entries()) {
        const waitUntil = options.signal?.aborted ? this.clock.now() : await this.rateLimitWait();
        if (waitUntil) {
          // Give back what is left of the batch, untried, due when the window turns.
          for (const rest of claimed.slice(i))
            await this.stores.outbox.release(
              rest.row.id,
              workerId,
              waitUntil.toISOString(),
              this.clock.now().toISOString(),
            );
          if (!options.signal?.aborted) {
            summary.rateLimited = true;
            summary.rateLimitedUntil = waitUntil.toISOString();
          }
          return summary;
        }
        await this.deliverOne(message, workerId, summary);
        options.onSent?.(summary);
      }
    }
    return summary;
  }

  /** Null when one more email may go now; else when the current window ends. */
  private async rateLimitWait(): Promise<Date | null> {
    const perMinute = this.config.mailPerMinute;
    if (perMinute <= 0) return null;
    const now = this.clock.now().getTime();
    const start = Math.floor(now / 60_000) * 60_000;
    const count = await this.stores.rateLimits.hit('mail:send', new Date(start).toISOString());
    return count > perMinute ? new Date(start + 60_000) : null;
  }

  private async deliverOne(
    claimed: ClaimedMessage,
    workerId: string,
    summary: DeliverySummary,
  ): Promise<void> {
    const { row } = claimed;
    const nowIso = () => this.clock.now().toISOString();
    const subscription = await this.stores.subscriptions.findById(row.subscription_id);
    // A digest for someone who left (or was paused) after it was written is not sent.
    if (!subscription || (row.kind === 'digest' && subscription.status !== 'active')) {
      await this.stores.outbox.markFinal(
        row.id,
        workerId,
        'cancelled',
        'subscription no longer active',
        nowIso(),
      );
      summary.cancelled++;
      return;
    }
    if (claimed.resumed)
      this.log.warn(
        { outbox_id: row.id, message_id: row.message_id, attempt: row.attempts },
        'sending again after a sender lost its lease; the Message-ID is unchanged',
      );
    const token = row.token_purpose ? randomToken() : null;
    if (token && row.token_purpose) {
      const now = this.clock.now();
      const expires =
        row.token_purpose === 'confirm' ? new Date(now.getTime() + CONFIRM_TOKEN_MS).toISOString() : null;
      await this.stores.subscriptionTokens.insert(
        sha256Hex(token),
        row.subscription_id,
        row.token_purpose,
        now.toISOString(),
        expires,
      );
    }
    const fill = (s: string) => fillPlaceholders(s, { token: token ?? '', outboxId: row.id });
    const headers = Object.fromEntries(
      Object.entries(JSON.parse(row.headers) as Record<string, string>).map(([k, v]) => [k, fill(v)]),
    );
    try {
      await this.transport.send({
        to: row.to_address,
        subject: row.subject,
        html: fill(row.html),
        text: fill(row.text),
        headers,
        ...(row.message_id ? { messageId: row.message_id } : {}),
      });
    } catch (err) {
      await this.recordFailure(row, workerId, classifySmtpError(err), summary);
      return;
    }
    await this.stores.outbox.markSent(row.id, nowIso());
    await this.stores.subscriptions.resetFailures(row.subscription_id, nowIso());
    summary.sent++;
    if (claimed.resumed) summary.resent++;
    this.log.info(
      {
        outbox_id: row.id,
        kind: row.kind,
        period: row.period_key,
        message_id: row.message_id,
        attempt: row.attempts,
      },
      'email sent',
    );
  }

  private async recordFailure(
    row: OutboxRow,
    workerId: string,
    error: SendOutcomeError,
    summary: DeliverySummary,
  ): Promise<void> {
    const now = this.clock.now();
    const fields = { outbox_id: row.id, kind: row.kind, attempt: row.attempts, error: error.message };
    const outOfAttempts = row.attempts >= this.config.mailMaxAttempts;
    if (error.permanent || outOfAttempts) {
      const status = error.permanent ? 'failed' : 'dead';
      await this.stores.outbox.markFinal(row.id, workerId, status, error.message, now.toISOString());
      summary[status]++;
      this.log.error(
        fields,
        error.permanent ? 'email refused for good' : 'email given up after its last attempt',
      );
      if (error.recipient) {
        const after = await this.stores.subscriptions.recordFailure(
          row.subscription_id,
          error.message,
          this.config.pauseAfterFailures,
          now.toISOString(),
        );
        if (after?.status === 'paused') {
          await this.stores.outbox.cancelPending(row.subscription_id, now.toISOString());
          this.log.warn(
            { subscription_id: row.subscription_id, failures: after.failures },
            'subscription paused',
          );
        }
      }
      return;
    }
    const delay = retryDelayMs(row.attempts, this.random, {
      baseMs: this.config.mailRetrySeconds * 1000,
      capMs: RETRY_CAP_MS,
    });
    await this.stores.outbox.markRetry(
      row.id,
      workerId,
      error.message,
      new Date(now.getTime() + delay).toISOString(),
      now.toISOString(),
    );
    summary.retrying++;
    this.log.warn({ ...fields, retry_in_ms: delay }, 'email not accepted yet; will retry');
  }
}
