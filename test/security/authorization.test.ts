// Every state-changing route the app registers, walked from Hono's route table, must be listed here
// with the least role it needs, and must refuse anyone below: anonymous visitors (even with a valid
// CSRF token) are sent to sign in (pages) or get 401 (API); members get 403 from curator and admin
// routes; curators get 403 from admin routes; owners' routes refuse other members. Subscription
// routes are opened by the token of an emailed link (or a session): a wrong token gets nothing; the
// bounce hook wants its bearer secret. A route added without a row here fails the first test.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import { createHttpApp } from '../../src/http/server.js';
import { sha256Hex } from '../../src/lib/secrets.js';
import { createStores } from '../../src/stores/index.js';
import { createTestApp } from '../support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../support/community.js';
import { describeEachDatabase } from '../support/databases.js';
import { anonymousVisitor, jsonRequest, type Visitor } from '../support/http.js';

type Need = 'anyone' | 'member' | 'owner' | 'curator' | 'admin' | 'subscriber' | 'secret';

interface Row {
  need: Need;
  /** A concrete path for the pattern. */
  path: (ids: Ids) => string;
  form?: (ids: Ids) => Record<string, string>;
  json?: unknown;
}

interface Ids {
  comment: number;
  token: number;
  flag: number;
  /** Subscription rows: the link token the request carries (the right one, or a forged one). */
  link: string;
  confirm: string;
  alert: number;
  paused: number;
  failedEmail: number;
}

const BOUNCE_SECRET = 'authorization-test-bounce-secret';
const FORGED = 'x'.repeat(43);

const PAPER = '2608.00001';

