import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import type { AppContext } from '../app.js';
import { MARK_END, MARK_START } from '../domain/marks.js';
import { silentLogger } from '../lib/logger.js';
import type { SemanticSearch } from '../search/contracts.js';
import { createStores } from '../stores/index.js';
import { type SearchRequest, type SearchResult, SearchService } from './search.service.js';

const listings = ['2025-10-14', '2025-11-15', '2025-11-18'].map(
  (d) => new URL(`../../fixtures/arxiv-listings/${d}.jsonl.gz`, import.meta.url).pathname,
);

function results(r: SearchResult) {
  if (r.kind !== 'results') throw new Error(`expected results, got a redirect to ${r.arxivId}`);
  return r;
}

describeEachDatabase('SearchService', (get) => {
  let ctx: AppContext;
  const search = (q: string, more: Partial<SearchRequest> = {}) =>
    ctx.services.search.search({ q, limit: 20, offset: 0, ...more });

  before(async () => {
    ctx = createTestApp(get().db);
    await ctx.services.importer.importFiles([...hfFixtureFiles(), ...listings]);
  });

  test('finds a paper by a title word and marks the match', async () => {
    const r = results(await search('EnvHarness'));
    assert.equal(r.hits[0]?.card.arxivId, '2608.19880');
    assert.ok(r.hits[0]?.titleMarked.includes(`${MARK_START}EnvHarness${MARK_END}`), r.hits[0]?.titleMarked);
    assert.ok(r.hits[0]?.snippetMarked.includes(MARK_START));
  });

  test('every word must match; stemming finds other forms', async () => {
    const r = results(await search('awakening static worlds'));
    assert.equal(r.relaxed, false);
    assert.equal(r.hits[0]?.card.arxivId, '2608.19880');
    const stemmed = results(await search('awaken static world'));
    assert.equal(stemmed.hits[0]?.card.arxivId, '2608.19880');
  });

  test('finds papers by author name', async () => {
    const r = results(await search('Chengsong Huang'));
    assert.ok(r.hits.some((h) => h.card.arxivId === '2608.19880'));
  });

  test('when no paper has every word, results match any of them and say so', async () => {
    const r = results(await search('EnvHarness qqzzxyznotaword'));
    assert.equal(r.relaxed, true);
    assert.equal(r.hits[0]?.card.arxivId, '2608.19880');
  });

  test('an exact arXiv id of a known paper goes to the paper', async () => {
    assert.deepEqual(await search('2608.19880'), { kind: 'paper', arxivId: '2608.19880' });
    assert.deepEqual(await search('https://arxiv.org/abs/2608.19880v2'), {
      kind: 'paper',
      arxivId: '2608.19880',
    });
    assert.equal(results(await search('2608.99999')).total, 0);
  });

  test('filters by category and publication dates', async () => {
    const all = results(await search('model', { limit: 100 }));
    const cv = results(await search('model', { category: 'cs.CV', limit: 100 }));
    assert.ok(cv.total > 0 && cv.total < all.total, `${cv.total} of ${all.total}`);
    for (const h of cv.hits) assert.ok(h.card.categories.includes('cs.CV'), h.card.arxivId);
    const window = results(await search('model', { from: '2025-11-01', to: '2025-11-30', limit: 100 }));
    assert.ok(window.total > 0);
    for (const h of window.hits) {
      assert.ok((h.card.publishedAt ?? '') >= '2025-11-01' && (h.card.publishedAt ?? '') < '2025-12-01');
    }
  });

  test('sorts by date on request and pages through results', async () => {
    const byDate = results(await search('model', { sort: 'date', limit: 100 }));
    const dates = byDate.hits.map((h) => h.card.publishedAt ?? '');
    assert.deepEqual(dates, [...dates].sort().reverse());
    const page1 = results(await search('model', { limit: 5 }));
    const page2 = results(await search('model', { limit: 5, offset: 5 }));
    assert.equal(page1.total, page2.total);
    const ids = new Set([...page1.hits, ...page2.hits].map((h) => h.card.arxivId));
    assert.equal(ids.size, 10);
  });

  test('query syntax of the engines is inert', async () => {
    for (const q of [
      '" OR 1=1 --',
      'NEAR(a b)',
      '*',
      'title:foo',
      "'; drop table papers; --",
      'a AND NOT b',
      '(((',
      '\u0000',
    ]) {
      const r = await search(q);
      assert.equal(r.kind, 'results', q);
    }
    assert.ok((await ctx.services.stats.catalogue()).papers > 0);
  });

  test('refuses bad filters by name', async () => {
    await assert.rejects(search('x', { from: '2025-13-01' }), { name: 'InvalidInputError', field: 'from' });
    await assert.rejects(search('x', { category: 'cs.CL; drop' }), {
      name: 'InvalidInputError',
      field: 'category',
    });
  });
});

