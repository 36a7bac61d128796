// Opens the database named by a URL: `sqlite:PATH` (embedded) or `postgres://...` (scale-out).
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { type DatabaseIntrospector, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { CurrentSchemaIntrospector } from './current-schema-introspector.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** Human-readable target without credentials, for logs. */
  readonly description: string;
  /** PostgreSQL schema the tables live in, when the URL chose one. */
  readonly schema?: string;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (count(*), sums) as strings by default; ours stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function openDatabase(url: string): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  throw new Error(`unsupported database URL "${url}": use sqlite:PATH or postgres://...`);
}

function openSqlite(path: string): Db {
  const file = path === '' || path === ':memory:' ? ':memory:' : resolve(path.replace(/^\/\//, ''));
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers go on while an import writes; NORMAL sync is safe with WAL and much faster.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    kysely,
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    close: () => kysely.destroy(),
  };
}

function openPostgres(url: string): Db {
  // `?schema=NAME` (ours, not libpq's) puts every table in that schema; tests use it to isolate runs.
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`invalid schema name "${schema}"`);
  // libpq defaults the user to the login name; node-postgres only looks at $USER, which services and
  // CI runners often lack.
  // (Set in the URL: node-postgres lets the URL's fields override the options object.)
  if (!parsed.username) parsed.username = process.env.PGUSER || process.env.USER || userInfo().username;
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  parsed.password = '';
  return {
    kysely,
    dialect: 'postgres',
    description: `${parsed.protocol}//${parsed.host}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`,
    ...(schema ? { schema } : {}),
    close: () => kysely.destroy(),
  };
}

/** PostgreSQL whose introspection (used by the migrator) sees only the schema on the search path. */
class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
