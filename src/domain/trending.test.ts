import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareTrending, trendingAsOf, trendingScore } from './trending.js';

const now = new Date('2026-08-21T12:00:00.000Z');

test('a fresh paper scores its points', () => {
  const b = trendingScore({ upvotes: 10, comments: 4, featuredAt: '2026-08-21T12:00:00.000Z' }, now);
  assert.equal(b.points, 12);
  assert.equal(b.ageDays, 0);
  assert.equal(b.score, 12);
});

test('points decay with age as (age_days + 1) ^ 1.5', () => {
  const b = trendingScore({ upvotes: 100, comments: 0, featuredAt: '2026-08-18T12:00:00.000Z' }, now);
  assert.equal(b.ageDays, 3);
  assert.equal(b.score, 100 / 8); // (3 + 1) ^ 1.5 = 8
});

test('a clock behind the feed never makes a paper younger than new', () => {
  const b = trendingScore({ upvotes: 5, comments: 0, featuredAt: '2026-08-22T00:00:00.000Z' }, now);
  assert.equal(b.ageDays, 0);
  assert.equal(b.score, 5);
});

test('a newer paper with fewer votes can outrank an older one', () => {
  const fresh = trendingScore({ upvotes: 20, comments: 0, featuredAt: '2026-08-21T00:00:00.000Z' }, now);
  const old = trendingScore({ upvotes: 100, comments: 0, featuredAt: '2026-08-14T00:00:00.000Z' }, now);
  const sorted = [
    { breakdown: old, arxivId: 'a' },
    { breakdown: fresh, arxivId: 'b' },
  ].sort(compareTrending);
  assert.deepEqual(
    sorted.map((s) => s.arxivId),
    ['b', 'a'],
  );
});

test('scores are as of now while the feed has a paper today', () => {
  assert.deepEqual(trendingAsOf('2026-08-21', now), { day: '2026-08-21', at: now, stale: false });
  // A curator's pick on a later day does not move the clock forward.
  assert.deepEqual(trendingAsOf('2026-08-25', now), { day: '2026-08-21', at: now, stale: false });
  assert.deepEqual(trendingAsOf(null, now), { day: '2026-08-21', at: now, stale: false });
});

test('a stale feed is scored as of the last instant of its newest day', () => {
  const months = new Date('2026-11-28T12:00:00.000Z');
  const asOf = trendingAsOf('2026-08-21', months);
  assert.deepEqual(asOf, { day: '2026-08-21', at: new Date('2026-08-21T23:59:59.999Z'), stale: true });
  // So a paper featured on that day keeps the score it had then, not one decayed for three months.
  const paper = { upvotes: 163, comments: 1, featuredAt: '2026-08-21T00:00:00.000Z' };
  assert.equal(trendingScore(paper, asOf.at).score.toFixed(2), '57.81');
  assert.ok(trendingScore(paper, months).score < 0.2);
});
