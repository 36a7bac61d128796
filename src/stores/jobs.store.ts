// The job queue's table. Every transition is one conditional UPDATE, so concurrent workers, schedulers
// and operators can race on a row and exactly one of them wins:
//   queued --claim--> running --complete--> done
//                       |  \--fail--> queued (retry later) | failed (out of attempts or not retryable)
//                       |  \--release--> queued (shutdown; the attempt is given back)
//                       \--lease expired--> queued | failed
//   failed --retry--> queued
// A worker only changes a running job while it still holds the lease (locked_by = itself), so one
// that was presumed dead cannot overwrite the work of the worker that took its job over.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../db/database.js';
import type { Database, JobRow, JobStatus } from '../db/schema.js';

export interface NewJob {
  kind: string;
  /** JSON text, already validated. */
  payload: string;
  uniqueKey: string | null;
  runAt: string;
  maxAttempts: number;
}

export interface EnqueueOutcome {
  job: JobRow;
  /** False when a queued or running job already had the unique key: `job` is that one. */
  created: boolean;
}

export type FailOutcome = 'queued' | 'failed' | 'lost';
export type RetryOutcome = 'queued' | 'not-found' | 'not-failed' | 'duplicate';

/** Statuses that hold a unique key (the partial unique index's predicate, migration 002). */
const LIVE: JobStatus[] = ['queued', 'running'];

