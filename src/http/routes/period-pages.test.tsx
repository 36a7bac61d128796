// Week and month views a page of cards at a time, on both databases: a made-up March 2023 of 65
// papers (more than two pages) and its week 2023-W10, through the real HTTP app and its page cache.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import { upsertRecords } from '../../ingest/upsert.js';
import { inTransaction } from '../../stores/index.js';
import { createTestApp, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { syntheticFeedRecords } from '../../../test/support/synthetic-feed.js';
import { createHttpApp } from '../server.js';
import { PERIOD_PER_PAGE } from './pages.routes.js';

const MARCH = Array.from({ length: 31 }, (_, i) => `2023-03-${String(i + 1).padStart(2, '0')}`);
const PAPERS = 65;
/** Synthetic paper i (0-based) has PAPERS - i upvotes, so "top" lists them in id order. */
const id = (i: number) => `2303.9${String(i).padStart(4, '0')}`;

interface Page {
  status: number;
  headers: Headers;
  body: string;
}

function cardIds(body: string): string[] {
  return [...body.matchAll(/<h3 class="card-title"[^>]*><a href="\/papers\/([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  );
}

/** The pager's previous/next links (the period navigation has rel links of its own). */
function pagerLinks(body: string): { prev: string | null; next: string | null } {
  const pager = /<nav class="pager" aria-label="Pages">(.*?)<\/nav>/s.exec(body)?.[1] ?? '';
  const href = (rel: string) =>
    new RegExp(`<a rel="${rel}" href="([^"]*)"`).exec(pager)?.[1]?.replace(/&amp;/g, '&') ?? null;
  return { prev: href('prev'), next: href('next') };
}

function canonical(body: string): string | null {
  return /<link rel="canonical" href="([^"]*)"/.exec(body)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

describeEachDatabase('week and month pages', (getDb) => {
  let app: Hono;
  const get = async (url: string): Promise<Page> => {
    const res = await app.request(url);
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  before(async () => {
    const ctx = createTestApp(getDb().db);
    await inTransaction(ctx.db, (stores) =>
      upsertRecords(stores, syntheticFeedRecords(MARCH, PAPERS), TEST_NOW),
    );
    app = createHttpApp(ctx);
  });

  test('a month comes a page of cards at a time, with previous and next page links', async () => {
    assert.equal(PERIOD_PER_PAGE, 30);
    const first = await get('/papers?month=2023-03');
    assert.equal(first.status, 200);
    assert.match(first.body, /<title>Papers of March 2023 · paperboy<\/title>/);
    assert.match(first.body, /<h2 id="papers-heading">65 papers<\/h2>/);
    assert.match(first.body, /1–30 of 65, page 1 of 3/);
    assert.deepEqual(
      cardIds(first.body),
      Array.from({ length: 30 }, (_, i) => id(i)),
    );
    assert.equal(canonical(first.body), 'https://papers.example.org/papers?month=2023-03');
    assert.deepEqual(pagerLinks(first.body), { prev: null, next: '/papers?month=2023-03&page=2' });
    assert.match(first.body, /<span class="pager-off">Previous page<\/span>/);
    assert.match(first.body, /<span class="pager-at">Page 1 of 3<\/span>/);

    const second = await get('/papers?month=2023-03&page=2');
    assert.match(second.body, /<title>Papers of March 2023, page 2 · paperboy<\/title>/);
    assert.match(second.body, /31–60 of 65, page 2 of 3/);
    assert.deepEqual(
      cardIds(second.body),
      Array.from({ length: 30 }, (_, i) => id(30 + i)),
    );
    assert.equal(canonical(second.body), 'https://papers.example.org/papers?month=2023-03&page=2');
    // Page 1 keeps its one address, without `page`.
    assert.deepEqual(pagerLinks(second.body), {
      prev: '/papers?month=2023-03',
      next: '/papers?month=2023-03&page=3',
    });

    const last = await get('/papers?month=2023-03&page=3');
    assert.deepEqual(
      cardIds(last.body),
      Array.from({ length: 5 }, (_, i) => id(60 + i)),
    );
    assert.deepEqual(pagerLinks(last.body), { prev: '/papers?month=2023-03&page=2', next: null });
    assert.match(last.body, /<span class="pager-off">Next page<\/span>/);
    // The month navigation is still there, and still points at months.
    assert.match(last.body, /<nav class="period-nav" aria-label="Months">/);
  });

  test('pages keep the sort, every paper is on exactly one page, and sort tabs go to page 1', async () => {
    const seen: string[] = [];
    let url: string | null = '/papers?month=2023-03&sort=new';
    while (url) {
      const page = await get(url);
      assert.equal(page.status, 200, url);
      seen.push(...cardIds(page.body));
      url = pagerLinks(page.body).next;
      if (url) assert.match(url, /[?&]sort=new&page=\d$/);
    }
    assert.equal(seen.length, PAPERS);
    assert.equal(new Set(seen).size, PAPERS);
    // The same order as the API's whole list (which keeps its own limit and p).
    const api = (await (await app.request('/api/daily_papers?month=2023-03&limit=100')).json()) as {
      paper: { id: string };
    }[];
    assert.deepEqual(
      seen,
      api.map((e) => e.paper.id),
    );
    const second = await get('/papers?month=2023-03&sort=new&page=2');
    assert.match(second.body, /<a href="\/papers\?month=2023-03"[^>]*>Top<\/a>/);
    assert.match(second.body, /<a href="\/papers\?month=2023-03&amp;sort=trending"[^>]*>Trending<\/a>/);
  });

  test('a week is paginated the same way', async () => {
    // 2023-W10 is March 6-12, days 6-12 of the 31 the papers take in turn: papers 6-12 and 37-43.
    const week = await get('/papers?week=2023-W10');
    assert.equal(week.status, 200);
    const ids = cardIds(week.body);
    assert.equal(ids.length, 14);
    assert.match(week.body, /<h2 id="papers-heading">14 papers<\/h2>/);
    assert.doesNotMatch(week.body, /class="pager"/, 'one page needs no pager');
  });

  test('a page past the end is a 404 that links to the last and the first; bad pages get the 400 page', async () => {
    const past = await get('/papers?month=2023-03&page=9');
    assert.equal(past.status, 404);
    assert.match(past.body, /This list has \d+ pages, not 9\./);
    assert.match(past.body, /<a href="\/papers\?month=2023-03&amp;page=\d+">Go to the last page<\/a>/);
    assert.match(past.body, /<a href="\/papers\?month=2023-03">the first<\/a>/);
    assert.deepEqual(cardIds(past.body), []);
    for (const url of ['/papers?month=2023-03&page=0', '/papers?week=2023-W10&page=x', '/?page=2']) {
      const page = await get(url);
      assert.equal(page.status, 400, url);
      assert.match(page.body, /page/, url);
    }
    assert.match((await get('/papers?date=2023-03-01&page=2')).body, /goes with week or month/);
  });

  test('each page is its own entry in the page cache', async () => {
    // Addresses no earlier test asked for.
    const a = await app.request('/papers?month=2023-03&sort=trending&page=2');
    const b = await app.request('/papers?month=2023-03&sort=trending&page=2');
    const c = await app.request('/papers?month=2023-03&sort=trending&page=3');
    assert.deepEqual(
      [a.headers.get('x-cache'), b.headers.get('x-cache'), c.headers.get('x-cache')],
      ['MISS', 'HIT', 'MISS'],
    );
    const [bodyA, bodyB, bodyC] = await Promise.all([a.text(), b.text(), c.text()]);
    assert.equal(bodyA, bodyB);
    assert.notDeepEqual(cardIds(bodyA), cardIds(bodyC));
  });
});
