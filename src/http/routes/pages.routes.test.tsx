// Every HTML page through the real HTTP app on a real database (both dialects), seeded with the
// recorded Hugging Face daily-papers files plus a few hand-made papers for the edge cases: an
// old-style id, and a paper whose text and links try to inject markup and scripts.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import { createHttpApp } from '../server.js';
import { emptyPaper, type IncomingPaper } from '../../domain/paper-record.js';
import { COMMENT_WEIGHT, GRAVITY } from '../../domain/trending.js';
import { upsertRecords } from '../../ingest/upsert.js';
import { inTransaction } from '../../stores/index.js';
import { MARK_END, MARK_START } from '../../domain/marks.js';
import { createTestApp, hfFixtureFiles, TEST_NOW } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';

const HOSTILE_TITLE = '<script>alert("pwned")</script> Attention Is All You Escape';
/** Any script element but our own progressive-enhancement script (assets/app.js). */
const OTHER_SCRIPT = /<script(?! src="\/assets\/app\.[0-9a-f]{12}\.js" defer="">)/i;

function paper(arxivId: string, fields: Partial<IncomingPaper>): IncomingPaper {
  return { ...emptyPaper(arxivId, 'arxiv-api'), ...fields };
}

/** Papers the fixtures lack: an old-style id with full arXiv metadata, and a hostile one. */
const EXTRA_RECORDS = [
  {
    paper: paper('hep-th/9901001', {
      version: 2,
      title: 'Old-style identifiers in a string-theory preprint',
      abstract: 'The first paragraph of the abstract.\n\nThe second paragraph, kept apart.',
      authors: ['Ada Lovelace', 'Émile Borel'],
      categories: ['hep-th', 'math-ph'],
      journalRef: 'Phys. Lett. B 450 (1999) 1',
      doi: '10.1016/S0370-2693(99)00001-1',
      publishedAt: '1999-01-04T12:00:00.000Z',
      updatedAt: '1999-02-01T12:00:00.000Z',
    }),
    daily: null,
  },
  {
    paper: paper('2608.99999', {
      title: HOSTILE_TITLE,
      abstract: 'An abstract that mentions <img src=x onerror=alert(1)> and escaping.',
      authors: ['Mallory <b>Bold</b>', 'Eve Example'],
      categories: ['cs.CR'],
      publishedAt: '2026-08-19T00:00:00.000Z',
      githubRepo: 'javascript:alert(1)',
      projectPage: 'javascript:alert(2)',
      thumbnailUrl: 'javascript:alert(3)',
      hfUpvotes: 7,
      hfComments: 2,
    }),
    daily: {
      arxivId: '2608.99999',
      day: '2026-08-20',
      featuredAt: '2026-08-20T08:00:00.000Z',
      source: 'curator' as const,
      submitterName: 'mallory',
      submitterFullname: 'Mallory',
      submitterAvatarUrl: 'javascript:alert(4)',
    },
  },
];

interface Page {
  status: number;
  headers: Headers;
  body: string;
}

/** The arXiv ids of the cards on a page, in order. */
function cardIds(body: string): string[] {
  return [
    ...body.matchAll(
      /<h3 class="card-title"[^>]*>(?:<span class="rank">[^<]*<\/span>)?<a href="\/papers\/([^"]+)"/g,
    ),
  ].map((m) => m[1] ?? '');
}

function relHref(body: string, rel: 'prev' | 'next'): string | null {
  return new RegExp(`rel="${rel}" href="([^"]*)"`).exec(body)?.[1]?.replace(/&amp;/g, '&') ?? null;
}

function h1(body: string): string {
  return (/<h1[^>]*>(.*?)<\/h1>/s.exec(body)?.[1] ?? '').replace(/<[^>]+>/g, '');
}

/** Headings start at h1 and never skip a level going down. */
function assertHeadingOrder(body: string): void {
  const levels = [...body.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  assert.equal(levels[0], 1, 'the first heading is the h1');
  assert.equal(levels.filter((l) => l === 1).length, 1, 'one h1');
  for (let i = 1; i < levels.length; i++) {
    assert.ok(
      (levels[i] ?? 0) <= (levels[i - 1] ?? 0) + 1,
      `heading h${levels[i]} follows h${levels[i - 1]}`,
    );
  }
}

/** Every input and select has a label pointing at it. */
function assertLabelled(body: string): void {
  for (const m of body.matchAll(/<(?:input|select)\b[^>]*\bid="([^"]+)"/g)) {
    assert.ok(body.includes(`for="${m[1]}"`), `control #${m[1]} has a label`);
  }
  assert.doesNotMatch(body, /<(?:input|select)\b(?![^>]*\bid=)[^>]*>/, 'no control without an id');
}

