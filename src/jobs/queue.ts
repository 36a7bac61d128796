// The typed way into the job queue: validates kind and payload against the registry, fills in the
// kind's unique key and the configured attempts, and reads the queue for `paperboy jobs`.
import { z } from 'zod';
import type { JobRow, JobStatus } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';
import { InvalidInputError } from '../services/errors.js';
import type { EnqueueOutcome, JobsStore, NewJob, RetryOutcome } from '../stores/jobs.store.js';
import type { BuiltinJobKind, JobPayloadInput, JobRegistry } from './handlers/index.js';

export interface EnqueueOptions {
  /** Overrides the kind's own unique key; null queues without one. */
  uniqueKey?: string | null;
  /** Default: now. */
  runAt?: Date;
  /** Default: PAPERBOY_JOB_MAX_ATTEMPTS. */
  maxAttempts?: number;
}

export class JobQueue {
  constructor(
    private readonly store: JobsStore,
    readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly defaults: { maxAttempts: number },
  ) {}

  /** Queues a job of a kind paperboy ships; a queued or running job with the same key is returned instead. */
  enqueue<K extends BuiltinJobKind>(
    kind: K,
    payload: JobPayloadInput<K>,
    options: EnqueueOptions = {},
  ): Promise<EnqueueOutcome> {
    return this.enqueueAny(kind, payload, options);
  }

  /** Queues a job whose kind and payload come from outside the type system (CLI, tests). */
  enqueueAny(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<EnqueueOutcome> {
    return this.store.insertIfAbsent(this.prepare(kind, payload, options), this.clock.now().toISOString());
  }

  /** The row to insert, validated; throws InvalidInputError for an unknown kind or a bad payload. */
  prepare(kind: string, payload: unknown, options: EnqueueOptions = {}): NewJob {
    const definition = this.registry.get(kind);
    if (!definition) {
      throw new InvalidInputError(
        'kind',
        `unknown job kind "${kind}" (known: ${this.registry.kinds().join(', ')})`,
      );
    }
    const parsed = definition.payload.safeParse(payload);
    if (!parsed.success) {
      throw new InvalidInputError('payload', `invalid ${kind} payload: ${z.prettifyError(parsed.error)}`);
    }
    const maxAttempts = options.maxAttempts ?? this.defaults.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new InvalidInputError('maxAttempts', 'max attempts must be a positive integer');
    return {
      kind,
      payload: JSON.stringify(parsed.data),
      uniqueKey:
        options.uniqueKey !== undefined ? options.uniqueKey : (definition.uniqueKey?.(parsed.data) ?? null),
      runAt: (options.runAt ?? this.clock.now()).toISOString(),
      maxAttempts,
    };
  }

  find(id: number): Promise<JobRow | null> {
    return this.store.findById(id);
  }

  list(statuses: readonly JobStatus[], limit: number): Promise<JobRow[]> {
    return this.store.list(statuses, limit);
  }

  counts(): Promise<Record<JobStatus, number>> {
    return this.store.countByStatus();
  }

  /** Queues a failed job again, due now, with its attempts reset. */
  retry(id: number): Promise<RetryOutcome> {
    return this.store.retry(id, this.clock.now().toISOString());
  }

  /** Deletes done jobs that finished before `before` (ISO time); returns how many. */
  pruneDone(before: string): Promise<number> {
    return this.store.deleteDone(before);
  }
}
