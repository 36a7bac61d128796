// Recurring work from config, queued as jobs. Every serve and worker process runs a scheduler and
// ticks every few seconds; the schedules table decides which process enqueues an occurrence: the one
// whose compare-and-set moves next_run_at (in the same transaction as the enqueue, so an occurrence
// is never claimed without its job). Occurrences missed while every process was down collapse into
// one: next_run_at jumps to the first occurrence after now, on the schedule's original grid.
import type { JobsConfig } from '../config.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { createStores, inTransaction, type Stores } from '../stores/index.js';
import type { JobQueue } from './queue.js';

export interface Schedule {
  /** Row name in `schedules`; also names the schedule in logs. */
  name: string;
  everyMs: number;
  kind: string;
  payload: unknown;
}

export interface TickResult {
  schedule: string;
  jobId: number;
  /** False when the previous occurrence's job was still queued or running (same unique key). */
  created: boolean;
  /** Occurrences skipped because they fell while nothing was ticking. */
  skipped: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The recurring work the configuration asks for; housekeeping always. */
export function schedulesFromConfig(jobs: JobsConfig): Schedule[] {
  const schedules: Schedule[] = jobs.harvestArxivSets.map((set) => ({
    name: `harvest-arxiv-oai:${set}`,
    everyMs: jobs.harvestArxivEveryMinutes * MINUTE_MS,
    kind: 'harvest-arxiv-oai',
    payload: { set },
  }));
  // Optional recurring work, each off at 0 minutes. The embedder is cheap when nothing is new: it
  // only reads which papers lack a current vector.
  const optional: [name: string, minutes: number][] = [
    ['mirror-hf-daily', jobs.mirrorHfEveryMinutes],
    ['embed-papers', jobs.embedEveryMinutes],
    ['cache-images', jobs.cacheImagesEveryMinutes],
  ];
  for (const [name, minutes] of optional)
    if (minutes > 0) schedules.push({ name, everyMs: minutes * MINUTE_MS, kind: name, payload: {} });
  // Delivery: digests are due at each subscriber's own hour, so the planner looks every minute (an
  // indexed read when nobody is due); the sender picks up retries; housekeeping once a day.
  schedules.push({ name: 'plan-digests', everyMs: MINUTE_MS, kind: 'plan-digests', payload: {} });
  schedules.push({ name: 'send-outbox', everyMs: MINUTE_MS, kind: 'send-outbox', payload: {} });
  schedules.push({ name: 'prune-jobs', everyMs: DAY_MS, kind: 'prune-jobs', payload: {} });
  schedules.push({ name: 'prune-delivery', everyMs: DAY_MS, kind: 'prune-delivery', payload: {} });
  return schedules;
}

/**
 * A schedule the configuration can turn off (an HF mirror, embedding, a harvest set), from the name of
 * its row: what it queued, so a job it left queued can be found when it is off.
 */
export function optionalSchedule(name: string): Omit<Schedule, 'everyMs'> | null {
  if (name === 'mirror-hf-daily') return { name, kind: 'mirror-hf-daily', payload: {} };
  if (name === 'embed-papers') return { name, kind: 'embed-papers', payload: {} };
  if (name === 'cache-images') return { name, kind: 'cache-images', payload: {} };
  const harvest = /^harvest-arxiv-oai:(.+)$/.exec(name);
  if (harvest) return { name, kind: 'harvest-arxiv-oai', payload: { set: harvest[1] } };
  return null;
}

/** The first occurrence after `now` on the grid `due + k * every` (k >= 1). */
export function nextOccurrence(dueMs: number, everyMs: number, nowMs: number): number {
  return dueMs + (Math.floor(Math.max(0, nowMs - dueMs) / everyMs) + 1) * everyMs;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> | null = null;
  private stopped = false;
  private retired = false;
  private readonly stores: Stores;

  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    readonly schedules: readonly Schedule[],
    private readonly tickMs = 15_000,
  ) {
    this.stores = createStores(db.kysely, db.dialect);
  }

  /** Ticks now and then every tickMs until stop(). */
  start(): void {
    const run = () => {
      this.ticking = this.tick().finally(() => {
        if (!this.stopped) this.timer = setTimeout(run, this.tickMs);
      });
    };
    this.log.info({ schedules: this.schedules.map((s) => s.name) }, 'scheduler started');
    run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
  }

