// Real `paperboy` processes side by side on one database: arXiv's spacing holds between them, not
// only inside each; and one harvest of a set runs at a time, whether a CLI run or a queued job tries
// to start a second one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp } from '../support/app.js';
import { runPaperboy, startPaperboy, waitFor } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { catalogueSnapshot, cleanHarvestSnapshot, fastUpstreamEnv } from '../support/ingest.js';
import {
  match,
  OAI_CS_TOKENS,
  startUpstreamServer,
  type UpstreamServer,
} from '../support/upstream-server.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

const SPACING_SECONDS = 0.2;
const HARVEST = { set: 'cs', from: '2025-07-03' };
const HARVEST_ARGS = ['ingest', 'arxiv', '--oai', '--set', 'cs', '--from', '2025-07-03'];

describeEachDatabase('paperboy processes side by side', (get, dialect) => {
  test('two processes fetching from arXiv at once keep its spacing between them', async () => {
    server.reset();
    // Answers take a moment, so requests of two processes would overlap if nothing kept them apart.
    server.fail(match.any(), { kind: 'slow', ms: 40 }, 100);
    // 250 ids arXiv does not know: three requests per process (100, 100, 50 ids).
    const ids = Array.from({ length: 250 }, (_, i) => `2501.${String(90_000 + i).padStart(5, '0')}`);
    const env = {
      ...fastUpstreamEnv(server),
      PAPERBOY_DATABASE_URL: get().url,
      PAPERBOY_ARXIV_MIN_INTERVAL_SECONDS: String(SPACING_SECONDS),
    };
    const runs = await Promise.all(
      [0, 1].map(() => runPaperboy(['ingest', 'arxiv', '--ids', ids.join(','), '--json'], { env })),
    );
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const seen = [...server.requests].sort((a, b) => a.at - b.at);
    assert.equal(seen.length, 6);
    for (let i = 1; i < seen.length; i++) {
      const gap = (seen[i]?.at ?? 0) - (seen[i - 1]?.endedAt ?? Infinity);
      assert.ok(
        gap >= SPACING_SECONDS * 1000 - 5,
        `request ${i + 1} started ${gap.toFixed(1)} ms after the previous one ended`,
      );
    }
  });

  test('a second harvest of a set while one runs is refused, by the CLI and by a queued job; the first resumes after a kill', async (t) => {
    const clean = await cleanHarvestSnapshot(dialect, server, HARVEST);
    const env = {
      ...fastUpstreamEnv(server),
      PAPERBOY_DATABASE_URL: get().url,
      // Long enough that the stalled request is still waiting while the others try.
      PAPERBOY_HTTP_TIMEOUT_SECONDS: '60',
      PAPERBOY_MIRROR_HF_EVERY_MINUTES: '0',
    };
    const page2 = match.oaiToken(OAI_CS_TOKENS[0]);
    server.fail(page2, { kind: 'stall' });
    const first = startPaperboy(HARVEST_ARGS, { env });
    t.after(() => first.child.kill('SIGKILL'));
    await waitFor('page 1 committed and page 2 requested', async () => server.requests.some(page2));

    const second = await runPaperboy(['ingest', 'arxiv', '--oai', '--set', 'cs'], { env });
    assert.equal(second.code, 1);
    assert.match(
      second.stderr,
      /^paperboy ingest: another harvest of set cs is running \(process [^,]+:\d+:[0-9a-f]+, since [^)]+\); try again once it has finished\n$/,
    );
    const { job } = await createTestApp(get().db).services.jobs.enqueue('harvest-arxiv-oai', { set: 'cs' });
    await runPaperboy(['worker', '--once'], { env });
    const row = await get()
      .db.kysely.selectFrom('jobs')
      .select(['status', 'attempts', 'last_error'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.status, row.attempts], ['queued', 1], 'failed once, to be retried');
    assert.match(String(row.last_error), /^another harvest of set cs is running/);
    assert.equal(server.requests.filter(match.oaiFirstPage()).length, 1, 'neither asked arXiv anything');

    // Killed, the first run leaves its lease behind; run again, it takes it back and resumes.
    first.child.kill('SIGKILL');
    await first.done;
    const again = await runPaperboy(HARVEST_ARGS, { env });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^arxiv-oai set cs from 2025-07-03 \(resumed\): 2 pages, /m);
    assert.equal(await catalogueSnapshot(get().db), clean);
  });
});
