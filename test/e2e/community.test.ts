// The community in a real Chromium against the real server on a loopback port: sign in through the
// link received by the in-process SMTP server, upvote (the count changes without a reload), comment,
// reply, sign out. Requests that would leave the machine are aborted.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createHttpApp } from '../../src/http/server.js';
import { createTestApp } from '../support/app.js';
import { launchChromium, openPage, startTestServer, type TestServer } from '../support/browser.js';
import { seedPapers } from '../support/community.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

void describe('the community in a browser', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let smtp: TestSmtpServer;
  let base = '';

  before(async () => {
    database = await createTestDatabase('sqlite');
    smtp = await startSmtpServer();
    // The app is set once the port (hence the base URL the emailed link points at) is known.
    server = await startTestServer();
    base = server.base;
    const defaults = createTestApp(database.db);
    const ctx = createTestApp(database.db, {
      baseUrl: base,
      community: { ...defaults.config.community, smtpUrl: smtp.url },
    });
    await seedPapers(ctx, [
      { arxivId: '2608.00001', day: '2026-08-21', fields: { title: 'A paper worth discussing' } },
    ]);
    server.setApp(createHttpApp(ctx));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
    await database?.drop();
  });

  test('sign in by emailed link, upvote without a reload, comment, reply, sign out', async () => {
    const { context, page } = await openPage(browser, base);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('net::ERR_FAILED')) errors.push(m.text());
    });
    try {
      await page.goto(`${base}/papers/2608.00001`);
      await page.getByRole('link', { name: /sign in to upvote/ }).click();
      await page.waitForURL(/\/signin\?next=/);
      await page.getByRole('textbox', { name: 'Email' }).fill('grace@example.org');
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();

      const mail = await smtp.nextMessage('grace@example.org');
      const link = /(http:\/\/127\.0\.0\.1:\d+\/signin\/link\?\S+)/.exec(mail.text)?.[1];
      assert.ok(link, mail.text);
      await page.goto(link);
      await page.getByRole('button', { name: 'Sign in to paperboy' }).click();
      await page.waitForURL(`${base}/papers/2608.00001`);
      await page.getByRole('link', { name: 'Grace' }).waitFor();

      // Upvote: the script updates the count in place; a marker on window proves there was no reload.
      await page.evaluate('window.__noReload = true');
      const vote = page.locator('article.paper button.vote');
      assert.equal(await vote.getAttribute('aria-pressed'), 'false');
      await vote.click();
      await page.locator('article.paper button.vote[aria-pressed="true"]').waitFor();
      assert.equal(await page.locator('article.paper .vote-count').textContent(), '1 upvote');
      assert.equal(await page.evaluate('window.__noReload === true'), true, 'no page reload');
      assert.match((await page.locator('article.paper .vote-status').textContent()) ?? '', /Upvoted/);

      await page.getByLabel('Add a comment').fill('Great **results**, see https://example.org');
      await page.getByRole('button', { name: 'Post' }).first().click();
      await page.waitForURL(/#comment-\d+$/);
      const first = page.locator('li.comment').first();
      assert.equal(await first.locator('.comment-body strong').textContent(), 'results');
      assert.equal(await first.locator('.comment-body a').getAttribute('rel'), 'nofollow ugc noopener');

      await first.locator('summary', { hasText: 'Reply' }).click();
      await first.getByLabel('Reply to Grace').fill('Agreed, replying to myself.');
      await first.locator('form.comment-form').first().getByRole('button', { name: 'Post' }).click();
      await page.waitForURL(/#comment-\d+$/);
      await page
        .locator('li.comment li.comment .comment-body', { hasText: 'Agreed, replying to myself.' })
        .waitFor();
      // The vote survived the reloads of the form posts.
      assert.equal(await page.locator('article.paper button.vote').getAttribute('aria-pressed'), 'true');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${base}/`);
      await page.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
      await page.goto(`${base}/settings`);
      await page.waitForURL(/\/signin\?next=%2Fsettings/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
