// The subscription pages and hooks through the real HTTP app on both databases: subscribe from the
// footer's form and /subscribe, the confirmation link's page, the manage page by token and by session
// with every form, previews, the bounce hook, and /mod/delivery for admins only. Emails go to a real
// SMTP server in the test process.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../app.js';
import { createHttpApp } from '../server.js';
import { createTestApp, movableClock, type MovableClock } from '../../../test/support/app.js';
import { seedPapers, signedInUser } from '../../../test/support/community.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { anonymousVisitor, jsonRequest } from '../../../test/support/http.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.js';

const SECRET = 'bounce-secret-0123456789-abcdef';

describeEachDatabase('subscription routes', (get) => {
  let ctx: AppContext;
  let app: Hono;
  let smtp: TestSmtpServer;
  let clock: MovableClock;

  before(async () => {
    clock = movableClock('2026-08-21T10:00:00.000Z');
    smtp = await startSmtpServer();
    const base = createTestApp(get().db);
    ctx = createTestApp(
      get().db,
      {
        community: { ...base.config.community, smtpUrl: smtp.url },
        delivery: {
          ...base.config.delivery,
          mailPerMinute: 0,
          bounceWebhookSecret: SECRET,
          pauseAfterFailures: 2,
        },
      },
      clock,
    );
    app = createHttpApp(ctx);
    await seedPapers(ctx, [
      { arxivId: '2608.50001', day: '2026-08-21', fields: { title: 'Paper <i>one</i>' } },
    ]);
  });
  after(() => smtp.close());

  /** Sends what the outbox holds and returns the next email to `to`. */
  async function mailTo(to: string) {
    await ctx.services.delivery.sender.deliverDue();
    return smtp.nextMessage(to);
  }
  const tokenIn = (text: string, path: string) =>
    new RegExp(`${path.replaceAll('/', '\\/')}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1] ?? '';

  test('every page has the footer form; /subscribe takes it from there, CSRF and all', async () => {
    const home = await (await app.request('/')).text();
    assert.match(home, /<form method="get" action="\/subscribe" class="subscribe-footer"/);
    const search = await (await app.request('/search?q=paper&category=cs.CL')).text();
    assert.match(search, /href="\/subscribe\?alert=paper\+cat%3Acs\.CL"[^>]*>email me an alert/);

    const page = await app.request('/subscribe?email=ada%40example.org&alert=%22diffusion%22');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('cache-control') ?? '', /no-store/);
    assert.match(page.headers.get('set-cookie') ?? '', /^pb_csrf=/);
    const html = await page.text();
    assert.match(html, /name="email"[^>]*value="ada@example.org"/);
    assert.match(html, /name="alert"[^>]*value="&quot;diffusion&quot;"/);
    assert.match(html, /<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}"\/>/);
    assert.match(html, /<select id="subscribe-zone" name="time_zone" data-local-zone="fill">/);

    const noToken = await app.request('/subscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=ada%40example.org',
    });
    assert.equal(noToken.status, 403);

    const visitor = await anonymousVisitor(ctx);
    const bad = await visitor.request(app, '/subscribe', {
      form: { email: 'ada@example.org', time_zone: 'Mars/Base' },
    });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /time zone/);
    const done = await visitor.request(app, '/subscribe', {
      form: {
        email: 'Ada@Example.org',
        digest: 'on',
        cadence: 'daily',
        hour: '7',
        time_zone: 'Asia/Tokyo',
        alert: '<script>alert(1)</script> diffusion',
      },
    });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /Check your inbox/);
    const mail = await mailTo('ada@example.org');
    assert.ok(!mail.html.includes('<script>alert(1)'), 'the alert text is escaped in the email');
    assert.ok(mail.html.includes('&lt;script&gt;alert(1)&lt;/script&gt; diffusion'));

    // The link opens a page with a button (mail scanners fetch links); the POST confirms.
    const token = tokenIn(mail.text, '/subscription/confirm');
    const landing = await visitor.request(app, `/subscription/confirm?token=${token}`);
    assert.equal(landing.status, 200);
    assert.equal(landing.headers.get('referrer-policy'), 'same-origin');
    assert.match(await landing.text(), /Confirm my subscription/);
    const sub = await ctx.services.delivery.subscriptions.findByEmail('ada@example.org');
    assert.equal(sub?.status, 'pending', 'a GET confirms nothing');
    const confirmed = await visitor.request(app, '/subscription/confirm', { form: { token } });
    assert.equal(confirmed.status, 303);
    const location = confirmed.headers.get('location') ?? '';
    assert.match(location, /^\/subscription\?token=[A-Za-z0-9_-]+&done=confirmed$/);

    const manage = await visitor.request(app, location);
    const body = await manage.text();
    assert.match(body, /your subscription is confirmed/);
    assert.match(body, /daily at 07:00 \(Asia\/Tokyo\)/);
    assert.ok(body.includes('&lt;script&gt;alert(1)&lt;/script&gt; diffusion'));
    assert.ok(!body.includes('<script>alert(1)'));
  });

  test('the manage page by token: settings, alerts, unsubscribe and back, preview', async () => {
    // Past the window's lag: the paper seeded at 10:00 counts as new.
    clock.set('2026-08-21T10:30:00.000Z');
    const visitor = await anonymousVisitor(ctx);
    const sub = await ctx.services.delivery.subscriptions.findByEmail('ada@example.org');
    const token = await ctx.services.delivery.subscriptions.mintManageToken(sub!.id);

    const saved = await visitor.request(app, '/subscription/settings', {
      form: { token, cadence: 'weekly', hour: '9', time_zone: 'Europe/Berlin', digest: 'on' },
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), `/subscription?token=${token}&done=saved`);
    let row = await ctx.services.delivery.subscriptions.findByEmail('ada@example.org');
    assert.deepEqual([row?.cadence, row?.hour, row?.time_zone], ['weekly', 9, 'Europe/Berlin']);
    // Monday 24 August, 09:00 in Berlin.
    assert.equal(row?.next_due_at, '2026-08-24T07:00:00.000Z');

    const added = await visitor.request(app, '/subscription/alerts', {
      form: { token, query: 'author:"Ada Lovelace"' },
    });
    assert.equal(added.headers.get('location'), `/subscription?token=${token}&done=alert-added`);
    const twice = await visitor.request(app, '/subscription/alerts', {
      form: { token, query: 'author:"Ada Lovelace"' },
    });
    assert.equal(twice.headers.get('location'), `/subscription?token=${token}&done=alert-exists`);
    const empty = await visitor.request(app, '/subscription/alerts', { form: { token, query: '-excluded' } });
    assert.equal(empty.status, 400);
    const view = await ctx.services.delivery.subscriptions.view(row!);
    assert.equal(view.alerts.length, 2);
    const removed = await visitor.request(app, `/subscription/alerts/${view.alerts[0]?.id}/delete`, {
      form: { token },
    });
    assert.equal(removed.status, 303);
    assert.equal((await ctx.services.delivery.subscriptions.view(row!)).alerts.length, 1);

    const forged = await visitor.request(app, '/subscription/settings', {
      form: { token: 'x'.repeat(43), cadence: 'daily' },
    });
    assert.equal(forged.status, 404);
    const withoutCsrf = await app.request('/subscription/unsubscribe', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: visitor.cookie },
      body: `token=${token}`,
    });
    assert.equal(withoutCsrf.status, 403);

    const preview = await visitor.request(app, `/subscription/preview?token=${token}`);
    assert.equal(preview.status, 200);
    assert.match(preview.headers.get('content-security-policy') ?? '', /script-src|default-src 'none'/);
    assert.match(await preview.text(), /Paper &lt;i&gt;one&lt;\/i&gt;/);

    const unsubscribePage = await visitor.request(app, `/subscription/unsubscribe?token=${token}`);
    assert.match(await unsubscribePage.text(), /Stop every email to ada@example.org/);
    row = await ctx.services.delivery.subscriptions.findByEmail('ada@example.org');
    assert.equal(row?.status, 'active', 'the page alone unsubscribes nobody');
    await visitor.request(app, '/subscription/unsubscribe', { form: { token } });
    row = await ctx.services.delivery.subscriptions.findByEmail('ada@example.org');
    assert.equal(row?.status, 'unsubscribed');
    await visitor.request(app, '/subscription/resume', { form: { token } });
    row = await ctx.services.delivery.subscriptions.findByEmail('ada@example.org');
    assert.equal(row?.status, 'active');

    // Without a link or a session: ask for one by email; the answer never says whether it exists.
    const ask = await app.request('/subscription');
    assert.match(await ask.text(), /Email me a link/);
    for (const email of ['ada@example.org', 'nobody@example.org']) {
      const r = await visitor.request(app, '/subscription/link', { form: { email } });
      assert.match(
        await r.text(),
        new RegExp(`If ${email} subscribes here, a link to manage it is on its way`),
      );
    }
    const link = await mailTo('ada@example.org');
    assert.match(link.text, /\/subscription\?token=[A-Za-z0-9_-]+/);
    await ctx.services.delivery.sender.deliverDue();
    assert.equal(smtp.messages.filter((m) => m.to.includes('nobody@example.org')).length, 0);
  });

  test('signed in: subscribing the account address needs no confirmation; the page works by session', async () => {
    const grace = await signedInUser(ctx, 'grace@example.org');
    const form = await grace.request(app, '/subscribe');
    assert.match(await form.text(), /value="grace@example.org"/);
    const r = await grace.request(app, '/subscribe', {
      form: { email: 'grace@example.org', digest: 'on', cadence: 'daily', hour: '8', time_zone: 'UTC' },
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/subscription?done=subscribed');
    const page = await grace.request(app, '/subscription?done=subscribed');
    assert.match(await page.text(), /You are subscribed/);
    const alert = await grace.request(app, '/subscription/alerts', { form: { query: 'cat:cs.CL' } });
    assert.equal(alert.headers.get('location'), '/subscription?done=alert-added');
    // Another address is a stranger's until its owner confirms.
    const other = await grace.request(app, '/subscribe', {
      form: { email: 'hopper@example.org', digest: 'on', cadence: 'daily', hour: '8', time_zone: 'UTC' },
    });
    assert.match(await other.text(), /Check your inbox/);
    const settings = await grace.request(app, '/settings');
    assert.match(await settings.text(), /href="\/subscription">manage your subscription/);
  });

  test('the digest preview, the bounce hook, and /mod/delivery for admins only', async () => {
    const preview = await app.request('/digest/preview?cadence=daily');
    assert.equal(preview.status, 200);
    assert.match(await preview.text(), /Paper &lt;i&gt;one&lt;\/i&gt;/);
    const text = await app.request('/digest/preview?format=text');
    assert.match(await text.text(), /Paper <i>one<\/i>/);
    assert.equal((await app.request('/digest/preview?cadence=hourly')).status, 400);
    // Days later, nothing featured since: the preview is the digest of the feed's newest day, dated so.
    clock.set('2026-08-25T10:30:00.000Z');
    const quiet = await app.request('/digest/preview');
    assert.equal(quiet.headers.get('x-preview-as-of'), '2026-08-21T23:59:59.999Z');
    const quietHtml = await quiet.text();
    assert.match(quietHtml, /Trending papers, Friday 21 August 2026/);
    assert.match(quietHtml, /The top 1 of 1 new paper on the feed/);

    const hook = (body: unknown, secret = SECRET) =>
      jsonRequest(app, '/hooks/mail-bounces', 'POST', body, { authorization: `Bearer ${secret}` });
    assert.equal(
      (await hook({ email: 'ada@example.org', type: 'hard' }, 'wrong-secret-wrong-secret')).status,
      401,
    );
    const malformed = await hook({ email: 'ada@example.org', type: 'bounced' });
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as { error: string }).error, /hard, soft or complaint/);
    const first = await hook([
      { email: 'ada@example.org', type: 'hard', reason: '5.1.1 user unknown' },
      { email: 'nobody@example.org', type: 'hard' },
    ]);
    assert.deepEqual(await first.json(), { received: 2, recorded: 1 });
    await hook({ email: 'ada@example.org', type: 'hard', reason: '5.1.1 user unknown' });
    const ada = await ctx.services.delivery.subscriptions.findByEmail('ada@example.org');
    assert.equal(ada?.status, 'paused');
    assert.match(ada?.paused_reason ?? '', /hard bounce: 5\.1\.1 user unknown/);

    const member = await signedInUser(ctx, 'member@example.org');
    assert.equal((await member.request(app, '/mod/delivery')).status, 403);
    const curator = await signedInUser(ctx, 'cura@example.org', 'curator');
    assert.equal((await curator.request(app, '/mod/delivery')).status, 403);
    const admin = await signedInUser(ctx, 'root@example.org', 'admin');
    const page = await admin.request(app, '/mod/delivery');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /ada@example.org/);
    assert.match(html, /hard bounce: 5\.1\.1 user unknown/);
    assert.ok(html.includes(`/mod/delivery/subscriptions/${ada?.id}/resume`));
    const resumed = await admin.request(app, `/mod/delivery/subscriptions/${ada?.id}/resume`, { form: {} });
    assert.equal(resumed.headers.get('location'), '/mod/delivery?done=resumed');
    assert.equal(
      (await ctx.services.delivery.subscriptions.findByEmail('ada@example.org'))?.status,
      'active',
    );
    assert.equal(
      (await member.request(app, `/mod/delivery/subscriptions/${ada?.id}/resume`, { form: {} })).status,
      403,
    );
  });
});
