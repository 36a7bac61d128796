// JSON.parse with an error that says where: V8 reports a character offset, readers want a line.
import { MalformedFileError } from '../errors.js';

/**
 * How deep arrays and objects may nest. Real documents nest five or six levels; V8 parses a million
 * levels, but slowly and into a million objects that every later step walks again.
 */
export const MAX_JSON_DEPTH = 256;

/** Parses a whole JSON document; a syntax error becomes MalformedFileError with line and column. */
export function parseJsonDocument(text: string): unknown {
  const deep = tooDeepAt(text);
  if (deep !== null)
    throw new MalformedFileError(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`, {
      position: jsonErrorPosition(`at position ${deep}`, text),
    });
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new MalformedFileError(
      `not valid JSON: ${message}`,
      { position: jsonErrorPosition(message, text) },
      { cause: err },
    );
  }
}

/** `line 3, column 14` from V8's "... in JSON at position 57"; `end of file` when the text stops early. */
export function jsonErrorPosition(message: string, text: string): string | null {
  if (/Unexpected end of JSON input/.test(message)) return 'end of file (truncated?)';
  const m = /at position (\d+)/.exec(message);
  if (!m) return null;
  const offset = Number(m[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Where nesting first passes MAX_JSON_DEPTH (strings skipped), or null. */
function tooDeepAt(text: string): number | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, over escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return null;
}
