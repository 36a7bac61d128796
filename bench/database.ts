// The database a benchmark runs on: a fresh SQLite file in a temporary folder by default, or a fresh
// schema in the PostgreSQL database `--database postgres://...` names; migrated, and dropped again
// by `drop()` (the folder too, which a benchmark may use for files of its own).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type Db, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

export interface BenchDatabase {
  db: Db;
  url: string;
  /** A temporary folder of the run's own. */
  tmp: string;
  drop(): Promise<void>;
}

export async function openBenchDatabase(database: string | undefined, name: string): Promise<BenchDatabase> {
  const tmp = mkdtempSync(join(tmpdir(), `paperboy-${name}-`));
  let url = `sqlite:${join(tmp, 'bench.db')}`;
  if (database?.startsWith('postgres')) {
    const u = new URL(database);
    u.searchParams.set('schema', `bench_${randomBytes(4).toString('hex')}`);
    url = u.toString();
  }
  const db = openDatabase(url);
  await migrateToLatest(db);
  return {
    db,
    url,
    tmp,
    drop: async () => {
      if (db.schema) await sql.raw(`drop schema ${db.schema} cascade`).execute(db.kysely);
      await db.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
