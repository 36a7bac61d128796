// An AppContext for tests: the suite's database, a fixed clock, a silent logger, default config with
// overrides. Nothing listens on a port; route tests call `createHttpApp(ctx).request(url)`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../src/app.js';
import { createServices } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import { type Clock, fixedClock } from '../../src/lib/clock.js';
import { silentLogger } from '../../src/lib/logger.js';

/** A moment shortly after the newest Hugging Face fixture day (2026-08-21). */
export const TEST_NOW = '2026-08-22T09:00:00.000Z';

/** A clock a test moves by hand: `clock.set('2026-08-21T06:00:00Z')`, `clock.advance(ms)`. */
export interface MovableClock extends Clock {
  set(at: string | Date): void;
  advance(ms: number): void;
}

export function movableClock(start: string): MovableClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function createTestApp(
  db: Db,
  overrides: Partial<Config> = {},
  now: string | Clock = TEST_NOW,
): AppContext {
  const config = { ...loadConfig({}), baseUrl: 'https://papers.example.org', ...overrides };
  const clock = typeof now === 'string' ? fixedClock(now) : now;
  return {
    config,
    db,
    log: silentLogger,
    clock,
    services: createServices(db, config, clock, silentLogger),
    // The suite owns the database and drops it.
    close: async () => {},
  };
}

const HF_FIXTURES = fileURLToPath(new URL('../../fixtures/hf-daily-papers/', import.meta.url));

/** The recorded Hugging Face daily-papers files, oldest day first. */
export function hfFixtureFiles(): string[] {
  return readdirSync(HF_FIXTURES)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort()
    .map((f) => `${HF_FIXTURES}${f}`);
}
