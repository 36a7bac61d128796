// When a subscriber's mail is due, in their own time zone, and which period it stands for. Pure code on
// Intl: no time zone data of our own.
//   daily   every day (or Monday to Friday) at the subscriber's local hour; period `daily:2026-08-21`
//   weekly  Mondays at that hour; period `weekly:2026-W34` (the ISO week of that Monday)
// The period key is what makes a digest exactly-once: the outbox holds at most one digest per
// subscription and period key (migration 007).
import { addDays, isoWeekOf } from './days.js';

export type Cadence = 'daily' | 'weekly';

export interface DeliverySchedule {
  cadence: Cadence;
  /** Local hour, 0-23. */
  hour: number;
  /** IANA zone, e.g. Asia/Tokyo. */
  timeZone: string;
  /** Daily mail on Monday to Friday only (local days). */
  skipWeekends: boolean;
}

export interface Slot {
  /** `daily:YYYY-MM-DD` or `weekly:YYYY-Www`, in the subscriber's zone. */
  periodKey: string;
  /** The local day the mail goes out. */
  localDay: string;
  /** The moment it is due. */
  at: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (IANA names and UTC); what the forms and config accept. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zones offered in forms: every IANA zone this Node knows, UTC first. */
export function timeZoneNames(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

interface LocalTime {
  day: string;
  hour: number;
  minute: number;
  second: number;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Milliseconds the zone is ahead of UTC at this instant. */
function offsetMs(atMs: number, timeZone: string): number {
  const t = localTime(new Date(atMs), timeZone);
  const asUtc = Date.parse(`${t.day}T00:00:00Z`) + ((t.hour * 60 + t.minute) * 60 + t.second) * 1000;
  return asUtc - Math.floor(atMs / 1000) * 1000;
}

/**
 * The instant a local day and hour happen in a zone. A local hour skipped by a daylight-saving jump
 * (02:00 on a spring-forward night) maps to the same wall time after the jump (03:00); an hour that
 * happens twice (fall back) maps to its first occurrence.
 */
export function zonedTime(day: string, hour: number, timeZone: string): Date {
  // Planners ask for the same few (zone, day, hour) for thousands of subscribers.
  const key = `${timeZone} ${day} ${hour}`;
  const known = zoned.get(key);
  if (known !== undefined) return new Date(known);
  if (zoned.size > 10_000) zoned.clear();
  const at = computeZonedTime(day, hour, timeZone);
  zoned.set(key, at.getTime());
  return at;
}

const zoned = new Map<string, number>();

function computeZonedTime(day: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000;
  // The offsets in force a day before and a day after: any transition near this hour lies between.
  const before = wall - offsetMs(wall - 86_400_000, timeZone);
  const after = wall - offsetMs(wall + 86_400_000, timeZone);
  const valid = [before, after].filter((t) => {
    const local = localTime(new Date(t), timeZone);
    return local.day === day && local.hour === hour;
  });
  // Both valid: the hour repeats; neither: it was skipped, and `before` lands after the jump.
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** ISO weekday of a day: 1 Monday ... 7 Sunday. */
export function weekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function sendsOn(s: DeliverySchedule, day: string): boolean {
  const wd = weekday(day);
  if (s.cadence === 'weekly') return wd === 1;
  return !(s.skipWeekends && wd >= 6);
}

function slotOn(s: DeliverySchedule, day: string): Slot {
  return {
    periodKey: s.cadence === 'weekly' ? `weekly:${isoWeekOf(day)}` : `daily:${day}`,
    localDay: day,
    at: zonedTime(day, s.hour, s.timeZone),
  };
}

/** The most recent slot at or before `now` (the period whose mail is due or done). */
export function latestSlot(s: DeliverySchedule, now: Date): Slot {
  const today = localTime(now, s.timeZone).day;
  // A week back covers weekly mail and any weekend; the ninth day is never reached.
  for (let i = 0; i <= 8; i++) {
    const day = addDays(today, -i);
    if (!sendsOn(s, day)) continue;
    const slot = slotOn(s, day);
    if (slot.at.getTime() <= now.getTime()) return slot;
  }
  throw new Error('no slot in the last 8 days');
}

/** The first slot strictly after `after`. */
export function nextSlot(s: DeliverySchedule, after: Date): Slot {
  const today = localTime(after, s.timeZone).day;
  for (let i = 0; i <= 8; i++) {
    const day = addDays(today, i);
    if (!sendsOn(s, day)) continue;
    const slot = slotOn(s, day);
    if (slot.at.getTime() > after.getTime()) return slot;
  }
  throw new Error('no slot in the next 8 days');
}

/** How far back a digest's papers may reach: a period, or a little more after an outage (capped). */
export function catchUpMs(cadence: Cadence): number {
  // Like Lobsters' "only search back three days": after an outage, one mail with the recent papers,
  // never a flood of old ones.
  return (cadence === 'weekly' ? 14 : 3) * 86_400_000;
}

/** The length of one period, the window of a first digest. */
export function periodMs(cadence: Cadence): number {
  return (cadence === 'weekly' ? 7 : 1) * 86_400_000;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Friday 21 August 2026" / "week 34 of 2026", for subjects and headings. */
export function periodLabel(slot: Slot): string {
  if (slot.periodKey.startsWith('weekly:')) {
    const m = /^weekly:(\d{4})-W(\d{2})$/.exec(slot.periodKey);
    return m ? `week ${Number(m[2])} of ${m[1]}` : slot.periodKey;
  }
  // Built by hand: ICU versions differ on the comma after the weekday.
  const [y, m, d] = slot.localDay.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[weekday(slot.localDay) - 1]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "daily at 08:00 (Europe/Berlin)", "on weekdays at 07:00 (UTC)", "every Monday at 09:00 (Asia/Tokyo)". */
export function describeSchedule(s: DeliverySchedule): string {
  const at = `at ${String(s.hour).padStart(2, '0')}:00 (${s.timeZone})`;
  if (s.cadence === 'weekly') return `every Monday ${at}`;
  return s.skipWeekends ? `on weekdays ${at}` : `daily ${at}`;
}
