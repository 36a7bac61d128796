// Upvotes on both databases: one vote per user and paper, exact counts, and the trending score and
// cards following local votes on top of mirrored ones.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { AppContext } from '../app.js';
import { createTestApp } from '../../test/support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors.js';

describeEachDatabase('votes service', (get) => {
  let ctx: AppContext;
  let ada: TestUser;
  let bob: TestUser;

  before(async () => {
    ctx = createTestApp(get().db);
    await seedPapers(ctx, [
      { arxivId: '2608.00001', day: '2026-08-21', fields: { hfUpvotes: 10 } },
      { arxivId: '2608.00002', day: '2026-08-21' },
    ]);
    ada = await signedInUser(ctx, 'ada@example.org');
    bob = await signedInUser(ctx, 'bob@example.org');
  });

  test('upvoting twice keeps one vote; the count adds the mirrored upvotes', async () => {
    const first = await ctx.services.votes.upvote(ada.actor, '2608.00001');
    const again = await ctx.services.votes.upvote(ada.actor, '2608.00001v2');
    assert.deepEqual(first, {
      arxivId: '2608.00001',
      upvoted: true,
      changed: true,
      upvotes: 11,
      localUpvotes: 1,
    });
    assert.deepEqual(again, {
      arxivId: '2608.00001',
      upvoted: true,
      changed: false,
      upvotes: 11,
      localUpvotes: 1,
    });
    const second = await ctx.services.votes.upvote(bob.actor, '2608.00001');
    assert.equal(second.localUpvotes, 2);
  });

  test('a vote that changes the count moves modified_at, so the search index sees it; a repeat does not', async () => {
    const at = async () =>
      (
        await ctx.db.kysely
          .selectFrom('papers')
          .select('modified_at')
          .where('arxiv_id', '=', '2608.00002')
          .executeTakeFirstOrThrow()
      ).modified_at;
    await ctx.db.kysely.updateTable('papers').set({ modified_at: '2000-01-01T00:00:00.000Z' }).execute();
    await ctx.services.votes.upvote(bob.actor, '2608.00002');
    const moved = await at();
    assert.notEqual(moved, '2000-01-01T00:00:00.000Z');
    await ctx.db.kysely.updateTable('papers').set({ modified_at: '2000-01-01T00:00:00.000Z' }).execute();
    await ctx.services.votes.upvote(bob.actor, '2608.00002');
    assert.equal(await at(), '2000-01-01T00:00:00.000Z');
    await ctx.services.votes.unvote(bob.actor, '2608.00002');
  });

  test('unvote removes only the own vote, and twice is harmless', async () => {
    const down = await ctx.services.votes.unvote(ada.actor, '2608.00001');
    assert.equal(down.localUpvotes, 1);
    assert.equal(down.changed, true);
    const again = await ctx.services.votes.unvote(ada.actor, '2608.00001');
    assert.equal(again.changed, false);
    assert.equal(again.localUpvotes, 1);
  });

  test('cards and the trending score include local votes; viewerVoted marks the viewer', async () => {
    await ctx.services.votes.upvote(ada.actor, '2608.00002');
    const day = await ctx.services.feed.getDay('2026-08-21');
    const card = day?.cards.find((c) => c.arxivId === '2608.00002');
    assert.equal(card?.upvotes, 1);
    assert.equal(card?.trending.upvotes, 1);
    assert.ok((card?.trending.score ?? 0) > 0);
    const cards = day?.cards ?? [];
    await ctx.services.votes.markVoted(ada.actor.user.id, cards);
    const voted = Object.fromEntries(cards.map((c) => [c.arxivId, c.viewerVoted]));
    assert.deepEqual(voted, { '2608.00001': false, '2608.00002': true });
  });

  test('refuses bad ids, unknown papers and banned users', async () => {
    await assert.rejects(ctx.services.votes.upvote(ada.actor, 'nope'), InvalidInputError);
    await assert.rejects(ctx.services.votes.upvote(ada.actor, '2608.09999'), NotFoundError);
    const banned = { ...bob.actor, user: { ...bob.actor.user, bannedAt: '2026-08-22T00:00:00.000Z' } };
    await assert.rejects(ctx.services.votes.upvote(banned, '2608.00002'), ForbiddenError);
  });
});
