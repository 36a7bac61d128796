// Real `paperboy ingest` processes side by side on one database: arXiv's spacing holds between
// them, not only inside each.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runPaperboy } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';
import { fastUpstreamEnv } from '../support/ingest.js';
import { match, startUpstreamServer, type UpstreamServer } from '../support/upstream-server.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

const SPACING_SECONDS = 0.2;

describeEachDatabase('paperboy ingest processes side by side', (get) => {
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
});
