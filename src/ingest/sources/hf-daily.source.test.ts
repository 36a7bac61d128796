// The Hugging Face source reads every shape the daily_papers endpoint has produced.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUpstreamServer, type UpstreamServer } from '../../../test/support/upstream-server.js';
import { silentLogger } from '../../lib/logger.js';
import { PoliteHttpClient } from '../fetch/http-client.js';
import { HfDailySource } from './hf-daily.source.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

test('one page per day, whatever shape the day came in; the counts are as of the fetch day', async () => {
  const http = new PoliteHttpClient({
    name: 'hf',
    userAgent: 'paperboy/test',
    minIntervalMs: 5,
    timeoutMs: 2000,
    maxRetries: 0,
    backoffMs: 10,
    maxWaitMs: 1000,
    log: silentLogger,
  });
  const hf = new HfDailySource({ http, baseUrl: server.urls.hfApiUrl });
  const days = ['2024-12-18', '2025-01-10', '2026-08-22'];
  const pages = [];
  for await (const page of hf.days(days, '2026-08-22')) pages.push(page);
  // Python-repr strings, the {status, date, count, data} wrapper, and a day without papers.
  assert.deepEqual(
    pages.map((p) => [p.label, p.items.length, p.progress.done]),
    [
      ['2024-12-18', 11, 1],
      ['2025-01-10', 9, 2],
      ['2026-08-22', 0, 3],
    ],
  );
  const records = pages.flatMap((p) => p.items.flatMap((i) => (i.kind === 'record' ? [i] : [])));
  assert.equal(records.length, 20);
  assert.ok(records.every((r) => r.paper.hfSnapshotOn === '2026-08-22'));
  assert.ok(records.every((r) => r.daily !== null));
});
