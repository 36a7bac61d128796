// Runs queued jobs: claim a due job with a lease, run its handler while renewing the lease, then mark
// it done, or failed (retried later with backoff while attempts remain). Several workers, in one
// process or many, share the queue safely: a claim is one atomic UPDATE, and a worker only finishes
// jobs whose lease it still holds. A worker that dies leaves its job `running`; once the lease lapses,
// the next worker that looks puts it back in the queue (and logs it).
//
// Log lines (stable fields: job_id, kind, attempt, duration_ms, error): "job started", "job done",
// "job failed" (will_retry says whether it comes back), "job lease expired", "job interrupted".
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Services } from '../app.js';
import type { JobRow } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { InvalidInputError, NotFoundError } from '../services/errors.js';
import type { JobsStore } from '../stores/jobs.store.js';
import { retryDelayMs } from './backoff.js';
import type { JobRegistry } from './handlers/index.js';
import { type JobContext, type JobOutcome, PermanentJobError } from './job-definition.js';

export interface WorkerOptions {
  /** Jobs run at the same time. */
  concurrency: number;
  leaseSeconds: number;
  /** How often an idle worker looks for due jobs. */
  pollMs?: number;
  /** On stop: how long running jobs may take to finish before they are asked to stop. */
  stopGraceMs?: number;
  /** After asking: how long to wait before leaving them to their lease. */
  abortWaitMs?: number;
  workerId?: string;
  random?: () => number;
}

export interface WorkerDeps {
  store: JobsStore;
  registry: JobRegistry;
  services: Services;
  clock: Clock;
  log: Logger;
}

export interface WorkerCounts {
  done: number;
  /** Failed for good. */
  failed: number;
  /** Failed and queued again for later. */
  retrying: number;
  /** Stopped by shutdown and queued again. */
  interrupted: number;
}

export interface StopResult {
  /** Jobs still running when the worker gave up waiting: they go back to the queue when their lease lapses. */
  abandoned: number[];
}

/** Why a job's signal was aborted. */
class WorkerStoppingError extends Error {
  override name = 'WorkerStoppingError';
}
class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

interface RunningJob {
  controller: AbortController;
  done: Promise<void>;
}

const MAX_ERROR_LENGTH = 4000;

