// Email subscriptions, from the subscribe form to the unsubscribe button. Double opt-in: a request
// creates a pending subscription and a confirmation email (in one transaction, through the outbox);
// only the link in that email makes it active. An address that already subscribes gets a link to
// manage it instead, so nobody learns from the form whether an address subscribes, and nobody can
// change someone else's subscription without their mailbox. A signed-in member subscribing their own
// account's address (which signing in proved) is active at once.
//
// Links carry a token minted per email by the sender and stored as SHA-256: `manage` tokens open the
// manage page and unsubscribe (one click, RFC 8058); `confirm` tokens confirm, for a week.
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { CadenceName, SubscriptionRow } from '../db/delivery-schema.js';
import { parseAlertQuery } from '../domain/alert-query.js';
import { parseQuerySyntax } from '../domain/query-syntax.js';
import { describeSchedule, isValidTimeZone, nextSlot } from '../domain/delivery-schedule.js';
import { confirmSubscriptionEmail, manageLinkEmail } from '../email/templates/subscription.email.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { randomToken, sha256Hex } from '../lib/secrets.js';
import { inTransaction, type Stores } from '../stores/index.js';
import type { SubscriptionSettings } from '../stores/subscriptions.store.js';
import { type Actor, type AuthUser, assertCanAct } from './actor.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import { messageIdHost, queueEmail } from './outbox.js';
import type { RateLimitService } from './rate-limit.service.js';
import { scheduleOf } from './digests.service.js';

export const MAX_ALERT_CHARS = 300;
/** Pending subscriptions nobody confirmed are deleted after this long. */
const STALE_PENDING_MS = 30 * 86_400_000;
/** Link tokens are kept this long: people unsubscribe from old emails. */
const TOKEN_KEEP_MS = 400 * 86_400_000;

export interface SubscribeRequest extends SubscriptionSettings {
  email: string;
  /** A search to save as a topic alert, if any. */
  alert: string | null;
}

export type SubscribeOutcome =
  /** A confirmation email is on its way (new, pending or unsubscribed address). */
  | { status: 'confirm-sent' }
  /** The address subscribes already: a link to manage it (with the alert to add) is on its way. */
  | { status: 'manage-link-sent' }
  /** A signed-in member's own address: active now. */
  | { status: 'active'; subscription: SubscriptionRow };

export interface SubscriptionView {
  subscription: SubscriptionRow;
  alerts: { id: number; query: string; createdAt: string }[];
  schedule: string;
}

export type BounceKind = 'hard' | 'soft' | 'complaint';

/** Validates a saved search: something to match, not too long. Returns it trimmed. */
export function checkAlertQuery(query: string): string {
  const q = query.replace(/\s+/g, ' ').trim();
  if (q.length === 0)
    throw new InvalidInputError('alert', 'an alert needs a search, e.g. "diffusion" or cat:cs.CL');
  if (q.length > MAX_ALERT_CHARS)
    throw new InvalidInputError('alert', `an alert is at most ${MAX_ALERT_CHARS} characters`);
  // A leading ~ (also by meaning, domain/alert-query.ts) is no search by itself.
  const parsed = parseQuerySyntax(parseAlertQuery(q).query);
  if (
    parsed.terms.length === 0 &&
    parsed.phrases.length === 0 &&
    parsed.authors.length === 0 &&
    parsed.categories.length === 0
  )
    throw new InvalidInputError('alert', 'an alert needs words, a phrase, author: or cat: to match');
  return q;
}

function checkSettings(s: SubscriptionSettings): void {
  if (!Number.isInteger(s.hour) || s.hour < 0 || s.hour > 23)
    throw new InvalidInputError('hour', 'the hour is 0 to 23');
  if (!isValidTimeZone(s.timeZone))
    throw new InvalidInputError('time_zone', `"${s.timeZone}" is not a time zone like Europe/Berlin`);
}

