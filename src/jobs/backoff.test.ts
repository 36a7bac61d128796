import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDelayMs } from './backoff.js';

test('retry delays double from a minute up to an hour, jittered within the upper half', () => {
  const low = (attempt: number) => retryDelayMs(attempt, () => 0) / 1000;
  const high = (attempt: number) => retryDelayMs(attempt, () => 1) / 1000;
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8].map((a) => [low(a), high(a)]),
    [
      [30, 60],
      [60, 120],
      [120, 240],
      [240, 480],
      [480, 960],
      [960, 1920],
      [1800, 3600],
      [1800, 3600],
    ],
  );
  assert.equal(
    retryDelayMs(1000, () => 0.5),
    2_700_000,
    'no overflow far past the cap',
  );
});

test('other steps: email retries from ten seconds, capped at six hours', () => {
  const steps = { baseMs: 10_000, capMs: 6 * 3_600_000 };
  assert.equal(
    retryDelayMs(1, () => 1, steps),
    10_000,
  );
  assert.equal(
    retryDelayMs(3, () => 0, steps),
    20_000,
  );
  assert.equal(
    retryDelayMs(40, () => 1, steps),
    6 * 3_600_000,
  );
});
