// Every community page and API endpoint through the real HTTP app on both databases: the sign-in flow
// with the link received by an in-process SMTP server, votes, comments, submissions, settings and
// tokens, profiles, moderation, the API with tokens, and /openapi.json describing it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../app.js';
import { createHttpApp } from '../server.js';
import { createTestApp } from '../../../test/support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../../../test/support/community.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { anonymousVisitor, jsonRequest } from '../../../test/support/http.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp-server.js';

describeEachDatabase('community routes', (get) => {
  let ctx: AppContext;
  let app: Hono;
  let smtp: TestSmtpServer;
  let ada: TestUser;
  let curator: TestUser;
  let admin: TestUser;

  before(async () => {
    smtp = await startSmtpServer();
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, {
      pageCacheSeconds: 60,
      community: { ...base.config.community, smtpUrl: smtp.url },
    });
    app = createHttpApp(ctx);
    await seedPapers(ctx, [
      { arxivId: '2608.00001', day: '2026-08-21', fields: { hfUpvotes: 4 } },
      { arxivId: '2608.00002', fields: { publishedAt: '2026-08-21T00:00:00.000Z' } },
      { arxivId: '2608.00003', fields: { publishedAt: '2026-08-21T00:00:00.000Z' } },
      { arxivId: 'hep-th/9901001', fields: { publishedAt: '1999-01-04T00:00:00.000Z' } },
    ]);
    ada = await signedInUser(ctx, 'ada@example.org');
    curator = await signedInUser(ctx, 'cura@example.org', 'curator');
    admin = await signedInUser(ctx, 'root@example.org', 'admin');
  });
  after(() => smtp.close());

  test('sign in through the emailed link, land on the page asked for, sign out', async () => {
    const visitor = await anonymousVisitor(ctx);
    const page = await visitor.request(app, '/signin?next=/papers/2608.00001');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('cache-control') ?? '', /no-store/);
    assert.match(await page.text(), /<input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}"\/>/);
    const fresh = await app.request('/signin');
    assert.match(
      fresh.headers.get('set-cookie') ?? '',
      /^pb_csrf=[A-Za-z0-9_-]{43}; Max-Age=86400; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );

    const sent = await visitor.request(app, '/signin', {
      form: { email: 'Grace@Example.org', next: '/papers/2608.00001' },
    });
    assert.equal(sent.status, 200);
    assert.match(await sent.text(), /Check your email/);
    const mail = await smtp.nextMessage('grace@example.org');
    const link = /https:\/\/papers\.example\.org(\/signin\/link\?[^\s]+)/.exec(mail.text)?.[1] ?? '';
    assert.match(link, /^\/signin\/link\?token=[A-Za-z0-9_-]{43}&next=%2Fpapers%2F2608\.00001$/);
    const landing = await visitor.request(app, link);
    const form = await landing.text();
    const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const signedIn = await visitor.request(app, '/signin/link', {
      form: { token, next: '/papers/2608.00001' },
    });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get('location'), '/papers/2608.00001');
    const session = /pb_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const settings = await app.request('/settings', { headers: { cookie: `pb_session=${session}` } });
    const body = await settings.text();
    assert.match(body, /Signed in as grace@example.org/);
    assert.match(body, /<a href="\/users\/grace" class="user-name">Grace<\/a>/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
    const out = await app.request('/signout', {
      method: 'POST',
      headers: { cookie: `pb_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrf}`,
    });
    assert.equal(out.status, 303);
    assert.match(out.headers.get('set-cookie') ?? '', /pb_session=;/);
    assert.equal(
      (await app.request('/settings', { headers: { cookie: `pb_session=${session}` } })).status,
      303,
    );
  });

  test('password sign-in after setting one in settings', async () => {
    const set = await ada.request(app, '/settings/password', {
      form: { new_password: 'a very long password' },
    });
    assert.equal(set.headers.get('location'), '/settings?saved=password');
    const visitor = await anonymousVisitor(ctx);
    const ok = await visitor.request(app, '/signin/password', {
      form: { email: 'ada@example.org', password: 'a very long password' },
    });
    assert.equal(ok.status, 303);
    const bad = await visitor.request(app, '/signin/password', {
      form: { email: 'ada@example.org', password: 'nope' },
    });
    assert.equal(bad.status, 401);
    assert.match(await bad.text(), /wrong email or password/);
  });

  test('settings: a password is set only after a recent link sign-in; the link from settings resets it; removal and signing out everywhere', async () => {
    const user = await signedInUser(ctx, 'reset@example.org');
    const page = await (await user.request(app, '/settings')).text();
    assert.match(
      page,
      /You signed in with an emailed link: until <time datetime="2026-08-22T09:10:00.000Z">/,
    );
    assert.match(page, /<button type="submit">Set password<\/button>/);
    assert.doesNotMatch(page, /name="current_password"/);

    // Half an hour later the same cookie (or a copy of it) cannot set a password.
    const later = createTestApp(get().db, ctx.config, '2026-08-22T09:30:00.000Z');
    const laterApp = createHttpApp(later);
    const stale = await (await user.request(laterApp, '/settings')).text();
    assert.doesNotMatch(stale, /Set password/);
    assert.match(stale, /To set a password, first prove the mailbox is yours/);
    assert.match(stale, /<input type="hidden" name="email" value="reset@example.org"\/>/);
    const refused = await user.request(laterApp, '/settings/password', {
      form: { new_password: 'the hijacker password' },
    });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /sign in again with an emailed link/);

    // The settings form asks for a link to the account's own address, which comes back to settings.
    const asked = await user.request(laterApp, '/signin', {
      form: { email: 'reset@example.org', next: '/settings#password' },
    });
    assert.match(await asked.text(), /Check your email/);
    const mail = await smtp.nextMessage('reset@example.org');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
    const signed = await user.request(laterApp, '/signin/link', {
      form: { token, next: '/settings#password' },
    });
    assert.equal(signed.headers.get('location'), '/settings#password');
    const cookie = `pb_session=${/pb_session=([^;]+)/.exec(signed.headers.get('set-cookie') ?? '')?.[1] ?? ''}`;
    const fresh = await (await laterApp.request('/settings', { headers: { cookie } })).text();
    assert.match(fresh, /until <time datetime="2026-08-22T09:40:00.000Z">/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(fresh)?.[1] ?? '';
    const post = (path: string, form: Record<string, string>) =>
      laterApp.request(path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
      });
    const set = await post('/settings/password', {
      current_password: '',
      new_password: 'the owner password',
    });
    assert.equal(set.headers.get('location'), '/settings?saved=password');
    const withPassword = await (await laterApp.request('/settings', { headers: { cookie } })).text();
    assert.match(withPassword, /Remove password/);
    assert.match(withPassword, /Also remove my password/);
    const removed = await post('/settings/password/remove', {});
    assert.equal(removed.headers.get('location'), '/settings?saved=password-removed');
    const notice = await (
      await laterApp.request('/settings?saved=password-removed', { headers: { cookie } })
    ).text();
    assert.match(notice, /Password removed: you sign in with an emailed link/);

    const { token: apiToken } = await later.services.apiTokens.create(user.actor, 'script', 'read');
    const out = await post('/settings/signout-everywhere', { revoke_tokens: '1' });
    assert.equal(out.headers.get('location'), '/');
    assert.equal((await laterApp.request('/settings', { headers: { cookie } })).status, 303);
    assert.equal(await later.services.apiTokens.authenticate(apiToken), null, 'tokens revoked');
  });

  test('upvote by form (redirect) and by script (JSON); the page shows the state; anonymous pages stay cached', async () => {
    const anon1 = await app.request('/papers?date=2026-08-21');
    const anon2 = await app.request('/papers?date=2026-08-21');
    assert.equal(anon2.headers.get('x-cache'), 'HIT');
    assert.doesNotMatch(await anon1.text(), /vote-form/);
    const form = await ada.request(app, '/papers/2608.00001/upvote', {
      form: { vote: '1', next: '/papers?date=2026-08-21' },
    });
    assert.equal(form.status, 303);
    assert.equal(form.headers.get('location'), '/papers?date=2026-08-21');
    const page = await ada.request(app, '/papers?date=2026-08-21');
    assert.equal(page.headers.get('x-cache'), null, 'a signed-in request bypasses the cache');
    assert.match(page.headers.get('cache-control') ?? '', /private, no-store/);
    assert.match(await page.text(), /aria-pressed="true"[^>]*data-upvotes="5"/);
    const js = await ada.request(app, '/papers/2608.00001/upvote', {
      form: { vote: '0' },
      headers: { accept: 'application/json' },
    });
    assert.deepEqual(await js.json(), {
      arxivId: '2608.00001',
      upvoted: false,
      changed: true,
      upvotes: 4,
      localUpvotes: 0,
    });
    const old = await ada.request(app, '/papers/hep-th/9901001/upvote', { form: { vote: '1' } });
    assert.equal(old.headers.get('location'), '/papers/hep-th/9901001');
  });

  test('comments: post, reply, edit, delete and flag by form; the thread on the page and in the API', async () => {
    const post = await ada.request(app, '/papers/2608.00001/comments', { form: { body: 'First *thought*' } });
    const id = Number(/#comment-(\d+)$/.exec(post.headers.get('location') ?? '')?.[1]);
    assert.ok(id > 0);
    const reply = await curator.request(app, '/papers/2608.00001/comments', {
      form: { body: 'A reply', parent_id: String(id) },
    });
    assert.equal(reply.status, 303);
    assert.equal(
      (await ada.request(app, `/comments/${id}/edit`, { form: { body: 'First *edited*' } })).status,
      303,
    );
    assert.equal(
      (await curator.request(app, `/comments/${id}/flag`, { form: { reason: 'off topic' } })).status,
      303,
    );
    const page = await (await ada.request(app, '/papers/2608.00001')).text();
    assert.match(page, /<p>First <em>edited<\/em><\/p>/);
    assert.match(page, /Reply to Ada/);
    const api = (await (await app.request('/api/papers/2608.00001/comments')).json()) as {
      html: string;
      replies: { html: string }[];
    }[];
    assert.equal(api[0]?.replies[0]?.html, '<p>A reply</p>\n');
    assert.equal((await ada.request(app, `/comments/${id}/delete`, { form: {} })).status, 303);
    const after = await (await ada.request(app, '/papers/2608.00001')).text();
    assert.match(after, /\[deleted\]/);
    assert.match(after, /A reply/);
    const card = await (await app.request('/api/papers/2608.00001')).json();
    assert.equal((card as { numComments: number }).numComments, 1);
  });

  test('submit a paper from /submit; profile lists it; settings create and revoke tokens', async () => {
    assert.equal((await ada.request(app, '/submit')).status, 200);
    const sub = await ada.request(app, '/submit', {
      form: { id: 'https://arxiv.org/abs/2608.00002v1', comment: 'Read this' },
    });
    assert.equal(sub.headers.get('location'), '/papers/2608.00002');
    const profile = await (await app.request('/users/ada')).text();
    assert.match(profile, /Paper 2608\.00002/);
    assert.match(profile, /Read this/);
    assert.equal((await app.request('/users/nobody_here')).status, 404);

    const created = await ada.request(app, '/settings/tokens', { form: { name: 'laptop', scope: 'write' } });
    const html = await created.text();
    const token = /<code class="token-value">(pb_[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1] ?? '';
    assert.ok(token);
    assert.match(created.headers.get('cache-control') ?? '', /no-store/);
    const list = await (await ada.request(app, '/settings')).text();
    assert.ok(!list.includes(token), 'shown once');
    const id = /\/settings\/tokens\/(\d+)\/revoke/.exec(list)?.[1] ?? '';
    assert.equal(
      (await jsonRequest(app, '/api/me', 'GET', undefined, { authorization: `Bearer ${token}` })).status,
      200,
    );
    await ada.request(app, `/settings/tokens/${id}/revoke`, { form: {} });
    assert.equal(
      (await jsonRequest(app, '/api/me', 'GET', undefined, { authorization: `Bearer ${token}` })).status,
      401,
    );
  });

  test('the API with tokens: scopes, upvote, comment, submit (curators may name a day)', async () => {
    const read = (await ctx.services.apiTokens.create(ada.actor, 'r', 'read')).token;
    const write = (await ctx.services.apiTokens.create(ada.actor, 'w', 'write')).token;
    const cur = (await ctx.services.apiTokens.create(curator.actor, 'c', 'write')).token;
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    assert.deepEqual(await (await jsonRequest(app, '/api/me', 'GET', undefined, bearer(read))).json(), {
      handle: 'ada',
      name: 'Ada',
      role: 'member',
      scope: 'read',
    });
    const refused = await jsonRequest(app, '/api/papers/2608.00001/upvote', 'POST', undefined, bearer(read));
    assert.equal(refused.status, 403);
    assert.match(((await refused.json()) as { error: string }).error, /read scope/);
    const anon = await jsonRequest(app, '/api/papers/2608.00001/upvote', 'POST', undefined);
    assert.equal(anon.status, 401);
    const up = await jsonRequest(app, '/api/papers/2608.00001/upvote', 'POST', undefined, bearer(write));
    assert.equal(((await up.json()) as { upvoted: boolean }).upvoted, true);
    const down = await jsonRequest(app, '/api/papers/2608.00001/upvote', 'DELETE', undefined, bearer(write));
    assert.equal(((await down.json()) as { upvoted: boolean }).upvoted, false);
    const posted = await jsonRequest(
      app,
      '/api/papers/2608.00001/comments',
      'POST',
      { body: 'via API' },
      bearer(write),
    );
    assert.equal(posted.status, 201);
    const badBody = await jsonRequest(
      app,
      '/api/papers/2608.00001/comments',
      'POST',
      { text: 'x' },
      bearer(write),
    );
    assert.equal(badBody.status, 400);
    const memberDay = await jsonRequest(
      app,
      '/api/daily_papers',
      'POST',
      { id: '2608.00003', date: '2026-08-01' },
      bearer(write),
    );
    assert.equal(memberDay.status, 403);
    const curated = await jsonRequest(
      app,
      '/api/daily_papers',
      'POST',
      { id: 'hep-th/9901001', date: '2026-08-20' },
      bearer(cur),
    );
    assert.equal(curated.status, 201);
    assert.equal(((await curated.json()) as { day: string }).day, '2026-08-20');
    const feed = (await (await app.request('/api/daily_papers?date=2026-08-20')).json()) as {
      paper: { id: string };
    }[];
    assert.deepEqual(
      feed.map((e) => e.paper.id),
      ['hep-th/9901001'],
    );
    const dup = await jsonRequest(app, '/api/daily_papers', 'POST', { id: '2608.00001' }, bearer(write));
    assert.equal(dup.status, 409);
  });

  test('curator controls and /mod: feature, edit links, flags, hide, ban; the log shows it all', async () => {
    const paper = await (await curator.request(app, '/papers/2608.00003')).text();
    assert.match(paper, /id="curator-heading"/);
    assert.doesNotMatch(await (await ada.request(app, '/papers/2608.00003')).text(), /id="curator-heading"/);
    assert.equal(
      (await curator.request(app, '/papers/2608.00003/feature', { form: { day: '2026-08-21' } })).status,
      303,
    );
    await curator.request(app, '/papers/2608.00003/edit', {
      form: { title_override: 'Better title', github_repo: 'https://github.com/x/y', project_page: '' },
    });
    const edited = await (await app.request('/api/papers/2608.00003')).json();
    assert.equal((edited as { title: string }).title, 'Better title');
    assert.equal((edited as { githubRepo: string }).githubRepo, 'https://github.com/x/y');
    const mod = await (await admin.request(app, '/mod')).text();
    assert.match(mod, /Open flags/);
    assert.match(mod, /edit-paper/);
    assert.equal((await curator.request(app, '/mod')).status, 200);
    assert.equal((await ada.request(app, '/mod')).status, 403);
    const victim = await signedInUser(ctx, 'victim@example.org');
    assert.equal(
      (await admin.request(app, '/mod/ban', { form: { handle: 'victim', action: 'ban', reason: 'spam' } }))
        .status,
      303,
    );
    assert.equal((await victim.request(app, '/settings')).status, 303, 'the ban ended the session');
    const log = await (await admin.request(app, '/mod')).text();
    assert.match(log, /<td>ban<\/td><td>user victim<\/td><td>spam<\/td>/);
  });

  test('/openapi.json documents the authenticated endpoints and the bearer scheme', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, { scheme: string }> };
    };
    assert.equal(doc.components.securitySchemes.bearerAuth?.scheme, 'bearer');
    assert.ok(doc.paths['/api/papers/{id}/upvote']?.post?.security);
    assert.ok(doc.paths['/api/papers/{id}/upvote']?.delete);
    assert.ok(doc.paths['/api/papers/{id}/comments']?.get);
    assert.ok(doc.paths['/api/papers/{id}/comments']?.post?.security);
    assert.ok(doc.paths['/api/daily_papers']?.post?.security);
    assert.ok(doc.paths['/api/daily_papers']?.get);
    assert.ok(doc.paths['/api/me']?.get);
  });

  test('the script is served with the stylesheet, and the layout links it', async () => {
    const home = await (await app.request('/')).text();
    const src = /<script src="(\/assets\/app\.[0-9a-f]{12}\.js)" defer=""><\/script>/.exec(home)?.[1] ?? '';
    const js = await app.request(src);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    assert.match(await js.text(), /X-CSRF-Token/);
  });
});