  /**
   * Enqueues the occurrences that are due; returns what this process enqueued. A schedule that fails
   * is logged and does not hold up the others; the next tick tries it again.
   */
  async tick(): Promise<TickResult[]> {
    if (!this.retired) {
      await this.retireSchedulesTurnedOff().catch((err: unknown) =>
        this.log.error({ error: err instanceof Error ? err.message : String(err) }, 'schedules not retired'),
      );
      this.retired = true;
    }
    const results: TickResult[] = [];
    for (const schedule of this.schedules) {
      try {
        const result = await this.tickOne(schedule);
        if (result) results.push(result);
      } catch (err) {
        this.log.error(
          { schedule: schedule.name, error: err instanceof Error ? err.message : String(err) },
          'schedule could not be checked',
        );
      }
    }
    return results;
  }

  /**
   * A schedule this process's configuration turned off (PAPERBOY_MIRROR_HF_EVERY_MINUTES=0, a set
   * taken out of PAPERBOY_HARVEST_ARXIV_SETS) leaves its row, and maybe a queued job retrying with
   * backoff: 0 means off at once, so the row goes and the queued job ends without running. A job
   * already running finishes; `paperboy jobs enqueue` still queues the kind by hand.
   */
  private async retireSchedulesTurnedOff(): Promise<void> {
    const wanted = new Set(this.schedules.map((s) => s.name));
    for (const row of await this.stores.schedules.list()) {
      if (wanted.has(row.name)) continue;
      const off = optionalSchedule(row.name);
      if (!off) continue;
      const key = this.queue.prepare(off.kind, off.payload).uniqueKey;
      const now = this.clock.now().toISOString();
      const cancelled = await inTransaction(this.db, async (stores) => {
        await stores.schedules.delete(row.name);
        return key ? stores.jobs.cancelQueued(key, `cancelled: schedule ${row.name} was turned off`, now) : 0;
      });
      this.log.info(
        { schedule: row.name, cancelled_jobs: cancelled },
        'schedule turned off in the configuration',
      );
    }
  }

  private async tickOne(schedule: Schedule): Promise<TickResult | null> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    // A new schedule is due at once: papers start arriving as soon as the first process is up.
    await this.stores.schedules.insertIfAbsent(schedule.name, nowIso);
    const row = await this.stores.schedules.find(schedule.name);
    if (!row) return null;
    const dueMs = Date.parse(row.next_run_at);
    if (dueMs > now.getTime()) {
      await this.clampToPeriod(schedule, row.next_run_at, row.last_enqueued_at, now);
      return null;
    }
    const nextMs = nextOccurrence(dueMs, schedule.everyMs, now.getTime());
    const skipped = Math.floor((now.getTime() - dueMs) / schedule.everyMs);
    const job = this.queue.prepare(schedule.kind, schedule.payload);
    const outcome = await inTransaction(this.db, async (stores) => {
      const won = await stores.schedules.compareAndSet(
        schedule.name,
        row.next_run_at,
        new Date(nextMs).toISOString(),
        nowIso,
      );
      return won ? stores.jobs.insertIfAbsent(job, nowIso) : null;
    });
    if (!outcome) return null;
    const routine = this.queue.registry.get(schedule.kind)?.routine === true;
    (routine ? this.log.debug : this.log.info).call(
      this.log,
      {
        schedule: schedule.name,
        kind: schedule.kind,
        job_id: outcome.job.id,
        created: outcome.created,
        skipped,
        next_run_at: new Date(nextMs).toISOString(),
      },
      outcome.created
        ? 'schedule enqueued a job'
        : 'schedule due while its last job is still queued or running',
    );
    return { schedule: schedule.name, jobId: outcome.job.id, created: outcome.created, skipped };
  }

  /**
   * When the period was shortened in the configuration, the stored next run can be further away than
   * one new period: bring it to one period after the last enqueue.
   */
  private async clampToPeriod(
    schedule: Schedule,
    nextRunAt: string,
    lastEnqueuedAt: string | null,
    now: Date,
  ): Promise<void> {
    if (Date.parse(nextRunAt) - now.getTime() <= schedule.everyMs) return;
    const from = lastEnqueuedAt === null ? now.getTime() : Date.parse(lastEnqueuedAt);
    const next = new Date(Math.min(from + schedule.everyMs, now.getTime() + schedule.everyMs)).toISOString();
    await this.stores.schedules.compareAndSet(schedule.name, nextRunAt, next, null);
  }
}
