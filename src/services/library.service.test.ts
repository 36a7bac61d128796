// A reader's library, collections and follows on both databases: saves are idempotent, read marks
// and notes stick, collections keep their order and their privacy, and Following says why.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { AppContext } from '../app.js';
import { createTestApp } from '../../test/support/app.js';
import { seedPapers, signedInUser, type TestUser } from '../../test/support/community.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors.js';

describeEachDatabase('library, collections, follows', (get) => {
  let ctx: AppContext;
  let ada: TestUser;
  let bob: TestUser;

  before(async () => {
    ctx = createTestApp(get().db);
    await seedPapers(ctx, [
      {
        arxivId: '2608.40001',
        day: '2026-08-20',
        fields: {
          title: 'Graph transformers',
          authors: ['Yann LeCun', 'Ada Lovelace'],
          categories: ['cs.LG'],
        },
      },
      {
        arxivId: '2608.40002',
        day: '2026-08-21',
        fields: { title: 'Diffusion for video', authors: ['Grace Hopper'], categories: ['cs.CV'] },
      },
      {
        arxivId: '2608.40003',
        fields: {
          title: 'Speech recognition at scale',
          authors: ['Alan Turing'],
          categories: ['eess.AS'],
          publishedAt: '2026-08-19T00:00:00.000Z',
        },
      },
    ]);
    ada = await signedInUser(ctx, 'ada@example.org');
    bob = await signedInUser(ctx, 'bob@example.org');
  });

  test('saving is idempotent; read marks and notes stick; the list filters and counts', async () => {
    const lib = ctx.services.library;
    assert.deepEqual(await lib.save(ada.actor, '2608.40001v2'), {
      arxivId: '2608.40001',
      saved: true,
      changed: true,
    });
    assert.equal((await lib.save(ada.actor, '2608.40001')).changed, false);
    await lib.save(ada.actor, '2608.40002');
    const item = await lib.update(ada.actor, '2608.40001', { read: true, note: '  Read §3 again.  ' });
    assert.ok(item.read_at);
    assert.equal(item.note, 'Read §3 again.');
    const unread = await lib.list(ada.actor, 'unread', 10, 0);
    assert.deepEqual(
      unread.entries.map((e) => e.card.arxivId),
      ['2608.40002'],
    );
    assert.deepEqual(unread.counts, { all: 2, unread: 1 });
    assert.deepEqual(
      (await lib.list(bob.actor, 'all', 10, 0)).entries,
      [],
      "one reader's library is not another's",
    );
    await assert.rejects(
      lib.update(ada.actor, '2608.40001', { note: 'x'.repeat(10_001) }),
      InvalidInputError,
    );
    await assert.rejects(lib.save(ada.actor, '2608.49999'), NotFoundError);
    assert.equal((await lib.unsave(ada.actor, '2608.40002')).changed, true);
    assert.deepEqual((await lib.list(ada.actor, 'all', 10, 0)).counts, { all: 1, unread: 0 });
  });

  test('collections keep their order; private ones are absent to others, only the owner changes one', async () => {
    const cols = ctx.services.collections;
    const c = await cols.create(ada.actor, {
      title: ' Reading  group ',
      description: 'Week 1',
      visibility: 'private',
    });
    assert.equal(c.title, 'Reading group');
    assert.match(c.key, /^[A-Za-z0-9_-]{12}$/);
    for (const id of ['2608.40001', '2608.40002', '2608.40003']) await cols.add(ada.actor, c.key, id);
    assert.equal((await cols.add(ada.actor, c.key, '2608.40002')).added, false);
    await cols.move(ada.actor, c.key, '2608.40003', 1);
    const mine = await cols.get(ada.actor, c.key);
    assert.deepEqual(
      mine.papers.map((p) => [p.card.arxivId, p.position]),
      [
        ['2608.40003', 1],
        ['2608.40001', 2],
        ['2608.40002', 3],
      ],
    );
    assert.equal(mine.mine, true);
    await assert.rejects(cols.get(bob.actor, c.key), NotFoundError);
    await assert.rejects(cols.get(null, c.key), NotFoundError);
    await assert.rejects(
      cols.add(bob.actor, c.key, '2608.40001'),
      NotFoundError,
      'a private key reveals nothing',
    );
    await cols.update(ada.actor, c.key, { visibility: 'unlisted' });
    assert.equal((await cols.get(null, c.key)).papers.length, 3);
    await assert.rejects(cols.add(bob.actor, c.key, '2608.40001'), ForbiddenError);
    assert.deepEqual(await cols.listPublic(ada.actor.user.id), [], 'unlisted is not listed');
    await cols.update(ada.actor, c.key, { visibility: 'public' });
    assert.deepEqual(
      (await cols.listPublic(ada.actor.user.id)).map((p) => [p.key, p.papers]),
      [[c.key, 3]],
    );
    await cols.remove(ada.actor, c.key, '2608.40001');
    assert.deepEqual(
      (await cols.get(null, c.key)).papers.map((p) => p.card.arxivId),
      ['2608.40003', '2608.40002'],
    );
    await cols.delete(ada.actor, c.key);
    await assert.rejects(cols.get(ada.actor, c.key), NotFoundError);
  });

  test('follows name things that exist; Following lists what they bring, newest first, with why', async () => {
    const f = ctx.services.follows;
    await f.follow(ada.actor, 'author', 'yann-lecun');
    await f.follow(ada.actor, 'category', 'cs');
    await f.follow(ada.actor, 'search', 'speech recognition');
    await f.follow(ada.actor, 'member', `@${bob.actor.user.handle}`);
    assert.equal((await f.follow(ada.actor, 'category', 'cs')).created, false);
    await assert.rejects(f.follow(ada.actor, 'author', 'nobody-here'), NotFoundError);
    await assert.rejects(f.follow(ada.actor, 'category', 'not a category'), InvalidInputError);
    await assert.rejects(f.follow(ada.actor, 'member', ada.actor.user.handle), InvalidInputError);
    await ctx.services.votes.upvote(bob.actor, '2608.40003');

    const { items } = await f.following(ada.actor);
    const why = Object.fromEntries(
      items.map((i) => [
        i.card.arxivId,
        i.reasons.map((r) => `${r.kind}:${r.label}${r.action ? `:${r.action}` : ''}`).sort(),
      ]),
    );
    assert.deepEqual(why, {
      '2608.40001': ['author:Yann LeCun', 'category:cs'],
      '2608.40002': ['category:cs'],
      '2608.40003': [`member:@${bob.actor.user.handle}:upvoted`, 'search:speech recognition'],
    });
    const times = items.map((i) => i.at);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.deepEqual((await f.following(bob.actor)).items, [], "one reader's follows are not another's");
  });
});
