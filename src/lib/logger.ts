// Structured JSON logs (pino) with stable snake_case fields. CLI commands log to stderr so their
// stdout stays clean for `--json` output.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino({ level, base: { service: 'paperboy' } }, pino.destination(destination === 'stdout' ? 1 : 2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
