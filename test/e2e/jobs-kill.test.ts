// The real `paperboy worker` SIGKILLed in the middle of a harvest job (page 1 committed, page 2 on its
// way): the job stays `running` under a lease nobody renews. Once the lease lapses, the next worker
// logs that it took the job back, runs it again (the harvest resumes at page 2), and the database ends
// exactly as after a clean run, with the second attempt counted.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp } from '../support/app.js';
import { type Running, startPaperboy, waitFor } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { catalogueSnapshot, cleanHarvestSnapshot, fastUpstreamEnv } from '../support/ingest.js';
import {
  match,
  OAI_CS_TOKENS,
  startUpstreamServer,
  type UpstreamServer,
} from '../support/upstream-server.js';

const HARVEST = { set: 'cs', from: '2025-07-03' };

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

function startWorker(url: string, args: string[]): Running {
  return startPaperboy(['worker', ...args], {
    env: {
      PAPERBOY_DATABASE_URL: url,
      ...fastUpstreamEnv(server),
      // Long enough that the stalled request is still waiting when the process is killed.
      PAPERBOY_HTTP_TIMEOUT_SECONDS: '60',
      PAPERBOY_JOB_LEASE_SECONDS: '1',
      PAPERBOY_MIRROR_HF_EVERY_MINUTES: '0',
      PAPERBOY_LOG_LEVEL: 'info',
    },
  });
}

const logLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describeEachDatabase('paperboy worker killed mid-harvest', (get, dialect) => {
  test('the job is taken over after its lease, resumes, and ends as a clean run', async () => {
    const clean = await cleanHarvestSnapshot(dialect, server, HARVEST);

    const { job } = await createTestApp(get().db).services.jobs.enqueue('harvest-arxiv-oai', HARVEST);
    const findJob = async () =>
      get().db.kysely.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    const page2 = match.oaiToken(OAI_CS_TOKENS[0]);
    server.fail(page2, { kind: 'stall' });
    const first = startWorker(get().url, []);
    await waitFor('page 1 committed and page 2 requested', async () => {
      const cursor = await sql<{ value: string }>`select value from ingest_cursors`.execute(get().db.kysely);
      return (cursor.rows[0]?.value.includes(OAI_CS_TOKENS[0]) ?? false) && server.requests.some(page2);
    });
    first.child.kill('SIGKILL');
    assert.equal((await first.done).code, null, 'killed by a signal');
    const orphan = await findJob();
    assert.deepEqual([orphan.status, orphan.attempts], ['running', 1]);
    assert.ok(orphan.locked_by !== null && orphan.locked_until !== null);

    // Before the lease lapses a worker leaves the job alone; after, it takes it back.
    await waitFor('the lease to lapse', async () => Date.parse(orphan.locked_until ?? '') < Date.now() - 5);
    const second = await startWorker(get().url, ['--once']).done;
    assert.equal(second.code, 0, second.stderr);
    const lines = logLines(second.stdout);
    const expired = lines.find((l) => l.msg === 'job lease expired');
    assert.deepEqual(
      [expired?.job_id, expired?.kind, expired?.attempt, expired?.previous_worker, expired?.will_retry],
      [job.id, 'harvest-arxiv-oai', 1, orphan.locked_by, true],
    );
    const finished = lines.find((l) => l.msg === 'job done' && l.job_id === job.id);
    assert.equal(finished?.attempt, 2);
    assert.equal((finished?.result as { resumed?: boolean } | undefined)?.resumed, true);

    const end = await findJob();
    assert.deepEqual([end.status, end.attempts, end.locked_by], ['done', 2, null]);
    assert.match(end.last_error ?? '', /^lease expired during attempt 1 \(worker .+ stopped renewing it\)$/);
    assert.equal(await catalogueSnapshot(get().db), clean);
    const asked = (m: (r: (typeof server.requests)[number]) => boolean) => server.requests.filter(m).length;
    assert.deepEqual(
      [asked(match.oaiFirstPage()), asked(page2), asked(match.oaiToken(OAI_CS_TOKENS[1]))],
      [1, 2, 1],
      'page 1 once, page 2 again after the kill, page 3 once',
    );
  });
});
