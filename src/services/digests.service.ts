// Digests and topic alerts: who is due, what is new for them, and the email that says so. The
// plan-digests job runs planDue every minute; `paperboy digest send` and `preview` call it directly.
//
// For each active subscription whose next send time has come, the period is the latest slot of its
// schedule (domain/delivery-schedule.ts). Its email holds the top trending papers among the feed
// entries added since its last digest, and for each topic alert the new papers that match, each with
// why. What "since" means is a cursor per subscription and per alert, moved in the same transaction
// that writes the email to the outbox and moves next_due_at by compare-and-set: a crash leaves either
// all of it or none, and a second planner finds the period taken. The outbox's unique (subscription,
// kind, period) stops a second digest for one period even when a subscriber changes their hour.
// Nothing new: no email, and the subscription waits for its next slot. "New" also means featured
// lately (within a period before the window): a catalogue loaded from old files (the sample, an
// archive) adds many entries at once, none of which is news.
//
// Windows end `lagMs` before now (the search index's overlap: import transactions commit after they
// stamp created_at, so the newest rows may not be visible yet) and reach back at most a few days
// (catchUpMs): after an outage, one email with the recent papers, never a flood of old ones.
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { SavedAlertRow, SubscriptionRow } from '../db/delivery-schema.js';
import type { PaperRow } from '../db/schema.js';
import {
  type Cadence,
  catchUpMs,
  type DeliverySchedule,
  latestSlot,
  nextSlot,
  periodLabel,
  periodMs,
  type Slot,
} from '../domain/delivery-schedule.js';
import { dayOf } from '../domain/days.js';
import { paperPath, withQuery } from '../domain/site-paths.js';
import { type DigestAlertSection, type DigestPaper, digestEmail } from '../email/templates/digest.email.js';
import type { MailMessage } from '../email/transport.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { parseAlertQuery } from '../domain/alert-query.js';
import { type AlertMatch, AlertMatcher, describeReasons } from '../search/alerts/alert-matcher.js';
import type { VectorHit } from '../search/contracts.js';
import { toIndexDocument } from './search-index.service.js';
import { inTransaction, type Stores } from '../stores/index.js';
import { currentTrendingAsOf, type FeedService, type TrendingCard } from './feed.service.js';
import { messageIdHost } from './outbox.js';
import { toPaperCard } from './paper-card.js';

/** Subscriptions read per page, and handled per transaction. */
const PAGE = 500;
const PER_TRANSACTION = 50;
/** New papers an alert run looks at, at most (the newest): a catch-up window of a busy archive. */
const MAX_ALERT_POOL = 50_000;
/**
 * A paper matches an alert by meaning when it is as close to the query as the query's nearest
 * papers in the catalogue: the nearest MEANING_SHARE of it, at least MEANING_MIN_NEIGHBOURS.
 * At 75,000 papers that is the nearest 375; a day's 200 new papers then bring one or two.
 */
const MEANING_SHARE = 0.005;
const MEANING_MIN_NEIGHBOURS = 5;

/** Papers like a query by meaning (services/semantic.service.ts implements it). */
export interface AlertMeaning {
  likeQuery(
    text: string,
    paperIds: readonly number[],
    neighbours: number,
  ): Promise<{ model: string; threshold: number; matches: VectorHit[] } | null>;
}

export interface DigestContent {
  slot: Slot;
  cadence: Cadence;
  /** The window of feed entries the trending part covers, (from, to]. */
  window: { from: string; to: string };
  trending: TrendingCard[];
  trendingTotal: number;
  alerts: (DigestAlertSection & { alertId: number })[];
}

export interface PlannedDigest {
  subscriptionId: number;
  email: string;
  periodKey: string;
  trending: number;
  alertMatches: number;
}

export interface PlanSummary {
  /** Subscriptions whose send time had come. */
  due: number;
  /** Digests written to the outbox (or, in a dry run, that would be). */
  queued: number;
  /** Due, but nothing new: no email. */
  empty: number;
  /** Already handled by another planner, or this period's digest already exists. */
  skipped: number;
  planned: PlannedDigest[];
}

