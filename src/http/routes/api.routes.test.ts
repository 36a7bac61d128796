import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import { createTestApp, hfFixtureFiles } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import type { HfDailyEntry, HfPaper } from '../api/hf-shapes.js';
import { createHttpApp } from '../server.js';

describeEachDatabase('JSON API', (get) => {
  let app: Hono;
  const json = async <T>(url: string, status = 200): Promise<T> => {
    const res = await app.request(url);
    assert.equal(res.status, status, `${url}: ${res.status}`);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    return (await res.json()) as T;
  };

  before(async () => {
    const ctx = createTestApp(get().db, { pageCacheSeconds: 0 });
    await ctx.services.importer.importFiles(hfFixtureFiles());
    app = createHttpApp(ctx);
  });

  test('daily_papers answers the newest day in the Hugging Face shape', async () => {
    const res = await app.request('/api/daily_papers');
    assert.equal(res.headers.get('x-total-count'), '17');
    const entries = (await res.json()) as HfDailyEntry[];
    assert.equal(entries.length, 17);
    const env = entries.find((e) => e.paper.id === '2608.19880');
    assert.ok(env);
    assert.equal(env.title, 'EnvHarness: Awakening Static Worlds for Agent Learning');
    assert.equal(env.paper.upvotes, 163);
    assert.equal(env.paper.submittedOnDailyAt, '2026-08-21T00:00:00.000Z');
    assert.equal(env.paper.githubRepo, 'https://github.com/google-research/envharness');
    assert.equal(env.paper.authors[0]?.name, 'Chengsong Huang');
    assert.match(env.paper.authors[0]?._id ?? '', /^[0-9a-f]{24}$/);
    assert.equal(env.submittedBy?.name, 'taesiri');
    assert.equal(
      env.thumbnail,
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2608.19880.png',
    );
    assert.equal(env.organization?.fullname, 'Google');
    const times = entries.map((e) => e.paper.submittedOnDailyAt ?? '');
    assert.deepEqual(times, [...times].sort().reverse(), 'publishedAt order: newest on the feed first');
  });

  test('daily_papers by date, week and month, sorted and paged', async () => {
    assert.equal((await json<HfDailyEntry[]>('/api/daily_papers?date=2025-07-04')).length, 12);
    assert.equal((await json<HfDailyEntry[]>('/api/daily_papers?week=2026-W34')).length, 17);
    assert.equal((await json<HfDailyEntry[]>('/api/daily_papers?month=2024-12')).length, 11);
    assert.deepEqual(await json('/api/daily_papers?date=2025-05-01'), []);
    const all = await json<HfDailyEntry[]>('/api/daily_papers?date=2025-03-14&limit=100');
    const p0 = await json<HfDailyEntry[]>('/api/daily_papers?date=2025-03-14&limit=10&p=0');
    const p2 = await json<HfDailyEntry[]>('/api/daily_papers?date=2025-03-14&limit=10&p=2');
    assert.equal(all.length, 26);
    assert.deepEqual(
      [...p0, ...p2].map((e) => e.paper.id),
      [...all.slice(0, 10), ...all.slice(20)].map((e) => e.paper.id),
    );
    const trending = await json<HfDailyEntry[]>('/api/daily_papers?date=2025-03-14&sort=trending&limit=100');
    const votes = trending.map((e) => e.paper.upvotes + 0.5 * e.numComments);
    assert.deepEqual(
      votes,
      [...votes].sort((a, b) => b - a),
      'one day: trending order is points order',
    );
  });

  test('invalid parameters get a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['date=2026-13-01', 'date'],
      ['date=yesterday', 'date'],
      ['week=2026-34', 'week'],
      ['month=2026-00', 'month'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['p=-1', 'p'],
      ['sort=votes', 'sort'],
      ['date=2026-08-21&week=2026-W34', 'date'],
      ["date=2026-08-21' or '1'='1", 'date'],
    ];
    for (const [query, parameter] of cases) {
      const body = await json<{ error: string; parameter: string }>(`/api/daily_papers?${query}`, 400);
      assert.equal(body.parameter, parameter, query);
      assert.ok(body.error.includes(parameter), `${query}: ${body.error}`);
    }
    assert.deepEqual(await json('/api/daily_papers?sort=votes', 400), {
      error: 'sort: must be publishedAt or trending',
      parameter: 'sort',
    });
  });

  test('papers/:id answers one paper, old-style ids included; errors are JSON', async () => {
    const paper = await json<HfPaper>('/api/papers/2608.19880');
    assert.equal(paper.id, '2608.19880');
    assert.equal(paper.publishedAt, '2026-08-20T00:00:00.000Z');
    assert.ok(paper.summary.startsWith('LLM agents learn by interacting with environments'));
    assert.equal((await json<HfPaper>('/api/papers/2608.19880v3')).id, '2608.19880');
    assert.match(
      (await json<{ error: string }>('/api/papers/hep-th/9901001', 404)).error,
      /not in this catalogue/,
    );
    assert.equal((await json<{ parameter: string }>('/api/papers/not-an-id', 400)).parameter, 'id');
    assert.match((await json<{ error: string }>('/api/nothing-here', 404)).error, /no route/);
  });

  test('papers/search finds by words and by id', async () => {
    const hits = await json<HfDailyEntry[]>('/api/papers/search?q=EnvHarness&limit=3');
    assert.equal(hits[0]?.paper.id, '2608.19880');
    assert.ok(hits.length <= 3);
    assert.equal((await json<HfDailyEntry[]>('/api/papers/search?q=2608.19880'))[0]?.paper.id, '2608.19880');
    // Without words, as Hugging Face's list_papers() asks: the newest papers.
    for (const url of ['/api/papers/search', '/api/papers/search?q=', '/api/papers/search?q=%20%20']) {
      const body = await json<HfDailyEntry[]>(url);
      assert.equal(body.length, 20, url);
    }
    assert.equal(
      (await json<{ parameter: string }>('/api/papers/search?q=x&limit=500', 400)).parameter,
      'limit',
    );
  });

  test('papers/search takes the query syntax, author and date filters and sorts; bad ones are a 400', async () => {
    const byVotes = await json<HfDailyEntry[]>('/api/papers/search?q=agents&sort=votes&limit=50');
    const votes = byVotes.map((e) => e.paper.upvotes);
    assert.ok(votes.length > 1);
    assert.deepEqual(
      votes,
      [...votes].sort((a, b) => b - a),
    );
    const res = await app.request('/api/papers/search?q=agents&author=Chengsong%20Huang');
    assert.equal(res.headers.get('x-search-mode'), 'keyword');
    const byAuthor = (await res.json()) as HfDailyEntry[];
    assert.ok(byAuthor.length > 0);
    for (const e of byAuthor) assert.ok(e.paper.authors.some((a) => a.name === 'Chengsong Huang'));
    assert.deepEqual(
      (await json<HfDailyEntry[]>('/api/papers/search?q=agents%20author:%22Chengsong%20Huang%22')).map(
        (e) => e.paper.id,
      ),
      byAuthor.map((e) => e.paper.id),
    );
    const all = await app.request('/api/papers/search?q=model&limit=100');
    const window = await app.request(
      '/api/papers/search?q=model&from=2026-08-01&to=2026-08-15&sort=date&limit=100',
    );
    const total = (r: Response) => Number(r.headers.get('x-total-count'));
    assert.ok(total(window) > 0 && total(window) < total(all), `${total(window)} of ${total(all)}`);
    const dates = ((await window.json()) as HfDailyEntry[]).map((e) => e.paper.publishedAt ?? '');
    assert.ok(
      dates.every((d) => d >= '2026-08-01' && d < '2026-08-16'),
      dates.join(' '),
    );
    assert.deepEqual(dates, [...dates].sort().reverse());
    const phrase = await json<HfDailyEntry[]>('/api/papers/search?q=%22static%20worlds%22');
    assert.deepEqual(
      phrase.map((e) => e.paper.id),
      ['2608.19880'],
    );
    assert.equal(
      (await json<{ parameter: string }>('/api/papers/search?q=x&sort=hot', 400)).parameter,
      'sort',
    );
    assert.equal(
      (await json<{ parameter: string }>(`/api/papers/search?q=x&author=${'a'.repeat(201)}`, 400)).parameter,
      'author',
    );
  });

  test('openapi.json documents every endpoint and its parameters', async () => {
    const doc = await json<{
      openapi: string;
      paths: Record<string, { get: { parameters: { name: string; required: boolean }[] } }>;
    }>('/openapi.json');
    assert.equal(doc.openapi, '3.1.0');
    // Every /api route the app serves, and only those, is documented, with each of its methods:
    // a new endpoint without documentation fails here.
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)),
    );
    assert.deepEqual([...documented].sort(), [...served].sort());
    for (const path of [
      '/api/daily_papers',
      '/api/papers/search',
      '/api/papers/{id}',
      '/api/papers/{id}/related',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    assert.deepEqual(
      doc.paths['/api/daily_papers']?.get.parameters.map((p) => p.name),
      ['date', 'week', 'month', 'submitter', 'sort', 'limit', 'p'],
    );
    const q = doc.paths['/api/papers/search']?.get.parameters.find((p) => p.name === 'q');
    assert.equal(q?.required, false);
    assert.deepEqual(
      doc.paths['/api/papers/search']?.get.parameters.map((p) => p.name),
      ['q', 'limit', 'p', 'from', 'to', 'category', 'author', 'sort'],
    );
  });
});
