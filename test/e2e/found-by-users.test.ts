// What a new user found on the pages, each kept fixed, in a real Chromium without JavaScript against
// the real server: comment counts that agree with the discussion, the settings page's own handle and
// a token page that survives a reload, a vote from a feed that returns to the feed, /trending in
// pages with its formula once, out-of-range pages that are a 404, and profiles that show comments as
// they read on the paper page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Browser, Page } from 'playwright-core';
import { createHttpApp } from '../../src/http/server.js';
import { createTestApp, hfFixtureFiles } from '../support/app.js';
import {
  addSessionCookie,
  launchChromium,
  openPage,
  startTestServer,
  type TestServer,
} from '../support/browser.js';
import { signedInUser, type TestUser } from '../support/community.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { syntheticFeedRecords } from '../support/synthetic-feed.js';
import { upsertRecords } from '../../src/ingest/upsert.js';
import { inTransaction } from '../../src/stores/index.js';

void describe('pages as a new user found them, in a browser without JavaScript', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let member: TestUser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestServer();
    const ctx = createTestApp(database.db, { baseUrl: server.base, pageCacheSeconds: 0 });
    await ctx.services.importer.importFiles(hfFixtureFiles());
    // Enough papers in the trending window (the week before the clock) for /trending to have pages.
    await inTransaction(ctx.db, (stores) =>
      upsertRecords(
        stores,
        syntheticFeedRecords(['2026-08-19', '2026-08-20', '2026-08-21'], 40),
        ctx.clock.now().toISOString(),
      ),
    );
    member = await signedInUser(ctx, 'newuser@example.org');
    server.setApp(createHttpApp(ctx));
    browser = await launchChromium();
    ({ context, page } = await openPage(browser, server.base, { javaScriptEnabled: false }));
    await addSessionCookie(context, server.base, member.sessionToken);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await database?.drop();
  });

  test('comment counts: ours, and those on Hugging Face apart; the discussion agrees', async () => {
    await page.goto(`${server.base}/papers/2608.18580`);
    const head = page.locator('.paper-head');
    assert.match((await head.textContent()) ?? '', /0 comments · 2 on Hugging Face/);
    assert.match(
      (await page.locator('.comments').textContent()) ?? '',
      /No comments here yet\. 2 on Hugging Face\./,
    );
    await page.getByLabel('Add a comment').fill('A **strong** claim, and a [link](https://example.org).');
    await page.getByRole('button', { name: 'Post' }).first().click();
    await page.waitForURL(/\/papers\/2608\.18580#comment-\d+/);
    assert.match((await head.textContent()) ?? '', /1 comment · 2 on Hugging Face/);
  });

  test("the profile shows one's comments as they read on the paper, not as Markdown source", async () => {
    await page.goto(`${server.base}/users/${member.actor.user.handle}`);
    const comment = page.locator('.profile-comments .comment-body').first();
    assert.equal(await comment.locator('strong').textContent(), 'strong');
    assert.doesNotMatch((await comment.textContent()) ?? '', /\*\*/);
  });

  test('settings name the real handle; the page of a new token survives a reload', async () => {
    await page.goto(`${server.base}/settings`);
    const handle = member.actor.user.handle;
    assert.match(
      (await page.locator('label[for="handle"]').textContent()) ?? '',
      new RegExp(`/users/${handle}.*@${handle}`),
    );
    await page.getByLabel('Token name').fill('laptop');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page
      .getByText(/pb_[A-Za-z0-9_-]{20,}/)
      .first()
      .waitFor();
    assert.equal(new URL(page.url()).pathname, '/settings/tokens');
    const reloaded = await page.goto(page.url());
    assert.equal(reloaded?.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/settings');
  });

  test('a vote from a feed card comes back to the feed, at the card', async () => {
    await page.goto(`${server.base}/papers?date=2026-08-21`);
    const card = page.locator('article.card', { hasText: 'EnvHarness' });
    await card.locator('button.vote').click();
    await page.waitForURL(/\/papers\?date=2026-08-21#paper-\d+$/);
    assert.equal(
      await page
        .locator('article.card', { hasText: 'EnvHarness' })
        .locator('button.vote')
        .getAttribute('aria-pressed'),
      'true',
    );
  });

  test('/trending comes in pages, says its formula once, and a page past the end is a 404', async () => {
    await page.goto(`${server.base}/trending`);
    assert.equal(await page.locator('.formula').count(), 1);
    assert.equal(
      await page.locator('article.card .score-formula:visible').count(),
      0,
      'numbers folded on cards',
    );
    assert.equal(await page.locator('article.card').count(), 30);
    await page.getByRole('link', { name: /Next page/ }).click();
    await page.waitForURL(`${server.base}/trending?page=2`);
    assert.ok((await page.locator('article.card').count()) > 0);
    const past = await page.goto(`${server.base}/trending?page=99`);
    assert.equal(past?.status(), 404);
    await page.getByRole('link', { name: 'Go to the last page' }).click();
    await page.waitForURL(`${server.base}/trending?page=2`);
    const search = await page.goto(`${server.base}/search?q=agents&page=50`);
    assert.equal(search?.status(), 404);
  });

  test('every picture on a page comes from us and shows, cached or drawn', async () => {
    const elsewhere: string[] = [];
    const listen = (req: { url(): string }) => {
      if (!req.url().startsWith(server.base)) elsewhere.push(req.url());
    };
    page.on('request', listen);
    try {
      for (const path of ['/', '/papers/2608.19880', '/trending']) {
        await page.goto(`${server.base}${path}`);
        const images = page.locator('img');
        assert.ok((await images.count()) > 0, path);
        // Lazy images load once scrolled to; the first ones are on screen.
        const first = images.first();
        await first.scrollIntoViewIfNeeded();
        await page.waitForFunction(
          (el) => (el as { complete: boolean }).complete,
          await first.elementHandle(),
        );
        assert.ok(
          await first.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth > 0),
          `${path}: it shows`,
        );
        for (const src of await images.evaluateAll((els) =>
          els.map((e) => (e as unknown as { src: string }).src),
        ))
          assert.ok(src.startsWith(`${server.base}/media/`) || src.startsWith(`${server.base}/assets/`), src);
      }
    } finally {
      page.off('request', listen);
    }
    assert.deepEqual(elsewhere, [], 'the browser asked no third party');
  });
});
