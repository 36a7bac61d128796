// The arXiv API source against the loopback server with the recorded "testing" result pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startUpstreamServer, type UpstreamServer } from '../../../test/support/upstream-server.js';
import { silentLogger } from '../../lib/logger.js';
import { PoliteHttpClient } from '../fetch/http-client.js';
import { ArxivApiSource } from './arxiv-api.source.js';
import type { SourcePage } from './source.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

function source(pageSize: number, minIntervalMs = 5) {
  const http = new PoliteHttpClient({
    name: 'arxiv',
    userAgent: 'paperboy/test',
    minIntervalMs,
    timeoutMs: 2000,
    maxRetries: 0,
    backoffMs: 10,
    maxWaitMs: 1000,
    log: silentLogger,
  });
  return new ArxivApiSource({ http, baseUrl: server.urls.arxivApiUrl, pageSize });
}

async function all(pages: AsyncIterable<SourcePage>): Promise<SourcePage[]> {
  const out: SourcePage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

test('a query walks start by the page size and stops at --max, 50 ms apart when told so', async () => {
  server.reset();
  const pages = await all(source(10, 50).byQuery('testing', 35));
  assert.deepEqual(
    pages.map((p) => [p.label, p.items.length, p.progress.done, p.progress.total]),
    [
      ['results 1-10 of 35', 10, 10, 35],
      ['results 11-20 of 35', 10, 20, 35],
      ['results 21-30 of 35', 10, 30, 35],
      ['results 31-35 of 35', 5, 35, 35],
    ],
  );
  assert.deepEqual(
    server.requests.map((r) => [r.query.start, r.query.max_results]),
    [
      ['0', '10'],
      ['10', '10'],
      ['20', '10'],
      ['30', '5'],
    ],
    'the last page asks only for the 5 results still wanted',
  );
  const gaps = server.requests.slice(1).map((r, i) => r.at - (server.requests[i]?.at ?? 0));
  assert.ok(
    gaps.every((gap) => gap >= 45),
    `gaps ${gaps.join(', ')} ms`,
  );
  const first = pages[0]?.items[0];
  assert.equal(first?.kind === 'record' ? first.paper.arxivId : null, '2202.12139');
});

test('a search for fewer results than a page asks arXiv for just those', async () => {
  server.reset();
  const pages = await all(source(100).byQuery('testing', 15));
  assert.deepEqual(
    server.requests.map((r) => [r.query.start, r.query.max_results]),
    [['0', '15']],
  );
  assert.deepEqual(
    pages.map((p) => [p.label, p.items.length]),
    [['results 1-15 of 15', 15]],
  );
});

test('ids go out as given, old style and versioned', async () => {
  server.reset();
  const [page] = await all(source(100).byIds(['quant-ph/0201082v1']));
  const item = page?.items[0];
  assert.equal(server.requests[0]?.query.id_list, 'quant-ph/0201082v1');
  assert.deepEqual(item?.kind === 'record' ? [item.paper.arxivId, item.paper.version] : null, [
    'quant-ph/0201082',
    1,
  ]);
});
