// The spacing between requests to one upstream service holds across processes that share a
// database: two clients, each on its own connection (as two `paperboy` processes would be), ask the
// loopback upstream at once, and the upstream sees one request at a time, each starting at least the
// spacing after the previous one ended.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { after, before, beforeEach, test } from 'node:test';
import { describeEachDatabase } from '../../test/support/databases.js';
import { captureLogs } from '../../test/support/ingest.js';
import {
  match,
  type RecordedRequest,
  startUpstreamServer,
  type UpstreamServer,
} from '../../test/support/upstream-server.js';
import { openDatabase } from '../db/database.js';
import { PoliteHttpClient, type SharedPacing } from '../ingest/fetch/http-client.js';
import { createStores } from '../stores/index.js';
import { DUE_AT_ONCE } from '../stores/upstream-pacing.store.js';
import { databasePacing } from './upstream-pacing.js';

const SPACING_MS = 150;
/** Each answer takes this long, so requests of two processes without shared pacing would overlap. */
const ANSWER_MS = 60;
/** Timers of the client and the server's clock round differently. */
const SLACK_MS = 5;

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

function arxivClient(shared: SharedPacing | undefined): PoliteHttpClient {
  return new PoliteHttpClient({
    name: 'arxiv',
    userAgent: 'paperboy/test',
    minIntervalMs: SPACING_MS,
    timeoutMs: 2000,
    maxRetries: 0,
    backoffMs: 10,
    maxWaitMs: 1000,
    log: captureLogs().log,
    ...(shared ? { shared } : {}),
  });
}

/** Both clients ask for three papers each, all at once. */
async function askTogether(a: PoliteHttpClient, b: PoliteHttpClient): Promise<RecordedRequest[]> {
  const url = (id: string) => `${server.urls.arxivApiUrl}?id_list=${id}&start=0&max_results=100`;
  const ids = ['1707.08567', '1605.08386', '2104.12255'];
  await Promise.all(ids.flatMap((id) => [a.getText(url(id)), b.getText(url(id))]));
  return [...server.requests].sort((x, y) => x.at - y.at);
}

describeEachDatabase('upstream spacing across processes', (get) => {
  beforeEach(async () => {
    server.reset();
    server.fail(match.any(), { kind: 'slow', ms: ANSWER_MS }, 100);
    await get().db.kysely.deleteFrom('upstream_pacing').execute();
  });

  test('two processes on one database ask one at a time, the spacing apart', async () => {
    const other = openDatabase(get().url);
    try {
      const mine = databasePacing(createStores(get().db.kysely, get().db.dialect).upstreamPacing);
      const theirs = databasePacing(createStores(other.kysely, other.dialect).upstreamPacing);
      const seen = await askTogether(arxivClient(mine), arxivClient(theirs));
      assert.equal(seen.length, 6);
      for (let i = 1; i < seen.length; i++) {
        const gap = (seen[i]?.at ?? 0) - (seen[i - 1]?.endedAt ?? Infinity);
        assert.ok(
          gap >= SPACING_MS - SLACK_MS,
          `request ${i + 1} started ${gap.toFixed(1)} ms after the previous ended`,
        );
      }
      // The row says when the next request, from anyone, may start.
      const turn = await createStores(other.kysely, other.dialect).upstreamPacing.find('arxiv');
      const next = Date.parse(turn.nextRequestAt);
      assert.ok(next > Date.now() - 1000 && next <= Date.now() + SPACING_MS, turn.nextRequestAt);
      assert.equal(turn.heldBy, null, 'no request is out');
    } finally {
      await other.close();
    }
  });

  test('a turn left by a process that died mid-request is taken back, not waited out', async () => {
    const stores = createStores(get().db.kysely, get().db.dialect);
    const gone = `${hostname()}:${spawnSync(process.execPath, ['-e', '']).pid}:0011aabb`;
    // Its hold would last a minute (its timeout plus the spacing).
    const held = new Date(Date.now() + 60_000).toISOString();
    assert.ok(await stores.upstreamPacing.compareAndSet('arxiv', DUE_AT_ONCE, held, gone));
    const started = performance.now();
    await arxivClient(databasePacing(stores.upstreamPacing)).getText(
      `${server.urls.arxivApiUrl}?id_list=1707.08567&start=0&max_results=100`,
    );
    const waited = performance.now() - started;
    assert.ok(waited >= SPACING_MS - SLACK_MS && waited < 2000, `waited ${waited.toFixed(0)} ms`);
  });

  test('without the shared pacing, the same two clients would ask at once', async () => {
    const seen = await askTogether(arxivClient(undefined), arxivClient(undefined));
    assert.equal(seen.length, 6);
    assert.ok((seen[1]?.at ?? Infinity) < (seen[0]?.endedAt ?? 0), 'the first two requests overlap');
  });
});
