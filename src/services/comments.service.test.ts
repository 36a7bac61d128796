// Comments, submissions and moderation on both databases: threads, edit window, soft delete, counts,
// mentions, flags; submission rules; curator and admin actions in the moderation log.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { type AppContext, createServices } from '../app.js';
import { createTestApp, TEST_NOW } from '../../test/support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { fixedClock } from '../lib/clock.js';
import { silentLogger } from '../lib/logger.js';
import { ConflictError, ForbiddenError, InvalidInputError, RateLimitedError } from './errors.js';

describeEachDatabase('comments, submissions and moderation', (get) => {
  let ctx: AppContext;
  let ada: TestUser;
  let bob: TestUser;
  let curator: TestUser;
  let admin: TestUser;

  before(async () => {
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, { community: { ...base.config.community, submissionsPerDay: 2 } });
    await seedPapers(ctx, [
      { arxivId: '2608.00001', day: '2026-08-21', fields: { hfComments: 3 } },
      { arxivId: '2608.00002', fields: { publishedAt: '2026-08-20T00:00:00.000Z' } },
      { arxivId: '2608.00003', fields: { publishedAt: '2026-08-21T00:00:00.000Z' } },
      { arxivId: '2608.00004', fields: { publishedAt: '2026-08-21T00:00:00.000Z' } },
      { arxivId: '2001.00001', fields: { publishedAt: '2020-01-01T00:00:00.000Z' } },
    ]);
    ada = await signedInUser(ctx, 'ada@example.org');
    bob = await signedInUser(ctx, 'bob@example.org');
    curator = await signedInUser(ctx, 'cura@example.org', 'curator');
    admin = await signedInUser(ctx, 'root@example.org', 'admin');
  });

  test('a thread with replies, Markdown and mentions; counts on the card', async () => {
    const top = await ctx.services.comments.post(
      ada.actor,
      '2608.00001',
      'Nice **result**, @bob and @nobody',
    );
    assert.equal(top.comments, 4, '3 mirrored + 1 local');
    assert.match(top.html, /<strong>result<\/strong>/);
    assert.match(top.html, /<a href="\/users\/bob" class="mention" rel="nofollow ugc noopener">@bob<\/a>/);
    assert.match(top.html, /@nobody/);
    assert.doesNotMatch(top.html, /users\/nobody/);
    const reply = await ctx.services.comments.post(bob.actor, '2608.00001', 'Thanks', top.id);
    const thread = await ctx.services.comments.listThread('2608.00001');
    assert.equal(thread.length, 1);
    assert.equal(thread[0]?.children[0]?.id, reply.id);
    const day = await ctx.services.feed.getDay('2026-08-21');
    assert.equal(day?.cards.find((c) => c.arxivId === '2608.00001')?.comments, 5);
    await assert.rejects(ctx.services.comments.post(ada.actor, '2608.00002', 'x', top.id), InvalidInputError);
    await assert.rejects(ctx.services.comments.post(ada.actor, '2608.00001', '   '), InvalidInputError);
  });

  test('comment edits are rate-limited on their own budget, per account', async () => {
    const strict = createServices(
      get().db,
      {
        ...ctx.config,
        community: {
          ...ctx.config.community,
          newAccountRateFactor: 1,
          rateLimits: { ...ctx.config.community.rateLimits, edit: { max: 3, windowSeconds: 3600 } },
        },
      },
      fixedClock(TEST_NOW),
      silentLogger,
    );
    await seedPapers(ctx, [{ arxivId: '2608.00009' }]);
    const editor = await signedInUser(ctx, 'editor@example.org');
    const c = await strict.comments.post(editor.actor, '2608.00009', 'v0');
    for (const v of ['v1', 'v2', 'v3']) await strict.comments.edit(editor.actor, c.id, v);
    await assert.rejects(strict.comments.edit(editor.actor, c.id, 'v4'), RateLimitedError);
    // Posting is counted apart: the edit limit leaves it alone.
    await strict.comments.post(editor.actor, '2608.00009', 'a new comment');
    const thread = await strict.comments.listThread('2608.00009');
    assert.ok(thread.some((n) => n.id === c.id && n.source === 'v3'));
  });

  test('edit within the window only, by the author only; delete keeps the thread shape', async () => {
    const c = await ctx.services.comments.post(ada.actor, '2608.00002', 'first');
    await assert.rejects(ctx.services.comments.edit(bob.actor, c.id, 'hijack'), ForbiddenError);
    await ctx.services.comments.edit(ada.actor, c.id, 'second');
    const later = createServices(
      get().db,
      ctx.config,
      fixedClock(new Date(Date.parse(TEST_NOW) + 16 * 60_000)),
      silentLogger,
    );
    await assert.rejects(later.comments.edit(ada.actor, c.id, 'third'), ForbiddenError);
    const reply = await ctx.services.comments.post(bob.actor, '2608.00002', 'reply', c.id);
    await ctx.services.comments.delete(ada.actor, c.id);
    const thread = await ctx.services.comments.listThread('2608.00002');
    assert.equal(thread[0]?.state, 'deleted');
    assert.equal(thread[0]?.author, null);
    assert.equal(thread[0]?.html, '');
    assert.equal(thread[0]?.children[0]?.id, reply.id);
    await assert.rejects(ctx.services.comments.post(bob.actor, '2608.00002', 'late', c.id), ConflictError);
  });

  test('members submit recent papers to today, once, within the daily cap; curators are exempt', async () => {
    const r = await ctx.services.submissions.submit(ada.actor, '2608.00002', { comment: 'Worth a read' });
    assert.deepEqual(
      { ...r, commentId: typeof r.commentId },
      {
        arxivId: '2608.00002',
        title: 'Paper 2608.00002',
        day: '2026-08-22',
        added: true,
        fetched: false,
        commentId: 'number',
      },
    );
    await assert.rejects(ctx.services.submissions.submit(bob.actor, '2608.00002'), ConflictError);
    await assert.rejects(ctx.services.submissions.submit(ada.actor, '2001.00001'), InvalidInputError);
    await assert.rejects(
      ctx.services.submissions.submit(ada.actor, '2608.00003', { day: '2026-08-01' }),
      ForbiddenError,
    );
    await ctx.services.submissions.submit(ada.actor, '2608.00003');
    await assert.rejects(ctx.services.submissions.submit(ada.actor, '2608.00004'), RateLimitedError);
    const old = await ctx.services.submissions.submit(curator.actor, '2001.00001', { day: '2026-08-01' });
    assert.equal(old.day, '2026-08-01');
    const profile = await ctx.services.accounts.getProfile('ada');
    assert.deepEqual(profile.submissions.map((c) => c.arxivId).sort(), ['2608.00002', '2608.00003']);
  });

  test('roles: curators feature, unfeature and edit links; admins hide and ban; all logged', async () => {
    await assert.rejects(
      ctx.services.moderation.feature(ada.actor, '2608.00004', '2026-08-22'),
      ForbiddenError,
    );
    await ctx.services.moderation.feature(curator.actor, '2608.00004', '2026-08-22');
    await ctx.services.moderation.unfeature(curator.actor, '2608.00004', '2026-08-22');
    await ctx.services.moderation.editPaper(curator.actor, '2608.00004', {
      titleOverride: 'A better title',
      githubRepo: 'https://github.com/example/code',
      projectPage: null,
    });
    await assert.rejects(
      ctx.services.moderation.editPaper(curator.actor, '2608.00004', {
        titleOverride: null,
        githubRepo: 'javascript:alert(1)',
        projectPage: null,
      }),
      InvalidInputError,
    );
    const paper = await ctx.services.papers.getPaper('2608.00004');
    assert.equal(paper.title, 'A better title');
    assert.equal(paper.githubRepo, 'https://github.com/example/code');

    const c = await ctx.services.comments.post(bob.actor, '2608.00004', 'spam spam');
    await ctx.services.comments.flag(ada.actor, 'comment', c.id, 'spam');
    await assert.rejects(ctx.services.moderation.hideComment(curator.actor, c.id, true), ForbiddenError);
    const flags = await ctx.services.moderation.listFlags(admin.actor);
    assert.equal(flags.length, 1);
    await ctx.services.moderation.hideComment(admin.actor, c.id, true);
    assert.equal((await ctx.services.comments.listThread('2608.00004'))[0]?.state, 'hidden');
    await ctx.services.moderation.resolveFlag(admin.actor, flags[0]?.id ?? 0);
    await ctx.services.moderation.ban(admin.actor, 'bob', 'spam', true);
    const log = await ctx.services.moderation.listLog(curator.actor);
    assert.deepEqual(log.map((e) => e.action).reverse(), [
      'feature',
      'feature',
      'unfeature',
      'edit-paper',
      'hide-comment',
      'resolve-flag',
      'ban',
    ]);
    await assert.rejects(ctx.services.moderation.listLog(ada.actor), ForbiddenError);
  });
});
