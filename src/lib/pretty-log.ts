// Log lines for people at a terminal: pino's JSON records turned into one readable line each
// ("10:04:05 INFO  paperboy listening  host=127.0.0.1 port=3000"), multi-line text (an email that was
// logged instead of sent, with its sign-in link) printed as it is, indented, so a link can be clicked.
// Files and log collectors keep getting JSON (PAPERBOY_LOG_FORMAT, lib/logger.ts).

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '\x1b[90m' },
  20: { name: 'DEBUG', color: '\x1b[90m' },
  30: { name: 'INFO', color: '\x1b[36m' },
  40: { name: 'WARN', color: '\x1b[33m' },
  50: { name: 'ERROR', color: '\x1b[31m' },
  60: { name: 'FATAL', color: '\x1b[41m' },
};
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

/** Fields every record has, which a person does not need on each line. */
const QUIET = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg']);
/** Fields holding text meant to be read as it is (an email's text part). */
const BLOCKS = new Set(['text']);

function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  if (v instanceof Object) return JSON.stringify(v);
  return String(v);
}

function time(ms: unknown): string {
  const d = typeof ms === 'number' ? new Date(ms) : new Date();
  return d.toTimeString().slice(0, 8);
}

/** One pino record (a JSON line) as text; a line that is not JSON comes back unchanged. */
export function formatLogLine(line: string, color: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = LEVELS[Number(record.level)] ?? { name: 'LOG', color: '' };
  const paint = (code: string, s: string) => (color ? `${code}${s}${RESET}` : s);
  const fields: string[] = [];
  const blocks: string[] = [];
  let stack: string | null = null;
  for (const [k, v] of Object.entries(record)) {
    if (QUIET.has(k) || v === undefined) continue;
    if (BLOCKS.has(k) && typeof v === 'string') blocks.push(v);
    else if ((k === 'err' || k === 'error') && v instanceof Object && 'message' in v) {
      const e = v as { message?: unknown; stack?: unknown };
      fields.push(`${k}=${value(e.message)}`);
      if (typeof e.stack === 'string') stack = e.stack;
    } else fields.push(`${k}=${value(v)}`);
  }
  let out = `${paint(DIM, time(record.time))} ${paint(level.color, level.name.padEnd(5))} ${String(record.msg ?? '')}`;
  if (fields.length > 0) out += `  ${paint(DIM, fields.join(' '))}`;
  out += '\n';
  for (const block of blocks) out += `${block.replace(/^(?=.)/gm, '    ').trimEnd()}\n`;
  if (stack) out += `${paint(DIM, stack.replace(/^/gm, '    '))}\n`;
  return out;
}

/** A destination for pino that writes formatted lines to `fd`'s stream. */
export function prettyDestination(stream: NodeJS.WriteStream): { write(line: string): void } {
  const color = stream.isTTY && !process.env.NO_COLOR;
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim() !== '') stream.write(formatLogLine(line, color));
    },
  };
}
