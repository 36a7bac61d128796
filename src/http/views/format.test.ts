import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDay, formatDayRange, formatMonth, formatNumber, formatTime, plural } from './format.js';

test('days read as people write them, in UTC', () => {
  assert.equal(formatDay('2026-08-21'), 'Fri, Aug 21, 2026');
  assert.equal(formatMonth('2026-08'), 'August 2026');
  assert.equal(formatDayRange({ from: '2026-08-17', to: '2026-08-23' }), 'Aug 17 – Aug 23, 2026');
  assert.equal(formatDayRange({ from: '2025-12-29', to: '2026-01-04' }), 'Dec 29, 2025 – Jan 4, 2026');
  assert.equal(formatTime('2026-08-21T23:59:59.999Z'), 'Aug 21, 2026, 23:59 UTC');
});

test('numbers and counts', () => {
  assert.equal(plural(1, 'paper'), '1 paper');
  assert.equal(plural(2048, 'paper'), '2,048 papers');
  assert.equal(formatNumber(57.8146), '57.81');
  assert.equal(formatNumber(0.01234), '0.012');
  assert.equal(formatNumber(163), '163');
});
