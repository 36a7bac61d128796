import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { z } from 'zod';
import { describeEachDatabase } from '../../test/support/databases.js';
import { loadConfig } from '../config.js';
import { type Db, openDatabase } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { createStores } from '../stores/index.js';
import { createJobRegistry } from './handlers/index.js';
import { defineJob } from './job-definition.js';
import { JobQueue } from './queue.js';
import { nextOccurrence, type Schedule, Scheduler, schedulesFromConfig } from './scheduler.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-08-22T09:00:00.000Z');

/** A clock the test moves by hand. */
function movableClock(start: number): Clock & { set(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), set: (ms) => (now = ms) };
}

const tick = defineJob({ kind: 'test-tick', summary: 'test', payload: z.object({}), run: async () => {} });
const keyed = defineJob({
  kind: 'test-keyed',
  summary: 'test',
  payload: z.object({}),
  uniqueKey: () => 'test-keyed',
  run: async () => {},
});
const registry = createJobRegistry([tick, keyed]);

function scheduler(db: Db, clock: Clock, schedules: Schedule[]): Scheduler {
  const queue = new JobQueue(createStores(db.kysely, db.dialect).jobs, registry, clock, { maxAttempts: 3 });
  return new Scheduler(db, queue, clock, silentLogger, schedules);
}

const hourly: Schedule = { name: 'hourly', everyMs: HOUR, kind: 'test-tick', payload: {} };

describeEachDatabase('Scheduler', (get) => {
  const jobRuns = async () =>
    (await get().db.kysely.selectFrom('jobs').select(['kind', 'run_at']).orderBy('id').execute()).map(
      (j) => j.run_at,
    );
  beforeEach(async () => {
    await get().db.kysely.deleteFrom('jobs').execute();
    await get().db.kysely.deleteFrom('schedules').execute();
  });

  test('a new schedule fires at once, then once per period however often it ticks', async () => {
    const clock = movableClock(T0);
    const s = scheduler(get().db, clock, [hourly]);
    const enqueued: number[] = [];
    for (const minutes of [0, 0, 1, 30, 59.9, 60, 60.5, 61, 119, 120, 121]) {
      clock.set(T0 + minutes * 60_000);
      if ((await s.tick()).length > 0) enqueued.push(minutes);
    }
    assert.deepEqual(enqueued, [0, 60, 120]);
    assert.equal((await jobRuns()).length, 3);
    const row = await get().db.kysely.selectFrom('schedules').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(row, {
      name: 'hourly',
      next_run_at: new Date(T0 + 3 * HOUR).toISOString(),
      last_enqueued_at: new Date(T0 + 120 * 60_000).toISOString(),
    });
  });

  test('occurrences missed while nothing ran are enqueued once, and the grid is kept', async () => {
    const clock = movableClock(T0);
    const s = scheduler(get().db, clock, [hourly]);
    await s.tick();
    clock.set(T0 + 10.5 * HOUR); // down from 09:00 to 19:30: ten occurrences missed
    const [caughtUp] = await s.tick();
    assert.deepEqual(caughtUp && [caughtUp.created, caughtUp.skipped], [true, 9]);
    assert.deepEqual(await s.tick(), []);
    const row = await get().db.kysely.selectFrom('schedules').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.next_run_at, new Date(T0 + 11 * HOUR).toISOString(), 'next on the hour, as before');
    assert.equal((await jobRuns()).length, 2);
  });

  test('two schedulers ticking at the same instant enqueue each occurrence once', async () => {
    const clock = movableClock(T0);
    // PostgreSQL: another pool, as another process would have. SQLite: one connection per process
    // (two in one process would block each other's event loop), and the file serializes writers.
    const otherDb = get().db.dialect === 'postgres' ? openDatabase(get().url) : get().db;
    try {
      const a = scheduler(get().db, clock, [hourly]);
      const b = scheduler(otherDb, clock, [hourly]);
      for (const at of [T0, T0 + HOUR, T0 + 5 * HOUR]) {
        clock.set(at);
        const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
        assert.equal(results.flat().length, 1, `one enqueue at ${new Date(at).toISOString()}`);
      }
      assert.equal((await jobRuns()).length, 3);
    } finally {
      if (otherDb !== get().db) await otherDb.close();
    }
  });

  test('an occurrence whose last job is still queued adds nothing; a shortened period applies at once', async () => {
    const clock = movableClock(T0);
    const daily: Schedule = { name: 'keyed', everyMs: 24 * HOUR, kind: 'test-keyed', payload: {} };
    await scheduler(get().db, clock, [daily]).tick();
    clock.set(T0 + 24 * HOUR);
    const [again] = await scheduler(get().db, clock, [daily]).tick();
    assert.equal(again?.created, false);
    assert.equal((await jobRuns()).length, 1);

    // The operator changes the period to one hour: the next run is an hour after the last enqueue.
    const hourlyNow = { ...daily, everyMs: HOUR };
    clock.set(T0 + 24.5 * HOUR);
    assert.deepEqual(await scheduler(get().db, clock, [hourlyNow]).tick(), []);
    const row = await get().db.kysely.selectFrom('schedules').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.next_run_at, new Date(T0 + 25 * HOUR).toISOString());
  });

  test('a schedule turned off in the settings ends the job it left queued, and only that one', async () => {
    const clock = movableClock(T0);
    const mirror: Schedule = {
      name: 'mirror-hf-daily',
      everyMs: 30 * 60_000,
      kind: 'mirror-hf-daily',
      payload: {},
    };
    // Mirroring on: its job is queued (as if retrying with backoff while offline).
    const [first] = await scheduler(get().db, clock, [mirror, hourly]).tick();
    assert.equal(first?.created, true);
    // Restarted with PAPERBOY_MIRROR_HF_EVERY_MINUTES=0: the mirror is no longer a schedule.
    clock.set(T0 + 60_000);
    await scheduler(get().db, clock, [hourly]).tick();
    const jobs = await get()
      .db.kysely.selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'mirror-hf-daily')
      .execute();
    assert.deepEqual(
      jobs.map((j) => [j.status, j.last_error]),
      [['failed', 'cancelled: schedule mirror-hf-daily was turned off']],
    );
    const names = (await get().db.kysely.selectFrom('schedules').select('name').execute()).map((r) => r.name);
    assert.deepEqual(names, ['hourly']);
    // Queued by hand afterwards (paperboy jobs enqueue), it runs: the next start leaves it alone.
    const queue = new JobQueue(createStores(get().db.kysely, get().db.dialect).jobs, registry, clock, {
      maxAttempts: 3,
    });
    const manual = await queue.enqueue('mirror-hf-daily', {});
    await scheduler(get().db, clock, [hourly]).tick();
    const after = await get()
      .db.kysely.selectFrom('jobs')
      .select('status')
      .where('id', '=', manual.job.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.status, 'queued');
  });
});