export class Worker {
  readonly id: string;
  readonly counts: WorkerCounts = { done: 0, failed: 0, retrying: 0, interrupted: 0 };
  private readonly running = new Map<number, RunningJob>();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private stopping = false;
  private loopDone: Promise<void> | null = null;
  private stopped: Promise<StopResult> | null = null;
  private wakeUp: (() => void) | null = null;
  private wakePending = false;
  private lastRecovery = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: WorkerDeps,
    private readonly options: WorkerOptions,
  ) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseSeconds * 1000;
  }

  /** Runs until `stop()`. */
  start(): void {
    if (this.loopDone) throw new Error('worker already started');
    this.deps.log.info(
      { worker: this.id, concurrency: this.options.concurrency, kinds: this.deps.registry.kinds() },
      'worker started',
    );
    this.loopDone = this.loop(false);
  }

  /** Runs due jobs until none is left (jobs queued meanwhile included), then returns. */
  async drain(): Promise<WorkerCounts> {
    if (this.loopDone) throw new Error('worker already started');
    this.loopDone = this.loop(true);
    await this.loopDone;
    return { ...this.counts };
  }

  /**
   * Stops claiming, lets running jobs finish within the grace period, then asks them to stop (they
   * go back to the queue) and waits a little more; jobs still running after that are left to their
   * lease. Safe to call more than once.
   */
  stop(): Promise<StopResult> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<StopResult> {
    this.stopping = true;
    this.wake();
    await this.loopDone?.catch(() => {});
    const log = this.deps.log;
    if (this.running.size > 0) {
      const graceMs = this.options.stopGraceMs ?? 10_000;
      log.info({ worker: this.id, job_ids: [...this.running.keys()], grace_ms: graceMs }, 'worker stopping');
      if (!(await this.allFinishedWithin(graceMs))) {
        for (const job of this.running.values())
          job.controller.abort(new WorkerStoppingError('worker stopping'));
        await this.allFinishedWithin(this.options.abortWaitMs ?? 2000);
      }
    }
    const abandoned = [...this.running.keys()];
    if (abandoned.length > 0) {
      log.warn(
        { worker: this.id, job_ids: abandoned },
        'worker stopped with jobs still running; another worker takes them over when their lease expires',
      );
    } else log.info({ worker: this.id, ...this.counts }, 'worker stopped');
    return { abandoned };
  }

  private async loop(drain: boolean): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (this.running.size < this.options.concurrency) {
        let job: JobRow | null;
        try {
          await this.recoverExpiredLeases();
          job = await this.claim();
          failures = 0;
        } catch (err) {
          if (drain) throw err;
          failures++;
          this.deps.log.error(
            { worker: this.id, error: errorText(err) },
            'job queue unreachable; trying again',
          );
          await this.idle(Math.min(30_000, this.pollMs * 2 ** failures));
          continue;
        }
        if (job) {
          this.launch(job);
          continue;
        }
      }
      if (drain && this.running.size === 0) return;
      // Wakes early when a job finishes (a slot is free, and it may have queued more) or on stop.
      await this.idle(drain ? Number.POSITIVE_INFINITY : this.pollMs);
    }
  }

  /** Waits `ms`, or less when `wake()` is called (also if it was called since the last wait). */
  private idle(ms: number): Promise<void> {
    if (this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => this.wake(), ms) : null;
      this.wakeUp = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    if (wakeUp) wakeUp();
    else this.wakePending = true;
  }

  private claim(): Promise<JobRow | null> {
    const now = this.deps.clock.now();
    return this.deps.store.claimNext({
      kinds: this.deps.registry.kinds(),
      workerId: this.id,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
    });
  }

  /** Puts back in the queue the jobs of workers that stopped renewing their lease (at most once a poll). */
  private async recoverExpiredLeases(): Promise<void> {
    const at = performance.now();
    if (at - this.lastRecovery < this.pollMs) return;
    this.lastRecovery = at;
    const now = this.deps.clock.now().toISOString();
    for (const job of await this.deps.store.listExpired(now, 100)) {
      const error = `lease expired during attempt ${job.attempts} (worker ${job.locked_by ?? '?'} stopped renewing it)`;
      const outcome = await this.deps.store.requeueExpired(job, error, now);
      if (outcome === null) continue;
      this.deps.log.warn(
        {
          job_id: job.id,
          kind: job.kind,
          attempt: job.attempts,
          worker: this.id,
          previous_worker: job.locked_by,
          locked_until: job.locked_until,
          will_retry: outcome === 'queued',
        },
        'job lease expired',
      );
    }
  }

  private launch(job: JobRow): void {
    const controller = new AbortController();
    const done = this.execute(job, controller).finally(() => {
      this.running.delete(job.id);
      this.wake();
    });
    this.running.set(job.id, { controller, done });
  }

  /** Runs one claimed job to its end state. Never rejects: every outcome is logged. */
  private async execute(job: JobRow, controller: AbortController): Promise<void> {
    const { store, clock } = this.deps;
    const log = this.deps.log.child({ job_id: job.id, kind: job.kind });
    const attempt = job.attempts;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const routine = this.deps.registry.get(job.kind)?.routine === true;
    const quietly = (outcome: JobOutcome | void) =>
      routine && !Object.values(outcome ?? {}).some((v) => typeof v === 'number' && v > 0);
    (routine ? log.debug : log.info).call(
      log,
      { attempt, max_attempts: job.max_attempts, worker: this.id },
      'job started',
    );
    const stopHeartbeat = this.heartbeat(job, controller, log);
    try {
      let outcome: JobOutcome | void;
      try {
        outcome = await this.runHandler(job, controller.signal, log);
      } finally {
        stopHeartbeat();
      }
      if (!(await store.complete(job.id, this.id, clock.now().toISOString()))) {
        log.warn({ attempt, duration_ms: elapsed() }, 'job finished after its lease was lost');
        return;
      }
      this.counts.done++;
      (quietly(outcome) ? log.debug : log.info).call(
        log,
        { attempt, duration_ms: elapsed(), ...(outcome ? { result: outcome } : {}) },
        'job done',
      );
    } catch (err) {
      await this.recordFailure(job, err, controller.signal, elapsed(), log);
    }
  }

  private async recordFailure(
    job: JobRow,
    err: unknown,
    signal: AbortSignal,
    durationMs: number,
    log: Logger,
  ): Promise<void> {
    const { store, clock } = this.deps;
    const attempt = job.attempts;
    const error = errorText(err);
    try {
      const now = clock.now();
      if (signal.aborted && signal.reason instanceof LeaseLostError) {
        log.warn({ attempt, duration_ms: durationMs, error }, 'job stopped: its lease was lost');
        return;
      }
      if (signal.aborted && signal.reason instanceof WorkerStoppingError) {
        const released = await store.release(job.id, this.id, now.toISOString(), 'interrupted by shutdown');
        if (released) this.counts.interrupted++;
        log.warn({ attempt, duration_ms: durationMs, error, queued_again: released }, 'job interrupted');
        return;
      }
      const retryAt = isPermanent(err)
        ? null
        : new Date(now.getTime() + retryDelayMs(attempt, this.options.random)).toISOString();
      const outcome = await store.fail(job.id, this.id, { error, now: now.toISOString(), retryAt });
      switch (outcome) {
        case 'queued':
          this.counts.retrying++;
          log.warn(
            { attempt, duration_ms: durationMs, error, will_retry: true, retry_at: retryAt },
            'job failed',
          );
          return;
        case 'failed':
          this.counts.failed++;
          log.error({ attempt, duration_ms: durationMs, error, will_retry: false }, 'job failed');
          return;
        case 'lost':
          log.warn({ attempt, duration_ms: durationMs, error }, 'job failed after its lease was lost');
          return;
      }
    } catch (bookkeeping) {
      // The job stays running under our lease, which lapses: another worker takes it over.
      log.error(
        { attempt, duration_ms: durationMs, error, bookkeeping_error: errorText(bookkeeping) },
        'job failed and its failure could not be recorded',
      );
    }
  }

  private async runHandler(job: JobRow, signal: AbortSignal, log: Logger): Promise<JobOutcome | void> {
    const definition = this.deps.registry.get(job.kind);
    if (!definition) throw new PermanentJobError(`unknown job kind "${job.kind}"`);
    let raw: unknown;
    try {
      raw = JSON.parse(job.payload);
    } catch {
      throw new PermanentJobError('payload is not JSON');
    }
    const parsed = definition.payload.safeParse(raw);
    if (!parsed.success)
      throw new PermanentJobError(`invalid ${job.kind} payload: ${z.prettifyError(parsed.error)}`);
    const ctx: JobContext = {
      services: this.deps.services,
      clock: this.deps.clock,
      log,
      signal,
      job: { id: job.id, attempt: job.attempts, maxAttempts: job.max_attempts },
    };
    return definition.run(parsed.data, ctx);
  }

  /**
   * Renews the lease every third of its length. If the job is no longer ours, or the database has
   * not answered for the whole lease (another worker may have taken the job over), the handler is
   * asked to stop.
   */
  private heartbeat(job: JobRow, controller: AbortController, log: Logger): () => void {
    let heldUntil = Date.now() + this.leaseMs;
    let busy = false;
    const renew = async () => {
      if (busy || controller.signal.aborted) return;
      busy = true;
      const now = this.deps.clock.now();
      try {
        const until = new Date(now.getTime() + this.leaseMs).toISOString();
        if (await this.deps.store.extendLease(job.id, this.id, until, now.toISOString())) {
          heldUntil = Date.now() + this.leaseMs;
        } else {
          log.warn({ attempt: job.attempts }, 'job lease lost; stopping the job');
          controller.abort(new LeaseLostError('lease lost'));
        }
      } catch (err) {
        log.warn({ attempt: job.attempts, error: errorText(err) }, 'job lease could not be renewed');
        if (Date.now() > heldUntil) controller.abort(new LeaseLostError('lease could not be renewed'));
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void renew(), Math.max(50, this.leaseMs / 3));
    // The job itself keeps the process alive; the timer must not keep it alive after the job.
    timer.unref();
    return () => clearInterval(timer);
  }

  private async allFinishedWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const all = Promise.all([...this.running.values()].map((j) => j.done)).then(() => true as const);
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Errors that another attempt cannot fix. */
function isPermanent(err: unknown): boolean {
  return err instanceof PermanentJobError || err instanceof InvalidInputError || err instanceof NotFoundError;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
