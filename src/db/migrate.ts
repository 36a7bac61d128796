// Forward-only numbered migrations, run on start and by `paperboy migrate`. Kysely's migrator records
// them in kysely_migration and takes a lock, so many processes starting at once migrate exactly once.
import { type Kysely, Migrator, sql } from 'kysely';
import type { Db, DialectName } from './database.js';
import { migration as m001 } from './migrations/001-papers-and-daily-entries.js';
import { migration as m002 } from './migrations/002-jobs.js';
import { migration as m003 } from './migrations/003-ingest-history.js';
import { migration as m004 } from './migrations/004-embeddings.js';
import { migration as m005 } from './migrations/005-papers-modified-at.js';
import { migration as m006 } from './migrations/006-community.js';
import { migration as m007 } from './migrations/007-delivery.js';
import { migration as m008 } from './migrations/008-ingest-coordination.js';
import { migration as m009 } from './migrations/009-sign-in-proof.js';
import { migration as m010 } from './migrations/010-hf-shapes.js';
import { migration as m011 } from './migrations/011-media-cache.js';
import { migration as m012 } from './migrations/012-library.js';

export interface Migration {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** In order. Append only: a migration that has shipped is never edited. */
export const migrations: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
];

export interface MigrateResult {
  applied: string[];
}

export async function migrateToLatest(db: Db): Promise<MigrateResult> {
  if (db.dialect === 'postgres' && db.schema) {
    await sql.raw(`create schema if not exists ${db.schema}`).execute(db.kysely);
  }
  const migrator = new Migrator({
    db: db.kysely,
    provider: {
      getMigrations: () =>
        Promise.resolve(
          Object.fromEntries(
            migrations.map((m) => [m.name, { up: (k: Kysely<unknown>) => m.up(k, db.dialect) }]),
          ),
        ),
    },
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
    // 002-jobs was numbered before 003 and 004 but landed after them: a database that already has 003
    // must still take 002. Migrations stay independent of each other's order; pending ones run by name.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
