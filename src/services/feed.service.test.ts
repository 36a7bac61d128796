import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import type { AppContext } from '../app.js';

describeEachDatabase('FeedService', (get) => {
  let ctx: AppContext;
  before(async () => {
    ctx = createTestApp(get().db);
    await ctx.services.importer.importFiles(hfFixtureFiles());
  });

  test('without a day, the newest day with entries; with previous and next days', async () => {
    const feed = await ctx.services.feed.getDay(null);
    assert.equal(feed?.day, '2026-08-21');
    assert.equal(feed?.previousDay, '2025-07-04');
    assert.equal(feed?.nextDay, null);
    assert.equal(feed?.cards.length, 17);
    const older = await ctx.services.feed.getDay('2025-07-04');
    assert.deepEqual(
      [older?.previousDay, older?.nextDay, older?.cards.length],
      ['2025-03-14', '2026-08-21', 12],
    );
  });

  test('a day without entries is empty but still navigable', async () => {
    const feed = await ctx.services.feed.getDay('2025-05-01');
    assert.deepEqual([feed?.cards.length, feed?.previousDay, feed?.nextDay], [0, '2025-03-14', '2025-07-04']);
  });

  test('top sorts by points, new by the time each paper was put on the feed', async () => {
    const top = (await ctx.services.feed.getDay('2026-08-21', 'top'))?.cards ?? [];
    const points = top.map((c) => c.trending.points);
    assert.deepEqual(
      points,
      [...points].sort((a, b) => b - a),
    );
    assert.equal(top[0]?.arxivId, '2608.19880'); // EnvHarness, 163 upvotes in the snapshot
    const fresh = (await ctx.services.feed.getDay('2026-08-21', 'new'))?.cards ?? [];
    const times = fresh.map((c) => c.featured?.featuredAt ?? '');
    assert.deepEqual(times, [...times].sort().reverse());
  });

  test('week and month views group days and link neighbours that have entries', async () => {
    const week = await ctx.services.feed.getWeek('2026-W34');
    assert.deepEqual(week.range, { from: '2026-08-17', to: '2026-08-23' });
    assert.equal(week.cards.length, 17);
    assert.equal(week.previous, '2026-W33');
    assert.equal(week.next, null);
    const month = await ctx.services.feed.getMonth('2024-12');
    assert.equal(month.cards.length, 11);
    assert.deepEqual([month.previous, month.next], ['2024-11', '2025-01']);
    await assert.rejects(ctx.services.feed.getWeek('2026-W60'), { name: 'InvalidInputError', field: 'week' });
  });

  test('trending scores the window ending on the newest feed day when the feed is stale', async () => {
    const late = createTestApp(get().db, {}, '2026-11-28T12:00:00.000Z');
    const trending = await late.services.feed.getTrending();
    assert.deepEqual(trending.range, { from: '2026-08-15', to: '2026-08-21' });
    assert.equal(trending.asOf, '2026-08-21T23:59:59.999Z');
    assert.equal(trending.cards.length, 17);
    const scores = trending.cards.map((c) => c.trending.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    const top = trending.cards[0];
    // Featured at 2026-08-21T00:00Z, scored at the end of that day: age just under one day.
    assert.ok(top && top.trending.ageDays > 0.99 && top.trending.ageDays < 1);
    assert.equal(top.trending.score, top.trending.points / Math.pow(top.trending.ageDays + 1, 1.5));
  });

  test('every trending score is computed at the same moment: the list, sorted views, the paper page', async () => {
    // Months after the newest feed day, as on the quick-start sample.
    const late = createTestApp(get().db, {}, '2026-11-28T12:00:00.000Z');
    const { feed, papers } = late.services;
    const trending = await feed.getTrending();
    assert.deepEqual([trending.asOf, trending.stale], ['2026-08-21T23:59:59.999Z', true]);
    const scores = new Map(trending.cards.map((c) => [c.arxivId, c.trending]));

    const week = await feed.getWeek('2026-W34', 'trending');
    const month = await feed.getMonth('2026-08', 'trending');
    const day = await feed.getDay(null, 'trending');
    for (const view of [week, month, day]) {
      assert.deepEqual([view?.asOf, view?.stale], [trending.asOf, true]);
      for (const card of view?.cards ?? []) assert.deepEqual(card.trending, scores.get(card.arxivId));
    }
    assert.deepEqual(
      week.cards.map((c) => c.arxivId),
      trending.cards.map((c) => c.arxivId),
    );

    const top = trending.cards[0];
    const paper = await papers.getPaper(top?.arxivId ?? '');
    assert.deepEqual(paper.trending, { breakdown: top?.trending, asOf: trending.asOf, stale: true });
    assert.equal(paper.trending?.breakdown.score.toFixed(2), '57.81');

    // While the feed is live, everything is scored as of the clock.
    const live = createTestApp(get().db, {}, '2026-08-21T18:00:00.000Z').services;
    const now = await live.feed.getTrending();
    assert.deepEqual([now.asOf, now.stale], ['2026-08-21T18:00:00.000Z', false]);
    const livePaper = await live.papers.getPaper(top?.arxivId ?? '');
    assert.deepEqual(livePaper.trending?.breakdown, now.cards[0]?.trending);
    assert.equal(livePaper.trending?.asOf, now.asOf);
  });

  test('a slice of a week or month is that stretch of the whole ordered list', async () => {
    const whole = await ctx.services.feed.getWeek('2026-W34', 'new');
    const pages = [];
    for (let offset = 0; offset < whole.total; offset += 5)
      pages.push(await ctx.services.feed.getWeek('2026-W34', 'new', { offset, limit: 5 }));
    assert.deepEqual(
      pages.map((p) => [p.offset, p.cards.length, p.total]),
      [
        [0, 5, 17],
        [5, 5, 17],
        [10, 5, 17],
        [15, 2, 17],
      ],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.cards.map((c) => c.arxivId)),
      whole.cards.map((c) => c.arxivId),
    );
    const past = await ctx.services.feed.getMonth('2026-08', 'top', { offset: 100, limit: 5 });
    assert.deepEqual([past.cards.length, past.total], [0, 17]);
  });
});
