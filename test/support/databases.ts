// Runs a suite once per database: SQLite (a fresh file) and PostgreSQL (a fresh schema in the test
// database). PAPERBOY_TEST_DATABASES=sqlite limits a local run to SQLite; CI runs both.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { sql } from 'kysely';
import { type Db, type DialectName, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const POSTGRES_TEST_URL = process.env.PAPERBOY_TEST_POSTGRES_URL ?? 'postgres://127.0.0.1:5432/test';

export const testDialects: DialectName[] = (process.env.PAPERBOY_TEST_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter((s): s is DialectName => s === 'sqlite' || s === 'postgres');

export interface TestDatabase {
  db: Db;
  /** The URL another process (the CLI, a second server) can open to reach the same data. */
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database of the given dialect. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const db = openDatabase(url);
    await migrateToLatest(db);
    return {
      db,
      url,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const base = new URL(POSTGRES_TEST_URL);
  base.searchParams.set('schema', schema);
  const url = base.toString();
  const db = openDatabase(url);
  await migrateToLatest(db);
  return {
    db,
    url,
    drop: async () => {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(db.kysely);
      await db.close();
    },
  };
}

/**
 * Declares `suite` once per test dialect. `get()` returns the suite's database, created before its
 * first test and dropped after its last.
 */
export function describeEachDatabase(
  name: string,
  suite: (get: () => TestDatabase, dialect: DialectName) => void,
): void {
  for (const dialect of testDialects) {
    void describe(`${name} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      before(async () => {
        current = await createTestDatabase(dialect);
      });
      after(async () => {
        await current?.drop();
      });
      suite(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      }, dialect);
    });
  }
}