export class JobsStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /**
   * Queues a job unless a queued or running job has the same unique key; then returns that job.
   * (`on conflict do nothing` is atomic on both databases; the loop covers the key's holder
   * finishing between our insert and our read.)
   */
  async insertIfAbsent(job: NewJob, now: string): Promise<EnqueueOutcome> {
    for (let tries = 0; ; tries++) {
      const inserted = await this.db
        .insertInto('jobs')
        .values({
          kind: job.kind,
          payload: job.payload,
          unique_key: job.uniqueKey,
          status: 'queued',
          run_at: job.runAt,
          attempts: 0,
          max_attempts: job.maxAttempts,
          created_at: now,
          updated_at: now,
        })
        // The predicate of the partial unique index, written as in the index: SQLite matches the
        // conflict target to the index by its text, and bound parameters would not match.
        .onConflict((oc) =>
          oc
            .column('unique_key')
            .where(sql<boolean>`status in ('queued', 'running')`)
            .doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { job: inserted, created: true };
      const existing = job.uniqueKey === null ? null : await this.findLiveByKey(job.uniqueKey);
      if (existing) return { job: existing, created: false };
      if (tries >= 3) throw new Error(`could not queue job with key ${job.uniqueKey ?? ''}`);
    }
  }

  async findById(id: number): Promise<JobRow | null> {
    return (await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async findLiveByKey(uniqueKey: string): Promise<JobRow | null> {
    return (
      (await this.db
        .selectFrom('jobs')
        .selectAll()
        .where('unique_key', '=', uniqueKey)
        .where('status', 'in', LIVE)
        .executeTakeFirst()) ?? null
    );
  }

  /**
   * Takes the due queued job of one of `kinds` that has waited longest: running, one more attempt,
   * leased to `workerId` until `leaseUntil`. PostgreSQL skips rows another worker is claiming
   * (`for update skip locked`); SQLite runs one writer at a time, so the single UPDATE is atomic.
   */
  async claimNext(claim: {
    kinds: readonly string[];
    workerId: string;
    now: string;
    leaseUntil: string;
  }): Promise<JobRow | null> {
    if (claim.kinds.length === 0) return null;
    const due = this.db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'queued')
      .where('run_at', '<=', claim.now)
      .where('kind', 'in', claim.kinds)
      .orderBy('run_at')
      .orderBy('id')
      .limit(1);
    // A plain read first: an idle worker polls often, and an UPDATE would take the write lock (SQLite)
    // or row locks (PostgreSQL) each time just to find nothing.
    if (!(await due.executeTakeFirst())) return null;
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: claim.workerId,
        locked_until: claim.leaseUntil,
        updated_at: claim.now,
      }))
      .where('id', '=', this.dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  /** Extends the lease of a job this worker still holds; false when it lost it. */
  async extendLease(id: number, workerId: string, leaseUntil: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('jobs')
      .set({ locked_until: leaseUntil, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Marks a job this worker holds done; false when it had lost the lease. */
  async complete(id: number, workerId: string, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('jobs')
      .set({ status: 'done', locked_by: null, locked_until: null, updated_at: now, finished_at: now })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /**
   * Records a failed attempt of a job this worker holds: queued again at `retryAt` while attempts
   * remain, failed for good when they do not or when `retryAt` is null (not worth retrying).
   */
  async fail(
    id: number,
    workerId: string,
    failure: { error: string; now: string; retryAt: string | null },
  ): Promise<FailOutcome> {
    const held = this.db
      .updateTable('jobs')
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('locked_by', '=', workerId);
    if (failure.retryAt !== null) {
      const res = await held
        .set({
          status: 'queued',
          run_at: failure.retryAt,
          locked_by: null,
          locked_until: null,
          last_error: failure.error,
          updated_at: failure.now,
        })
        .where((eb) => eb('attempts', '<', eb.ref('max_attempts')))
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) > 0) return 'queued';
    }
    const res = await held
      .set({
        status: 'failed',
        locked_by: null,
        locked_until: null,
        last_error: failure.error,
        updated_at: failure.now,
        finished_at: failure.now,
      })
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0 ? 'failed' : 'lost';
  }

  /**
   * Ends a queued (not running) job of this key without running it, as failed with `reason`: the
   * schedule that queued it was turned off. Returns how many were ended (0 or 1).
   */
  async cancelQueued(uniqueKey: string, reason: string, now: string): Promise<number> {
    const res = await this.db
      .updateTable('jobs')
      .set({ status: 'failed', last_error: reason, updated_at: now, finished_at: now })
      .where('unique_key', '=', uniqueKey)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Puts a job this worker holds back in the queue, due now, giving back the attempt (shutdown). */
  async release(id: number, workerId: string, now: string, reason: string): Promise<boolean> {
    const res = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'queued',
        attempts: eb('attempts', '-', 1),
        run_at: now,
        locked_by: null,
        locked_until: null,
        last_error: reason,
        updated_at: now,
      }))
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /** Running jobs whose lease has run out: their worker stopped (killed, crashed, cut off). */
  async listExpired(now: string, limit: number): Promise<JobRow[]> {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * Takes back a job whose lease expired, as `expired` saw it (same holder, same lease): queued again
   * and due now while attempts remain, else failed. Null when another worker got there first or the
   * holder came back to life and extended its lease.
   */
  async requeueExpired(expired: JobRow, error: string, now: string): Promise<'queued' | 'failed' | null> {
    const outOfAttempts = expired.attempts >= expired.max_attempts;
    let query = this.db
      .updateTable('jobs')
      .set({
        status: outOfAttempts ? 'failed' : 'queued',
        run_at: outOfAttempts ? expired.run_at : now,
        locked_by: null,
        locked_until: null,
        last_error: error,
        updated_at: now,
        finished_at: outOfAttempts ? now : null,
      })
      .where('id', '=', expired.id)
      .where('status', '=', 'running')
      .where('locked_until', '<', now);
    query =
      expired.locked_by === null
        ? query.where('locked_by', 'is', null)
        : query.where('locked_by', '=', expired.locked_by);
    const res = await query.executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return null;
    return outOfAttempts ? 'failed' : 'queued';
  }

  /**
   * Jobs in the given statuses: running first, then queued (next due first), then failed and done
   * (latest first).
   */
  async list(statuses: readonly JobStatus[], limit: number): Promise<JobRow[]> {
    if (statuses.length === 0) return [];
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', 'in', statuses)
      .orderBy(sql`case status when 'running' then 0 when 'queued' then 1 when 'failed' then 2 else 3 end`)
      .orderBy(sql`case when status in ('queued', 'running') then run_at end`)
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async countByStatus(): Promise<Record<JobStatus, number>> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  /**
   * Queues a failed job again, due now, with its attempts reset. Refused ('duplicate') while another
   * queued or running job holds its unique key.
   */
  async retry(id: number, now: string): Promise<RetryOutcome> {
    const res = await this.db
      .updateTable('jobs')
      .set({
        status: 'queued',
        attempts: 0,
        run_at: now,
        locked_by: null,
        locked_until: null,
        updated_at: now,
        finished_at: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .where((eb) =>
        eb.or([
          eb('unique_key', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('jobs as other')
                .select('other.id')
                .whereRef('other.unique_key', '=', 'jobs.unique_key')
                .where('other.status', 'in', LIVE),
            ),
          ),
        ]),
      )
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return 'queued';
    const job = await this.findById(id);
    if (!job) return 'not-found';
    return job.status === 'failed' ? 'duplicate' : 'not-failed';
  }

  /** Deletes done jobs that finished before `before`; returns how many. */
  async deleteDone(before: string): Promise<number> {
    const res = await this.db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