interface Pools {
  now: Date;
  upTo: string;
  /** New feed entries of the widest window, best trending first, with when each was added and featured. */
  feed: { card: TrendingCard; createdAt: string; featuredAt: string }[];
  papers: Map<number, PaperRow>;
  matcher: AlertMatcher;
  /** Each paper as an email shows it, made once per run (the template memoizes its markup too). */
  shown: Map<number, DigestPaper>;
  /** The trending part by window start. */
  trendingFrom: Map<string, { cards: TrendingCard[]; total: number }>;
  /** Matches by meaning of the `~` alerts' queries among the pool's papers, by query. */
  meaning: Map<string, { threshold: number; matches: VectorHit[] } | null>;
}

export function scheduleOf(s: SubscriptionRow): DeliverySchedule {
  return { cadence: s.cadence, hour: s.hour, timeZone: s.time_zone, skipWeekends: s.skip_weekends === 1 };
}

const latest = (a: string, b: string) => (a > b ? a : b);

export class DigestsService {
  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly feed: FeedService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly config: Pick<
      Config,
      'baseUrl' | 'siteName' | 'searchRefreshOverlapSeconds' | 'delivery'
    >,
    /** Matches topic alerts marked `~` by meaning; null: they match by their words only. */
    private readonly meaning: AlertMeaning | null = null,
  ) {}

  private get lagMs(): number {
    return this.config.searchRefreshOverlapSeconds * 1000;
  }

  /**
   * Writes the digests that are due to the outbox; `dryRun` composes them and writes nothing.
   * Safe to run from many processes at once.
   */
  async planDue(options: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<PlanSummary> {
    const now = this.clock.now();
    const summary: PlanSummary = { due: 0, queued: 0, empty: 0, skipped: 0, planned: [] };
    let pools: Pools | null = null;
    let afterId = 0;
    for (;;) {
      if (options.signal?.aborted) break;
      const due = await this.stores.subscriptions.listDue(now.toISOString(), PAGE, afterId);
      if (due.length === 0) break;
      afterId = due.at(-1)?.id ?? afterId;
      summary.due += due.length;
      pools ??= await this.loadPools(now);
      const alerts = await this.stores.savedAlerts.listForSubscriptions(due.map((s) => s.id));
      await this.matchByMeaning([...alerts.values()].flat(), pools);
      for (let i = 0; i < due.length; i += PER_TRANSACTION) {
        const batch = due.slice(i, i + PER_TRANSACTION).map((sub) => {
          const subAlerts = alerts.get(sub.id) ?? [];
          const content = this.compose(sub, subAlerts, pools as Pools);
          return {
            sub,
            alerts: subAlerts,
            content,
            message: content ? this.render(sub, content, pools as Pools) : null,
          };
        });
        if (options.dryRun) {
          for (const b of batch) this.count(summary, b.sub, b.content, b.content ? 'queued' : 'empty');
          continue;
        }
        const outcomes = await inTransaction(this.db, (stores) =>
          this.writeBatch(stores, batch, pools as Pools),
        );
        batch.forEach((b, k) => this.count(summary, b.sub, b.content, outcomes[k] ?? 'skipped'));
      }
      if (due.length < PAGE) break;
    }
    if (summary.due > 0)
      this.log.info(
        {
          due: summary.due,
          queued: summary.queued,
          empty: summary.empty,
          skipped: summary.skipped,
          dry_run: !!options.dryRun,
        },
        'digests planned',
      );
    return summary;
  }

  private count(
    summary: PlanSummary,
    sub: SubscriptionRow,
    content: DigestContent | null,
    outcome: 'queued' | 'empty' | 'skipped',
  ): void {
    summary[outcome]++;
    if (outcome === 'queued' && content)
      summary.planned.push({
        subscriptionId: sub.id,
        email: sub.email,
        periodKey: content.slot.periodKey,
        trending: content.trending.length,
        alertMatches: content.alerts.reduce((n, a) => n + a.total, 0),
      });
  }

  private async writeBatch(
    stores: Stores,
    batch: {
      sub: SubscriptionRow;
      alerts: readonly SavedAlertRow[];
      content: DigestContent | null;
      message: MailMessage | null;
    }[],
    pools: Pools,
  ): Promise<('queued' | 'empty' | 'skipped')[]> {
    const nowIso = pools.now.toISOString();
    const out: ('queued' | 'empty' | 'skipped')[] = [];
    let wrote = false;
    for (const { sub, alerts, content, message } of batch) {
      const schedule = scheduleOf(sub);
      // Claim the period first: a planner that lost the race writes nothing for this subscription.
      const won = await stores.subscriptions.advance(
        sub.id,
        sub.next_due_at as string,
        nextSlot(schedule, pools.now).at.toISOString(),
        nowIso,
      );
      if (!won) {
        out.push('skipped');
        continue;
      }
      const id =
        content && message
          ? await stores.outbox.insertIfAbsent(
              {
                subscriptionId: sub.id,
                kind: 'digest',
                periodKey: content.slot.periodKey,
                to: sub.email,
                subject: message.subject,
                html: message.html,
                text: message.text,
                headers: message.headers ?? {},
                tokenPurpose: 'manage',
                messageIdHost: messageIdHost(this.config.baseUrl),
              },
              nowIso,
            )
          : null;
      if (id !== null) wrote = true;
      if (content && id === null) {
        // This period's digest went out already (the subscriber moved their hour): what is new
        // now waits for the next period, so the cursors stay.
        out.push('skipped');
        continue;
      }
      // Everything up to here was looked at: mailed now, or there was nothing.
      await stores.subscriptions.setDigestCursor(sub.id, pools.upTo);
      for (const alert of alerts)
        if (alert.cursor < pools.upTo) await stores.savedAlerts.updateCursor(alert.id, pools.upTo);
      out.push(content ? 'queued' : 'empty');
    }
    // One sender job for the batch, in its transaction (services/outbox.ts explains why).
    if (wrote) await stores.jobs.insertIfAbsent(this.jobs.prepare('send-outbox', {}), nowIso);
    return out;
  }

  /** What this subscriber's email would hold now, or null when there is nothing new. */
  async preview(subscriptionId: number): Promise<{ content: DigestContent; message: MailMessage } | null> {
    const sub = await this.stores.subscriptions.findById(subscriptionId);
    if (!sub) return null;
    const now = this.clock.now();
    const pools = await this.loadPools(now);
    const alerts = await this.stores.savedAlerts.listForSubscription(sub.id);
    await this.matchByMeaning(alerts, pools);
    const content = this.compose(sub, alerts, pools);
    return content ? { content, message: this.render(sub, content) } : null;
  }

  /**
   * The digest a new subscriber of this cadence would get now: the trending part, no alerts. When the
   * feed is quiet (nothing featured today, as with the bundled sample), the digest as it would have
   * gone out at the end of the feed's newest day, dated that day, with `asOf` set to say so.
   */
  async previewGeneric(
    cadence: Cadence,
    to = 'you@example.org',
  ): Promise<{ content: DigestContent; message: MailMessage; asOf: string | null }> {
    const now = this.clock.now();
    const sub = { email: to, cadence } as Pick<SubscriptionRow, 'email' | 'cadence'>;
    const schedule: DeliverySchedule = { cadence, hour: 0, timeZone: 'UTC', skipWeekends: false };
    const pools = await this.loadPools(now);
    const from = new Date(now.getTime() - periodMs(cadence)).toISOString();
    const content = this.trendingContent(latestSlot(schedule, now), cadence, from, pools);
    const quiet = await currentTrendingAsOf(this.stores, this.clock);
    if (content.trending.length > 0 || !quiet.stale)
      return { content, message: this.render(sub, content), asOf: null };
    const at = quiet.at;
    const since = new Date(at.getTime() - periodMs(cadence));
    const rows = await this.stores.dailyEntries.listForDays(dayOf(since), dayOf(at));
    const featured = this.feed
      .rankTrending(rows, at)
      .filter((card) => (card.featured?.featuredAt ?? '') > since.toISOString());
    const then: DigestContent = {
      slot: latestSlot(schedule, at),
      cadence,
      window: { from: since.toISOString(), to: at.toISOString() },
      trending: featured.slice(0, this.config.delivery.digestSize),
      trendingTotal: featured.length,
      alerts: [],
    };
    return { content: then, message: this.render(sub, then), asOf: at.toISOString() };
  }

  private async loadPools(now: Date): Promise<Pools> {
    const upTo = new Date(now.getTime() - this.lagMs).toISOString();
    // The widest window any subscription may look back over.
    const from = new Date(now.getTime() - catchUpMs('weekly')).toISOString();
    const [entries, papers] = await Promise.all([
      this.stores.dailyEntries.listCreatedBetween(from, upTo),
      this.stores.papers.listCreatedBetween(from, upTo, MAX_ALERT_POOL),
    ]);
    const createdAt = new Map(entries.map((e) => [e.paper.id, e.entry.created_at]));
    const feed = this.feed.rankTrending(entries, now).map((card) => ({
      card,
      createdAt: createdAt.get(card.paperId) ?? '',
      featuredAt: card.featured?.featuredAt ?? '',
    }));
    const matcher = new AlertMatcher(
      papers.map((p) => toIndexDocument({ ...p, title: p.title_override ?? p.title })),
    );
    return {
      now,
      upTo,
      feed,
      papers: new Map(papers.map((p) => [p.id, p])),
      matcher,
      shown: new Map(),
      trendingFrom: new Map(),
      meaning: new Map(),
    };
  }

  /**
   * Finds, once per run and query, the pool's papers like each `~` alert's query. Asynchronous
   * (the query is embedded), so it runs before the synchronous composing. An embedder that fails
   * leaves those alerts to their words, and says so in the log.
   */
  private async matchByMeaning(alerts: readonly SavedAlertRow[], pools: Pools): Promise<void> {
    if (!this.meaning) return;
    const ids = [...pools.papers.keys()];
    const neighbours = Math.max(
      MEANING_MIN_NEIGHBOURS,
      Math.ceil(MEANING_SHARE * (await this.stores.papers.count())),
    );
    for (const alert of alerts) {
      const parsed = parseAlertQuery(alert.query);
      if (!parsed.meaning || pools.meaning.has(parsed.query)) continue;
      try {
        const found = await this.meaning.likeQuery(pools.matcher.meaningText(parsed.query), ids, neighbours);
        pools.meaning.set(parsed.query, found);
      } catch (err) {
        this.log.warn({ err, alert_id: alert.id }, 'alert could not be matched by meaning; words only');
        pools.meaning.set(parsed.query, null);
      }
    }
  }

  /** What is new for one subscriber, or null when nothing is. */
  private compose(
    sub: SubscriptionRow,
    alerts: readonly SavedAlertRow[],
    pools: Pools,
  ): DigestContent | null {
    const schedule = scheduleOf(sub);
    const slot = latestSlot(schedule, pools.now);
    const floor = new Date(pools.now.getTime() - catchUpMs(sub.cadence)).toISOString();
    const first = new Date(slot.at.getTime() - periodMs(sub.cadence) - this.lagMs).toISOString();
    const from = latest(sub.digest_cursor ?? first, floor);
    const content =
      sub.digest === 1
        ? this.trendingContent(slot, sub.cadence, from, pools)
        : {
            slot,
            cadence: sub.cadence,
            window: { from, to: pools.upTo },
            trending: [],
            trendingTotal: 0,
            alerts: [],
          };
    for (const alert of alerts) {
      const section = this.alertSection(alert, latest(alert.cursor, floor), pools);
      if (section) content.alerts.push(section);
    }
    return content.trending.length > 0 || content.alerts.length > 0 ? content : null;
  }

  private trendingContent(slot: Slot, cadence: Cadence, from: string, pools: Pools): DigestContent {
    // Subscribers planned together mostly share their window: select once per window.
    let top = pools.trendingFrom.get(from);
    if (!top) {
      // Added since the cursor, and featured lately: a period of slack for a mirror that ran late.
      const featuredFrom = new Date(Date.parse(from) - periodMs(cadence)).toISOString();
      const fresh = pools.feed.filter(
        (e) => e.createdAt > from && e.createdAt <= pools.upTo && e.featuredAt > featuredFrom,
      );
      top = {
        cards: fresh.slice(0, this.config.delivery.digestSize).map((e) => e.card),
        total: fresh.length,
      };
      pools.trendingFrom.set(from, top);
    }
    return {
      slot,
      cadence,
      window: { from, to: pools.upTo },
      trending: top.cards,
      trendingTotal: top.total,
      alerts: [],
    };
  }

  private alertSection(
    alert: SavedAlertRow,
    from: string,
    pools: Pools,
  ): (DigestAlertSection & { alertId: number }) | null {
    const isNew = (paperId: number) => {
      const created = pools.papers.get(paperId)?.created_at ?? '';
      return created > from && created <= pools.upTo;
    };
    const parsed = parseAlertQuery(alert.query);
    const limit = this.config.delivery.digestSize;
    const result = pools.matcher.match(parsed.query, limit, isNew);
    const matches: AlertMatch[] = [...result.matches];
    let total = result.total;
    const byMeaning = parsed.meaning ? (pools.meaning.get(parsed.query) ?? null) : null;
    if (byMeaning) {
      // After the papers matched by words: the new papers like the query, closest first, that pass
      // its filters and did not already match by words.
      const passes = pools.matcher.filter(parsed.query);
      const byWords = pools.matcher.matchingIds(parsed.query, isNew);
      for (const hit of byMeaning.matches) {
        if (!isNew(hit.paperId) || !passes(hit.paperId) || byWords.has(hit.paperId)) continue;
        total++;
        if (matches.length < limit)
          matches.push({ paperId: hit.paperId, reasons: [{ kind: 'meaning', similarity: hit.score }] });
      }
    }
    if (total === 0) return null;
    const base = this.config.baseUrl;
    const papers = matches.map((m) => ({
      ...this.shownPaper(m.paperId, pools),
      why: describeReasons(m.reasons),
    }));
    return {
      alertId: alert.id,
      query: alert.query,
      total,
      searchUrl: `${base}${withQuery('/search', { q: parsed.query, sort: 'date' })}`,
      papers,
      meaning: byMeaning
        ? `Also papers like this query by meaning: similarity ${byMeaning.threshold.toFixed(2)} or more, as close as the catalogue's nearest papers to it.`
        : null,
    };
  }

  private shownPaper(paperId: number, pools: Pools): DigestPaper {
    let shown = pools.shown.get(paperId);
    if (!shown) {
      shown = this.digestPaper(toPaperCard(pools.papers.get(paperId) as PaperRow));
      pools.shown.set(paperId, shown);
    }
    return shown;
  }

  private digestPaper(card: ReturnType<typeof toPaperCard>): DigestPaper {
    return {
      arxivId: card.arxivId,
      title: card.title,
      authors: card.authors.map((a) => a.name),
      abstract: card.abstract,
      upvotes: card.upvotes,
      comments: card.comments,
      url: `${this.config.baseUrl}${paperPath(card.arxivId)}`,
    };
  }

  render(
    sub: Pick<SubscriptionRow, 'email' | 'cadence'>,
    content: DigestContent,
    pools?: Pools,
  ): MailMessage {
    return digestEmail({
      to: sub.email,
      siteName: this.config.siteName,
      baseUrl: this.config.baseUrl,
      cadence: sub.cadence,
      periodLabel: periodLabel(content.slot),
      trending: content.trending.map((c) =>
        pools ? this.shownPaper(c.paperId, pools) : this.digestPaper(c),
      ),
      trendingTotal: content.trendingTotal,
      alerts: content.alerts,
    });
  }
}
