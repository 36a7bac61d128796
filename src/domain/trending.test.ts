import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareTrending, trendingScore } from './trending.js';

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
