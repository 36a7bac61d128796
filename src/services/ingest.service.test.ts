// Ingestion from live sources, end to end over real HTTP: the sources talk to a loopback server that
// answers with recorded upstream responses, and pages land in a real database of each dialect.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, beforeEach, test } from 'node:test';
import { TEST_NOW } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { signedInUser } from '../../test/support/community.js';
import { jsonRequest } from '../../test/support/http.js';
import { clearCatalogue, createIngestTestApp } from '../../test/support/ingest.js';
import { match, startUpstreamServer, type UpstreamServer } from '../../test/support/upstream-server.js';
import { emptyPaper } from '../domain/paper-record.js';
import { createHttpApp } from '../http/server.js';
import { createIngestSources } from '../ingest/sources/index.js';
import { type UpsertRecord, upsertRecords } from '../ingest/upsert.js';
import { inTransaction } from '../stores/index.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import { IngestError } from './ingest.service.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

describeEachDatabase('IngestService', (get) => {
  beforeEach(async () => {
    await clearCatalogue(get().db);
    server.reset();
  });

  test('fetches papers by id, old-style and versioned ids as given, and names the ids arXiv lacks', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const s = await ctx.services.ingest.fetchArxivIds(['0808.05394', '1707.08567']);
    assert.deepEqual([s.pages, s.read, s.new, s.rejected], [1, 1, 1, 0]);
    assert.deepEqual(s.missing, ['0808.05394']);
    const old = await ctx.services.ingest.fetchArxivIds(['astro-ph/0601001']);
    assert.deepEqual([old.new, old.missing], [1, []]);
    const versioned = await ctx.services.ingest.fetchArxivIds(['quant-ph/0201082v1']);
    assert.equal(versioned.new, 1);
    const paper = await ctx.services.papers.getPaper('quant-ph/0201082');
    assert.equal(paper.version, 1);
    assert.deepEqual(
      server.requests.map((r) => r.query.id_list),
      ['0808.05394,1707.08567', 'astro-ph/0601001', 'quant-ph/0201082v1'],
    );
    assert.ok(
      server.requests.every(
        (r) => r.userAgent === 'paperboy/0.1.0 (+https://papers.example.org; curators@example.org)',
      ),
    );
  });

  test('asks for at most 100 ids per request', async () => {
    const ctx = createIngestTestApp(get().db, server);
    // Every paper of the recorded "testing" result pages and of the id recordings, and one arXiv lacks.
    const known = [
      ...new Set(await idsOfQueryPages()),
      ...['1605.08386', '1707.08567', '2104.12255', 'astro-ph/0601001', 'quant-ph/0201082'],
    ];
    assert.equal(known.length, 102);
    const s = await ctx.services.ingest.fetchArxivIds([...known, '0000.0000']);
    assert.deepEqual([s.pages, s.read, s.new], [2, 102, 102]);
    assert.deepEqual(s.missing, ['0000.0000']);
    assert.deepEqual(
      server.requests.map((r) => (r.query.id_list ?? '').split(',').length),
      [100, 3],
    );
  });

  test('refuses ids that are not arXiv ids before asking anyone', async () => {
    const ctx = createIngestTestApp(get().db, server);
    await assert.rejects(ctx.services.ingest.fetchArxivIds(['2104.12255', 'abc']), (err: unknown) => {
      assert.ok(err instanceof InvalidInputError);
      assert.match(err.message, /not arXiv ids: "abc"/);
      return true;
    });
    assert.equal(server.requests.length, 0);
  });

  test("arXiv's error feed becomes a clear error", async () => {
    const ctx = createIngestTestApp(get().db, server);
    const pages = createIngestSources(ctx.config, ctx.log).arxivApi.byIds(['abc']);
    await assert.rejects(
      (async () => {
        for await (const _ of pages) void _;
      })(),
      /api\/query\?id_list=abc&start=0&max_results=100: arXiv API error: incorrect id format for abc/,
    );
  });

  test('a search keeps up to --max results, paging with start and max_results', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const s = await ctx.services.ingest.searchArxiv('testing', 15);
    assert.deepEqual([s.pages, s.read, s.new], [1, 15, 15]);
    // Fewer than a page: arXiv is asked for the 15, not for a page of 100 cut down here.
    assert.deepEqual(server.requests[0]?.query, { search_query: 'testing', start: '0', max_results: '15' });
  });

  test('an OAI-PMH harvest follows resumption tokens, then the next run starts where it ended', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const progress: string[] = [];
    const first = await ctx.services.ingest.harvestOai({ set: 'cs', from: '2025-07-03' }, (p) =>
      progress.push(`${p.done}/${p.total}`),
    );
    assert.deepEqual(
      [first.pages, first.read, first.new, first.rejected, first.resumed, first.nextFrom],
      [3, 13, 12, 1, false, '2025-07-05'],
    );
    assert.deepEqual(progress, ['5/13', '10/13', '13/13']);
    assert.deepEqual(first.rejections, [
      { where: 'records 6-10 of 13: record 3 (oai:arXiv.org:cs/0112017)', reason: 'deleted upstream' },
    ]);
    assert.deepEqual(
      server.requests.map((r) => r.query),
      [
        { verb: 'ListRecords', metadataPrefix: 'arXivRaw', set: 'cs', from: '2025-07-03' },
        { verb: 'ListRecords', resumptionToken: '7094212|6' },
        { verb: 'ListRecords', resumptionToken: '7094212|11' },
      ],
    );
    const pageLines = ctx.logs.find('ingest page committed');
    assert.deepEqual(
      pageLines.map((l) => [l.source, l.page, l.label, l.new, l.rejected]),
      [
        ['arxiv-oai', 1, 'records 1-5 of 13', 5, 0],
        ['arxiv-oai', 2, 'records 6-10 of 13', 4, 1],
        ['arxiv-oai', 3, 'records 11-13 of 13', 3, 0],
      ],
    );

    server.reset();
    const next = await ctx.services.ingest.harvestOai({ set: 'cs' });
    assert.deepEqual([next.from, next.pages, next.read], ['2025-07-05', 1, 0]);
    assert.equal(server.requests[0]?.query.from, '2025-07-05');

    // Harvesting the same days again is harmless: nothing changes.
    const again = await ctx.services.ingest.harvestOai({ set: 'cs', from: '2025-07-03' });
    assert.deepEqual([again.new, again.updated, again.skipped], [0, 0, 12]);
  });

  test('a first harvest needs a day to start from', async () => {
    const ctx = createIngestTestApp(get().db, server);
    await assert.rejects(
      ctx.services.ingest.harvestOai({ set: 'cs' }),
      /set cs has not been harvested before/,
    );
    await assert.rejects(
      ctx.services.ingest.harvestOai({ set: 'cs', from: '2025-07-09', until: '2025-07-01' }),
      /until \(2025-07-01\) is before from \(2025-07-09\)/,
    );
  });

  test('an expired resumption token restarts the list from its start, once', async () => {
    const ctx = createIngestTestApp(get().db, server);
    await ctx.services.ingest.harvestOai({ set: 'cs', from: '2025-07-03' });
    // Pretend a harvest was interrupted with a token the server has since forgotten.
    const { db } = get();
    await db.kysely
      .updateTable('ingest_cursors')
      .set({
        value: JSON.stringify({
          set: 'cs',
          from: '2025-07-03',
          until: null,
          resumptionToken: '7094212|999',
          listStartedOn: '2025-07-05',
          nextFrom: null,
        }),
      })
      .execute();
    server.reset();
    const s = await ctx.services.ingest.harvestOai({ set: 'cs' });
    assert.equal(s.resumed, true);
    assert.deepEqual([s.pages, s.new, s.skipped], [3, 0, 12]);
    assert.equal(
      ctx.logs.find('resumption token rejected; harvesting the list again from its start').length,
      1,
    );
    assert.deepEqual(
      server.requests.map((r) => r.query.resumptionToken ?? 'start'),
      ['7094212|999', 'start', '7094212|6', '7094212|11'],
    );
  });

  test('mirrors Hugging Face days: papers, their links and upvotes, and the feed entries', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const s = await ctx.services.ingest.mirrorHfDays(['2025-07-04', '2025-07-05']);
    assert.deepEqual([s.pages, s.read, s.new, s.featured], [2, 12, 12, 12]);
    assert.deepEqual(
      server.requests.map((r) => `${r.path}?date=${r.query.date}`),
      ['/api/daily_papers?date=2025-07-04', '/api/daily_papers?date=2025-07-05'],
    );
    const paper = await ctx.services.papers.getPaper('2507.02813');
    assert.equal(paper.upvotes, 34);
    assert.deepEqual(
      paper.featuredDays.map((d) => d.day),
      ['2025-07-04'],
    );
  });

  test('the same paper from two sources is one paper', async () => {
    const ctx = createIngestTestApp(get().db, server);
    await ctx.services.ingest.harvestOai({ set: 'cs', from: '2025-07-03' });
    const hf = await ctx.services.ingest.mirrorHfDays(['2025-07-04']);
    // 2507.02092, 2507.02754 and 2507.02813 came through OAI-PMH already.
    assert.deepEqual([hf.new, hf.updated], [9, 3]);
    const row = await get()
      .db.kysely.selectFrom('papers')
      .select(['sources', 'metadata_source', 'categories'])
      .where('arxiv_id', '=', '2507.02813')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { sources: 'arxiv-oai,hf', metadata_source: 'arxiv-oai', categories: 'cs.CV' });
    assert.equal((await ctx.services.stats.catalogue()).papers, 21);
  });

  test('a new arXiv version updates the paper and keeps its history', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const v1 = await ctx.services.ingest.fetchArxivIds(['2204.08348v1']);
    assert.equal(v1.new, 1);
    assert.equal((await ctx.services.papers.getPaper('2204.08348')).version, 1);
    const latest = await ctx.services.ingest.fetchArxivIds(['2204.08348']);
    assert.deepEqual([latest.new, latest.updated], [0, 1]);
    const paper = await ctx.services.papers.getPaper('2204.08348');
    assert.equal(paper.version, 3);
    assert.equal(paper.doi, '10.1145/3533767.3534401');
    assert.deepEqual(paper.versions, [
      { version: 1, submittedAt: '2022-04-18T14:46:24.000Z' },
      { version: 3, submittedAt: '2022-07-06T05:12:56.000Z' },
    ]);
    // An older version arriving later changes nothing.
    const old = await ctx.services.ingest.fetchArxivIds(['2204.08348v1']);
    assert.deepEqual([old.updated, old.skipped], [0, 1]);
    assert.equal((await ctx.services.papers.getPaper('2204.08348')).version, 3);

    const page = await createHttpApp(ctx).request('/papers/2204.08348');
    const html = await page.text();
    assert.match(html, /<h2 id="versions-heading">Versions<\/h2>/);
    assert.match(html, /<li>v1 <time datetime="2022-04-18T14:46:24.000Z"[^>]*>[^<]+<\/time><\/li>/);
    assert.match(html, /<li>v3 <time datetime="2022-07-06T05:12:56.000Z"/);
  });

  test('a new version arriving through the OAI-PMH harvest updates the paper and extends its history', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const announced = await ctx.services.ingest.harvestOai({
      set: 'cs',
      from: '2022-04-19',
      until: '2022-04-19',
    });
    assert.deepEqual([announced.new, announced.nextFrom], [1, '2022-04-19']);
    const v1 = await ctx.services.papers.getPaper('2204.08348');
    assert.deepEqual(
      [v1.version, v1.doi, v1.versions],
      [1, null, [{ version: 1, submittedAt: '2022-04-18T14:46:24.000Z' }]],
    );

    // The day v3 is announced, the harvest brings every version with its time: no API request.
    server.reset();
    const replaced = await ctx.services.ingest.harvestOai({ set: 'cs', from: '2022-07-07' });
    assert.deepEqual([replaced.new, replaced.updated], [0, 1]);
    assert.deepEqual(
      server.requests.map((r) => r.path),
      ['/oai'],
    );
    const v3 = await ctx.services.papers.getPaper('2204.08348');
    assert.deepEqual([v3.version, v3.doi], [3, '10.1145/3533767.3534401']);
    const history = [
      { version: 1, submittedAt: '2022-04-18T14:46:24.000Z' },
      { version: 2, submittedAt: '2022-04-26T17:02:11.000Z' },
      { version: 3, submittedAt: '2022-07-06T05:12:56.000Z' },
    ];
    assert.deepEqual(v3.versions, history);
    const rows = await get()
      .db.kysely.selectFrom('paper_versions')
      .select(['version', 'source'])
      .orderBy('version')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.source),
      ['arxiv-oai-raw', 'arxiv-oai-raw', 'arxiv-oai-raw'],
    );

    // The arXiv API tells the same times for v1 and v3: the history stays as it is.
    await ctx.services.ingest.fetchArxivIds(['2204.08348', '2204.08348v1']);
    assert.deepEqual((await ctx.services.papers.getPaper('2204.08348')).versions, history);
    // Harvesting the same days again changes nothing.
    const again = await ctx.services.ingest.harvestOai({ set: 'cs', from: '2022-07-07' });
    assert.deepEqual([again.updated, again.skipped], [0, 1]);
  });

  test("an arXiv-format OAI-PMH file gives v1's day; an exact time of the same version replaces it", async () => {
    const ctx = createIngestTestApp(get().db, server);
    const file = fileURLToPath(
      new URL('../../fixtures/arxiv-oai-pmh/functional-arxiv-physics-hep-th.xml', import.meta.url),
    );
    await ctx.services.importer.importFiles([file]);
    const imported = await ctx.services.papers.getPaper('1412.8323');
    assert.deepEqual(imported.versions, [{ version: 1, submittedAt: '2014-12-29T00:00:00.000Z' }]);

    const api = (version: number, publishedAt: string, updatedAt: string): UpsertRecord => ({
      paper: {
        ...emptyPaper('1412.8323', 'arxiv-api'),
        title: imported.title,
        version,
        publishedAt,
        updatedAt,
      },
      daily: null,
    });
    const exact = '2014-12-29T20:58:11.000Z';
    await inTransaction(get().db, (stores) =>
      upsertRecords(stores, [api(3, exact, '2017-12-13T10:20:30.000Z')], TEST_NOW),
    );
    assert.deepEqual((await ctx.services.papers.getPaper('1412.8323')).versions, [
      { version: 1, submittedAt: exact },
      { version: 3, submittedAt: '2017-12-13T10:20:30.000Z' },
    ]);
    // The day from the arXiv format no longer replaces the time.
    await ctx.services.importer.importFiles([file]);
    assert.equal((await ctx.services.papers.getPaper('1412.8323')).versions[0]?.submittedAt, exact);

    // An arXivRaw time replaces a day too (a paper harvested in the arXiv format before).
    const raw: UpsertRecord = {
      paper: {
        ...emptyPaper('1412.8323', 'arxiv-oai'),
        title: imported.title,
        version: 4,
        versions: [{ version: 4, submittedAt: '2018-01-02T03:04:05.000Z' }],
      },
      daily: null,
    };
    await inTransaction(get().db, async (stores) => {
      const id = (await stores.papers.findByArxivId('1412.8323'))?.id ?? 0;
      await stores.paperVersions.record([
        { paperId: id, version: 4, submittedAt: '2018-01-02T00:00:00.000Z', source: 'arxiv-oai' },
      ]);
      return upsertRecords(stores, [raw], TEST_NOW);
    });
    assert.deepEqual((await ctx.services.papers.getPaper('1412.8323')).versions.at(-1), {
      version: 4,
      submittedAt: '2018-01-02T03:04:05.000Z',
    });
  });

  test('near-identical titles under different ids are flagged for a curator, never merged', async () => {
    const ctx = createIngestTestApp(get().db, server);
    await ctx.services.ingest.harvestOai({ set: 'cs', from: '2025-07-03' });
    const copy = (id: string, title: string) =>
      tempListing({
        id,
        categories: ['cs.LG'],
        authors: ['Someone Else'],
        title,
        comment: null,
        summary: 'Copied.',
      });
    const first = await ctx.services.importer.importFiles([
      copy('2507.09001', 'Energy-based transformers are scalable learners and thinkers.'),
    ]);
    assert.equal(first.new, 1);
    const flags = await ctx.services.curation.listDuplicates();
    assert.deepEqual(
      flags.map((f) => [f.paper.arxivId, f.other.arxivId, f.reason, f.status]),
      [['2507.09001', '2507.02092', 'same-title', 'open']],
    );
    assert.equal((await ctx.services.stats.catalogue()).papers, 13);
    // The same paper from another source is the same paper: no flag.
    await ctx.services.ingest.mirrorHfDays(['2025-07-04']);
    assert.equal((await ctx.services.curation.listDuplicates()).length, 1);

    await ctx.services.curation.dismissDuplicate(flags[0]?.id ?? 0);
    assert.deepEqual(await ctx.services.curation.listDuplicates(), []);
    await assert.rejects(ctx.services.curation.dismissDuplicate(flags[0]?.id ?? 0), ConflictError);
    await assert.rejects(ctx.services.curation.dismissDuplicate(999_999), NotFoundError);
    // A third copy is flagged against both earlier papers.
    const third = await ctx.services.ingest.harvestOai({ set: 'cs', from: '2025-07-03' });
    assert.equal(third.flagged, 0);
    await ctx.services.importer.importFiles([
      copy('2507.09002', 'ENERGY-BASED TRANSFORMERS ARE SCALABLE LEARNERS AND THINKERS'),
    ]);
    assert.deepEqual(
      (await ctx.services.curation.listDuplicates()).map((f) => [f.paper.arxivId, f.other.arxivId]),
      [
        ['2507.09002', '2507.02092'],
        ['2507.09002', '2507.09001'],
      ],
    );
  });

  test('a curator features a known paper without asking arXiv, and an unknown one after fetching it', async () => {
    const ctx = createIngestTestApp(get().db, server);
    await ctx.services.ingest.mirrorHfDays(['2025-07-04']);
    server.reset();
    const known = await ctx.services.curation.feature('2507.02092', { day: '2025-07-05', submitter: 'ada' });
    assert.deepEqual(known, {
      arxivId: '2507.02092',
      title: 'Energy-Based Transformers are Scalable Learners and Thinkers',
      day: '2025-07-05',
      added: true,
      fetched: false,
    });
    assert.equal(server.requests.length, 0);
    const again = await ctx.services.curation.feature('2507.02092v1', { day: '2025-07-05' });
    assert.equal(again.added, false);

    const fetched = await ctx.services.curation.feature('astro-ph/0601001');
    assert.deepEqual([fetched.fetched, fetched.added, fetched.day], [true, true, '2026-08-22']);
    const [entry] = (await ctx.services.papers.getPaper('astro-ph/0601001')).featuredDays;
    assert.deepEqual([entry?.day, entry?.featuredAt], ['2026-08-22', TEST_NOW]);

    await assert.rejects(ctx.services.curation.feature('0808.05394'), /arXiv has no paper 0808\.05394/);
    await assert.rejects(ctx.services.curation.feature('not-an-id'), InvalidInputError);
  });

  test('a curator adds a paper by id through the API: fetched from arXiv when unknown, refused when arXiv lacks it', async () => {
    const ctx = createIngestTestApp(get().db, server);
    const app = createHttpApp(ctx);
    const curator = await signedInUser(ctx, 'curator@example.org', 'curator');
    const { token } = await ctx.services.apiTokens.create(curator.actor, 'feed', 'write');
    const submit = (body: Record<string, string>) =>
      jsonRequest(app, '/api/daily_papers', 'POST', body, { authorization: `Bearer ${token}` });

    const fetched = await submit({ id: '1707.08567', date: '2026-08-21' });
    assert.equal(fetched.status, 201);
    const body = (await fetched.json()) as Record<string, unknown>;
    assert.deepEqual(
      [body.arxivId, body.title, body.day, body.added, body.fetched],
      [
        '1707.08567',
        'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications',
        '2026-08-21',
        true,
        true,
      ],
    );
    assert.deepEqual(
      server.requests.map((r) => [r.path, r.query.id_list]),
      [['/api/query', '1707.08567']],
    );
    const feed = (await (await app.request('/api/daily_papers?date=2026-08-21')).json()) as {
      paper: { id: string; authors: unknown[] };
    }[];
    assert.deepEqual(
      feed.map((e) => e.paper.id),
      ['1707.08567'],
    );
    assert.ok((feed[0]?.paper.authors.length ?? 0) > 0, 'the metadata came from arXiv');

    // Known now: another day's feed without asking arXiv again.
    server.reset();
    const known = await submit({ id: '1707.08567', date: '2026-08-22' });
    assert.equal(known.status, 201);
    assert.equal(((await known.json()) as { fetched: boolean }).fetched, false);
    assert.equal(server.requests.length, 0);

    const missing = await submit({ id: '0808.05394', date: '2026-08-21' });
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /arXiv has no paper 0808\.05394/);
    assert.equal((await ctx.services.stats.catalogue()).papers, 1);
  });

  test('a failing upstream is a clear error that keeps the pages already committed', async () => {
    const ctx = createIngestTestApp(get().db, server, { httpMaxRetries: 1 });
    server.fail(match.hfDay('2025-07-05'), { kind: 'status', status: 500 }, 2);
    await assert.rejects(ctx.services.ingest.mirrorHfDays(['2025-07-04', '2025-07-05']), (err: unknown) => {
      assert.ok(err instanceof IngestError);
      assert.match(
        err.message,
        /^hf: page 2 failed \(1 page committed, the last 2025-07-04\): HTTP 500; gave up after 1 retries \(GET http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2025-07-05, 2 attempts\)$/,
      );
      assert.deepEqual([err.summary.pages, err.summary.new], [1, 12]);
      return true;
    });
    assert.equal((await ctx.services.stats.catalogue()).papers, 12);
    const [line] = ctx.logs.find('ingest failed');
    assert.deepEqual([line?.source, line?.page, line?.pages_committed], ['hf', 2, 1]);
  });
});

/** A one-record arXiv listing file (the import format) in a temporary directory. */
function tempListing(record: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'paperboy-ingest-')), '2025-07-07.jsonl');
  writeFileSync(path, JSON.stringify(record) + '\n');
  return path;
}

/** Ids of the papers in the recorded "testing" query pages. */
async function idsOfQueryPages(): Promise<string[]> {
  const dir = new URL('../../fixtures/arxiv-api/recorded-json/', import.meta.url);
  const ids: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.startsWith('q_testing'))
    .sort()) {
    const body = (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { body: string }).body;
    for (const m of body.matchAll(/<id>http:\/\/arxiv\.org\/abs\/(\d{4}\.\d{4,5})v\d+<\/id>/g)) {
      if (m[1]) ids.push(m[1]);
    }
  }
  return ids;
}
