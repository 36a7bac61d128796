// One line of a JSON Lines file. A line that is not JSON rejects that record only; the file goes on.
import type { RawItem } from './raw-item.js';

/** Null for a blank line (skipped, not a record). */
export function parseJsonLine(line: string, lineNumber: number): RawItem | null {
  const position = `line ${lineNumber}`;
  const text = line.trim();
  if (text === '') return null;
  try {
    return { kind: 'raw', position, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'rejected', position, reason: `line is not valid JSON (${message})` };
  }
}