describeEachDatabase('HTML pages', (getDb) => {
  let app: Hono;
  const get = async (url: string): Promise<Page> => {
    const res = await app.request(url);
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  before(async () => {
    const ctx = createTestApp(getDb().db);
    const summary = await ctx.services.importer.importFiles(hfFixtureFiles());
    assert.equal(summary.refusedFiles, 0);
    assert.ok(summary.featured > 80, `fixtures featured ${summary.featured} papers`);
    await inTransaction(ctx.db, (stores) => upsertRecords(stores, EXTRA_RECORDS, TEST_NOW));
    app = createHttpApp(ctx);
  });

  test('the front page shows the newest day with its cards, navigation and layout', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'public, max-age=0, must-revalidate');
    assert.match(page.body, /^<!DOCTYPE html><html lang="en">/);
    assert.match(page.body, /<title>Papers of Fri, Aug 21, 2026 · paperboy<\/title>/);
    assert.match(page.body, /<meta name="viewport" content="width=device-width, initial-scale=1"\/>/);
    assert.match(page.body, /<meta name="color-scheme" content="light dark"\/>/);
    assert.match(page.body, /<link rel="canonical" href="https:\/\/papers.example.org\/"\/>/);
    assert.match(page.body, /<link rel="stylesheet" href="\/assets\/style\.[0-9a-f]{12}\.css"\/>/);
    assert.match(page.body, /<a class="skip-link" href="#main">/);
    assert.match(page.body, /<main id="main"/);
    assert.match(page.body, /<nav class="site-nav" aria-label="Main">/);
    assert.equal(h1(page.body), 'Papers of Fri, Aug 21, 2026');
    assert.match(page.body, /<time datetime="2026-08-21">Fri, Aug 21, 2026<\/time>/);

    const ids = cardIds(page.body);
    assert.equal(ids.length, 17);
    assert.equal(ids[0], '2608.19880', 'most upvoted first');
    assert.match(page.body, />EnvHarness: Awakening Static Worlds for Agent Learning<\/a>/);
    assert.match(page.body, /163 upvotes/);
    assert.match(page.body, /<a href="\/authors\/chengsong-huang">Chengsong Huang<\/a>/);
    assert.match(page.body, /\+13 more/);
    assert.match(page.body, /Submitted by <span class="submitter-name">taesiri<\/span>/);
    assert.match(page.body, /<a href="https:\/\/github.com\/google-research\/envharness">Code<\/a>/);
    assert.match(
      page.body,
      // Pictures come from us (media.routes.ts), never from a third party's CDN.
      /<img class="card-thumb" src="\/media\/thumbnails\/2608.19880" alt="" width="400" height="210" loading="lazy"/,
    );

    assert.equal(relHref(page.body, 'prev'), '/papers?date=2026-08-20');
    assert.equal(relHref(page.body, 'next'), null, 'the newest day has no next day');
    assert.match(page.body, /href="\/papers\?week=2026-W34"/);
    assert.match(page.body, /href="\/papers\?month=2026-08"/);
    assertHeadingOrder(page.body);
    assertLabelled(page.body);
  });

  test('a day links to the days before and after it that have papers', async () => {
    const page = await get('/papers?date=2026-08-20');
    assert.equal(page.status, 200);
    assert.equal(h1(page.body), 'Papers of Thu, Aug 20, 2026');
    assert.deepEqual(cardIds(page.body), ['2608.99999']);
    assert.equal(relHref(page.body, 'prev'), '/papers?date=2025-07-04');
    assert.equal(relHref(page.body, 'next'), '/papers?date=2026-08-21');
    assert.match(
      page.body,
      /<link rel="canonical" href="https:\/\/papers.example.org\/papers\?date=2026-08-20"\/>/,
    );
  });

  test('a day without papers shows an empty state and keeps its navigation', async () => {
    const page = await get('/papers?date=2026-01-01');
    assert.equal(page.status, 200);
    assert.equal(h1(page.body), 'Papers of Thu, Jan 1, 2026');
    assert.match(page.body, /No papers were featured on this day\./);
    assert.deepEqual(cardIds(page.body), []);
    assert.equal(relHref(page.body, 'prev'), '/papers?date=2025-07-04');
    assert.equal(relHref(page.body, 'next'), '/papers?date=2026-08-20');
  });

  test('sort tabs order the day by points, trending score or time featured', async () => {
    const top = cardIds((await get('/papers?date=2026-08-21')).body);
    assert.deepEqual(top.slice(0, 3), ['2608.19880', '2608.18580', '2608.20335']);
    // Every paper of the day was featured at the same moment: the same age makes trending follow points.
    assert.deepEqual(cardIds((await get('/papers?date=2026-08-21&sort=trending')).body), top);
    const newest = await get('/papers?date=2026-08-21&sort=new');
    // Ties on time featured fall back to the newest arXiv id.
    assert.equal(cardIds(newest.body)[0], '2608.20336');
    assert.match(
      newest.body,
      /<a href="\/papers\?date=2026-08-21&amp;sort=new"[^>]*aria-current="page">New<\/a>/,
    );
    assert.equal(
      relHref(newest.body, 'prev'),
      '/papers?date=2026-08-20&sort=new',
      'navigation keeps the sort',
    );
  });

  test('the week and month views group the papers of every day in them', async () => {
    const week = await get('/papers?week=2026-W34');
    assert.equal(week.status, 200);
    assert.match(week.body, /<title>Papers of week 2026-W34 \(Aug 17 – Aug 23, 2026\) · paperboy<\/title>/);
    const ids = cardIds(week.body);
    assert.equal(ids.length, 18);
    assert.ok(ids.includes('2608.99999') && ids.includes('2608.19880'));
    assert.match(week.body, /Featured <a href="\/papers\?date=2026-08-20"><time datetime="2026-08-20">/);
    assert.match(week.body, /Featured <a href="\/papers\?date=2026-08-21"><time datetime="2026-08-21">/);
    assert.equal(relHref(week.body, 'prev'), '/papers?week=2026-W33');
    assert.equal(relHref(week.body, 'next'), null);
    assertHeadingOrder(week.body);

    const month = await get('/papers?month=2025-07&sort=new');
    assert.equal(month.status, 200);
    assert.equal(h1(month.body), 'Papers of July 2025');
    assert.equal(cardIds(month.body).length, 12);
    assert.equal(relHref(month.body, 'prev'), '/papers?month=2025-06&sort=new');
    assert.equal(relHref(month.body, 'next'), '/papers?month=2025-08&sort=new');

    const weekly = await app.request('/weekly');
    assert.equal(weekly.status, 302);
    assert.equal(weekly.headers.get('location'), '/papers?week=2026-W34');
    assert.equal((await app.request('/monthly')).headers.get('location'), '/papers?month=2026-08');
  });

  test('bad feed parameters get the 400 page', async () => {
    for (const url of [
      '/papers?date=2026-02-30',
      '/papers?date=yesterday',
      '/papers?week=2026-W60',
      '/papers?month=2026-13',
      '/?sort=hot',
      '/papers?date=2026-08-21&week=2026-W34',
      '/authors/chengsong-huang?page=0',
      '/search?q=x&page=two',
    ]) {
      const page = await get(url);
      assert.equal(page.status, 400, url);
      assert.equal(h1(page.body), 'Bad request', url);
      assert.match(page.body, /<form class="search-box" role="search"/, url);
      assert.match(page.body, /<a href="\/">Go to today&#39;s papers<\/a>/, url);
    }
  });

  test('trending ranks the window with score breakdowns and says the scores are as of the last day', async () => {
    const page = await get('/trending');
    assert.equal(page.status, 200);
    assert.equal(h1(page.body), 'Trending papers');
    assert.match(
      page.body,
      /Papers featured from <time datetime="2026-08-15">Sat, Aug 15, 2026<\/time> to <time datetime="2026-08-21">/,
    );
    assert.match(page.body, /No papers have been featured since <time datetime="2026-08-21">/);
    assert.match(page.body, /scores are as of <time datetime="2026-08-21T23:59:59.999Z">/);
    assert.match(page.body, /href="\/about#trending"/);
    const ids = cardIds(page.body);
    assert.equal(ids.length, 18);
    assert.equal(ids[0], '2608.19880');
    assert.match(page.body, /<span class="rank">1\. <\/span>/);
    // 163 upvotes + 0.5 × 1 comment, one day old at the end of its day.
    assert.match(page.body, /Score <strong>57\.81<\/strong>/);
    assert.match(page.body, /\(163 upvotes \+ 0\.5 × 1 comment\) \/ \(1 day \+ 1\)<sup>1\.5<\/sup>/);
  });

  test('a paper page shows everything known about the paper', async () => {
    const page = await get('/papers/2608.19880');
    assert.equal(page.status, 200);
    assert.match(
      page.body,
      /<title>EnvHarness: Awakening Static Worlds for Agent Learning · paperboy<\/title>/,
    );
    assert.equal(h1(page.body), 'EnvHarness: Awakening Static Worlds for Agent Learning');
    assert.match(
      page.body,
      /<link rel="canonical" href="https:\/\/papers.example.org\/papers\/2608.19880"\/>/,
    );
    assert.match(page.body, /<a href="\/authors\/chen-yu-lee">Chen-Yu Lee<\/a>/, 'every author is linked');
    assert.match(page.body, /<p>LLM agents learn by interacting with environments/);
    assert.match(page.body, /<a href="https:\/\/arxiv.org\/abs\/2608.19880">arXiv<\/a>/);
    assert.match(page.body, /<a href="https:\/\/arxiv.org\/pdf\/2608.19880">PDF<\/a>/);
    assert.match(page.body, /<a href="https:\/\/envharness.com\/">Project page<\/a>/);
    assert.match(page.body, /<h2 id="ai-heading">AI-generated summary<\/h2>/);
    assert.match(page.body, /<li>reinforcement learning<\/li>/);
    assert.match(
      page.body,
      /<dt>Published<\/dt><dd><time datetime="2026-08-20T00:00:00.000Z">Aug 20, 2026<\/time>/,
    );
    assert.match(
      page.body,
      /<a href="\/papers\?date=2026-08-21"><time datetime="2026-08-21">Fri, Aug 21, 2026<\/time><\/a>/,
    );
    assert.match(page.body, /<h2 id="trending-heading">Trending score<\/h2>/);
    assert.match(
      page.body,
      /<pre class="bibtex"[^>]*><code>@misc\{huang2026envharness,\n {2}title = \{\{EnvHarness/,
    );
    assertHeadingOrder(page.body);
  });

  test('a paper page shows the score /trending shows, as of the same moment', async () => {
    // Nothing has been featured on the clock's day (2026-08-22): /trending scores as of the end of
    // 2026-08-21, and so does the paper page, rather than as of the clock.
    const trending = await get('/trending');
    assert.match(trending.body, /Score <strong>57\.81<\/strong>/);
    const page = await get('/papers/2608.19880');
    assert.match(page.body, /Score <strong>57\.81<\/strong>/);
    assert.match(
      page.body,
      /As of <time datetime="2026-08-21T23:59:59\.999Z">Aug 21, 2026, 23:59 UTC<\/time>, the end of the last day papers were featured, as on <a href="\/trending">Trending<\/a>\./,
    );
    // Lists ordered by trending score say when they were scored.
    for (const url of ['/papers?date=2026-08-21&sort=trending', '/papers?week=2026-W34&sort=trending']) {
      assert.match(
        (await get(url)).body,
        /Trending scores as of <time datetime="2026-08-21T23:59:59\.999Z">Aug 21, 2026, 23:59 UTC<\/time>, the end of the last day papers were featured\./,
        url,
      );
    }
    assert.doesNotMatch((await get('/papers?week=2026-W34')).body, /Trending scores as of/);
  });

  test('old-style ids have pages, with paragraphs, DOI and journal reference', async () => {
    const page = await get('/papers/hep-th/9901001');
    assert.equal(page.status, 200);
    assert.equal(h1(page.body), 'Old-style identifiers in a string-theory preprint');
    assert.match(
      page.body,
      /<p>The first paragraph of the abstract\.<\/p><p>The second paragraph, kept apart\.<\/p>/,
    );
    assert.match(page.body, /<a href="https:\/\/doi.org\/10.1016\/S0370-2693\(99\)00001-1">/);
    assert.match(page.body, /<dd>Phys\. Lett\. B 450 \(1999\) 1<\/dd>/);
    assert.match(page.body, /<dt>Version<\/dt><dd>v2<\/dd>/);
    assert.match(page.body, /<li>hep-th<\/li><li>math-ph<\/li>/);
    assert.match(page.body, /<a href="\/authors\/emile-borel">Émile Borel<\/a>/);
    assert.match(page.body, /<a href="https:\/\/arxiv.org\/pdf\/hep-th\/9901001">PDF<\/a>/);
    assert.doesNotMatch(page.body, /Trending score/, 'never featured: no score');

    const versioned = await app.request('/papers/hep-th/9901001v2');
    assert.equal(versioned.status, 301);
    assert.equal(versioned.headers.get('location'), '/papers/hep-th/9901001');
  });

  test('a versioned id redirects permanently to the paper', async () => {
    const res = await app.request('/papers/2608.19880v2');
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/papers/2608.19880');
  });

  test('unknown papers, authors and routes get the 404 page; malformed ids the 400 page', async () => {
    for (const url of ['/papers/2608.00001', '/authors/nobody-at-all', '/no/such/page']) {
      const page = await get(url);
      assert.equal(page.status, 404, url);
      assert.match(page.body, /<p class="error-status">Error 404<\/p>/, url);
      assert.match(page.body, /<nav class="site-nav" aria-label="Main">/, url);
      assertLabelled(page.body);
    }
    assert.match((await get('/papers/2608.00001')).body, /paper 2608\.00001 is not in this catalogue/);
    const bad = await get('/papers/not-an-id');
    assert.equal(bad.status, 400);
    assert.match(bad.body, /&quot;not-an-id&quot; is not an arXiv id/);
  });

  test('search highlights matches, counts, paginates and keeps the submitted form values', async () => {
    const page = await get('/search?q=environments&from=2026-01-01&to=2026-12-31&sort=date');
    assert.equal(page.status, 200);
    assert.match(page.body, /<mark>[Ee]nvironments?<\/mark>/);
    assert.match(page.body, /<h2 id="results-heading">\d+ papers?<\/h2>/);
    assert.ok(cardIds(page.body).includes('2608.19880'));
    assert.match(page.body, /<input id="q" type="search" name="q" value="environments"/);
    assert.match(page.body, /<input id="from" type="date" name="from" value="2026-01-01"\/>/);
    assert.match(page.body, /<input id="to" type="date" name="to" value="2026-12-31"\/>/);
    assert.match(page.body, /<option value="date" selected="">Newest first<\/option>/);
    assert.match(page.body, /<datalist id="categories"><option value="cs.AI">/);
    assertLabelled(page.body);
    assertHeadingOrder(page.body);

    const many = await get('/search?q=model');
    const total = Number(/<h2 id="results-heading">(\d+) papers<\/h2>/.exec(many.body)?.[1]);
    assert.ok(total > 20, `"model" matches ${total} papers`);
    assert.equal(cardIds(many.body).length, 20);
    assert.equal(relHref(many.body, 'next'), '/search?q=model&page=2');
    const second = await get('/search?q=model&page=2');
    assert.equal(relHref(second.body, 'prev'), '/search?q=model');
    assert.equal(cardIds(second.body).length, Math.min(20, total - 20));

    const relaxed = await get('/search?q=environments+zzzqqqxx');
    assert.match(relaxed.body, /No paper has every word, so these match any of them\./);
  });

  test('search filters by author, sorts by votes, explains the syntax, and refuses bad values', async () => {
    const page = await get('/search?q=agents&author=Chengsong+Huang&sort=votes');
    assert.equal(page.status, 200);
    assert.ok(cardIds(page.body).includes('2608.19880'));
    assert.match(page.body, /<input id="author" type="text" name="author" value="Chengsong Huang"/);
    assert.match(page.body, /<option value="votes" selected="">Most upvoted<\/option>/);
    assert.match(page.body, /most upvoted first\./);
    const syntax = await get('/search?q=%22static+worlds%22+-nothingatall');
    assert.deepEqual(cardIds(syntax.body), ['2608.19880']);
    const typo = await get('/search?q=enviroments');
    assert.match(typo.body, /Including near spellings: enviroments → environment\./);
    const tips = await get('/search');
    assert.match(tips.body, /<code>author:lecun<\/code>/);
    assert.match(tips.body, /<code>&quot;exact phrase&quot;<\/code>/);
    assert.equal((await get('/search?q=x&sort=hot')).status, 400);
    assert.equal((await get(`/search?q=x&author=${'a'.repeat(201)}`)).status, 400);
  });

  test('search escapes paper text and marks matches inside it', async () => {
    const page = await get('/search?q=escape');
    assert.equal(page.status, 200);
    assert.ok(cardIds(page.body).includes('2608.99999'));
    assert.match(
      page.body,
      /&lt;script&gt;alert\(&quot;pwned&quot;\)&lt;\/script&gt; Attention Is All You <mark>Escape<\/mark>/,
    );
    assert.doesNotMatch(page.body, OTHER_SCRIPT);
    assert.ok(
      !page.body.includes(MARK_START) && !page.body.includes(MARK_END),
      'no marker leaks into the page',
    );
  });

  test('hostile paper data is escaped everywhere and javascript: links are never rendered', async () => {
    for (const url of [
      '/papers/2608.99999',
      '/papers?date=2026-08-20',
      '/papers?week=2026-W34',
      '/trending',
    ]) {
      const page = await get(url);
      assert.equal(page.status, 200, url);
      assert.doesNotMatch(page.body, OTHER_SCRIPT, url);
      assert.doesNotMatch(page.body, /javascript:/i, url);
      assert.doesNotMatch(page.body, /<img src=x/i, url);
      assert.match(page.body, /&lt;script&gt;alert\(&quot;pwned&quot;\)&lt;\/script&gt;/, url);
    }
    const paperPage = await get('/papers/2608.99999');
    assert.match(paperPage.body, /Mallory &lt;b&gt;Bold&lt;\/b&gt;/);
    assert.match(paperPage.body, /mentions &lt;img src=x onerror=alert\(1\)&gt; and escaping/);
    assert.doesNotMatch(paperPage.body, />Code</, 'no code link from a javascript: URL');
  });

  test('an exact arXiv id in search goes to the paper; an empty query shows tips', async () => {
    for (const q of ['2608.19880', 'arXiv:2608.19880v1', 'https://arxiv.org/abs/hep-th/9901001']) {
      const res = await app.request(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 302, q);
      assert.equal(
        res.headers.get('location'),
        q.includes('hep-th') ? '/papers/hep-th/9901001' : '/papers/2608.19880',
      );
    }
    const empty = await get('/search');
    assert.equal(empty.status, 200);
    assert.match(empty.body, /<h2 id="tips-heading">Tips<\/h2>/);
    assert.doesNotMatch(empty.body, /results-heading/);
    assert.equal((await get('/search?q=x&from=2026-02-30')).status, 400);
  });

  test('an author page lists their papers', async () => {
    const page = await get('/authors/emile-borel');
    assert.equal(page.status, 200);
    assert.equal(h1(page.body), 'Émile Borel');
    assert.match(page.body, /1 paper in this catalogue/);
    assert.deepEqual(cardIds(page.body), ['hep-th/9901001']);
    assertHeadingOrder(page.body);
  });

  test('the about page explains the formula from its constants and sizes the catalogue', async () => {
    const page = await get('/about');
    assert.equal(page.status, 200);
    assert.match(page.body, /<h2 id="trending">The trending score<\/h2>/);
    assert.ok(page.body.includes(`points = upvotes + ${COMMENT_WEIGHT} × comments`));
    assert.ok(page.body.includes(`score  = points / (age_days + 1)^${GRAVITY}`));
    // 40 upvotes and 6 comments, two days old: 43 / 3^1.5.
    assert.match(page.body, /score {2}= 43 \/ \(2 \+ 1\)\^1\.5 = 8\.28/);
    assert.match(page.body, /The catalogue holds 96 papers featured over 8 days\./);
    assertHeadingOrder(page.body);
  });

  test('every response carries the security headers', async () => {
    for (const url of ['/', '/no/such/page', '/papers?date=bad']) {
      const res = await app.request(url);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/, url);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', url);
      assert.equal(res.headers.get('x-frame-options'), 'DENY', url);
    }
  });

  test('the stylesheet and favicon are served with immutable caching', async () => {
    const body = (await get('/')).body;
    const css = /<link rel="stylesheet" href="([^"]+)"/.exec(body)?.[1] ?? '';
    const icon = /<link rel="icon" href="([^"]+)"/.exec(body)?.[1] ?? '';
    const res = await app.request(css);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(await res.text(), /@media \(prefers-color-scheme: dark\)/);
    const iconRes = await app.request(icon);
    assert.equal(iconRes.status, 200);
    assert.equal(iconRes.headers.get('content-type'), 'image/svg+xml');
    assert.equal((await app.request('/assets/style.000000000000.css')).status, 404);
  });
});
