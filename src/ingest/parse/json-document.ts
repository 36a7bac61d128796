// JSON.parse with an error that says where: V8 reports a character offset, readers want a line.
import { MalformedFileError } from '../errors.js';

/** Parses a whole JSON document; a syntax error becomes MalformedFileError with line and column. */
export function parseJsonDocument(text: string): unknown {
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
