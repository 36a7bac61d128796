// A fingerprint of everything a database holds: every table's rows, read whole, written as sorted
// JSON lines and hashed per table. Two fingerprints are equal exactly when no row was added,
// changed or removed, which is how the fuzz and malformed-request tests show that a refused
// request wrote nothing.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';

export type Fingerprint = Record<string, { rows: number; hash: string }>;

export async function tableNames(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          db.kysely,
        )
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely);
  return rows.rows.map((r) => r.name).sort();
}

/** `ignore` names columns left out, by table (activity stamps a test knows may move). */
export async function fingerprint(db: Db, ignore: Record<string, string[]> = {}): Promise<Fingerprint> {
  const out: Fingerprint = {};
  for (const table of await tableNames(db)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely);
    const skipped = new Set(ignore[table] ?? []);
    const lines = rows
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .filter((k) => !skipped.has(k))
            .sort()
            .map((k) => [k, plain(row[k])]),
        ),
      )
      .sort();
    out[table] = { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}

/** The tables whose fingerprints differ, with their row counts before and after. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((t) => before[t]?.hash !== after[t]?.hash)
    .map((t) => `${t} (${before[t]?.rows ?? 'none'} rows -> ${after[t]?.rows ?? 'none'})`);
}

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value instanceof Date) return value.toISOString();
  return value;
}
