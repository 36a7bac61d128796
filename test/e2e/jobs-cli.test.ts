// `paperboy jobs` and `paperboy serve`'s in-process worker, as operators run them (child processes on a
// SQLite database; the queue's SQL is covered on both databases by the store tests).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createStores } from '../../src/stores/index.js';
import { type Finished, startPaperboy } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

function paperboy(
  url: string,
  args: string[],
  onStdout?: (text: string, kill: () => void) => void,
): Promise<Finished> {
  let killed = false;
  const run = startPaperboy(args, {
    env: {
      PAPERBOY_DATABASE_URL: url,
      PAPERBOY_SAMPLE_DATA: 'off',
      PAPERBOY_MIRROR_HF_EVERY_MINUTES: '0',
      PAPERBOY_PORT: '0',
      // Nothing here may reach the internet: upstream sources point at a closed loopback port.
      PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
      PAPERBOY_ARXIV_OAI_URL: 'http://127.0.0.1:9/oai',
      PAPERBOY_HF_API_URL: 'http://127.0.0.1:9',
      PAPERBOY_LOG_LEVEL: args[0] === 'serve' ? 'info' : 'error',
    },
    onStdout: (stdout) =>
      onStdout?.(stdout, () => {
        // One SIGTERM: a second one is the operator's "stop now" and ends the process at once.
        if (!killed) run.child.kill('SIGTERM');
        killed = true;
      }),
  });
  return run.done;
}

let listed: TestDatabase;
before(async () => {
  listed = await createTestDatabase('sqlite');
});
after(async () => {
  await listed.drop();
});

test('paperboy jobs lists running, queued and failed jobs; retries; queues', async () => {
  const jobs = createStores(listed.db.kysely, listed.db.dialect).jobs;
  const now = new Date();
  const iso = (s: number) => new Date(now.getTime() + s * 1000).toISOString();
  const job = (kind: string, payload: string, uniqueKey: string | null = null, runAt = iso(-60)) =>
    jobs.insertIfAbsent({ kind, payload, uniqueKey, runAt, maxAttempts: 5 }, iso(-60));
  const failed = (await job('fetch-arxiv-ids', '{"ids":["2406.12345"]}')).job;
  await jobs.claimNext({ kinds: ['fetch-arxiv-ids'], workerId: 'w1', now: iso(-50), leaseUntil: iso(250) });
  await jobs.fail(failed.id, 'w1', {
    error: 'arxiv-api: page 1 failed (nothing committed): HTTP 503\nmore detail',
    now: iso(-40),
    retryAt: null,
  });
  const running = (await job('mirror-hf-daily', '{}', 'mirror-hf-daily:recent')).job;
  await jobs.claimNext({
    kinds: ['mirror-hf-daily'],
    workerId: 'host:42:abc',
    now: iso(-30),
    leaseUntil: iso(270),
  });
  const queued = (await job('harvest-arxiv-oai', '{"set":"cs"}', 'harvest-arxiv-oai:cs', iso(600))).job;
  const done = (await job('prune-jobs', '{"olderThanDays":14}')).job;
  await jobs.claimNext({ kinds: ['prune-jobs'], workerId: 'w1', now: iso(-20), leaseUntil: iso(280) });
  await jobs.complete(done.id, 'w1', iso(-10));

  const [list, json] = await Promise.all([
    paperboy(listed.url, ['jobs']),
    paperboy(listed.url, ['jobs', '--all', '--json']),
  ]);
  assert.equal(list.code, 0, list.stderr);
  const lines = list.stdout.split('\n');
  assert.match(lines[0] ?? '', /^ID +KIND +STATUS +ATTEMPTS +DUE \(UTC\) +LEASE UNTIL +PAYLOAD +LAST ERROR$/);
  assert.match(
    lines[1] ?? '',
    new RegExp(`^${running.id} +mirror-hf-daily +running +1/5 +\\S+ \\S+ +\\S+ \\S+ host:42:abc$`),
  );
  assert.match(
    lines[2] ?? '',
    new RegExp(`^${queued.id} +harvest-arxiv-oai +queued +0/5 +${iso(600).slice(0, 10)} .*\\{"set":"cs"\\}$`),
  );
  assert.match(
    lines[3] ?? '',
    new RegExp(
      `^${failed.id} +fetch-arxiv-ids +failed +1/5 .*\\{"ids":\\["2406.12345"\\]\\} +arxiv-api: page 1 failed \\(nothing committed\\): HTTP 503$`,
    ),
  );
  assert.equal(lines[4], '');
  assert.equal(
    lines[5],
    '1 queued, 1 running, 1 failed, 1 done; `paperboy jobs retry ID` queues a failed job again',
  );
  assert.ok(!list.stdout.includes('prune-jobs'), 'done jobs only with --all');

  assert.equal(json.code, 0, json.stderr);
  const all = JSON.parse(json.stdout) as {
    id: number;
    status: string;
    payload: unknown;
    lastError: string | null;
  }[];
  assert.deepEqual(
    all.map((j) => [j.id, j.status]),
    [
      [running.id, 'running'],
      [queued.id, 'queued'],
      [failed.id, 'failed'],
      [done.id, 'done'],
    ],
  );
  assert.deepEqual(all[1]?.payload, { set: 'cs' });
  assert.equal(all[2]?.lastError, 'arxiv-api: page 1 failed (nothing committed): HTTP 503\nmore detail');

  const [retried, again, bad] = await Promise.all([
    paperboy(listed.url, ['jobs', 'retry', String(failed.id)]),
    paperboy(listed.url, [
      'jobs',
      'enqueue',
      'harvest-arxiv-oai',
      '--payload',
      '{"set":"cs","from":"2026-08-01"}',
    ]),
    paperboy(listed.url, ['jobs', 'enqueue', 'fetch-arxiv-ids', '--payload', '{"ids":["not-an-id"]}']),
  ]);
  assert.deepEqual([retried.code, retried.stdout], [0, `job ${failed.id} queued again\n`]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(
    again.stdout,
    `job ${queued.id} (harvest-arxiv-oai) with key harvest-arxiv-oai:cs is already queued; nothing queued\n`,
  );
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr,
    /^paperboy jobs: invalid fetch-arxiv-ids payload: .*must be an arXiv id like 2406\.12345/s,
  );
  const retriedRow = await jobs.findById(failed.id);
  assert.deepEqual([retriedRow?.status, retriedRow?.attempts], ['queued', 0]);
});

test('serve runs the scheduler and a worker in-process, and stops them on SIGTERM; --no-worker does not', async (t) => {
  // A database of its own: the jobs left queued above must not run (they would go upstream).
  const fresh = await createTestDatabase('sqlite');
  t.after(() => fresh.drop());
  const served = (args: string[], until: (lines: Record<string, unknown>[]) => boolean) =>
    paperboy(fresh.url, ['serve', ...args], (text, kill) => {
      const lines = text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      if (until(lines)) kill();
    });
  const [withWorker, without] = await Promise.all([
    served([], (lines) => lines.some((l) => l.msg === 'job done' && l.kind === 'prune-jobs')),
    served(['--no-worker'], (lines) => lines.some((l) => l.msg === 'paperboy listening')),
  ]);
  assert.equal(withWorker.code, 0, withWorker.stderr);
  const messages = withWorker.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { msg: string }).msg);
  for (const msg of [
    'scheduler started',
    'worker started',
    'schedule enqueued a job',
    'job started',
    'job done',
    'worker stopped',
  ])
    assert.ok(messages.includes(msg), `serve logged "${msg}"`);
  assert.equal(without.code, 0, without.stderr);
  assert.ok(!without.stdout.includes('worker started'));
});
