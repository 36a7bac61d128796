import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  addMonths,
  addWeeks,
  isDay,
  isoWeekOf,
  parseIsoWeek,
  parseMonth,
  toIsoTimestamp,
} from './days.js';

test('isDay accepts real calendar days only', () => {
  assert.equal(isDay('2026-08-21'), true);
  assert.equal(isDay('2024-02-29'), true);
  assert.equal(isDay('2026-02-29'), false);
  assert.equal(isDay('2026-13-01'), false);
  assert.equal(isDay('2026-8-21'), false);
  assert.equal(isDay('2026-08-21T00:00:00Z'), false);
});

test('ISO weeks: Monday start, week 1 holds the first Thursday', () => {
  assert.equal(isoWeekOf('2026-08-21'), '2026-W34');
  assert.equal(isoWeekOf('2021-01-03'), '2020-W53'); // Sunday belongs to the last week of 2020
  assert.equal(isoWeekOf('2024-12-30'), '2025-W01'); // Monday belongs to week 1 of 2025
  assert.deepEqual(parseIsoWeek('2026-W34'), { from: '2026-08-17', to: '2026-08-23' });
  assert.deepEqual(parseIsoWeek('2020-W53'), { from: '2020-12-28', to: '2021-01-03' });
  assert.equal(parseIsoWeek('2025-W53'), null); // 2025 has 52 weeks
  assert.deepEqual(parseIsoWeek('2026-W53'), { from: '2026-12-28', to: '2027-01-03' }); // 2026 has 53
  assert.equal(parseIsoWeek('2026-W00'), null);
  assert.equal(parseIsoWeek('2026-34'), null);
  assert.equal(addWeeks('2026-W01', -1), '2025-W52');
});

test('months and day arithmetic', () => {
  assert.deepEqual(parseMonth('2024-02'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(parseMonth('2026-12'), { from: '2026-12-01', to: '2026-12-31' });
  assert.equal(parseMonth('2026-13'), null);
  assert.equal(addMonths('2026-01', -1), '2025-12');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
});

test('timestamps normalize to ISO UTC', () => {
  assert.equal(toIsoTimestamp('2017-06-16'), '2017-06-16T00:00:00.000Z');
  assert.equal(toIsoTimestamp('2021-04-20T16:07:14Z'), '2021-04-20T16:07:14.000Z');
  assert.equal(toIsoTimestamp('not a date'), null);
  assert.equal(toIsoTimestamp(null), null);
});
