import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import type { AppContext } from '../app.js';
import { MARK_END, MARK_START } from '../domain/marks.js';
import type { SearchRequest, SearchResult } from './search.service.js';

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
