// The community as an attacker sees it, on both databases: XSS payloads in every user-controlled field
// rendered inert in pages, feeds, the API and the sign-in email; CSRF refused; SQL injection strings
// in every parameter stored or refused, never executed; session fixation; expired and reused
// sign-in links; rate limits; banned users.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import { createHttpApp, MAX_BODY_BYTES } from '../../src/http/server.js';
import { passwordChangedEmail } from '../../src/email/templates/password-changed.email.js';
import { signInEmail } from '../../src/email/templates/sign-in.email.js';
import { createTestApp } from '../support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../support/community.js';
import { describeEachDatabase } from '../support/databases.js';
import { anonymousVisitor, jsonRequest } from '../support/http.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
];

/** Markup an attacker would need: a live script, event handler or javascript: URL, unescaped. */
function assertInert(body: string, where: string): void {
  const withoutOurScript = body.replace(
    /<script src="\/assets\/app\.[0-9a-f]{12}\.js" defer=""><\/script>/,
    '',
  );
  assert.doesNotMatch(withoutOurScript, /<script/i, `${where}: a script element`);
  assert.doesNotMatch(body, /<img[^>]*onerror/i, `${where}: an img with onerror`);
  assert.doesNotMatch(body, /<svg/i, `${where}: an svg element`);
  assert.doesNotMatch(body, /<iframe/i, `${where}: an iframe`);
  assert.doesNotMatch(body, /href="\s*javascript:/i, `${where}: a javascript: link`);
  assert.doesNotMatch(body, /<a href="javascript/i, `${where}: a raw anchor`);
}

const SQLI = [
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  "'); DELETE FROM votes; --",
  '" OR ""="',
  "\\'; SELECT pg_sleep(5); --",
];

describeEachDatabase('security', (get) => {
  let ctx: AppContext;
  let app: Hono;
  let smtp: TestSmtpServer;
  let mallory: TestUser;
  let admin: TestUser;

  before(async () => {
    smtp = await startSmtpServer();
    const base = createTestApp(get().db);
    const generous = { max: 10_000, windowSeconds: 3600 };
    ctx = createTestApp(get().db, {
      community: {
        ...base.config.community,
        smtpUrl: smtp.url,
        // This suite sends many requests; the rate-limit test below uses its own strict limits.
        rateLimits: {
          ...base.config.community.rateLimits,
          signin: generous,
          password: generous,
          vote: generous,
          edit: generous,
          handle: generous,
          comment: generous,
          submit: generous,
          token: generous,
          flag: generous,
          subscribe: generous,
        },
      },
    });
    app = createHttpApp(ctx);
    await seedPapers(ctx, [
      { arxivId: '2608.00001', day: '2026-08-21' },
      { arxivId: '2608.00002', day: '2026-08-21' },
    ]);
    mallory = await signedInUser(ctx, 'mallory@example.org');
    admin = await signedInUser(ctx, 'admin@example.org', 'admin');
  });
  after(() => smtp.close());

  test('XSS payloads in every user-controlled field are inert in pages, feeds and the API', async () => {
    const curator = await signedInUser(ctx, 'curator@example.org', 'curator');
    for (const [i, payload] of PAYLOADS.entries()) {
      const res = await mallory.request(app, '/papers/2608.00001/comments', {
        form: { body: `${payload} @admin` },
      });
      assert.equal(res.status, 303, payload);
      if (i === 0) {
        await mallory.request(app, '/comments/1/flag', { form: { reason: payload } });
        await mallory.request(app, '/papers/2608.00001/flag', { form: { reason: payload } });
        await mallory.request(app, '/settings/tokens', { form: { name: payload, scope: 'read' } });
      }
    }
    // The display name takes any printable text; the handle only [a-z0-9_].
    const named = await mallory.request(app, '/settings/profile', {
      form: { display_name: PAYLOADS[1] ?? '', handle: 'mallory' },
    });
    assert.equal(named.status, 303);
    const badHandle = await mallory.request(app, '/settings/profile', {
      form: { display_name: 'M', handle: '<b>x</b>' },
    });
    assert.equal(badHandle.status, 400);
    // Curators' title override is escaped like any title; javascript: links are refused.
    assert.equal(
      (
        await curator.request(app, '/papers/2608.00002/edit', {
          form: { title_override: PAYLOADS[0] ?? '', github_repo: '', project_page: '' },
        })
      ).status,
      303,
    );
    for (const link of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      ' javascript:alert(1)',
    ]) {
      const res = await curator.request(app, '/papers/2608.00002/edit', {
        form: { title_override: '', github_repo: link, project_page: '' },
      });
      assert.equal(res.status, 400, link);
    }
    await admin.request(app, '/mod/ban', {
      form: { handle: 'curator', action: 'unban', reason: PAYLOADS[2] ?? '' },
    });

    const pages = [
      '/papers/2608.00001',
      '/papers/2608.00002',
      '/papers?date=2026-08-21',
      '/users/mallory',
      '/mod',
      '/settings',
      '/trending',
    ];
    for (const path of pages) {
      for (const viewer of path === '/mod' ? [admin] : [admin, mallory]) {
        const res = await viewer.request(app, path);
        assert.equal(res.status, 200, path);
        assertInert(await res.text(), path);
      }
    }
    const anonymousPage = await app.request('/papers/2608.00001');
    const body = await anonymousPage.text();
    assertInert(body, 'anonymous paper page');
    assert.match(body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the payload is shown as text');
    assert.match(body, /<a href="\/users\/admin" class="mention"/, 'mentions of real users link');
    for (const feed of ['/feeds/daily.rss', '/feeds/daily.atom']) {
      const res = await app.request(feed);
      assertInert(await res.text(), feed);
    }
    // JSON Feed titles are plain text by the spec; its HTML is content_html.
    const jsonFeed = (await (await app.request('/feeds/daily.json')).json()) as {
      items: { content_html: string }[];
    };
    for (const item of jsonFeed.items) assertInert(item.content_html, 'JSON Feed content_html');
    const api = await app.request('/api/papers/2608.00001/comments');
    const comments = (await api.json()) as { html: string }[];
    for (const c of comments) assertInert(c.html, 'API comment html');
    const paper = await app.request('/api/papers/2608.00002');
    assert.equal(
      ((await paper.json()) as { title: string }).title,
      PAYLOADS[0],
      'JSON carries text, not markup',
    );
  });

  test('the sign-in and password emails escape what they show', async () => {
    const mail = signInEmail({
      to: 'x@example.org',
      siteName: '<script>alert(1)</script> Lab',
      link: 'https://papers.example.org/signin/link?token=abc&next="><img src=x onerror=alert(1)>',
      minutes: 15,
    });
    assertInert(mail.html, 'email html');
    assert.match(mail.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Lab/);
    // A real link sent through SMTP, whose next carries a payload: only an escaped, local path remains.
    const visitor = await anonymousVisitor(ctx);
    await visitor.request(app, '/signin', {
      form: { email: 'xss@example.org', next: `/"><script>alert(1)</script>` },
    });
    const sent = await smtp.nextMessage('xss@example.org');
    assertInert(sent.html, 'sent email');
    for (const change of ['set', 'changed', 'removed', 'cleared'] as const) {
      const notice = passwordChangedEmail({
        to: 'x@example.org',
        siteName: '<script>alert(1)</script> Lab',
        change,
        at: '2026-08-22T09:00:00.000Z',
        ip: '203.0.113.5',
        signInUrl: 'https://papers.example.org/signin?next="><img src=x onerror=alert(1)>',
        resetMinutes: 10,
      });
      assertInert(notice.html, `password ${change} email`);
      assert.match(notice.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Lab/);
    }
  });

  test('CSRF: state-changing requests without the token, with a wrong one or cross-site are refused', async () => {
    const form = { vote: '1' };
    const url = '/papers/2608.00002/upvote';
    const headers = { cookie: mallory.cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const none = await app.request(url, {
      method: 'POST',
      headers,
      body: new URLSearchParams(form).toString(),
    });
    assert.equal(none.status, 403);
    const wrong = await app.request(url, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ ...form, _csrf: 'A'.repeat(43) }).toString(),
    });
    assert.equal(wrong.status, 403);
    // Another user's token does not fit this session.
    const other = await app.request(url, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ ...form, _csrf: admin.csrf }).toString(),
    });
    assert.equal(other.status, 403);
    const crossSite = await mallory.request(app, url, { form, headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(crossSite.status, 403);
    const foreignOrigin = await mallory.request(app, url, {
      form,
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(foreignOrigin.status, 403);
    // Cookie-authenticated API calls need the header; bearer tokens need none.
    const apiCookie = await jsonRequest(app, '/api/papers/2608.00002/upvote', 'POST', undefined, {
      cookie: mallory.cookie,
    });
    assert.equal(apiCookie.status, 403);
    const apiHeader = await jsonRequest(app, '/api/papers/2608.00002/upvote', 'POST', undefined, {
      cookie: mallory.cookie,
      'x-csrf-token': mallory.csrf,
    });
    assert.equal(apiHeader.status, 200);
    // The anonymous sign-in form: without its cookie-bound token, no link is sent (login CSRF).
    const signIn = await app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=victim%40example.org',
    });
    assert.equal(signIn.status, 403);
    assert.equal(await ctx.services.votes.markVoted(mallory.actor.user.id, []).then(() => 'ok'), 'ok');
  });

  test('SQL injection strings in every parameter are data, never SQL', async () => {
    const usersBefore = (await ctx.services.accounts.listUsers()).length;
    const visitor = await anonymousVisitor(ctx);
    const { token } = await ctx.services.apiTokens.create(mallory.actor, 'sqli', 'write');
    for (const s of SQLI) {
      const e = encodeURIComponent(s);
      for (const path of [
        `/papers/${e}`,
        `/users/${e}`,
        `/api/papers/${e}/comments`,
        `/papers?date=${e}`,
        `/signin?next=${e}`,
      ]) {
        const res = await app.request(path);
        assert.ok([200, 301, 302, 400, 404].includes(res.status), `${path}: ${res.status}`);
      }
      const comment = await mallory.request(app, '/papers/2608.00001/comments', {
        form: { body: s, parent_id: '' },
      });
      assert.equal(comment.status, 303);
      for (const res of [
        await mallory.request(app, `/papers/${e}/upvote`, { form: { vote: '1' } }),
        await mallory.request(app, '/papers/2608.00001/comments', { form: { body: 'x', parent_id: s } }),
        await mallory.request(app, '/submit', { form: { id: s } }),
        await mallory.request(app, '/settings/profile', { form: { display_name: s, handle: s } }),
        await mallory.request(app, `/comments/${e}/edit`, { form: { body: s } }),
        await visitor.request(app, '/signin', { form: { email: s } }),
        await visitor.request(app, '/signin/password', { form: { email: `a${s}@x.org`, password: s } }),
        await visitor.request(app, '/signin/link', { form: { token: `${s}${'x'.repeat(30)}` } }),
        await jsonRequest(app, '/api/daily_papers', 'POST', { id: s }, { authorization: `Bearer ${token}` }),
        await jsonRequest(app, `/api/papers/${e}/upvote`, 'POST', undefined, {
          authorization: `Bearer ${token}`,
        }),
        await jsonRequest(app, '/api/papers/2608.00001/upvote', 'POST', undefined, {
          authorization: `Bearer ${s}`,
        }),
      ]) {
        assert.ok([303, 400, 401, 403, 404].includes(res.status), `${s}: ${res.status}`);
      }
    }
    const thread = await ctx.services.comments.listThread('2608.00001');
    for (const s of SQLI)
      assert.ok(
        thread.some((c) => c.source === s.trim()),
        `stored literally: ${s}`,
      );
    assert.equal(
      (await ctx.services.accounts.listUsers()).length,
      usersBefore,
      'no account appeared or vanished',
    );
  });

  test('session fixation: signing in always issues a new session and ends the one the browser had', async () => {
    const visitor = await anonymousVisitor(ctx);
    // A planted session of the attacker's own account (login CSRF) and a made-up one.
    const attacker = await signedInUser(ctx, 'attacker@example.org');
    await visitor.request(app, '/signin', { form: { email: 'victim2@example.org' } });
    const token =
      /token=([A-Za-z0-9_-]+)/.exec((await smtp.nextMessage('victim2@example.org')).text)?.[1] ?? '';
    const res = await app.request('/signin/link', {
      method: 'POST',
      headers: {
        cookie: `${visitor.cookie}; pb_session=${attacker.sessionToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      // With a session cookie in the browser, the landing page carries that session's CSRF token.
      body: new URLSearchParams({ _csrf: attacker.csrf, token }).toString(),
    });
    assert.equal(res.status, 303);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const issued = /pb_session=([^;]+)/.exec(setCookie)?.[1] ?? '';
    assert.ok(issued.length >= 43);
    assert.notEqual(issued, attacker.sessionToken);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Secure/, 'https base URL: Secure cookie');
    assert.equal(
      await ctx.services.auth.authenticate(attacker.sessionToken),
      null,
      'the planted session ended',
    );
    const who = await app.request('/api/me', { headers: { cookie: `pb_session=${issued}` } });
    assert.equal(((await who.json()) as { handle: string }).handle, 'victim2');
    const madeUp = await app.request('/settings', {
      headers: { cookie: 'pb_session=made-up-by-the-attacker-000000000000' },
    });
    assert.equal(madeUp.status, 303);
  });

  test('sign-in links: a GET never consumes them; reused and expired ones are refused', async () => {
    const visitor = await anonymousVisitor(ctx);
    await visitor.request(app, '/signin', { form: { email: 'links@example.org' } });
    const token =
      /token=([A-Za-z0-9_-]+)/.exec((await smtp.nextMessage('links@example.org')).text)?.[1] ?? '';
    const landing = await visitor.request(app, `/signin/link?token=${token}`);
    assert.equal(landing.status, 200);
    assert.equal(landing.headers.get('referrer-policy'), 'same-origin');
    assert.match(landing.headers.get('cache-control') ?? '', /no-store/);
    const first = await visitor.request(app, '/signin/link', { form: { token } });
    assert.equal(first.status, 303);
    const again = await visitor.request(app, '/signin/link', { form: { token } });
    assert.equal(again.status, 401);
    assert.match(await again.text(), /expired or was already used/);
    const expiredCtx = createTestApp(get().db, ctx.config, '2026-08-22T09:16:00.000Z');
    await visitor.request(app, '/signin', { form: { email: 'links@example.org' } });
    const late = /token=([A-Za-z0-9_-]+)/.exec((await smtp.nextMessage('links@example.org')).text)?.[1] ?? '';
    const expired = await visitor.request(createHttpApp(expiredCtx), '/signin/link', {
      form: { token: late },
    });
    assert.equal(expired.status, 401);
    // Open redirects through next are refused.
    for (const next of ['//evil.example/', '/\\evil.example', 'https://evil.example/']) {
      await visitor.request(app, '/signin', { form: { email: 'links@example.org', next } });
      const t = /token=([A-Za-z0-9_-]+)/.exec((await smtp.nextMessage('links@example.org')).text)?.[1] ?? '';
      const res = await visitor.request(app, '/signin/link', { form: { token: t, next } });
      assert.equal(res.headers.get('location'), '/', next);
    }
  });

  test('rate limits answer 429 with Retry-After, per address and per account, lower for new accounts', async () => {
    const strict = createTestApp(get().db, {
      community: {
        ...ctx.config.community,
        trustProxy: true,
        rateLimits: {
          ...ctx.config.community.rateLimits,
          signin: { max: 2, windowSeconds: 900 },
          password: { max: 2, windowSeconds: 900 },
          comment: { max: 4, windowSeconds: 3600 },
          vote: { max: 8, windowSeconds: 3600 },
        },
        newAccountRateFactor: 0.5,
      },
    });
    const strictApp = createHttpApp(strict);
    const visitor = await anonymousVisitor(strict);
    const ip = { 'x-forwarded-for': '198.51.100.7' };
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await visitor.request(strictApp, '/signin', { form: { email: `r${i}@example.org` }, headers: ip }))
          .status,
      );
    assert.deepEqual(codes, [200, 200, 429]);
    const limited = await visitor.request(strictApp, '/signin', {
      form: { email: 'r9@example.org' },
      headers: ip,
    });
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.match(await limited.text(), /too many signin attempts/);
    const elsewhere = await visitor.request(strictApp, '/signin', {
      form: { email: 'r8@example.org' },
      headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' },
    });
    assert.equal(elsewhere.status, 200, 'only the last X-Forwarded-For entry counts');
    // IPv6 clients count by their /64: new addresses in one's own network are the same client.
    const rotated: number[] = [];
    for (let i = 1; i <= 3; i++)
      rotated.push(
        (
          await visitor.request(strictApp, '/signin', {
            form: { email: `v${i}@example.org` },
            headers: { 'x-forwarded-for': `2001:db8:7:7::${i}` },
          })
        ).status,
      );
    assert.deepEqual(rotated, [200, 200, 429]);

    // Changing a password checks the current one: counted with the password sign-ins of its email, so
    // a stolen session cannot guess it (2 attempts: setting one, then a wrong guess; the next is
    // refused before any check, right password or not).
    const owner = await signedInUser(strict, 'owner@example.org');
    const at = { 'x-forwarded-for': '198.51.100.20' };
    const set = await owner.request(strictApp, '/settings/password', {
      form: { new_password: 'a long first password' },
      headers: at,
    });
    assert.equal(set.status, 303);
    const later = createHttpApp(createTestApp(get().db, strict.config, '2026-08-22T09:11:00.000Z'));
    const guess = await owner.request(later, '/settings/password', {
      form: { current_password: 'a guess', new_password: 'the attacker password' },
      headers: at,
    });
    assert.equal(guess.status, 400);
    const again = await owner.request(later, '/settings/password', {
      form: { current_password: 'a long first password', new_password: 'the attacker password' },
      headers: { 'x-forwarded-for': '203.0.113.21' },
    });
    assert.equal(again.status, 429);
    assert.match(await again.text(), /too many password attempts/);

    // A new account gets half of 4 comments: the third is refused, as JSON on the API.
    const fresh = await signedInUser(strict, 'fresh@example.org');
    const { token } = await strict.services.apiTokens.create(fresh.actor, 'rl', 'write');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await jsonRequest(
        strictApp,
        '/api/papers/2608.00001/comments',
        'POST',
        { body: `c${i}` },
        {
          authorization: `Bearer ${token}`,
        },
      );
      statuses.push(res.status);
      if (res.status === 429) {
        const json = (await res.json()) as { error: string; retryAfterSeconds: number };
        assert.match(json.error, /too many comment attempts/);
        assert.ok(json.retryAfterSeconds > 0);
      }
    }
    assert.deepEqual(statuses, [201, 201, 429]);
  });

  test('nobody can lock another out of signing in: link requests count per client, password guesses never block the link', async () => {
    const strict = createTestApp(get().db, {
      community: {
        ...ctx.config.community,
        trustProxy: true,
        rateLimits: {
          ...ctx.config.community.rateLimits,
          signin: { max: 3, windowSeconds: 900 },
          password: { max: 3, windowSeconds: 900 },
        },
      },
    });
    const strictApp = createHttpApp(strict);
    const victim = await signedInUser(strict, 'locked@example.org');
    await strict.services.auth.setPassword(victim.actor, null, 'the victim password', victim.sessionHash);
    await smtp.nextMessage('locked@example.org');
    const attacker = await anonymousVisitor(strict);
    const from = (i: number) => ({ 'x-forwarded-for': `192.0.2.${i}` });

    // Link requests for the victim from twenty addresses: every answer is the same, and the mailbox
    // receives only PAPERBOY_SIGNIN_LINKS_PER_EMAIL links, each of which works.
    const before = smtp.messages.length;
    for (let i = 0; i < 20; i++) {
      const res = await attacker.request(strictApp, '/signin', {
        form: { email: 'locked@example.org' },
        headers: from(i),
      });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /If locked@example\.org can sign in here, a link is on its way/);
    }
    const flood = smtp.messages.slice(before).filter((m) => m.to.includes('locked@example.org'));
    assert.equal(flood.length, strict.config.community.signInLinksPerEmail, 'the inbox is not flooded');
    for (const _ of flood) await smtp.nextMessage('locked@example.org');
    const visitor = await anonymousVisitor(strict);
    const mine = { 'x-forwarded-for': '203.0.113.50' };
    const password = await visitor.request(strictApp, '/signin/password', {
      form: { email: 'locked@example.org', password: 'the victim password' },
      headers: mine,
    });
    assert.equal(password.status, 303, 'password sign-in is not blocked by link requests');
    const token = /token=([A-Za-z0-9_-]+)/.exec(flood[0]?.text ?? '')?.[1] ?? '';
    const link = await visitor.request(strictApp, '/signin/link', { form: { token }, headers: mine });
    assert.equal(link.status, 303, 'a link the attacker made us send signs the owner in');

    // Wrong passwords from many addresses: password sign-in for that email stops for the window,
    // the emailed link does not (a link was just used, so a new one is mailed).
    const guesses: number[] = [];
    for (let i = 30; i < 34; i++)
      guesses.push(
        (
          await attacker.request(strictApp, '/signin/password', {
            form: { email: 'locked@example.org', password: `guess ${i}` },
            headers: from(i),
          })
        ).status,
      );
    // (The window already holds the victim's own two: setting the password and signing in with it.)
    assert.deepEqual(guesses, [401, 429, 429, 429]);
    const asked = await visitor.request(strictApp, '/signin', {
      form: { email: 'locked@example.org' },
      headers: mine,
    });
    assert.equal(asked.status, 200);
    const fresh = await smtp.nextMessage('locked@example.org');
    const t2 = /token=([A-Za-z0-9_-]+)/.exec(fresh.text)?.[1] ?? '';
    assert.equal(
      (await visitor.request(strictApp, '/signin/link', { form: { token: t2 }, headers: mine })).status,
      303,
    );
    // One address guessing many accounts' passwords is limited per address as well.
    const spray: number[] = [];
    for (let i = 0; i < 4; i++)
      spray.push(
        (
          await attacker.request(strictApp, '/signin/password', {
            form: { email: `spray${i}@example.org`, password: 'Password123' },
            headers: from(99),
          })
        ).status,
      );
    assert.deepEqual(spray, [401, 401, 401, 429]);
  });

  test('a banned user can neither vote, comment nor submit, by page or by token', async () => {
    const banned = await signedInUser(ctx, 'banned@example.org');
    const { token } = await ctx.services.apiTokens.create(banned.actor, 'x', 'write');
    await ctx.services.moderation.ban(admin.actor, banned.actor.user.handle, 'abuse', true);
    const before = await ctx.services.accounts.getProfile(banned.actor.user.handle);
    for (const [path, form] of [
      ['/papers/2608.00001/upvote', { vote: '1' }],
      ['/papers/2608.00001/comments', { body: 'hi' }],
      ['/submit', { id: '2608.00002' }],
    ] as const) {
      // The ban ended the session: the form is refused (its CSRF token was bound to that session).
      const res = await banned.request(app, path, { form });
      assert.ok([303, 403].includes(res.status), `${path}: ${res.status}`);
    }
    const afterwards = await ctx.services.accounts.getProfile(banned.actor.user.handle);
    assert.deepEqual(
      [afterwards.upvoted.length, afterwards.comments.length, afterwards.submissions.length],
      [before.upvoted.length, before.comments.length, before.submissions.length],
    );
    const api = await jsonRequest(app, '/api/papers/2608.00001/upvote', 'POST', undefined, {
      authorization: `Bearer ${token}`,
    });
    assert.equal(api.status, 401);
    // Even an actor object that slipped through is refused by the services.
    await assert.rejects(
      ctx.services.votes.upvote(
        { ...banned.actor, user: { ...banned.actor.user, bannedAt: '2026-08-22T09:00:00.000Z' } },
        '2608.00001',
      ),
      /banned/,
    );
  });

  test('answers to signed-in requests, by cookie or by token, are never cacheable', async () => {
    const { token } = await ctx.services.apiTokens.create(mallory.actor, 'cache', 'write');
    const callers: Record<string, string>[] = [
      { cookie: mallory.cookie },
      { authorization: `Bearer ${token}` },
    ];
    for (const headers of callers) {
      const me = await jsonRequest(app, '/api/me', 'GET', undefined, headers);
      assert.equal(me.status, 200);
      assert.equal(me.headers.get('cache-control'), 'private, no-store', Object.keys(headers)[0]);
    }
    const vote = await mallory.request(app, '/papers/2608.00001/upvote', {
      form: { vote: '1' },
      headers: { accept: 'application/json' },
    });
    assert.equal(vote.status, 200);
    assert.equal(vote.headers.get('cache-control'), 'private, no-store');
  });

  test('a body larger than any form is refused before it is read', async () => {
    const huge = `email=${'a'.repeat(MAX_BODY_BYTES)}%40example.org`;
    const page = await app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: huge,
    });
    assert.equal(page.status, 413);
    const api = await jsonRequest(
      app,
      '/api/papers/2608.00001/comments',
      'POST',
      { body: 'x'.repeat(MAX_BODY_BYTES) },
      { cookie: mallory.cookie, 'x-csrf-token': mallory.csrf },
    );
    assert.equal(api.status, 413);
    assert.match(((await api.json()) as { error: string }).error, /larger than/);
    // Sent in chunks without a Content-Length, it is cut off all the same.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('a'.repeat(8192)));
        controller.close();
      },
    });
    const streamed = await app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
  });

  test('security headers on every page; Strict-Transport-Security on an https site only', async () => {
    const res = await app.request('/signin');
    assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000');
    const plain = createHttpApp(createTestApp(get().db, { ...ctx.config, baseUrl: 'http://localhost:3000' }));
    assert.equal((await plain.request('/signin')).headers.get('strict-transport-security'), null);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });
});