test('the schedules the settings ask for', () => {
  const config = loadConfig({
    PAPERBOY_HARVEST_ARXIV_SETS: 'cs,physics:hep-th',
    PAPERBOY_HARVEST_ARXIV_EVERY_MINUTES: '90',
    PAPERBOY_MIRROR_HF_EVERY_MINUTES: '0',
    PAPERBOY_EMBEDDER: 'off',
  });
  assert.deepEqual(
    schedulesFromConfig(config.jobs).map((s) => [
      s.name,
      s.everyMs / 60_000,
      s.kind,
      JSON.stringify(s.payload),
    ]),
    [
      ['harvest-arxiv-oai:cs', 90, 'harvest-arxiv-oai', '{"set":"cs"}'],
      ['harvest-arxiv-oai:physics:hep-th', 90, 'harvest-arxiv-oai', '{"set":"physics:hep-th"}'],
      ['plan-digests', 1, 'plan-digests', '{}'],
      ['send-outbox', 1, 'send-outbox', '{}'],
      ['prune-jobs', 1440, 'prune-jobs', '{}'],
      ['prune-delivery', 1440, 'prune-delivery', '{}'],
    ],
  );
  const defaults = schedulesFromConfig(loadConfig({}).jobs).map((s) => [s.name, s.everyMs / 60_000]);
  // A new install asks no third party anything: the Hugging Face mirror is opt-in.
  assert.deepEqual(defaults, [
    ['embed-papers', 10],
    ['plan-digests', 1],
    ['send-outbox', 1],
    ['prune-jobs', 1440],
    ['prune-delivery', 1440],
  ]);
  const noEmbedding = loadConfig({ PAPERBOY_EMBED_EVERY_MINUTES: '0' }).jobs;
  assert.ok(!schedulesFromConfig(noEmbedding).some((s) => s.kind === 'embed-papers'));
});

test('next occurrence: the first point of the grid after now', () => {
  assert.equal(nextOccurrence(0, 10, 0), 10);
  assert.equal(nextOccurrence(0, 10, 9), 10);
  assert.equal(nextOccurrence(0, 10, 10), 20);
  assert.equal(nextOccurrence(0, 10, 95), 100);
  assert.equal(nextOccurrence(50, 10, 20), 60, 'not due yet: the next one after it');
});
