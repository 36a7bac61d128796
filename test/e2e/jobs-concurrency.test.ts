// Two worker processes, three jobs at a time each, drain one queue: every job runs exactly once
// (job_runs has the job id as its primary key, so a second run of any job would fail it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createStores } from '../../src/stores/index.js';
import { type Finished, startPaperboy } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';

const JOBS = 60;
const WORKERS = 2;

interface WorkerProcess {
  ready: Promise<void>;
  go(): void;
  done: Promise<Finished>;
}

function startWorker(url: string): WorkerProcess {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const run = startPaperboy([], {
    script: 'test/support/job-worker.ts',
    env: { PAPERBOY_DATABASE_URL: url, PAPERBOY_WORKER_CONCURRENCY: '3' },
    onStdout: (stdout) => {
      if (stdout.startsWith('ready\n')) markReady();
    },
  });
  return {
    ready,
    go: () => run.child.stdin.end('go\n'),
    done: run.done.finally(() => markReady()),
  };
}

describeEachDatabase('workers in separate processes', (get) => {
  test(`${WORKERS} workers drain ${JOBS} jobs: each runs exactly once`, async () => {
    const db = get().db;
    await sql`create table job_runs (job_id integer primary key, worker integer not null)`.execute(db.kysely);
    const jobs = createStores(db.kysely, db.dialect).jobs;
    const now = new Date().toISOString();
    for (let i = 0; i < JOBS; i++) {
      await jobs.insertIfAbsent(
        { kind: 'test-exclusive', payload: '{"holdMs":25}', uniqueKey: null, runAt: now, maxAttempts: 3 },
        now,
      );
    }

    const workers = Array.from({ length: WORKERS }, () => startWorker(get().url));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.done));

    let done = 0;
    for (const r of results) {
      assert.equal(r.code, 0, r.stderr);
      const counts = JSON.parse(r.stdout.split('\n')[1] ?? '') as {
        done: number;
        failed: number;
        retrying: number;
      };
      assert.deepEqual([counts.failed, counts.retrying], [0, 0], r.stderr);
      done += counts.done;
    }
    assert.equal(done, JOBS);
    const runs = await sql<{ job_id: number; worker: number }>`select job_id, worker from job_runs`.execute(
      db.kysely,
    );
    assert.equal(runs.rows.length, JOBS);
    assert.ok(new Set(runs.rows.map((r) => r.worker)).size >= 2, 'the work was shared');
    const states = await db.kysely
      .selectFrom('jobs')
      .select(['status', 'attempts', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['status', 'attempts'])
      .execute();
    assert.deepEqual(
      states.map((s) => [s.status, s.attempts, Number(s.n)]),
      [['done', 1, JOBS]],
    );
  });
});
