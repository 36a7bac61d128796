import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { describeEachDatabase } from '../../test/support/databases.js';
import { openDatabase } from '../db/database.js';
import { createStores, type Stores } from './index.js';
import type { NewJob } from './jobs.store.js';

const T0 = '2026-08-22T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

function job(overrides: Partial<NewJob> = {}): NewJob {
  return { kind: 'k', payload: '{}', uniqueKey: null, runAt: T0, maxAttempts: 3, ...overrides };
}

const claim = (stores: Stores, worker: string, now: string, kinds = ['k']) =>
  stores.jobs.claimNext({
    kinds,
    workerId: worker,
    now,
    leaseUntil: at((Date.parse(now) - Date.parse(T0)) / 1000 + 60),
  });

describeEachDatabase('JobsStore', (get) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = createStores(get().db.kysely, get().db.dialect);
    await get().db.kysely.deleteFrom('jobs').execute();
    await get().db.kysely.deleteFrom('schedules').execute();
  });

  test('a unique key is queued once while queued or running, and again once the job is done', async () => {
    const first = await stores.jobs.insertIfAbsent(job({ uniqueKey: 'harvest:cs' }), T0);
    const again = await stores.jobs.insertIfAbsent(job({ uniqueKey: 'harvest:cs', payload: '{"x":1}' }), T0);
    assert.equal(first.created, true);
    assert.deepEqual([again.created, again.job.id, again.job.payload], [false, first.job.id, '{}']);
    const unkeyed = await stores.jobs.insertIfAbsent(job(), T0);
    const unkeyed2 = await stores.jobs.insertIfAbsent(job(), T0);
    assert.notEqual(unkeyed.job.id, unkeyed2.job.id, 'jobs without a key are never merged');

    const running = await claim(stores, 'w1', T0);
    assert.equal(running?.id, first.job.id);
    assert.equal((await stores.jobs.insertIfAbsent(job({ uniqueKey: 'harvest:cs' }), T0)).created, false);
    assert.equal(await stores.jobs.complete(first.job.id, 'w1', at(1)), true);
    const later = await stores.jobs.insertIfAbsent(job({ uniqueKey: 'harvest:cs' }), at(2));
    assert.equal(later.created, true);
    const done = await stores.jobs.findById(first.job.id);
    assert.deepEqual([done?.status, done?.unique_key, done?.finished_at], ['done', 'harvest:cs', at(1)]);
  });

  test('claims the longest-waiting due job of a known kind, one attempt more, with a lease', async () => {
    const late = await stores.jobs.insertIfAbsent(job({ runAt: at(5) }), T0);
    const early = await stores.jobs.insertIfAbsent(job({ runAt: at(-5) }), T0);
    const tie = await stores.jobs.insertIfAbsent(job({ runAt: at(5) }), T0);
    await stores.jobs.insertIfAbsent(job({ kind: 'other', runAt: at(-10) }), T0);
    await stores.jobs.insertIfAbsent(job({ runAt: at(3600) }), T0);

    const order: (number | undefined)[] = [];
    for (let i = 0; i < 4; i++) order.push((await claim(stores, 'w1', at(10)))?.id);
    assert.deepEqual(
      order,
      [early.job.id, late.job.id, tie.job.id, undefined],
      'future and unknown kinds wait',
    );
    const claimed = await stores.jobs.findById(early.job.id);
    assert.deepEqual(
      [claimed?.status, claimed?.attempts, claimed?.locked_by, claimed?.locked_until],
      ['running', 1, 'w1', at(70)],
    );
    assert.equal((await claim(stores, 'w1', at(10), []))?.id, undefined);
    assert.equal((await claim(stores, 'w1', at(10), ['other']))?.kind, 'other');
  });

  test('an expired lease lets another worker take the job over; the first one can no longer touch it', async () => {
    const { job: queued } = await stores.jobs.insertIfAbsent(job({ uniqueKey: 'u' }), T0);
    const first = await stores.jobs.claimNext({ kinds: ['k'], workerId: 'A', now: T0, leaseUntil: at(30) });
    assert.equal(first?.id, queued.id);
    assert.equal(await stores.jobs.extendLease(queued.id, 'A', at(60), at(20)), true, 'A renews in time');
    assert.deepEqual(await stores.jobs.listExpired(at(59), 10), [], 'not expired yet');

    const expired = await stores.jobs.listExpired(at(61), 10);
    assert.deepEqual(
      expired.map((j) => [j.id, j.locked_by]),
      [[queued.id, 'A']],
    );
    assert.equal(await stores.jobs.requeueExpired(expired[0]!, 'lease expired', at(61)), 'queued');
    assert.equal(await stores.jobs.requeueExpired(expired[0]!, 'lease expired', at(61)), null, 'only once');
    const second = await stores.jobs.claimNext({
      kinds: ['k'],
      workerId: 'B',
      now: at(62),
      leaseUntil: at(92),
    });
    assert.deepEqual([second?.id, second?.attempts, second?.last_error], [queued.id, 2, 'lease expired']);

    assert.equal(await stores.jobs.extendLease(queued.id, 'A', at(120), at(63)), false);
    assert.equal(await stores.jobs.complete(queued.id, 'A', at(63)), false);
    assert.equal(
      await stores.jobs.fail(queued.id, 'A', { error: 'x', now: at(63), retryAt: at(70) }),
      'lost',
    );
    assert.equal(await stores.jobs.complete(queued.id, 'B', at(64)), true);
  });

  test('a lease that expires on the last attempt fails the job and frees its key', async () => {
    await stores.jobs.insertIfAbsent(job({ uniqueKey: 'u', maxAttempts: 1 }), T0);
    await claim(stores, 'A', T0);
    const [expired] = await stores.jobs.listExpired(at(3600), 10);
    assert.equal(await stores.jobs.requeueExpired(expired!, 'lease expired', at(3600)), 'failed');
    const failed = await stores.jobs.findById(expired!.id);
    assert.deepEqual([failed?.status, failed?.finished_at], ['failed', at(3600)]);
    assert.equal((await stores.jobs.insertIfAbsent(job({ uniqueKey: 'u' }), at(3601))).created, true);
  });

  test('a failed attempt waits for its retry time, and the last one fails the job for good', async () => {
    const { job: queued } = await stores.jobs.insertIfAbsent(job({ uniqueKey: 'u', maxAttempts: 2 }), T0);
    await claim(stores, 'A', T0);
    assert.equal(
      await stores.jobs.fail(queued.id, 'A', { error: 'boom 1', now: at(1), retryAt: at(61) }),
      'queued',
    );
    let row = await stores.jobs.findById(queued.id);
    assert.deepEqual(
      [row?.status, row?.run_at, row?.last_error, row?.locked_by, row?.attempts],
      ['queued', at(61), 'boom 1', null, 1],
    );
    assert.equal(await claim(stores, 'A', at(60)), null, 'not before its retry time');
    assert.equal((await claim(stores, 'A', at(61)))?.attempts, 2);
    assert.equal(
      await stores.jobs.fail(queued.id, 'A', { error: 'boom 2', now: at(62), retryAt: at(200) }),
      'failed',
    );
    row = await stores.jobs.findById(queued.id);
    assert.deepEqual([row?.status, row?.last_error, row?.finished_at], ['failed', 'boom 2', at(62)]);
    assert.equal(
      (await stores.jobs.insertIfAbsent(job({ uniqueKey: 'u' }), at(63))).created,
      true,
      'key freed',
    );
  });

  test('a failure without a retry time fails at once, whatever the attempts left', async () => {
    const { job: queued } = await stores.jobs.insertIfAbsent(job({ maxAttempts: 5 }), T0);
    await claim(stores, 'A', T0);
    assert.equal(
      await stores.jobs.fail(queued.id, 'A', { error: 'bad payload', now: at(1), retryAt: null }),
      'failed',
    );
  });

  test('release gives the attempt back and queues the job now', async () => {
    const { job: queued } = await stores.jobs.insertIfAbsent(job(), T0);
    await claim(stores, 'A', T0);
    assert.equal(await stores.jobs.release(queued.id, 'A', at(5), 'interrupted by shutdown'), true);
    const row = await stores.jobs.findById(queued.id);
    assert.deepEqual([row?.status, row?.attempts, row?.run_at], ['queued', 0, at(5)]);
  });

  test('retry queues a failed job again, unless its key is taken; list and counts show the queue', async () => {
    const { job: a } = await stores.jobs.insertIfAbsent(job({ uniqueKey: 'u', maxAttempts: 1 }), T0);
    await claim(stores, 'A', T0);
    await stores.jobs.fail(a.id, 'A', { error: 'upstream 503\nsecond line', now: at(1), retryAt: at(2) });
    const { job: b } = await stores.jobs.insertIfAbsent(job({ uniqueKey: 'u' }), at(2));
    assert.equal(await stores.jobs.retry(a.id, at(3)), 'duplicate');
    assert.equal(await stores.jobs.retry(b.id, at(3)), 'not-failed');
    assert.equal(await stores.jobs.retry(9999, at(3)), 'not-found');

    const { job: c } = await stores.jobs.insertIfAbsent(job({ runAt: at(-1) }), T0);
    const { job: d } = await stores.jobs.insertIfAbsent(job({ runAt: at(100) }), T0);
    assert.equal((await claim(stores, 'W', at(4)))?.id, c.id);
    await stores.jobs.complete(c.id, 'W', at(5));
    assert.equal((await claim(stores, 'W', at(4)))?.id, b.id);
    const listed = await stores.jobs.list(['queued', 'running', 'failed'], 10);
    assert.deepEqual(
      listed.map((j) => [j.id, j.status]),
      [
        [b.id, 'running'],
        [d.id, 'queued'],
        [a.id, 'failed'],
      ],
    );
    assert.equal(listed[2]?.last_error, 'upstream 503\nsecond line');
    assert.deepEqual(await stores.jobs.countByStatus(), { queued: 1, running: 1, done: 1, failed: 1 });

    await stores.jobs.complete(b.id, 'W', at(6));
    assert.equal(await stores.jobs.retry(a.id, at(7)), 'queued');
    const retried = await stores.jobs.findById(a.id);
    assert.deepEqual(
      [retried?.status, retried?.attempts, retried?.run_at, retried?.finished_at],
      ['queued', 0, at(7), null],
    );
    assert.equal(await stores.jobs.deleteDone(at(6)), 1, 'only jobs done before the cutoff');
    assert.equal(await stores.jobs.deleteDone(at(7)), 1);
  });

  test('two workers claiming at once never get the same job', async () => {
    for (let i = 0; i < 20; i++) await stores.jobs.insertIfAbsent(job(), T0);
    // A second connection (pool) on PostgreSQL; SQLite serializes writers whatever the connection.
    const other = get().db.dialect === 'postgres' ? openDatabase(get().url) : get().db;
    try {
      const mine = stores;
      const theirs = createStores(other.kysely, other.dialect);
      const take = async (s: Stores, worker: string) => {
        const got: number[] = [];
        for (;;) {
          const j = await claim(s, worker, at(1));
          if (!j) return got;
          got.push(j.id);
        }
      };
      const [a, b, c] = await Promise.all([take(mine, 'A'), take(theirs, 'B'), take(theirs, 'C')]);
      const all = [...a, ...b, ...c];
      assert.equal(all.length, 20);
      assert.equal(new Set(all).size, 20);
    } finally {
      if (other !== get().db) await other.close();
    }
  });
});

