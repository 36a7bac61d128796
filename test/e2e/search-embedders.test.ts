// Semantic search through the whole stack with the embedder chosen by config: a catalogue embedded
// with the builtin model switches to an OpenAI-compatible endpoint (a real HTTP server on loopback);
// the builtin vectors serve until the endpoint's cover every paper; then the endpoint goes down and
// search answers with keyword results and says so on the page, in the API's headers and in the CLI.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import { createHttpApp } from '../../src/http/server.js';
import { createTestApp, hfFixtureFiles } from '../support/app.js';
import { runPaperboy } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';

const DIM = 16;
const QUERY = 'agents learning in environments';

/** A bag of words hashed into DIM buckets: texts that share words point the same way. */
function bagOfWords(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    let h = 0;
    for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) >>> 0;
    v[h % DIM] = (v[h % DIM] as number) + 1;
  }
  return v;
}

let server: Server;
let baseUrl: string;
/** 'up' answers; 'down' answers 503 to everything. */
let mode: 'up' | 'down' = 'up';
const queried: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (mode === 'down') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'model is loading' } }));
        return;
      }
      const { input } = JSON.parse(body) as { input: string[] };
      queried.push(...input);
      const data = input.map((t, index) => ({ object: 'embedding', index, embedding: bagOfWords(t) }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model: 'bow' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

interface CliResult {
  id: string;
  scoreParts: { vectorSimilarity: number | null; vectorRank: number | null };
}

describeEachDatabase('search with the embedder chosen by config', (get) => {
  let builtin: AppContext;
  let openai: AppContext;
  let app: Hono;
  const search = async (ctx: AppContext) => {
    const r = await ctx.services.search.search({ q: QUERY, limit: 20, offset: 0 });
    assert.equal(r.kind, 'results');
    return r;
  };
  const cli = (args: string[]) =>
    runPaperboy(args, {
      env: {
        PAPERBOY_DATABASE_URL: get().url,
        PAPERBOY_EMBEDDER: 'openai',
        PAPERBOY_OPENAI_BASE_URL: baseUrl,
        PAPERBOY_OPENAI_MODEL: 'bow',
        PAPERBOY_OPENAI_DIMENSIONS: String(DIM),
        PAPERBOY_EMBEDDER_MAX_RETRIES: '0',
      },
    });

  before(async () => {
    mode = 'up';
    const base = createTestApp(get().db);
    builtin = createTestApp(get().db, { embedder: { ...base.config.embedder, builtinDim: DIM } });
    openai = createTestApp(get().db, {
      pageCacheSeconds: 0,
      embedder: {
        ...base.config.embedder,
        kind: 'openai',
        maxRetries: 0,
        timeoutSeconds: 2,
        openai: { baseUrl, model: 'bow', dimensions: DIM, apiKey: null },
      },
    });
    app = createHttpApp(openai);
    await builtin.services.importer.importFiles(hfFixtureFiles());
    await builtin.services.embeddings.train();
    assert.equal((await builtin.services.embeddings.embedPending()).complete, true);
  });

  test('switched to openai: the builtin vectors serve until the new ones cover every paper', async () => {
    assert.equal((await openai.services.embeddings.status()).active, `openai:bow:${DIM}`);
    queried.length = 0;
    await openai.services.semantic.refresh();
    assert.match((await openai.services.semantic.servingModel()) ?? '', /^builtin-dual-16@/);
    const during = await search(openai);
    assert.equal(during.mode, 'hybrid');
    assert.ok(during.hits.some((h) => h.parts.vectorSimilarity !== null));
    // The query was embedded with the builtin model the serving vectors were made with.
    assert.deepEqual(queried, []);

    const done = await openai.services.embeddings.embedPending();
    assert.equal(done.model, `openai:bow:${DIM}`);
    assert.equal(done.complete, true);
    assert.ok(done.removed > 0);
    await openai.services.semantic.refresh();
    assert.equal(await openai.services.semantic.servingModel(), `openai:bow:${DIM}`);

    queried.length = 0;
    const after = await search(openai);
    assert.equal(after.mode, 'hybrid');
    assert.equal(after.fallback, null);
    assert.deepEqual(queried, [QUERY]);
    assert.ok(after.hits.some((h) => h.parts.vectorSimilarity !== null));
    const res = await app.request(`/api/papers/search?q=${encodeURIComponent(QUERY)}`);
    assert.equal(res.headers.get('x-search-mode'), 'hybrid');
    assert.equal(res.headers.get('x-search-fallback'), null);

    const printed = await cli(['search', '--json', '--limit', '20', QUERY]);
    assert.equal(printed.code, 0, printed.stderr);
    const rows = JSON.parse(printed.stdout) as CliResult[];
    assert.ok(
      rows.some((r) => r.scoreParts.vectorSimilarity !== null && r.scoreParts.vectorRank !== null),
      printed.stdout,
    );
    assert.doesNotMatch(printed.stderr, /keyword results/);
  });

  test('the endpoint down at query time: keyword results, and the page, the API and the CLI say so', async () => {
    mode = 'down';
    try {
      const r = await search(openai);
      assert.equal(r.mode, 'keyword');
      assert.equal(r.fallback, 'keyword');
      assert.match(r.fallbackReason ?? '', /answered 503/);
      assert.ok(r.hits.length > 0);
      assert.ok(r.hits.every((h) => h.parts.vectorSimilarity === null));

      const res = await app.request(`/api/papers/search?q=${encodeURIComponent(QUERY)}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-search-mode'), 'keyword');
      assert.match(res.headers.get('x-search-fallback') ?? '', /^keyword; .*answered 503/);
      assert.ok(((await res.json()) as unknown[]).length > 0);

      const page = await app.request(`/search?q=${encodeURIComponent(QUERY)}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Showing keyword results: the embedding endpoint answered 503/);

      // Related papers need no query embedding: the stored vectors still answer.
      const paper = r.hits[0]?.card.arxivId ?? '';
      const related = (await (await app.request(`/api/papers/${paper}/related?limit=3`)).json()) as {
        model: string;
        papers: unknown[];
      };
      assert.equal(related.model, `openai:bow:${DIM}`);
      assert.equal(related.papers.length, 3);

      const printed = await cli(['search', '--json', QUERY]);
      assert.equal(printed.code, 0, printed.stderr);
      assert.match(printed.stderr, /showing keyword results: .*answered 503/);
      const rows = JSON.parse(printed.stdout) as CliResult[];
      assert.ok(rows.length > 0 && rows.every((x) => x.scoreParts.vectorSimilarity === null));
    } finally {
      mode = 'up';
    }
  });

  test('turned off: the vectors in the database are not used; related papers are empty, with a note', async () => {
    const base = createTestApp(get().db);
    const off = createTestApp(get().db, {
      pageCacheSeconds: 0,
      embedder: { ...base.config.embedder, kind: 'off' },
    });
    const offApp = createHttpApp(off);
    queried.length = 0;
    const r = await search(off);
    assert.equal(r.mode, 'keyword');
    assert.equal(r.fallback, null);
    assert.ok(r.hits.length > 0);
    assert.ok(r.hits.every((h) => h.parts.vectorSimilarity === null && h.parts.vectorRank === null));
    assert.deepEqual(queried, []);
    assert.equal(await off.services.semantic.servingModel(), null);

    const res = await offApp.request(`/api/papers/search?q=${encodeURIComponent(QUERY)}`);
    assert.equal(res.headers.get('x-search-mode'), 'keyword');
    assert.equal(res.headers.get('x-search-fallback'), null);

    const paper = r.hits[0]?.card.arxivId ?? '';
    const related = (await (await offApp.request(`/api/papers/${paper}/related?limit=3`)).json()) as {
      model: string | null;
      papers: unknown[];
      note: string;
    };
    assert.deepEqual(related.papers, []);
    assert.equal(related.model, null);
    assert.match(related.note, /turned off .*PAPERBOY_EMBEDDER=off/);
    const page = await offApp.request(`/papers/${paper}`);
    assert.match(await page.text(), /Related papers are turned off on this server/);

    const printed = await runPaperboy(['search', '--json', QUERY], {
      env: { PAPERBOY_DATABASE_URL: get().url, PAPERBOY_EMBEDDER: 'off' },
    });
    assert.equal(printed.code, 0, printed.stderr);
    const rows = JSON.parse(printed.stdout) as CliResult[];
    assert.ok(rows.length > 0 && rows.every((x) => x.scoreParts.vectorSimilarity === null));
  });
});
