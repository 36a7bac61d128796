// The worker in-process, on each database: outcomes, retries, shutdown and lease loss with test job
// kinds; and the shipped kinds against the loopback upstream server.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, test } from 'node:test';
import { z } from 'zod';
import { describeEachDatabase } from '../../test/support/databases.js';
import { clearCatalogue, createIngestTestApp } from '../../test/support/ingest.js';
import { startUpstreamServer, type UpstreamServer } from '../../test/support/upstream-server.js';
import type { AppContext } from '../app.js';
import { addDays, dayOf } from '../domain/days.js';
import { systemClock } from '../lib/clock.js';
import { InvalidInputError } from '../services/errors.js';
import { createStores } from '../stores/index.js';
import { createJobRegistry } from './handlers/index.js';
import { defineJob } from './job-definition.js';
import { JobQueue } from './queue.js';
import { Worker, type WorkerOptions } from './worker.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

const ran: number[] = [];
const record = defineJob({
  kind: 'test-record',
  summary: 'test',
  payload: z.object({ n: z.number().int() }),
  run: async (p) => {
    ran.push(p.n);
    return { n: p.n };
  },
});
const flaky = defineJob({
  kind: 'test-flaky',
  summary: 'test',
  payload: z.object({}),
  run: () => Promise.reject(new Error('upstream said 503')),
});
const refused = defineJob({
  kind: 'test-refused',
  summary: 'test',
  payload: z.object({}),
  run: () => Promise.reject(new InvalidInputError('set', 'not a set')),
});
const slow = defineJob({
  kind: 'test-slow',
  summary: 'test',
  payload: z.object({ ms: z.number() }),
  run: async (p) => {
    await sleep(p.ms);
  },
});
/** Runs until its signal says stop, then stops there (as a page-by-page harvest does). */
const patient = defineJob({
  kind: 'test-patient',
  summary: 'test',
  payload: z.object({}),
  run: (_p, ctx) =>
    new Promise((_resolve, reject) => {
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error));
    }),
});
const registry = createJobRegistry([record, flaky, refused, slow, patient]);

