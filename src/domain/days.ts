// Calendar days as `YYYY-MM-DD` strings (UTC), ISO weeks `YYYY-Www` and months `YYYY-MM`.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY));
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
}

export interface DayRange {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** ISO-8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(d.getTime() + (3 - weekday) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * MS_PER_DAY;
  const week = 1 + Math.floor((thursday.getTime() - firstMonday) / (7 * MS_PER_DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function parseIsoWeek(week: string): DayRange | null {
  const m = WEEK.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * MS_PER_DAY;
  const from = dayOf(new Date(week1Monday + (n - 1) * 7 * MS_PER_DAY));
  if (isoWeekOf(from) !== week) return null; // week 53 of a 52-week year
  return { from, to: addDays(from, 6) };
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function parseMonth(month: string): DayRange | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) return null;
  const from = `${month}-01`;
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export function addWeeks(week: string, n: number): string {
  const range = parseIsoWeek(week);
  if (!range) throw new Error(`not an ISO week: ${week}`);
  return isoWeekOf(addDays(range.from, 7 * n));
}

/** Normalizes a timestamp from any source to ISO-8601 UTC with milliseconds, or null if unparseable. */
export function toIsoTimestamp(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim();
  const t = Date.parse(DAY.test(s) ? `${s}T00:00:00Z` : s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
