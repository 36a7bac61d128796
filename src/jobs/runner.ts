// A worker and the scheduler over one app: what `paperboy worker` runs, and what `paperboy serve`
// runs in-process unless told not to.
import type { AppContext } from '../app.js';
import { createStores } from '../stores/index.js';
import { createJobRegistry, type JobRegistry } from './handlers/index.js';
import { JobQueue } from './queue.js';
import { type Schedule, Scheduler, schedulesFromConfig } from './scheduler.js';
import { type StopResult, Worker, type WorkerOptions } from './worker.js';

export interface JobRunner {
  worker: Worker;
  scheduler: Scheduler;
  /** Starts both; they run until stop(). */
  start(): void;
  /** Stops the scheduler, then the worker (see Worker.stop). */
  stop(): Promise<StopResult>;
}

export interface JobRunnerOverrides {
  /** The kinds to run (tests add their own with createJobRegistry(extra)). */
  registry?: JobRegistry;
  schedules?: Schedule[];
  worker?: Partial<WorkerOptions>;
  schedulerTickMs?: number;
}

export function createJobRunner(ctx: AppContext, overrides: JobRunnerOverrides = {}): JobRunner {
  const { config, services, clock, db } = ctx;
  const log = ctx.log.child({ component: 'jobs' });
  const store = createStores(db.kysely, db.dialect).jobs;
  const registry = overrides.registry ?? createJobRegistry();
  const queue = new JobQueue(store, registry, clock, { maxAttempts: config.jobs.maxAttempts });
  const worker = new Worker(
    { store, registry, services, clock, log },
    { concurrency: config.jobs.concurrency, leaseSeconds: config.jobs.leaseSeconds, ...overrides.worker },
  );
  const scheduler = new Scheduler(
    db,
    queue,
    clock,
    log,
    overrides.schedules ?? schedulesFromConfig(config.jobs),
    overrides.schedulerTickMs,
  );
  return {
    worker,
    scheduler,
    start() {
      scheduler.start();
      worker.start();
    },
    async stop() {
      await scheduler.stop();
      return worker.stop();
    },
  };
}