async function waitFor(what: string, condition: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describeEachDatabase('Worker', (get) => {
  let ctx: AppContext & ReturnType<typeof createIngestTestApp>;
  let queue: JobQueue;
  const store = () => createStores(get().db.kysely, get().db.dialect).jobs;
  const worker = (options: Partial<WorkerOptions> = {}) =>
    new Worker(
      { store: store(), registry, services: ctx.services, clock: systemClock, log: ctx.logs.log },
      { concurrency: 2, leaseSeconds: 30, pollMs: 10, random: () => 0, ...options },
    );
  const row = async (id: number) => (await store().findById(id))!;

  beforeEach(async () => {
    await get().db.kysely.deleteFrom('jobs').execute();
    ran.length = 0;
    server.reset();
    ctx = createIngestTestApp(get().db, server);
    queue = new JobQueue(store(), registry, systemClock, { maxAttempts: 2 });
  });

  test('runs every due job once with its payload, and logs its start and end', async () => {
    const ids: number[] = [];
    for (let n = 0; n < 5; n++) ids.push((await queue.enqueueAny('test-record', { n })).job.id);
    await queue.enqueueAny('test-record', { n: 99 }, { runAt: new Date(Date.now() + 3_600_000) });
    const counts = await worker().drain();
    assert.deepEqual(counts, { done: 5, failed: 0, retrying: 0, interrupted: 0 });
    assert.deepEqual(
      [...ran].sort((a, b) => a - b),
      [0, 1, 2, 3, 4],
      'the job due in an hour waits',
    );
    for (const id of ids) {
      const j = await row(id);
      assert.deepEqual([j.status, j.attempts, j.locked_by, j.locked_until], ['done', 1, null, null]);
    }
    const done = ctx.logs.find('job done');
    assert.equal(done.length, 5);
    for (const line of done) {
      assert.equal(line.kind, 'test-record');
      assert.equal(line.attempt, 1);
      assert.equal(typeof line.job_id, 'number');
      assert.equal(typeof line.duration_ms, 'number');
    }
    assert.equal(ctx.logs.find('job started').length, 5);
  });

  test('a failed job comes back after its backoff; out of attempts it fails with its last error', async () => {
    const { job } = await queue.enqueueAny('test-flaky', {});
    const before = Date.now();
    assert.deepEqual(await worker().drain(), { done: 0, failed: 0, retrying: 1, interrupted: 0 });
    let j = await row(job.id);
    assert.deepEqual([j.status, j.attempts, j.last_error], ['queued', 1, 'upstream said 503']);
    const wait = Date.parse(j.run_at) - before;
    assert.ok(wait >= 30_000 && wait < 32_000, `first retry after 30-60 s (jitter 0): ${wait} ms`);
    const [retrying] = ctx.logs.find('job failed');
    assert.deepEqual(
      [retrying?.will_retry, retrying?.error, retrying?.attempt, retrying?.retry_at],
      [true, 'upstream said 503', 1, j.run_at],
    );

    await get().db.kysely.updateTable('jobs').set({ run_at: new Date().toISOString() }).execute();
    assert.deepEqual(await worker().drain(), { done: 0, failed: 1, retrying: 0, interrupted: 0 });
    j = await row(job.id);
    assert.deepEqual([j.status, j.attempts, j.last_error], ['failed', 2, 'upstream said 503']);
    assert.equal(ctx.logs.find('job failed').at(-1)?.will_retry, false);
  });

  test('a payload its schema refuses, or input a service refuses, fails at once', async () => {
    // As if queued by an older release whose schema differed: the worker checks again.
    const { job: bad } = await store().insertIfAbsent(
      {
        kind: 'test-record',
        payload: '{"n":"one"}',
        uniqueKey: null,
        runAt: new Date().toISOString(),
        maxAttempts: 5,
      },
      new Date().toISOString(),
    );
    const { job: invalid } = await queue.enqueueAny('test-refused', {}, { maxAttempts: 5 });
    assert.deepEqual(await worker().drain(), { done: 0, failed: 2, retrying: 0, interrupted: 0 });
    const b = await row(bad.id);
    assert.deepEqual([b.status, b.attempts], ['failed', 1]);
    assert.match(b.last_error ?? '', /^invalid test-record payload: .*\n.*at n/s);
    assert.deepEqual(
      [(await row(invalid.id)).status, (await row(invalid.id)).last_error],
      ['failed', 'not a set'],
    );
    assert.deepEqual(ran, []);
    assert.throws(() => queue.prepare('test-record', { n: 'one' }), /invalid test-record payload/);
    assert.throws(() => queue.prepare('nope', {}), /unknown job kind "nope"/);
  });

  test('stopping lets a running job finish within the grace period', async () => {
    const { job } = await queue.enqueueAny('test-slow', { ms: 400 });
    // One slot, taken by the slow job: the job queued next could only be claimed after stop().
    const w = worker({ concurrency: 1, stopGraceMs: 5000 });
    w.start();
    await waitFor('the job to start', async () => (await row(job.id)).status === 'running');
    await queue.enqueueAny('test-record', { n: 1 });
    assert.deepEqual(await w.stop(), { abandoned: [] });
    assert.equal((await row(job.id)).status, 'done');
    assert.deepEqual(ran, [], 'no new job taken once stopping');
  });

  test('past the grace period a running job is asked to stop and goes back to the queue', async () => {
    const { job } = await queue.enqueueAny('test-patient', {});
    const w = worker({ stopGraceMs: 50 });
    w.start();
    await waitFor('the job to start', async () => (await row(job.id)).status === 'running');
    assert.deepEqual(await w.stop(), { abandoned: [] });
    const j = await row(job.id);
    assert.deepEqual(
      [j.status, j.attempts, j.locked_by, j.last_error],
      ['queued', 0, null, 'interrupted by shutdown'],
    );
    const [line] = ctx.logs.find('job interrupted');
    assert.deepEqual([line?.job_id, line?.queued_again], [job.id, true]);
  });

  test('a worker that loses its lease stops the job and leaves it to the new holder', async () => {
    const { job } = await queue.enqueueAny('test-patient', {});
    const w = worker({ leaseSeconds: 0.3 });
    w.start();
    await waitFor('the job to start', async () => (await row(job.id)).status === 'running');
    const takenOver = new Date(Date.now() + 60_000).toISOString();
    await get()
      .db.kysely.updateTable('jobs')
      .set({ locked_by: 'another-worker', locked_until: takenOver })
      .where('id', '=', job.id)
      .execute();
    await waitFor('the job to stop', async () => ctx.logs.find('job stopped: its lease was lost').length > 0);
    await w.stop();
    const j = await row(job.id);
    assert.deepEqual([j.status, j.locked_by, j.locked_until], ['running', 'another-worker', takenOver]);
  });

  test('the shipped kinds run the ingestion service: harvest (first one from the day before), mirror, ids, prune', async () => {
    await clearCatalogue(get().db);
    const jobs = ctx.services.jobs;
    await jobs.enqueue('harvest-arxiv-oai', { set: 'cs' });
    await jobs.enqueue('mirror-hf-daily', { days: ['2026-08-21'] });
    await jobs.enqueue('fetch-arxiv-ids', { ids: ['1707.08567'] });
    await jobs.enqueue('prune-jobs', {});
    const w = new Worker(
      {
        store: store(),
        registry: jobs.registry,
        services: ctx.services,
        clock: systemClock,
        log: ctx.logs.log,
      },
      { concurrency: 1, leaseSeconds: 30, pollMs: 10 },
    );
    assert.deepEqual(await w.drain(), { done: 4, failed: 0, retrying: 0, interrupted: 0 });
    const done = ctx.logs.find('job done');
    assert.deepEqual(
      done.map((l) => l.kind),
      ['harvest-arxiv-oai', 'mirror-hf-daily', 'fetch-arxiv-ids', 'prune-jobs'],
    );
    const [first] = ctx.logs.find('first harvest of this set; starting from the previous day');
    assert.equal(first?.set, 'cs');
    const harvest = done[0]?.result as Record<string, unknown>;
    const yesterday = addDays(dayOf(new Date()), -1);
    assert.deepEqual([harvest.set, harvest.from, harvest.pages], ['cs', yesterday, 1]);
    const mirror = done[1]?.result as Record<string, unknown>;
    assert.ok(Number(mirror.featured) > 0);
    const papers = await get().db.kysely.selectFrom('papers').select('arxiv_id').execute();
    assert.ok(papers.some((p) => p.arxiv_id === '1707.08567'));
  });
});
