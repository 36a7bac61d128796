// Upstream misbehaving during an OAI-PMH harvest: errors, rate limits, truncated XML, garbage, slow
// answers, dropped connections. Whatever happens, the harvest (run again when it failed) ends with
// exactly the database of a clean run (nothing lost, nothing written twice) and says what happened
// in one log line.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { describeEachDatabase } from '../../test/support/databases.js';
import { catalogueSnapshot, clearCatalogue, createIngestTestApp } from '../../test/support/ingest.js';
import {
  match,
  OAI_CS_TOKENS,
  recorded503,
  type RecordedRequest,
  startUpstreamServer,
  type UpstreamServer,
} from '../../test/support/upstream-server.js';
import type { Config } from '../config.js';
import { IngestError } from './ingest.service.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

const [TOKEN_2, TOKEN_3] = OAI_CS_TOKENS;
const PAGE_1 = match.oaiFirstPage();
const PAGE_2 = match.oaiToken(TOKEN_2);
const PAGE_3 = match.oaiToken(TOKEN_3);
const HARVEST = { set: 'cs', from: '2025-07-03' };

describeEachDatabase('OAI-PMH harvest under upstream faults', (get) => {
  let clean = '';
  const app = (overrides: Partial<Config> = {}) => createIngestTestApp(get().db, server, overrides);
  const retries = (ctx: ReturnType<typeof app>) => ctx.logs.find('upstream request failed, will retry');
  const pages = (m: (r: RecordedRequest) => boolean) => server.requests.filter(m);

  before(async () => {
    await clearCatalogue(get().db);
    await app().services.ingest.harvestOai(HARVEST);
    clean = await catalogueSnapshot(get().db);
  });
  beforeEach(async () => {
    await clearCatalogue(get().db);
    server.reset();
  });

  test('the clean run holds the whole list', () => {
    const parsed = JSON.parse(clean) as { papers: unknown[]; versions: unknown[]; cursors: unknown[] };
    assert.deepEqual([parsed.papers.length, parsed.versions.length, parsed.cursors.length], [12, 12, 1]);
  });

  test('503 with Retry-After: waits as long as asked, then carries on', async () => {
    server.fail(PAGE_2, recorded503());
    const ctx = app();
    await ctx.services.ingest.harvestOai(HARVEST);
    assert.equal(await catalogueSnapshot(get().db), clean);
    const [first, second] = pages(PAGE_2);
    assert.ok(first && second && second.at - first.at >= 990, `retried after ${second!.at - first!.at} ms`);
    const [line] = retries(ctx);
    assert.deepEqual(
      [line?.upstream, line?.status, line?.wait_ms, line?.retry_after, line?.attempt],
      ['arxiv', 503, 1000, true, 1],
    );
  });

  test('429 twice: backs off and retries', async () => {
    server.fail(PAGE_1, { kind: 'status', status: 429 }, 2);
    const ctx = app();
    await ctx.services.ingest.harvestOai(HARVEST);
    assert.equal(await catalogueSnapshot(get().db), clean);
    assert.equal(pages(PAGE_1).length, 3);
    assert.deepEqual(
      retries(ctx).map((l) => [l.reason, l.attempt, l.retry_after]),
      [
        ['HTTP 429', 1, false],
        ['HTTP 429', 2, false],
      ],
    );
  });

  test('500 then success', async () => {
    server.fail(PAGE_3, { kind: 'status', status: 500 });
    const ctx = app();
    await ctx.services.ingest.harvestOai(HARVEST);
    assert.equal(await catalogueSnapshot(get().db), clean);
    assert.deepEqual(
      pages(PAGE_3).map((r) => r.fault),
      ['status', null],
    );
  });

  test('an answer slower than the timeout is abandoned and asked again', async () => {
    server.fail(PAGE_2, { kind: 'slow', ms: 1500 });
    const ctx = app({ httpTimeoutSeconds: 0.3 });
    await ctx.services.ingest.harvestOai(HARVEST);
    assert.equal(await catalogueSnapshot(get().db), clean);
    assert.deepEqual(
      retries(ctx).map((l) => l.reason),
      ['timed out after 0.3 s'],
    );
  });

  test('a dropped connection is retried', async () => {
    server.fail(PAGE_1, { kind: 'reset' });
    const ctx = app();
    await ctx.services.ingest.harvestOai(HARVEST);
    assert.equal(await catalogueSnapshot(get().db), clean);
    assert.match(String(retries(ctx)[0]?.reason), /^connection failed \(/);
  });

  test('truncated XML fails the page; the next run resumes at that page', async () => {
    server.fail(PAGE_2, { kind: 'truncate' });
    const ctx = app();
    await assert.rejects(ctx.services.ingest.harvestOai(HARVEST), (err: unknown) => {
      assert.ok(err instanceof IngestError);
      assert.match(
        err.message,
        /^arxiv-oai: page 2 failed \(1 page committed, the last records 1-5 of 13\): http:\/\/127\.0\.0\.1:\d+\/oai\?verb=ListRecords&resumptionToken=7094212%7C6: end of file \(line \d+\): not well-formed XML: the file ends inside <OAI-PMH> <ListRecords> <record> .*\(truncated\?\)$/,
      );
      return true;
    });
    const [line] = ctx.logs.find('ingest failed');
    assert.deepEqual([line?.source, line?.page, line?.pages_committed], ['arxiv-oai', 2, 1]);
    assert.match(String(line?.err), /not well-formed XML/);

    const again = await app().services.ingest.harvestOai({ set: 'cs' });
    assert.deepEqual([again.resumed, again.pages, again.new], [true, 2, 7]);
    assert.equal(await catalogueSnapshot(get().db), clean);
    assert.deepEqual([pages(PAGE_1).length, pages(PAGE_2).length, pages(PAGE_3).length], [1, 2, 1]);
  });

  test('garbage bytes fail the page; the next run resumes at that page', async () => {
    server.fail(PAGE_3, { kind: 'garbage' });
    const ctx = app();
    await assert.rejects(
      ctx.services.ingest.harvestOai(HARVEST),
      /page 3 failed .*not well-formed XML|page 3 failed .*OAI-PMH/,
    );
    const again = await app().services.ingest.harvestOai({ set: 'cs', from: '2025-07-03' });
    assert.deepEqual([again.resumed, again.pages], [true, 1]);
    assert.equal(await catalogueSnapshot(get().db), clean);
  });

  test('an upstream that stays down: gives up after the last retry, and the next run finishes the job', async () => {
    server.fail(PAGE_2, { kind: 'status', status: 503 }, 4);
    const ctx = app();
    await assert.rejects(
      ctx.services.ingest.harvestOai(HARVEST),
      /page 2 failed .*HTTP 503; gave up after 3 retries/,
    );
    assert.equal(retries(ctx).length, 3);
    await app().services.ingest.harvestOai({ set: 'cs' });
    assert.equal(await catalogueSnapshot(get().db), clean);
  });

  test('a Hugging Face day that arrives truncated is refused whole; mirroring again fills it in', async () => {
    const days = ['2025-07-04', '2026-08-21'];
    await app().services.ingest.mirrorHfDays(days);
    const hfClean = await catalogueSnapshot(get().db);
    await clearCatalogue(get().db);

    server.fail(match.hfDay('2026-08-21'), { kind: 'truncate' });
    const ctx = app();
    await assert.rejects(
      ctx.services.ingest.mirrorHfDays(days),
      /^IngestError: hf: page 2 failed \(1 page committed, the last 2025-07-04\): http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2026-08-21: line \d+, column \d+: not valid JSON/,
    );
    assert.equal((await ctx.services.stats.catalogue()).papers, 12);
    await app().services.ingest.mirrorHfDays(days);
    assert.equal(await catalogueSnapshot(get().db), hfClean);
  });
});
