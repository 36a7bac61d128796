// Submitting a paper while arXiv does not answer, in a real Chromium without JavaScript against the
// real server: the form comes back within the configured wait, with the text kept and a message that
// names arXiv; failed attempts do not use up the day's submissions; a bad id is a field error; once
// arXiv answers, the same form submits.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { createHttpApp } from '../../src/http/server.js';
import {
  addSessionCookie,
  launchChromium,
  openPage,
  startTestServer,
  type TestServer,
} from '../support/browser.js';
import { signedInUser, type TestUser } from '../support/community.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createIngestTestApp } from '../support/ingest.js';
import { match, startUpstreamServer, type UpstreamServer } from '../support/upstream-server.js';

const WAIT_SECONDS = 1;

void describe(
  'submitting while arXiv is unreachable, in a browser without JavaScript',
  { timeout: 120_000 },
  () => {
    let database: TestDatabase;
    let upstream: UpstreamServer;
    let server: TestServer;
    let browser: Browser;
    let member: TestUser;

    before(async () => {
      database = await createTestDatabase('sqlite');
      upstream = await startUpstreamServer();
      server = await startTestServer();
      const community = loadConfig({}).community;
      const ctx = createIngestTestApp(database.db, upstream, {
        baseUrl: server.base,
        // The recorded papers are years old; the age rule is not what this test is about.
        community: {
          ...community,
          submissionMaxAgeDays: 36_500,
          submissionsPerDay: 2,
          submitWaitSeconds: WAIT_SECONDS,
        },
      });
      member = await signedInUser(ctx, 'offline@example.org');
      server.setApp(createHttpApp(ctx));
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
      await upstream?.close();
      await database?.drop();
    });

    test('the form comes back in seconds with the text kept; failures do not count; a bad id is a field error', async () => {
      const { context, page } = await openPage(browser, server.base, { javaScriptEnabled: false });
      await addSessionCookie(context, server.base, member.sessionToken);
      upstream.fail(match.arxivIds('2204.08348'), { kind: 'stall' }, 1000);
      const comment = 'Worth reading: the first *honest* REST benchmark.';
      await page.goto(`${server.base}/submit`);
      // More attempts than the day allows submissions: none of them counts, as none was accepted.
      for (let attempt = 1; attempt <= 4; attempt++) {
        if (attempt === 1) {
          await page.getByLabel('arXiv id or URL').fill('2204.08348');
          await page.getByLabel(/Why it matters/).fill(comment);
        }
        const started = Date.now();
        await page.getByRole('button', { name: 'Submit' }).click();
        await page.getByRole('alert').waitFor();
        const seconds = (Date.now() - started) / 1000;
        assert.ok(seconds < WAIT_SECONDS + 4, `attempt ${attempt} took ${seconds} s`);
        assert.match(
          (await page.getByRole('alert').textContent()) ?? '',
          /arXiv did not answer within 1 second\b/,
        );
        assert.equal(await page.getByLabel('arXiv id or URL').inputValue(), '2204.08348');
        assert.equal(await page.getByLabel(/Why it matters/).inputValue(), comment);
      }

      await page.getByLabel('arXiv id or URL').fill('not-an-id');
      await page.getByRole('button', { name: 'Submit' }).click();
      assert.match((await page.getByRole('alert').textContent()) ?? '', /not an arXiv id: "not-an-id"/);
      assert.equal(await page.getByLabel('arXiv id or URL').getAttribute('aria-invalid'), 'true');
      assert.equal(
        await page.getByLabel(/Why it matters/).inputValue(),
        comment,
        'the comment is still there',
      );

      // arXiv answers again: the same form submits, and the comment is posted with it.
      upstream.reset();
      await page.getByLabel('arXiv id or URL').fill('2204.08348');
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.waitForURL(`${server.base}/papers/2204.08348`);
      await page.getByText('the first honest REST benchmark', { exact: false }).waitFor();
      await context.close();
    });
  },
);