/** Result lists per query, from the first database's run, to compare with the second's. */
const firstRun = new Map<string, string[]>();

describeEachDatabase('SearchService: syntax, sorts, freshness, hybrid', (get, dialect) => {
  let ctx: AppContext;
  const search = (q: string, more: Partial<SearchRequest> = {}) =>
    ctx.services.search.search({ q, limit: 20, offset: 0, ...more });
  const ids = async (q: string, more: Partial<SearchRequest> = {}) =>
    results(await search(q, more)).hits.map((h) => h.card.arxivId);

  before(async () => {
    // A fast change-cursor poll, so the freshness test waits milliseconds, not seconds.
    ctx = createTestApp(get().db, { searchRefreshSeconds: 0.02 });
    await ctx.services.importer.importFiles([...hfFixtureFiles(), ...listings]);
  });

  test('phrases, exclusions, author: and cat: narrow the results', async () => {
    const model = results(await search('model', { limit: 100 }));
    const phrase = results(await search('"language model"', { limit: 100 }));
    assert.ok(phrase.total > 0 && phrase.total < model.total, `${phrase.total} of ${model.total}`);
    for (const h of phrase.hits)
      assert.match(`${h.card.title} ${h.card.abstract}`.toLowerCase(), /language models?/, h.card.arxivId);
    const without = results(await search('model -language', { limit: 100 }));
    assert.equal(without.total, model.total - results(await search('model language')).total);
    for (const h of without.hits) assert.doesNotMatch(h.card.abstract.toLowerCase(), /\blanguage\b/);
    assert.ok((await ids('author:"Chengsong Huang"')).includes('2608.19880'));
    assert.deepEqual(await ids('author:"Chengsong Nobody"'), []);
    const cv = results(await search('model cat:cs.CV', { limit: 100 }));
    assert.deepEqual(cv.total, results(await search('model', { category: 'cs.CV' })).total);
    const y = results(await search('model year:2025', { limit: 100 }));
    for (const h of y.hits) assert.equal(h.card.publishedAt?.slice(0, 4), '2025');
  });

  test('the author filter of the page and API is the same as author:', async () => {
    assert.deepEqual(
      await ids('agents', { author: 'Chengsong Huang' }),
      await ids('agents author:"Chengsong Huang"'),
    );
    await assert.rejects(search('x', { author: 'x'.repeat(201) }), { field: 'author' });
  });

  test('sorts by votes, most first; an exact title comes first whatever its score', async () => {
    const byVotes = results(await search('agent', { sort: 'votes', limit: 100 }));
    const votes = byVotes.hits.map((h) => h.card.upvotes);
    assert.deepEqual(
      votes,
      [...votes].sort((a, b) => b - a),
    );
    const target = results(await search('EnvHarness')).hits[0]?.card;
    assert.ok(target);
    const r = results(await search(target.title.toUpperCase()));
    assert.equal(r.hits[0]?.card.arxivId, target.arxivId);
    assert.equal(r.hits[0]?.parts.pinned, 'title');
  });

  test('a typo in a short query finds the word and says so', async () => {
    const r = results(await search('enviroments'));
    assert.deepEqual(r.corrections, [{ from: 'enviroments', to: 'environment' }]);
    assert.deepEqual(
      r.hits.map((h) => h.card.arxivId),
      (await ids('environments')).slice(0, r.hits.length),
    );
  });

  test('results are the same on both databases for the same data', async () => {
    const queries = [
      'model',
      'language agents',
      '"reinforcement learning"',
      'graph -survey',
      'cat:cs.CV diffusion',
    ];
    for (const q of queries) {
      const got = (await ids(q, { limit: 50 })).concat(String(results(await search(q)).total));
      const seen = firstRun.get(q);
      if (seen) assert.deepEqual(got, seen, `${q} on ${dialect}`);
      else firstRun.set(q, got);
    }
  });

  test('a rebuild from the same data ranks identically', async () => {
    const before = await ids('model', { limit: 100 });
    await ctx.services.searchIndex.rebuild();
    assert.deepEqual(await ids('model', { limit: 100 }), before);
  });

  test('a paper imported after start is found after a refresh tick', async () => {
    assert.deepEqual(await ids('zygomorphic'), []);
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-fresh-')), 'late.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({
        id: '2511.99001',
        title: 'Zygomorphic flowers seen by vision transformers',
        summary: 'A late paper.',
        authors: ['Late Author'],
        categories: ['cs.CV'],
      })}\n`,
    );
    // Another process (or this one) writes; the index learns of it only through its change cursor.
    await ctx.services.importer.importFiles([file]);
    assert.deepEqual(await ids('zygomorphic'), []);
    ctx.services.searchIndex.start();
    try {
      for (let i = 0; i < 100 && (await ids('zygomorphic')).length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
    } finally {
      ctx.services.searchIndex.stop();
    }
    assert.deepEqual(await ids('zygomorphic'), ['2511.99001']);
  });

  test('hybrid: vector hits are fused with keyword hits, each with its score parts', async () => {
    const stores = createStores(get().db.kysely, get().db.dialect);
    const keyword = results(await search('EnvHarness'));
    const near = keyword.hits[0]?.card.paperId ?? 0;
    const other = results(await search('model')).hits[5]?.card.paperId ?? 0;
    const semantic: SemanticSearch = {
      search: (_text, _k, options) =>
        Promise.resolve({
          model: 'fake',
          hits: [
            { paperId: other, score: 0.9 },
            { paperId: near, score: 0.8 },
          ].filter((h) => options?.accept?.(h.paperId) ?? true),
        }),
    };
    const service = new SearchService(stores, ctx.services.searchIndex, semantic, silentLogger, {
      embedTimeoutMs: 1000,
      fusion: 'rrf',
    });
    const r = results(await service.search({ q: 'EnvHarness', limit: 10, offset: 0 }));
    assert.equal(r.mode, 'hybrid');
    assert.equal(r.fallback, null);
    assert.equal(r.hits[0]?.card.paperId, near); // in both lists
    assert.deepEqual(r.hits[0]?.parts, {
      bm25: keyword.hits[0]?.parts.bm25,
      lexicalRank: 1,
      vectorSimilarity: 0.8,
      vectorRank: 2,
      fused: 1 / 61 + 1 / 62,
      pinned: null,
    });
    assert.equal(r.hits[1]?.parts.lexicalRank, null);
    assert.equal(r.total, keyword.total + 1);
    // Score fusion: the keyword hit keeps the lead it has on BM25, the vector-only paper follows.
    const scored = results(
      await new SearchService(stores, ctx.services.searchIndex, semantic, silentLogger, {
        embedTimeoutMs: 1000,
        fusion: 'score',
      }).search({ q: 'EnvHarness', limit: 10, offset: 0 }),
    );
    assert.equal(scored.hits[0]?.card.paperId, near);
    assert.equal(scored.hits[0]?.parts.fused, 1 + 0.3 * 0.8);
  });

  test('an embedder that never answers: keyword results with the fallback flag, within the timeout', async () => {
    const stores = createStores(get().db.kysely, get().db.dialect);
    const hanging: SemanticSearch = { search: () => new Promise(() => undefined) };
    const service = new SearchService(stores, ctx.services.searchIndex, hanging, silentLogger, {
      embedTimeoutMs: 50,
      fusion: 'score',
    });
    const started = performance.now();
    const r = results(await service.search({ q: 'EnvHarness', limit: 10, offset: 0 }));
    assert.ok(performance.now() - started < 1000);
    assert.equal(r.mode, 'keyword');
    assert.equal(r.fallback, 'keyword');
    assert.match(r.fallbackReason ?? '', /did not answer within 50 ms/);
    assert.equal(r.hits[0]?.card.arxivId, '2608.19880');
    const failing: SemanticSearch = { search: () => Promise.reject(new Error('connection refused')) };
    const r2 = results(
      await new SearchService(stores, ctx.services.searchIndex, failing, silentLogger, {
        embedTimeoutMs: 1000,
        fusion: 'score',
      }).search({ q: 'EnvHarness', limit: 10, offset: 0 }),
    );
    assert.equal(r2.fallbackReason, 'connection refused');
  });
});