/** `METHOD pattern` as Hono registers it -> what it needs. */
const ROUTES: Record<string, Row> = {
  'POST /signin': { need: 'anyone', path: () => '/signin', form: () => ({ email: 'x@example.org' }) },
  'POST /signin/password': {
    need: 'anyone',
    path: () => '/signin/password',
    form: () => ({ email: 'x@example.org', password: 'x' }),
  },
  'POST /signin/link': {
    need: 'anyone',
    path: () => '/signin/link',
    form: () => ({ token: 'x'.repeat(43) }),
  },
  'POST /signout': { need: 'anyone', path: () => '/signout', form: () => ({}) },
  'POST /papers/:id{.+}/upvote': {
    need: 'member',
    path: () => `/papers/${PAPER}/upvote`,
    form: () => ({ vote: '1' }),
  },
  'POST /papers/:id{.+}/comments': {
    need: 'member',
    path: () => `/papers/${PAPER}/comments`,
    form: () => ({ body: 'hi' }),
  },
  'POST /papers/:id{.+}/flag': {
    need: 'member',
    path: () => `/papers/${PAPER}/flag`,
    form: () => ({ reason: 'spam here' }),
  },
  'POST /comments/:id{[0-9]+}/edit': {
    need: 'owner',
    path: (i) => `/comments/${i.comment}/edit`,
    form: () => ({ body: 'edited' }),
  },
  'POST /comments/:id{[0-9]+}/delete': {
    need: 'owner',
    path: (i) => `/comments/${i.comment}/delete`,
    form: () => ({}),
  },
  'POST /comments/:id{[0-9]+}/flag': {
    need: 'member',
    path: (i) => `/comments/${i.comment}/flag`,
    form: () => ({ reason: 'rude words' }),
  },
  'POST /submit': { need: 'member', path: () => '/submit', form: () => ({ id: '2608.00002' }) },
  'POST /settings/profile': {
    need: 'member',
    path: () => '/settings/profile',
    form: () => ({ display_name: 'X', handle: 'someone_new' }),
  },
  'POST /settings/password': {
    need: 'member',
    path: () => '/settings/password',
    form: () => ({ new_password: 'a long password here' }),
  },
  'POST /settings/password/remove': {
    need: 'member',
    path: () => '/settings/password/remove',
    form: () => ({}),
  },
  'POST /settings/tokens': {
    need: 'member',
    path: () => '/settings/tokens',
    form: () => ({ name: 't', scope: 'read' }),
  },
  'POST /settings/tokens/:id{[0-9]+}/revoke': {
    need: 'owner',
    path: (i) => `/settings/tokens/${i.token}/revoke`,
    form: () => ({}),
  },
  'POST /settings/signout-everywhere': {
    need: 'member',
    path: () => '/settings/signout-everywhere',
    form: () => ({}),
  },
  'POST /papers/:id{.+}/feature': {
    need: 'curator',
    path: () => `/papers/${PAPER}/feature`,
    form: () => ({ day: '2026-08-22' }),
  },
  'POST /papers/:id{.+}/unfeature': {
    need: 'curator',
    path: () => `/papers/${PAPER}/unfeature`,
    form: () => ({ day: '2026-08-21' }),
  },
  'POST /papers/:id{.+}/edit': {
    need: 'curator',
    path: () => `/papers/${PAPER}/edit`,
    form: () => ({ title_override: '', github_repo: '', project_page: '' }),
  },
  'POST /mod/comments/:id{[0-9]+}/hide': {
    need: 'admin',
    path: (i) => `/mod/comments/${i.comment}/hide`,
    form: () => ({}),
  },
  'POST /mod/comments/:id{[0-9]+}/unhide': {
    need: 'admin',
    path: (i) => `/mod/comments/${i.comment}/unhide`,
    form: () => ({}),
  },
  'POST /mod/ban': {
    need: 'admin',
    path: () => '/mod/ban',
    form: () => ({ handle: 'victim', action: 'ban', reason: '' }),
  },
  'POST /mod/flags/:id{[0-9]+}/resolve': {
    need: 'admin',
    path: (i) => `/mod/flags/${i.flag}/resolve`,
    form: () => ({}),
  },
  'POST /subscribe': {
    need: 'anyone',
    path: () => '/subscribe',
    form: () => ({ email: 'new-reader@example.org', digest: 'on' }),
  },
  'POST /subscription/link': {
    need: 'anyone',
    path: () => '/subscription/link',
    form: () => ({ email: 'reader@example.org' }),
  },
  'POST /subscription/confirm': {
    need: 'subscriber',
    path: () => '/subscription/confirm',
    form: (i) => ({ token: i.confirm }),
  },
  'POST /subscription/settings': {
    need: 'subscriber',
    path: () => '/subscription/settings',
    form: (i) => ({ token: i.link, cadence: 'daily', hour: '8', time_zone: 'UTC', digest: 'on' }),
  },
  'POST /subscription/alerts': {
    need: 'subscriber',
    path: () => '/subscription/alerts',
    form: (i) => ({ token: i.link, query: 'diffusion' }),
  },
  'POST /subscription/alerts/:id{[0-9]+}/delete': {
    need: 'subscriber',
    path: (i) => `/subscription/alerts/${i.alert}/delete`,
    form: (i) => ({ token: i.link }),
  },
  'POST /subscription/unsubscribe': {
    need: 'subscriber',
    path: () => '/subscription/unsubscribe',
    form: (i) => ({ token: i.link }),
  },
  'POST /subscription/resume': {
    need: 'subscriber',
    path: () => '/subscription/resume',
    form: (i) => ({ token: i.link }),
  },
  'POST /subscription/one-click': {
    need: 'subscriber',
    path: (i) => `/subscription/one-click?token=${i.link}`,
    form: () => ({ 'List-Unsubscribe': 'One-Click' }),
  },
  'POST /hooks/mail-bounces': { need: 'secret', path: () => '/hooks/mail-bounces' },
  'POST /mod/delivery/subscriptions/:id{[0-9]+}/resume': {
    need: 'admin',
    path: (i) => `/mod/delivery/subscriptions/${i.paused}/resume`,
    form: () => ({}),
  },
  'POST /mod/delivery/emails/:id{[0-9]+}/retry': {
    need: 'admin',
    path: (i) => `/mod/delivery/emails/${i.failedEmail}/retry`,
    form: () => ({}),
  },
  'POST /api/papers/:id{.+}/upvote': { need: 'member', path: () => `/api/papers/${PAPER}/upvote` },
  'DELETE /api/papers/:id{.+}/upvote': { need: 'member', path: () => `/api/papers/${PAPER}/upvote` },
  'POST /api/papers/:id{.+}/comments': {
    need: 'member',
    path: () => `/api/papers/${PAPER}/comments`,
    json: { body: 'hi' },
  },
  'POST /api/daily_papers': {
    need: 'member',
    path: () => '/api/daily_papers',
    json: { id: '2608.00002', date: '2026-08-01' },
  },
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describeEachDatabase('authorization of every mutating route', (get) => {
  let ctx: AppContext;
  let app: Hono;
  let anon: Visitor;
  let owner: TestUser;
  let member: TestUser;
  let curator: TestUser;
  let admin: TestUser;
  let ids: Ids;
  const tokens: Record<string, string> = {};

  before(async () => {
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, {
      delivery: { ...base.config.delivery, bounceWebhookSecret: BOUNCE_SECRET },
    });
    app = createHttpApp(ctx);
    await seedPapers(ctx, [{ arxivId: PAPER, day: '2026-08-21' }, { arxivId: '2608.00002' }]);
    anon = await anonymousVisitor(ctx);
    owner = await signedInUser(ctx, 'owner@example.org');
    member = await signedInUser(ctx, 'member@example.org');
    curator = await signedInUser(ctx, 'curator@example.org', 'curator');
    admin = await signedInUser(ctx, 'admin@example.org', 'admin');
    await signedInUser(ctx, 'victim@example.org');
    const comment = await ctx.services.comments.post(owner.actor, PAPER, 'mine');
    const token = await ctx.services.apiTokens.create(owner.actor, 'mine', 'write');
    await ctx.services.comments.flag(member.actor, 'comment', comment.id, 'looks like spam');
    const flag = (await ctx.services.moderation.listFlags(admin.actor))[0]?.id ?? 0;
    // A subscriber with an alert and a link token, a pending one with a confirmation token, a paused
    // one and an email given up, all through the real services and stores.
    const subs = ctx.services.delivery.subscriptions;
    const stores = createStores(ctx.db.kysely, ctx.db.dialect);
    const request = {
      cadence: 'daily' as const,
      skipWeekends: false,
      hour: 8,
      timeZone: 'UTC',
      digest: true,
    };
    await subs.subscribe(
      { ...request, email: 'reader@example.org', alert: 'transformers' },
      { ip: null, user: null },
    );
    await subs.subscribe({ ...request, email: 'pending@example.org', alert: null }, { ip: null, user: null });
    await subs.subscribe({ ...request, email: 'paused@example.org', alert: null }, { ip: null, user: null });
    const reader = (await subs.findByEmail('reader@example.org'))!;
    const pending = (await subs.findByEmail('pending@example.org'))!;
    const paused = (await subs.findByEmail('paused@example.org'))!;
    const now = ctx.clock.now().toISOString();
    await stores.subscriptionTokens.insert(
      sha256Hex('confirm-token-of-the-pending-subscriber'),
      pending.id,
      'confirm',
      now,
      null,
    );
    await stores.subscriptionTokens.insert(
      sha256Hex('confirm-token-of-the-paused-subscriber'),
      paused.id,
      'confirm',
      now,
      null,
    );
    await subs.confirm('confirm-token-of-the-paused-subscriber');
    await stores.subscriptions.recordFailure(paused.id, '550 gone', 1, now);
    const [claimed] = await stores.outbox.claim({ workerId: 'test', now, leaseUntil: now, limit: 1 });
    await stores.outbox.markFinal(claimed!.row.id, 'test', 'failed', '550 gone', now);
    ids = {
      comment: comment.id,
      token: token.info.id,
      flag,
      link: await subs.mintManageToken(reader.id),
      confirm: 'confirm-token-of-the-pending-subscriber',
      alert: (await subs.view(reader)).alerts[0]?.id ?? 0,
      paused: paused.id,
      failedEmail: claimed!.row.id,
    };
    for (const [name, user] of Object.entries({ member, curator })) {
      tokens[name] = (await ctx.services.apiTokens.create(user.actor, 'api', 'write')).token;
    }
  });

  test('every mutating route registered on the app has a row in this table, and every row a route', () => {
    const registered = new Set(
      app.routes.filter((r) => MUTATING.has(r.method)).map((r) => `${r.method} ${r.path}`),
    );
    const missing = [...registered].filter((r) => !(r in ROUTES));
    assert.deepEqual(missing, [], 'routes without an authorization test');
    const stale = Object.keys(ROUTES).filter((r) => !registered.has(r));
    assert.deepEqual(stale, [], 'rows for routes that no longer exist');
  });

  async function send(route: string, who: Visitor | TestUser | { bearer: string } | null) {
    const row = ROUTES[route];
    assert.ok(row);
    const method = route.split(' ')[0] ?? 'POST';
    const path = row.path(ids);
    if (path.startsWith('/api/') || path.startsWith('/hooks/')) {
      const headers: Record<string, string> = {};
      if (who && 'bearer' in who) headers.authorization = `Bearer ${who.bearer}`;
      return jsonRequest(
        app,
        path,
        method,
        row.json ?? { email: 'reader@example.org', type: 'soft' },
        headers,
      );
    }
    assert.ok(who && !('bearer' in who));
    return who.request(app, path, { method, form: row.form?.(ids) ?? {} });
  }

  const refusedAnonymously = (res: Response) =>
    res.status === 401 || (res.status === 303 && (res.headers.get('location') ?? '').startsWith('/signin'));

  test('anonymous visitors are refused by every route that needs an account', async () => {
    for (const route of Object.keys(ROUTES)) {
      const row = ROUTES[route];
      if (row?.need === 'anyone' || row?.need === 'subscriber' || row?.need === 'secret') continue;
      const res = await send(route, route.includes(' /api/') ? null : anon);
      assert.ok(refusedAnonymously(res), `${route}: ${res.status} ${res.headers.get('location') ?? ''}`);
    }
  });

  test('members are refused by curator and admin routes, curators by admin routes, others by owners routes', async () => {
    for (const [route, row] of Object.entries(ROUTES)) {
      const api = route.includes(' /api/');
      const wrong: (TestUser | { bearer: string })[] =
        row.need === 'curator'
          ? [api ? { bearer: tokens.member ?? '' } : member]
          : row.need === 'admin'
            ? [member, curator]
            : row.need === 'owner'
              ? [member, curator]
              : [];
      for (const who of wrong) {
        const res = await send(route, who);
        assert.ok([403, 404].includes(res.status), `${route} as the wrong user: ${res.status}`);
      }
    }
    // Curators may name a day on the API; members may not.
    const asMember = await send('POST /api/daily_papers', { bearer: tokens.member ?? '' });
    assert.equal(asMember.status, 403);
  });

  test('subscription links need their own token; the bounce hook its secret', async () => {
    const forged = { ...ids, link: FORGED, confirm: FORGED };
    for (const [route, row] of Object.entries(ROUTES)) {
      if (row.need === 'secret') {
        assert.equal((await send(route, null)).status, 401, `${route} without its secret`);
        assert.equal((await send(route, { bearer: 'wrong-secret-wrong-secret' })).status, 401);
        continue;
      }
      if (row.need !== 'subscriber') continue;
      // A forged token, anonymously and signed in as someone without a subscription.
      for (const who of [anon, member]) {
        const res = await who.request(app, row.path(forged), { form: row.form?.(forged) ?? {} });
        assert.ok([400, 404].includes(res.status), `${route} with a forged token: ${res.status}`);
      }
    }
    // Without any token, a page form falls back to the session: none, so sign in first.
    const res = await anon.request(app, '/subscription/settings', { form: { cadence: 'daily' } });
    assert.ok(refusedAnonymously(res));
  });

  test('the right role gets through every route', async () => {
    const byNeed: Record<Exclude<Need, 'secret'>, TestUser | Visitor> = {
      anyone: member,
      member,
      owner,
      curator,
      admin,
      subscriber: anon,
    };
    for (const [route, row] of Object.entries(ROUTES)) {
      if (
        route.startsWith('POST /signin') ||
        route === 'POST /settings/signout-everywhere' ||
        route === 'POST /signout'
      )
        continue;
      const res =
        row.need === 'secret'
          ? await send(route, { bearer: BOUNCE_SECRET })
          : route.includes(' /api/')
            ? await send(route, { bearer: row.need === 'member' ? (tokens.curator ?? '') : '' })
            : await send(route, byNeed[row.need]);
      assert.ok(
        res.status < 400,
        `${route} as ${row.need}: ${res.status} ${await res.text().then((t) => t.slice(0, 300))}`,
      );
    }
  });
});
