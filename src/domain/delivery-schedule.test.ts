import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeSchedule,
  isValidTimeZone,
  latestSlot,
  nextSlot,
  periodLabel,
  zonedTime,
} from './delivery-schedule.js';

const at = (iso: string) => new Date(iso);

test('a local hour in a zone is the right instant, daylight saving included', () => {
  assert.equal(zonedTime('2026-08-21', 8, 'Europe/Berlin').toISOString(), '2026-08-21T06:00:00.000Z');
  assert.equal(zonedTime('2026-01-21', 8, 'Europe/Berlin').toISOString(), '2026-01-21T07:00:00.000Z');
  assert.equal(zonedTime('2026-08-21', 8, 'Asia/Tokyo').toISOString(), '2026-08-20T23:00:00.000Z');
  assert.equal(zonedTime('2026-08-21', 23, 'America/Los_Angeles').toISOString(), '2026-08-22T06:00:00.000Z');
  // Spring forward (29 March 2026, 02:00 -> 03:00 in Berlin): 02:00 does not exist, 03:00 stands in.
  assert.equal(zonedTime('2026-03-29', 2, 'Europe/Berlin').toISOString(), '2026-03-29T01:00:00.000Z');
  // Fall back (25 October 2026, 03:00 -> 02:00): 02:00 happens twice; the first one counts.
  assert.equal(zonedTime('2026-10-25', 2, 'Europe/Berlin').toISOString(), '2026-10-25T00:00:00.000Z');
  assert.equal(zonedTime('2026-08-21', 0, 'UTC').toISOString(), '2026-08-21T00:00:00.000Z');
});

test('daily slots: the latest at or before now, the next strictly after, weekends skipped on request', () => {
  const daily = { cadence: 'daily' as const, hour: 8, timeZone: 'Europe/Berlin', skipWeekends: false };
  // 2026-08-21 is a Friday; 08:00 in Berlin is 06:00 UTC.
  assert.deepEqual(
    { ...latestSlot(daily, at('2026-08-21T06:00:00Z')), at: undefined },
    { periodKey: 'daily:2026-08-21', localDay: '2026-08-21', at: undefined },
  );
  assert.equal(latestSlot(daily, at('2026-08-21T05:59:59Z')).periodKey, 'daily:2026-08-20');
  assert.equal(nextSlot(daily, at('2026-08-21T06:00:00Z')).periodKey, 'daily:2026-08-22');
  assert.equal(nextSlot(daily, at('2026-08-21T05:00:00Z')).at.toISOString(), '2026-08-21T06:00:00.000Z');

  const weekdays = { ...daily, skipWeekends: true };
  assert.equal(nextSlot(weekdays, at('2026-08-21T07:00:00Z')).periodKey, 'daily:2026-08-24');
  assert.equal(latestSlot(weekdays, at('2026-08-23T12:00:00Z')).periodKey, 'daily:2026-08-21');
  // A zone ahead of UTC: Saturday morning in Tokyo is still Friday in UTC.
  const tokyo = { ...weekdays, timeZone: 'Asia/Tokyo' };
  assert.equal(latestSlot(tokyo, at('2026-08-21T23:30:00Z')).periodKey, 'daily:2026-08-21');
});

test('weekly slots are Mondays, keyed by ISO week', () => {
  const weekly = { cadence: 'weekly' as const, hour: 9, timeZone: 'UTC', skipWeekends: false };
  assert.equal(nextSlot(weekly, at('2026-08-21T12:00:00Z')).periodKey, 'weekly:2026-W35');
  assert.equal(nextSlot(weekly, at('2026-08-21T12:00:00Z')).at.toISOString(), '2026-08-24T09:00:00.000Z');
  assert.equal(latestSlot(weekly, at('2026-08-21T12:00:00Z')).periodKey, 'weekly:2026-W34');
  assert.equal(latestSlot(weekly, at('2026-08-24T09:00:00Z')).periodKey, 'weekly:2026-W35');
  assert.equal(periodLabel(latestSlot(weekly, at('2026-08-21T12:00:00Z'))), 'week 34 of 2026');
});

test('labels, descriptions and zone names', () => {
  const daily = { cadence: 'daily' as const, hour: 7, timeZone: 'UTC', skipWeekends: true };
  assert.equal(periodLabel(latestSlot(daily, at('2026-08-21T12:00:00Z'))), 'Friday 21 August 2026');
  assert.equal(describeSchedule(daily), 'on weekdays at 07:00 (UTC)');
  assert.equal(describeSchedule({ ...daily, skipWeekends: false }), 'daily at 07:00 (UTC)');
  assert.equal(describeSchedule({ ...daily, cadence: 'weekly' }), 'every Monday at 07:00 (UTC)');
  assert.ok(isValidTimeZone('Europe/Berlin'));
  assert.ok(isValidTimeZone('UTC'));
  assert.ok(!isValidTimeZone('Mars/Olympus_Mons'));
  assert.ok(!isValidTimeZone(''));
});
