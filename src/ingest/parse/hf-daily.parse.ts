// Hugging Face `GET /api/daily_papers` output as saved by scrapers, in every shape seen so far:
// - a bare array of entry objects (most files);
// - an array of strings, each a Python repr of the entry ("{'paper': {...}}"), from files written
//   with str(dict) instead of json.dumps;
// - the wrapper {status, date, count, data: [...]} (whose data may again be repr strings);
// - JSON Lines, one entry per line (paperboy's compact sample format).
import { isDay } from '../../domain/days.js';
import { MalformedFileError } from '../errors.js';
import { parseJsonLine } from './json-lines.parse.js';
import { parsePythonLiteral, PythonLiteralError } from './python-literal.js';
import type { RawItem } from './raw-item.js';

export interface HfDailyDocument {
  /** The wrapper's `date` (the day the file is a snapshot of), null for a bare array. */
  date: string | null;
  entries: RawItem[];
}

/** Takes the parsed JSON of a whole daily file. */
export function parseHfDailyDocument(value: unknown): HfDailyDocument {
  if (Array.isArray(value))
    return { date: null, entries: value.map((v, i) => entryItem(v, `entry ${i + 1}`)) };
  if (typeof value !== 'object' || value === null) {
    throw new MalformedFileError(
      'not a Hugging Face daily papers file (expected an array or an object with data)',
    );
  }
  const wrapper = value as Record<string, unknown>;
  if (wrapper.status !== undefined && wrapper.status !== 'success') {
    throw new MalformedFileError(
      `Hugging Face daily papers response has status ${JSON.stringify(wrapper.status)}`,
    );
  }
  if (!Array.isArray(wrapper.data)) {
    throw new MalformedFileError('Hugging Face daily papers wrapper has no data array');
  }
  const date = typeof wrapper.date === 'string' && isDay(wrapper.date) ? wrapper.date : null;
  return { date, entries: wrapper.data.map((v: unknown, i) => entryItem(v, `entry ${i + 1}`)) };
}

/** One line of the JSON Lines variant; null for a blank line. */
export function parseHfDailyLine(line: string, lineNumber: number): RawItem | null {
  const item = parseJsonLine(line, lineNumber);
  return item?.kind === 'raw' ? entryItem(item.value, item.position) : item;
}

/** An entry object stays as it is; a string is read as the Python repr of one. */
function entryItem(value: unknown, position: string): RawItem {
  if (typeof value !== 'string') return { kind: 'raw', position, value };
  try {
    return { kind: 'raw', position, value: parsePythonLiteral(value) };
  } catch (err) {
    if (!(err instanceof PythonLiteralError)) throw err;
    return { kind: 'rejected', position, reason: `entry string is not a Python literal: ${err.message}` };
  }
}
