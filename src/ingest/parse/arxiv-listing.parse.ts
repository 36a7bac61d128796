// Daily arXiv listing scrapes: JSON Lines, one paper per line, no per-record date (the file name
// carries the announcement day). A line is plain JSON; its fields are checked in normalize.
import { parseJsonLine } from './json-lines.parse.js';
import type { RawItem } from './raw-item.js';

/** Null for a blank line. */
export function parseArxivListingLine(line: string, lineNumber: number): RawItem | null {
  return parseJsonLine(line, lineNumber);
}