describeEachDatabase('SchedulesStore', (get) => {
  test('compare-and-set moves next_run_at for exactly one of two callers that read the same value', async () => {
    const stores = createStores(get().db.kysely, get().db.dialect);
    await stores.schedules.insertIfAbsent('s', T0);
    await stores.schedules.insertIfAbsent('s', at(999));
    assert.equal((await stores.schedules.find('s'))?.next_run_at, T0, 'insertIfAbsent keeps the row');
    const other = get().db.dialect === 'postgres' ? openDatabase(get().url) : get().db;
    try {
      const theirs = createStores(other.kysely, other.dialect);
      const won = await Promise.all([
        stores.schedules.compareAndSet('s', T0, at(60), T0),
        theirs.schedules.compareAndSet('s', T0, at(60), T0),
      ]);
      assert.deepEqual(won.filter(Boolean).length, 1);
      assert.deepEqual(await stores.schedules.find('s'), {
        name: 's',
        next_run_at: at(60),
        last_enqueued_at: T0,
      });
      assert.equal(await stores.schedules.compareAndSet('s', at(60), at(120), null), true);
      assert.equal((await stores.schedules.find('s'))?.last_enqueued_at, T0, 'no enqueue, no change');
    } finally {
      if (other !== get().db) await other.close();
    }
  });
});
