// The pages in a real Chromium, against the real HTTP server on a loopback port and a SQLite
// database holding the recorded Hugging Face days. Chromium is the system one (PAPERBOY_CHROMIUM_PATH
// or /usr/bin/chromium); playwright-core never downloads a browser. Requests that would leave the
// machine (thumbnails, avatars) are aborted so the test needs no network.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createHttpApp } from '../../src/http/server.js';
import { upsertRecords } from '../../src/ingest/upsert.js';
import { inTransaction } from '../../src/stores/index.js';
import { createTestApp, hfFixtureFiles, TEST_NOW } from '../support/app.js';
import { launchChromium, openPage, startTestServer, type TestServer } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { syntheticFeedRecords } from '../support/synthetic-feed.js';

void describe('pages in a browser', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let base = '';

  before(async () => {
    database = await createTestDatabase('sqlite');
    const ctx = createTestApp(database.db);
    const summary = await ctx.services.importer.importFiles(hfFixtureFiles());
    assert.equal(summary.refusedFiles, 0);
    // A month long enough to come in pages (March 2023, 40 papers), far from the recorded days.
    const march = Array.from({ length: 31 }, (_, i) => `2023-03-${String(i + 1).padStart(2, '0')}`);
    await inTransaction(ctx.db, (stores) => upsertRecords(stores, syntheticFeedRecords(march, 40), TEST_NOW));
    server = await startTestServer(createHttpApp(ctx));
    base = server.base;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.drop();
  });

  const open = (
    options: Parameters<Browser['newContext']>[0] = {},
  ): Promise<{ context: BrowserContext; page: Page }> => openPage(browser, base, options);

  const cardTitles = (page: Page) => page.locator('article.card h3 a').allTextContents();

  test('browse days, search, and read a paper', async () => {
    const { context, page } = await open();
    try {
      await page.goto(`${base}/`);
      assert.equal(await page.title(), 'Papers of Fri, Aug 21, 2026 · paperboy');
      assert.equal(await page.locator('h1').textContent(), 'Papers of Fri, Aug 21, 2026');
      const newest = await cardTitles(page);
      assert.equal(newest.length, 17);
      assert.equal(newest[0], 'EnvHarness: Awakening Static Worlds for Agent Learning');

      await page.getByRole('link', { name: /Previous day/ }).click();
      await page.waitForURL(`${base}/papers?date=2025-07-04`);
      assert.equal(await page.locator('h1').textContent(), 'Papers of Fri, Jul 4, 2025');
      const previous = await cardTitles(page);
      assert.equal(previous.length, 12);
      assert.ok(!previous.includes(newest[0] ?? ''), 'the cards changed with the day');

      await page.getByRole('searchbox', { name: 'Search papers' }).fill('environments');
      await page.getByRole('searchbox', { name: 'Search papers' }).press('Enter');
      await page.waitForURL(`${base}/search?q=environments`);
      assert.match((await page.locator('#results-heading').textContent()) ?? '', /^\d+ papers?$/);
      const marks = await page.locator('article.card mark').allTextContents();
      assert.ok(marks.length > 0, 'matches are highlighted');
      assert.ok(
        marks.every((m) => /^environments?$/i.test(m)),
        `marked: ${marks.join(', ')}`,
      );
      assert.equal(await page.locator('#q').inputValue(), 'environments', 'the form keeps the query');

      await page
        .getByRole('link', { name: 'EnvHarness: Awakening Static Worlds for Agent Learning' })
        .click();
      await page.waitForURL(`${base}/papers/2608.19880`);
      assert.equal(
        await page.locator('h1').textContent(),
        'EnvHarness: Awakening Static Worlds for Agent Learning',
      );
      const abstract = await page.locator('section[aria-labelledby="abstract-heading"]').textContent();
      assert.match(abstract ?? '', /LLM agents learn by interacting with environments/);
      const bibtex = await page.locator('pre.bibtex').textContent();
      assert.match(
        bibtex ?? '',
        /^@misc\{huang2026envharness,\n {2}title = \{\{EnvHarness: Awakening Static Worlds/,
      );
      assert.match(bibtex ?? '', /eprint = \{2608\.19880\}/);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: days, the week view, a filtered search and a paper still work', async () => {
    const { context, page } = await open({ javaScriptEnabled: false });
    try {
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: /Previous day/ }).click();
      await page.waitForURL(`${base}/papers?date=2025-07-04`);
      await page.getByRole('link', { name: 'Week 2025-W27' }).click();
      await page.waitForURL(`${base}/papers?week=2025-W27`);
      assert.ok((await cardTitles(page)).length >= 12, 'the week holds the day’s papers');

      await page.goto(`${base}/search`);
      await page.locator('#q').fill('environments');
      await page.locator('#from').fill('2026-08-01');
      await page.locator('#q').press('Enter');
      await page.waitForURL(/\/search\?q=environments&from=2026-08-01/);
      const titles = await cardTitles(page);
      assert.ok(titles.length > 0, 'the filtered search finds papers');
      assert.ok((await page.locator('article.card mark').count()) > 0, 'matches are highlighted');

      await page
        .getByRole('link', { name: 'EnvHarness: Awakening Static Worlds for Agent Learning' })
        .click();
      await page.waitForURL(`${base}/papers/2608.19880`);
      assert.match((await page.locator('pre.bibtex').textContent()) ?? '', /eprint = \{2608\.19880\}/);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: a long month moves page by page through its pager', async () => {
    const { context, page } = await open({ javaScriptEnabled: false });
    try {
      await page.goto(`${base}/papers?month=2023-03`);
      const first = await cardTitles(page);
      assert.equal(first.length, 30);
      const pager = page.getByRole('navigation', { name: 'Pages' });
      assert.equal(await pager.getByText('Page 1 of 2').count(), 1);
      await pager.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(`${base}/papers?month=2023-03&page=2`);
      assert.equal(await page.title(), 'Papers of March 2023, page 2 · paperboy');
      const second = await cardTitles(page);
      assert.equal(second.length, 10);
      assert.ok(
        second.every((t) => !first.includes(t)),
        'the second page holds the other papers',
      );
      assert.equal(await pager.getByRole('link', { name: 'Next page' }).count(), 0, 'the last page');
      await pager.getByRole('link', { name: 'Previous page' }).click();
      await page.waitForURL(`${base}/papers?month=2023-03`);
      assert.deepEqual(await cardTitles(page), first);
    } finally {
      await context.close();
    }
  });

  test('pages fit a 375px-wide phone without horizontal scrolling', async () => {
    const { context, page } = await open({ viewport: { width: 375, height: 740 } });
    try {
      for (const path of [
        '/',
        '/papers?week=2026-W34',
        '/papers?month=2023-03&page=2',
        '/trending',
        '/papers/2608.19880',
        '/search?q=model',
        '/about',
        '/nope',
      ]) {
        await page.goto(`${base}${path}`);
        // A string runs in the page: this project compiles without the DOM library.
        const { scrollWidth, clientWidth } = await page.evaluate<{
          scrollWidth: number;
          clientWidth: number;
        }>(
          '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
        );
        assert.ok(
          scrollWidth <= clientWidth,
          `${path}: content is ${scrollWidth}px wide in a ${clientWidth}px viewport`,
        );
      }
      // The cards stack in one column.
      await page.goto(`${base}/`);
      const boxes = await Promise.all(
        [0, 1, 2].map((n) => page.locator('article.card').nth(n).boundingBox()),
      );
      const lefts = boxes.map((b) => Math.round(b?.x ?? -1));
      assert.equal(new Set(lefts).size, 1, `card columns at ${lefts.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  test('dark mode changes the colours', async () => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const { context, page } = await open({ colorScheme });
      try {
        await page.goto(`${base}/about`);
        return await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      } finally {
        await context.close();
      }
    };
    const light = await background('light');
    const dark = await background('dark');
    assert.equal(light, 'rgb(247, 247, 245)');
    assert.equal(dark, 'rgb(18, 19, 23)');
  });
});
