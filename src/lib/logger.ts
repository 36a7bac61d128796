// Structured logs (pino) with stable snake_case fields: JSON lines for collectors and files, or
// readable lines on a terminal (lib/pretty-log.ts; PAPERBOY_LOG_FORMAT). CLI commands log to stderr
// so their stdout stays clean for `--json` output.
import pino from 'pino';
import { prettyDestination } from './pretty-log.js';

export type Logger = pino.Logger;
export type LogFormat = 'auto' | 'json' | 'pretty';

export function createLogger(
  level: string,
  destination: 'stdout' | 'stderr' = 'stdout',
  format: LogFormat = 'auto',
): Logger {
  const stream = destination === 'stdout' ? process.stdout : process.stderr;
  const pretty = format === 'pretty' || (format === 'auto' && stream.isTTY === true);
  const options = { level, base: { service: 'paperboy' } };
  return pretty
    ? pino(options, prettyDestination(stream))
    : pino(options, pino.destination(destination === 'stdout' ? 1 : 2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
