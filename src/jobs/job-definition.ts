// What a job kind is: a name, a payload schema, and a handler. One file per kind in handlers/ defines
// one with `defineJob`; handlers/index.ts lists them. Handlers must be idempotent: a job can run again
// after a crash, a lost lease or a retry, and the second run must leave the database as one run would.
import type { z } from 'zod';
import type { Services } from '../app.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';

/** Fields a handler may add to the "job done" log line (counts, days, sets). */
export type JobOutcome = Record<string, string | number | boolean | null>;

export interface JobContext {
  services: Services;
  clock: Clock;
  /** Logs with job_id and kind already bound. */
  log: Logger;
  /**
   * Aborted when the worker stops (past its grace period) or loses the job's lease. Long handlers
   * check it between units of work (pages, batches) and stop there; the job runs again later.
   */
  signal: AbortSignal;
  job: { id: number; attempt: number; maxAttempts: number };
}

export interface JobDefinition<K extends string = string, P = unknown> {
  readonly kind: K;
  /** One line for `paperboy jobs --help`. */
  readonly summary: string;
  /** Validates the payload when queued and again when run. */
  readonly payload: z.ZodType<P>;
  /**
   * Queued every minute and usually finding nothing to do (digests, the outbox): its runs log at
   * debug level unless they did something, so a terminal is not a scroll of empty runs.
   */
  readonly routine?: boolean;
  /** The unique key a job gets when the caller names none: same key, never queued twice. */
  uniqueKey?(payload: P): string | null;
  run(payload: P, ctx: JobContext): Promise<JobOutcome | void>;
}

/** Typed helper for handler files: the payload type is the schema's output. */
export function defineJob<K extends string, S extends z.ZodType>(
  definition: JobDefinition<K, z.output<S>> & { payload: S },
): JobDefinition<K, z.output<S>> & { payload: S } {
  return definition;
}

/** Thrown by a handler (or the worker) when trying again cannot help: the job fails for good. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
