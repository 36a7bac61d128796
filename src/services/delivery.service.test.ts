// Delivery end to end on both databases, against a real SMTP server in the test process: subscribe,
// the confirmation email, the digest with its alerts, its headers and both parts, one-click
// unsubscribe from the received header, nothing sent when nothing is new, one digest per period
// however many planners run.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AppContext } from '../app.js';
import { createHttpApp } from '../http/server.js';
import { createTestApp, movableClock, type MovableClock } from '../../test/support/app.js';
import { seedPapers } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import {
  messageIdOf,
  rawHeader,
  startSmtpServer,
  type TestSmtpServer,
} from '../../test/support/smtp-server.js';
import { createServices } from '../app.js';
import { silentLogger } from '../lib/logger.js';

const BASE = 'https://papers.example.org';

function linkToken(text: string, path: string): string {
  const m = new RegExp(`${path.replaceAll('/', '\\/').replaceAll('?', '\\?')}\\?token=([A-Za-z0-9_-]+)`).exec(
    text,
  );
  assert.ok(m?.[1], `no ${path} link in:\n${text}`);
  return m[1];
}

describeEachDatabase('delivery: subscriptions, digests, alerts', (get) => {
  let smtp: TestSmtpServer;
  let clock: MovableClock;
  let ctx: AppContext;

  before(async () => {
    smtp = await startSmtpServer();
    clock = movableClock('2026-08-20T10:00:00.000Z');
    const base = createTestApp(get().db);
    ctx = createTestApp(
      get().db,
      {
        baseUrl: BASE,
        searchRefreshOverlapSeconds: 60,
        community: { ...base.config.community, smtpUrl: smtp.url },
        delivery: { ...base.config.delivery, mailPerMinute: 0 },
      },
      clock,
    );
  });
  after(() => smtp.close());

  test('subscribe, confirm by the emailed link, get the digest with alerts, unsubscribe in one click', async () => {
    const { subscriptions, digests, sender } = ctx.services.delivery;
    const outcome = await subscriptions.subscribe(
      {
        email: 'ada@example.org',
        cadence: 'daily',
        skipWeekends: false,
        hour: 8,
        timeZone: 'Europe/Berlin',
        digest: true,
        alert: 'continual pre-training',
      },
      { ip: '192.0.2.1', user: null },
    );
    assert.deepEqual(outcome, { status: 'confirm-sent' });
    // Nothing but the confirmation goes out while the subscription is pending.
    assert.equal((await sender.deliverDue()).sent, 1);
    const confirmation = await smtp.nextMessage('ada@example.org');
    assert.match(confirmation.subject, /Confirm your paperboy subscription/);
    assert.match(confirmation.text, /daily at 08:00 \(Europe\/Berlin\)/);
    assert.match(confirmation.html, /continual pre-training/);
    const confirmToken = linkToken(confirmation.text, `${BASE}/subscription/confirm`);
    assert.ok(confirmation.html.includes(`/subscription/confirm?token=${confirmToken}`));

    const active = await subscriptions.confirm(confirmToken);
    assert.equal(active.status, 'active');
    // 08:00 in Berlin on the next day is 06:00 UTC.
    assert.equal(active.next_due_at, '2026-08-21T06:00:00.000Z');
    assert.equal(
      (await subscriptions.confirm(confirmToken)).status,
      'active',
      'a second click changes nothing',
    );

    // Papers arrive during the day: three on the feed, one only in the catalogue that the alert wants.
    clock.set('2026-08-20T12:00:00.000Z');
    await seedPapers(ctx, [
      {
        arxivId: '2608.10001',
        day: '2026-08-20',
        fields: { title: 'A <b>bold</b> & fast parser', hfUpvotes: 9 },
      },
      { arxivId: '2608.10002', day: '2026-08-20', fields: { title: 'Second paper', hfUpvotes: 3 } },
      { arxivId: '2608.10003', day: '2026-08-20', fields: { title: 'Third paper', hfUpvotes: 1 } },
      {
        arxivId: '2608.10004',
        fields: { title: 'Continual Pre-Training of Language Models', categories: ['cs.CL'] },
      },
    ]);

    clock.set('2026-08-21T05:59:00.000Z');
    assert.equal((await digests.planDue()).due, 0, 'not due before 08:00 Berlin time');
    clock.set('2026-08-21T06:00:30.000Z');
    const plan = await digests.planDue();
    assert.equal(plan.due, 1);
    assert.equal(plan.queued, 1);
    assert.deepEqual(await digests.planDue(), { due: 0, queued: 0, empty: 0, skipped: 0, planned: [] });
    assert.equal((await sender.deliverDue()).sent, 1);
    const digest = await smtp.nextMessage('ada@example.org');
    assert.match(digest.subject, /Trending papers \(\+1 for your alerts\) · paperboy, Friday 21 August 2026/);
    // Best trending first, in both parts; the title is escaped in HTML, plain in text.
    assert.ok(digest.text.indexOf('A <b>bold</b> & fast parser') < digest.text.indexOf('Second paper'));
    assert.ok(digest.html.includes('A &lt;b&gt;bold&lt;/b&gt; &amp; fast parser'));
    assert.ok(!digest.html.includes('<b>bold</b>'));
    assert.match(digest.text, /9 upvotes · https:\/\/papers\.example\.org\/papers\/2608\.10001/);
    assert.match(digest.text, /Your alert “continual pre-training”: 1 new paper/);
    assert.match(digest.text, /Matched: title: “continual”, “pre”, “training”/);
    assert.match(digest.html, /Matched: title:/);
    assert.equal(rawHeader(digest, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.equal(rawHeader(digest, 'Precedence'), 'bulk');
    assert.match(rawHeader(digest, 'List-Id') ?? '', /<digest\.papers\.example\.org>/);
    const listUnsubscribe = rawHeader(digest, 'List-Unsubscribe') ?? '';
    const oneClick =
      /^<(https:\/\/papers\.example\.org\/subscription\/one-click\?token=[A-Za-z0-9_-]+)>$/.exec(
        listUnsubscribe,
      )?.[1];
    assert.ok(oneClick, listUnsubscribe);
    assert.match(messageIdOf(digest), /^<digest\.[A-Za-z0-9_-]{16}@papers\.example\.org>$/);

    // The manage link of the email opens the subscription; the view link shows the email as sent.
    const manageToken = linkToken(digest.text, `${BASE}/subscription`);
    const app = createHttpApp(ctx);
    const page = await app.request(`/subscription?token=${manageToken}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('cache-control') ?? '', /no-store/);
    assert.match(await page.text(), /continual pre-training/);
    const viewUrl = /https:\/\/papers\.example\.org(\/subscription\/emails\/\d+\?token=[A-Za-z0-9_-]+)/.exec(
      digest.text,
    )?.[1];
    assert.ok(viewUrl);
    const view = await app.request(viewUrl);
    assert.equal(view.status, 200);
    assert.ok((await view.text()).includes('A &lt;b&gt;bold&lt;/b&gt; &amp; fast parser'));
    assert.match(view.headers.get('content-security-policy') ?? '', /default-src 'none'/);

    // The next morning: nothing new, nothing sent.
    clock.set('2026-08-22T06:00:30.000Z');
    const quiet = await digests.planDue();
    assert.equal(quiet.due, 1);
    assert.equal(quiet.empty, 1);
    assert.equal((await sender.deliverDue()).sent, 0);

    // One click, as a mail provider does it (RFC 8058): no cookie, no CSRF token.
    const url = new URL(oneClick);
    const res = await app.request(`${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(await res.text(), /Unsubscribed ada@example\.org/);
    const ended = await subscriptions.findByEmail('ada@example.org');
    assert.equal(ended?.status, 'unsubscribed');
    clock.set('2026-08-24T06:00:30.000Z');
    await seedPapers(ctx, [{ arxivId: '2608.10005', day: '2026-08-24' }]);
    clock.set('2026-08-25T06:00:30.000Z');
    assert.equal((await digests.planDue()).due, 0);
    assert.equal(smtp.messages.filter((m) => m.to.includes('ada@example.org')).length, 2);
  });

  test('an address that subscribes already gets a manage link, never a second subscription', async () => {
    const { subscriptions, sender } = ctx.services.delivery;
    clock.set('2026-08-25T07:00:00.000Z');
    const request = {
      email: 'grace@example.org',
      cadence: 'weekly' as const,
      skipWeekends: false,
      hour: 9,
      timeZone: 'UTC',
      digest: true,
      alert: null,
    };
    await subscriptions.subscribe(request, { ip: '192.0.2.2', user: null });
    await sender.deliverDue();
    const token = linkToken(
      (await smtp.nextMessage('grace@example.org')).text,
      `${BASE}/subscription/confirm`,
    );
    await subscriptions.confirm(token);
    const again = await subscriptions.subscribe(
      { ...request, alert: 'author:hopper' },
      { ip: '192.0.2.3', user: null },
    );
    assert.deepEqual(again, { status: 'manage-link-sent' });
    await sender.deliverDue();
    const mail = await smtp.nextMessage('grace@example.org');
    assert.match(mail.subject, /Your paperboy subscription/);
    assert.match(mail.text, /add an alert for “author:hopper”/);
    assert.match(mail.text, /\/subscription\?token=[A-Za-z0-9_-]+&alert=author%3Ahopper/);
    const sub = await subscriptions.findByEmail('grace@example.org');
    assert.equal(sub?.cadence, 'weekly', 'the stranger’s request changed nothing');
    assert.equal((await subscriptions.view(sub!)).alerts.length, 0);
  });

  test('one digest per subscription and period, however many planners run at once', async () => {
    clock.set('2026-08-26T10:00:00.000Z');
    const { subscriptions, sender } = ctx.services.delivery;
    const emails = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((p) => `${p}@example.org`);
    for (const email of emails) {
      const r = await subscriptions.subscribe(
        { email, cadence: 'daily', skipWeekends: false, hour: 6, timeZone: 'UTC', digest: true, alert: null },
        { ip: null, user: null },
      );
      assert.equal(r.status, 'confirm-sent');
    }
    await sender.deliverDue();
    for (const email of emails)
      await subscriptions.confirm(
        linkToken((await smtp.nextMessage(email)).text, `${BASE}/subscription/confirm`),
      );
    clock.set('2026-08-26T12:00:00.000Z');
    await seedPapers(ctx, [{ arxivId: '2608.20001', day: '2026-08-26', fields: { hfUpvotes: 5 } }]);
    clock.set('2026-08-27T06:05:00.000Z');
    // Three processes' worth of services on one database, planning at the same moment.
    const planners = [0, 1, 2].map(() => createServices(get().db, ctx.config, clock, silentLogger));
    const plans = await Promise.all(planners.map((s) => s.delivery.digests.planDue()));
    assert.equal(
      plans.reduce((n, p) => n + p.queued, 0),
      emails.length,
      JSON.stringify(plans.map((p) => [p.due, p.queued, p.skipped, p.planned.map((x) => x.email)])),
    );
    // And again later the same day (an hour change, a restart): the period is taken.
    const moved = await subscriptions.findByEmail('p1@example.org');
    await subscriptions.updateSettings(moved!, {
      cadence: 'daily',
      skipWeekends: false,
      hour: 7,
      timeZone: 'UTC',
      digest: true,
    });
    clock.set('2026-08-27T06:30:00.000Z');
    await seedPapers(ctx, [{ arxivId: '2608.20002', day: '2026-08-27', fields: { title: 'Late arrival' } }]);
    clock.set('2026-08-27T07:00:30.000Z');
    const replan = await ctx.services.delivery.digests.planDue();
    assert.equal(replan.queued, 0);
    assert.equal(replan.skipped, 1);
    // What arrived meanwhile waits for p1's next period instead of being lost (as for everyone).
    clock.set('2026-08-28T07:00:30.000Z');
    const tomorrow = await ctx.services.delivery.digests.planDue();
    assert.deepEqual(
      tomorrow.planned.map((p) => [p.email, p.periodKey, p.trending]).sort(),
      emails.map((e) => [e, 'daily:2026-08-28', 1]),
    );
    const sent = await sender.deliverDue();
    assert.equal(sent.sent, emails.length * 2);
    for (const email of emails) {
      const received = smtp.messages.filter((m) => m.to.includes(email) && /Trending/.test(m.subject));
      assert.deepEqual(
        received.map((m) => /, (\w+day \d+ \w+ 2026)$/.exec(m.subject)?.[1]).sort(),
        ['Friday 28 August 2026', 'Thursday 27 August 2026'],
        email,
      );
    }
  });

  test('a catalogue loaded from old files is not news: only papers featured lately are new', async () => {
    const { subscriptions, digests, sender } = ctx.services.delivery;
    // Months later, a file of last summer's feed is imported: every entry is added now, none is new.
    clock.set('2026-12-01T09:00:00.000Z');
    await seedPapers(
      ctx,
      Array.from({ length: 12 }, (_, i) => ({
        arxivId: `2607.3000${String(i).padStart(2, '0')}`,
        day: '2026-07-15',
        fields: { title: `Old paper ${i}` },
      })),
    );
    await subscriptions.subscribe(
      {
        email: 'newcomer@example.org',
        cadence: 'daily',
        skipWeekends: false,
        hour: 9,
        timeZone: 'UTC',
        digest: true,
        alert: 'graph networks',
      },
      { ip: '192.0.2.9', user: null },
    );
    await sender.deliverDue();
    const confirmation = await smtp.nextMessage('newcomer@example.org');
    // The text part reads as sentences: "With topic alerts for: “graph networks”."
    assert.match(confirmation.text, /\.\nWith topic alerts for: “graph networks”\.\n/);
    await subscriptions.confirm(linkToken(confirmation.text, `${BASE}/subscription/confirm`));

    clock.set('2026-12-02T09:00:30.000Z');
    const first = await digests.planDue();
    assert.equal(first.queued, 0, 'twelve old entries added at once are no digest');
    // A paper featured today is news, and the count says one, not thirteen.
    await seedPapers(ctx, [{ arxivId: '2612.00001', day: '2026-12-02', fields: { title: 'Fresh paper' } }]);
    clock.set('2026-12-03T09:00:30.000Z');
    const second = await digests.planDue();
    assert.deepEqual(
      second.planned.filter((p) => p.email === 'newcomer@example.org').map((p) => p.trending),
      [1],
    );
    await sender.deliverDue();
    const digest = await smtp.nextMessage('newcomer@example.org');
    assert.match(digest.subject, /Thursday 3 December 2026/);
    assert.match(digest.text, /The top 1 of 1 new paper on the feed/);
    assert.doesNotMatch(digest.text, /Old paper/);
  });
});