export class SubscriptionsService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limits: RateLimitService,
    private readonly jobs: JobQueue,
    private readonly config: Pick<Config, 'baseUrl' | 'siteName' | 'delivery'>,
  ) {}

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  async subscribe(
    req: SubscribeRequest,
    who: { ip: string | null; user: AuthUser | null },
  ): Promise<SubscribeOutcome> {
    checkSettings(req);
    const alert = req.alert ? checkAlertQuery(req.alert) : null;
    if (!req.digest && !alert)
      throw new InvalidInputError('digest', 'choose the trending digest, an alert, or both');
    await this.limits.check('subscribe', { ip: who.ip, email: req.email, user: who.user });
    const now = this.clock.now();
    const nowIso = now.toISOString();

    if (who.user && who.user.email === req.email && !who.user.bannedAt) {
      const user = who.user;
      const subscription = await inTransaction(this.db, async (stores) => {
        const nextDueAt = nextSlot(
          { cadence: req.cadence, hour: req.hour, timeZone: req.timeZone, skipWeekends: req.skipWeekends },
          now,
        ).at.toISOString();
        const { row } = await stores.subscriptions.insertIfAbsent(
          { ...req, userId: user.id, status: 'active', nextDueAt, confirmedAt: nowIso },
          nowIso,
        );
        const updated = await stores.subscriptions.update(
          row.id,
          {
            user_id: user.id,
            status: 'active',
            cadence: req.cadence,
            skip_weekends: req.skipWeekends ? 1 : 0,
            hour: req.hour,
            time_zone: req.timeZone,
            digest: req.digest ? 1 : 0,
            next_due_at: nextDueAt,
            confirmed_at: row.confirmed_at ?? nowIso,
            unsubscribed_at: null,
            paused_reason: null,
            failures: 0,
          },
          nowIso,
        );
        if (alert) await this.saveAlert(stores, row.id, alert, nowIso);
        return updated ?? row;
      });
      this.log.info({ subscription_id: subscription.id, user_id: user.id }, 'member subscribed');
      return { status: 'active', subscription };
    }

    return inTransaction(this.db, async (stores) => {
      const existing = await stores.subscriptions.findByEmail(req.email);
      if (existing && (existing.status === 'active' || existing.status === 'paused')) {
        await this.queueOneOff(stores, existing, 'manage-link', nowIso, {
          ...manageLinkEmail({
            to: existing.email,
            siteName: this.config.siteName,
            baseUrl: this.config.baseUrl,
            pendingAlert: alert,
          }),
        });
        return { status: 'manage-link-sent' } as const;
      }
      // New, still pending, or unsubscribed: (re)start the opt-in with these settings.
      const settings = {
        status: 'pending' as const,
        cadence: req.cadence,
        skip_weekends: req.skipWeekends ? 1 : 0,
        hour: req.hour,
        time_zone: req.timeZone,
        digest: req.digest ? 1 : 0,
        next_due_at: null,
      };
      const row = existing
        ? ((await stores.subscriptions.update(existing.id, settings, nowIso)) ?? existing)
        : (
            await stores.subscriptions.insertIfAbsent(
              {
                ...req,
                userId: who.user?.email === req.email ? who.user.id : null,
                status: 'pending',
                nextDueAt: null,
                confirmedAt: null,
              },
              nowIso,
            )
          ).row;
      if (alert) await this.saveAlert(stores, row.id, alert, nowIso);
      const alerts = (await stores.savedAlerts.listForSubscription(row.id)).map((a) => a.query);
      await this.queueOneOff(
        stores,
        row,
        'confirm',
        nowIso,
        confirmSubscriptionEmail({
          to: row.email,
          siteName: this.config.siteName,
          baseUrl: this.config.baseUrl,
          schedule: describeSchedule({
            cadence: req.cadence,
            hour: req.hour,
            timeZone: req.timeZone,
            skipWeekends: req.skipWeekends,
          }),
          alerts,
        }),
      );
      return { status: 'confirm-sent' } as const;
    });
  }

  /** Emails a manage link to an address that subscribes (and says nothing either way). */
  async requestManageLink(email: string, ip: string | null): Promise<void> {
    await this.limits.check('subscribe', { ip, email });
    const nowIso = this.nowIso();
    await inTransaction(this.db, async (stores) => {
      const existing = await stores.subscriptions.findByEmail(email);
      if (!existing || existing.status === 'pending') return;
      await this.queueOneOff(
        stores,
        existing,
        'manage-link',
        nowIso,
        manageLinkEmail({
          to: existing.email,
          siteName: this.config.siteName,
          baseUrl: this.config.baseUrl,
          pendingAlert: null,
        }),
      );
    });
  }

  private async queueOneOff(
    stores: Stores,
    sub: SubscriptionRow,
    kind: 'confirm' | 'manage-link',
    nowIso: string,
    message: { subject: string; html: string; text: string; headers?: Record<string, string> },
  ): Promise<void> {
    await queueEmail(
      stores,
      this.jobs,
      {
        subscriptionId: sub.id,
        kind,
        // One-off emails: a unique stamp (the rate limit keeps their number down).
        periodKey: `${nowIso}:${randomToken(6)}`,
        to: sub.email,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers ?? {},
        tokenPurpose: kind === 'confirm' ? 'confirm' : 'manage',
        messageIdHost: messageIdHost(this.config.baseUrl),
      },
      nowIso,
    );
  }

  private async saveAlert(
    stores: Stores,
    subscriptionId: number,
    query: string,
    nowIso: string,
  ): Promise<boolean> {
    const count = await stores.savedAlerts.count(subscriptionId);
    if (count >= this.config.delivery.alertsPerSubscription)
      throw new ConflictError(
        `a subscription holds at most ${this.config.delivery.alertsPerSubscription} alerts; remove one first`,
      );
    // New papers from now on: the alert's first email holds what arrived after it was saved.
    return stores.savedAlerts.insertIfAbsent(subscriptionId, query, query, nowIso, nowIso);
  }

  /** Confirms a pending subscription; a used or expired link, or one for an ended opt-in, says so. */
  async confirm(token: string): Promise<SubscriptionRow> {
    const nowIso = this.nowIso();
    const id = await this.stores.subscriptionTokens.findSubscriptionId(sha256Hex(token), 'confirm', nowIso);
    const sub = id === null ? null : await this.stores.subscriptions.findById(id);
    if (!sub) throw new NotFoundError('this confirmation link has expired or is not ours; subscribe again');
    if (sub.status !== 'pending') return sub;
    const nextDueAt = nextSlot(scheduleOf(sub), this.clock.now()).at.toISOString();
    const updated = await inTransaction(this.db, async (stores) => {
      const row = await stores.subscriptions.update(
        sub.id,
        {
          status: 'active',
          confirmed_at: nowIso,
          next_due_at: nextDueAt,
          unsubscribed_at: null,
          failures: 0,
          paused_reason: null,
        },
        nowIso,
      );
      // Alerts saved while pending start from the confirmation.
      for (const a of await stores.savedAlerts.listForSubscription(sub.id))
        if (a.cursor < nowIso) await stores.savedAlerts.updateCursor(a.id, nowIso);
      return row;
    });
    this.log.info({ subscription_id: sub.id }, 'subscription confirmed');
    return updated ?? sub;
  }

  /** The subscription a manage link opens, or NotFoundError. */
  async byManageToken(token: string): Promise<SubscriptionRow> {
    const id = await this.stores.subscriptionTokens.findSubscriptionId(
      sha256Hex(token),
      'manage',
      this.nowIso(),
    );
    const sub = id === null ? null : await this.stores.subscriptions.findById(id);
    if (!sub) throw new NotFoundError('this link is not valid (any more); ask for a new one below');
    return sub;
  }

  /** A fresh manage token for a subscription whose owner just proved their mailbox (confirm). */
  async mintManageToken(subscriptionId: number): Promise<string> {
    const token = randomToken();
    await this.stores.subscriptionTokens.insert(
      sha256Hex(token),
      subscriptionId,
      'manage',
      this.nowIso(),
      null,
    );
    return token;
  }

  async findByEmail(email: string): Promise<SubscriptionRow | null> {
    return this.stores.subscriptions.findByEmail(email.trim().toLowerCase());
  }

  /** A signed-in member's subscription: theirs by account, or their account's address. */
  async forUser(user: AuthUser): Promise<SubscriptionRow | null> {
    const sub = await this.stores.subscriptions.findByEmail(user.email);
    return sub && (sub.user_id === null || sub.user_id === user.id) ? sub : null;
  }

  async view(sub: SubscriptionRow): Promise<SubscriptionView> {
    const alerts = await this.stores.savedAlerts.listForSubscription(sub.id);
    return {
      subscription: sub,
      alerts: alerts.map((a) => ({ id: a.id, query: a.query, createdAt: a.created_at })),
      schedule: describeSchedule(scheduleOf(sub)),
    };
  }

  async updateSettings(sub: SubscriptionRow, s: SubscriptionSettings): Promise<SubscriptionRow> {
    checkSettings(s);
    const nowIso = this.nowIso();
    const next = nextSlot(
      { cadence: s.cadence, hour: s.hour, timeZone: s.timeZone, skipWeekends: s.skipWeekends },
      this.clock.now(),
    );
    const row = await this.stores.subscriptions.update(
      sub.id,
      {
        cadence: s.cadence satisfies CadenceName,
        skip_weekends: s.skipWeekends ? 1 : 0,
        hour: s.hour,
        time_zone: s.timeZone,
        digest: s.digest ? 1 : 0,
        ...(sub.status === 'active' ? { next_due_at: next.at.toISOString() } : {}),
      },
      nowIso,
    );
    return row ?? sub;
  }

  async addAlert(sub: SubscriptionRow, query: string): Promise<{ added: boolean }> {
    const q = checkAlertQuery(query);
    const added = await this.saveAlert(this.stores, sub.id, q, this.nowIso());
    return { added };
  }

  async removeAlert(sub: SubscriptionRow, alertId: number): Promise<void> {
    if (!(await this.stores.savedAlerts.delete(alertId, sub.id))) throw new NotFoundError('no such alert');
  }

  /** Ends the subscription (its manage link keeps working, to resubscribe); idempotent. */
  async unsubscribe(sub: SubscriptionRow, how: 'one-click' | 'page' | 'complaint'): Promise<void> {
    if (sub.status === 'unsubscribed') return;
    const nowIso = this.nowIso();
    await inTransaction(this.db, async (stores) => {
      await stores.subscriptions.update(
        sub.id,
        { status: 'unsubscribed', unsubscribed_at: nowIso, next_due_at: null },
        nowIso,
      );
      await stores.outbox.cancelPending(sub.id, nowIso);
    });
    this.log.info({ subscription_id: sub.id, how }, 'unsubscribed');
  }

  /**
   * Starts an unsubscribed or paused subscription again. Its owner, by manage link, proves the
   * mailbox; an admin may resume a paused one.
   */
  async resume(sub: SubscriptionRow): Promise<SubscriptionRow> {
    if (sub.status === 'active') return sub;
    if (sub.status === 'pending') throw new ConflictError('confirm the subscription from its email first');
    const nowIso = this.nowIso();
    const next = nextSlot(scheduleOf(sub), this.clock.now()).at.toISOString();
    const row = await this.stores.subscriptions.update(
      sub.id,
      { status: 'active', next_due_at: next, unsubscribed_at: null, paused_reason: null, failures: 0 },
      nowIso,
    );
    this.log.info({ subscription_id: sub.id }, 'subscription resumed');
    return row ?? sub;
  }

  /** An admin resumes a paused subscription (after fixing the address's mail, say); logged. */
  async resumeByAdmin(actor: Actor, subscriptionId: number): Promise<void> {
    assertCanAct(actor, 'admin');
    const sub = await this.stores.subscriptions.findById(subscriptionId);
    if (!sub) throw new NotFoundError('no such subscription');
    if (sub.status !== 'paused') throw new ConflictError('only a paused subscription can be resumed here');
    await this.resume(sub);
    await this.stores.moderationLog.insert(
      {
        actorId: actor.user.id,
        action: 'resume-subscription',
        targetType: 'subscription',
        targetId: String(sub.id),
        detail: sub.paused_reason ?? '',
      },
      this.nowIso(),
    );
  }

  /** An admin queues a failed or dead email again. */
  async retryEmail(actor: Actor, outboxId: number): Promise<void> {
    assertCanAct(actor, 'admin');
    const nowIso = this.nowIso();
    const ok = await inTransaction(this.db, async (stores) => {
      if (!(await stores.outbox.retry(outboxId, nowIso))) return false;
      await stores.jobs.insertIfAbsent(this.jobs.prepare('send-outbox', {}), nowIso);
      return true;
    });
    if (!ok) throw new ConflictError('only a failed or given-up email can be retried');
  }

  /**
   * A bounce or complaint reported by the mail provider (POST /hooks/mail-bounces). A hard bounce
   * counts as a delivery failure (enough in a row pause the subscription); a complaint ("this is
   * spam") ends it at once; a soft bounce is only noted.
   */
  async recordBounce(email: string, kind: BounceKind, reason: string): Promise<'recorded' | 'unknown'> {
    const sub = await this.stores.subscriptions.findByEmail(email);
    if (!sub) return 'unknown';
    const nowIso = this.nowIso();
    const detail = `${kind} bounce${reason ? `: ${reason}` : ''}`.slice(0, 500);
    if (kind === 'complaint') await this.unsubscribe(sub, 'complaint');
    else if (kind === 'hard') {
      const after = await this.stores.subscriptions.recordFailure(
        sub.id,
        detail,
        this.config.delivery.pauseAfterFailures,
        nowIso,
      );
      if (after?.status === 'paused') await this.stores.outbox.cancelPending(sub.id, nowIso);
    } else
      await this.stores.subscriptions.update(sub.id, { last_error: detail, last_failure_at: nowIso }, nowIso);
    this.log.warn({ subscription_id: sub.id, kind }, 'bounce recorded');
    return 'recorded';
  }

  /** What the admin page shows. */
  async deliveryStatus(actor: Actor) {
    assertCanAct(actor, 'admin');
    return this.status();
  }

  /** Subscriptions and the outbox by state, and the subscriptions in trouble (operators, the CLI). */
  async status() {
    const since = new Date(this.clock.now().getTime() - 86_400_000).toISOString();
    const [subscriptions, outbox, sentToday, troubled, failedEmails] = await Promise.all([
      this.stores.subscriptions.countByStatus(),
      this.stores.outbox.countByStatus(),
      this.stores.outbox.countSentSince(since),
      this.stores.subscriptions.listTroubled(100),
      this.stores.outbox.listByStatus(['failed', 'dead'], 50),
    ]);
    return { subscriptions, outbox, sentToday, troubled, failedEmails };
  }

  /** Housekeeping: old link tokens, never-confirmed subscriptions, old outbox rows. */
  async prune(): Promise<{ tokens: number; pending: number; blanked: number; deleted: number }> {
    const now = this.clock.now().getTime();
    const iso = (ms: number) => new Date(now - ms).toISOString();
    const tokens = await this.stores.subscriptionTokens.deleteCreatedBefore(iso(TOKEN_KEEP_MS));
    const pending = await this.stores.subscriptions.deleteStalePending(iso(STALE_PENDING_MS));
    const { blanked, deleted } = await this.stores.outbox.prune(iso(14 * 86_400_000), iso(90 * 86_400_000));
    return { tokens, pending, blanked, deleted };
  }
}
