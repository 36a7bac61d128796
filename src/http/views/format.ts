// How dates, counts and scores read on pages. Days and timestamps are UTC, so they are formatted in
// UTC: a reader in Tokyo and one in Lima see the same feed day.
import type { DayRange } from '../../domain/days.js';

const dayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const numberFormat = new Intl.NumberFormat('en-US');

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** `2026-08-21` -> `Fri, Aug 21, 2026`. */
export function formatDay(day: string): string {
  return dayFormat.format(asDate(day));
}

/** `2026-08-17`..`2026-08-23` -> `Aug 17 – Aug 23, 2026` (the year once when both share it). */
export function formatDayRange(range: DayRange): string {
  const sameYear = range.from.slice(0, 4) === range.to.slice(0, 4);
  const from = sameYear ? shortDayFormat.format(asDate(range.from)) : dateFormat.format(asDate(range.from));
  return `${from} – ${dateFormat.format(asDate(range.to))}`;
}

/** `2026-08` -> `August 2026`. */
export function formatMonth(month: string): string {
  return monthFormat.format(asDate(`${month}-01`));
}

/** An ISO timestamp as a date: `Aug 21, 2026`. */
export function formatDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : dateFormat.format(new Date(t));
}

/** An ISO timestamp with its UTC time: `Aug 21, 2026, 14:05 UTC`. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${timeFormat.format(new Date(t))} UTC`;
}

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** `1 paper`, `2,048 papers`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A paper's comments in plain text (feeds): ours, and those on Hugging Face apart (CommentCount). */
export function commentCountText(local: number, mirrored: number): string {
  return `${plural(local, 'comment')}${mirrored > 0 ? ` (${formatCount(mirrored)} more on Hugging Face)` : ''}`;
}

/** Scores and ages shown with as many decimals as they need to be told apart, never more than three. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return formatCount(x);
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return numberFormat.format(Number(x.toFixed(digits)));
}
