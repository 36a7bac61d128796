// Migrations on PostgreSQL while other schemas of the same database come and go: a parallel test run
// (or a second paperboy sharing the database) drops its schema at any moment, and our migrator must
// not trip over it. Kysely's stock introspector did, with `schema "t_..." does not exist`.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { POSTGRES_TEST_URL, testDialects } from '../../test/support/databases.js';
import { openDatabase } from './database.js';
import { migrateToLatest, migrations } from './migrate.js';

function schemaUrl(schema: string): string {
  const url = new URL(POSTGRES_TEST_URL);
  url.searchParams.set('schema', schema);
  return url.toString();
}

test(
  'migrating on PostgreSQL while other schemas are created and dropped',
  { skip: !testDialects.includes('postgres') && 'PostgreSQL not in PAPERBOY_TEST_DATABASES' },
  async () => {
    const churn = openDatabase(POSTGRES_TEST_URL);
    let stop = false;
    const churned: string[] = [];
    // Another process's schemas: each with a table of its own, dropped again at once.
    const churner = (async () => {
      while (!stop) {
        const name = `t_churn_${randomBytes(4).toString('hex')}`;
        churned.push(name);
        await sql.raw(`create schema ${name}`).execute(churn.kysely);
        await sql
          .raw(`create table ${name}.papers (id serial primary key, title text)`)
          .execute(churn.kysely);
        await sql.raw(`drop schema ${name} cascade`).execute(churn.kysely);
      }
    })();
    const ours: string[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const schema = `t_mig_${randomBytes(5).toString('hex')}`;
        ours.push(schema);
        const db = openDatabase(schemaUrl(schema));
        try {
          const { applied } = await migrateToLatest(db);
          assert.deepEqual(applied.sort(), migrations.map((m) => m.name).sort());
          // A second run finds its own migration table, not another schema's.
          assert.deepEqual((await migrateToLatest(db)).applied, []);
        } finally {
          await db.close();
        }
      }
    } finally {
      stop = true;
      await churner;
      for (const schema of ours)
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(churn.kysely);
      await churn.close();
    }
    assert.ok(churned.length > 1, 'schemas were dropped while we migrated');
  },
);

test(
  'a migration table in another schema does not stand in for ours',
  { skip: !testDialects.includes('postgres') && 'PostgreSQL not in PAPERBOY_TEST_DATABASES' },
  async () => {
    const first = `t_mig_${randomBytes(5).toString('hex')}`;
    const second = `t_mig_${randomBytes(5).toString('hex')}`;
    const a = openDatabase(schemaUrl(first));
    const b = openDatabase(schemaUrl(second));
    try {
      await migrateToLatest(a);
      assert.equal((await migrateToLatest(b)).applied.length, migrations.length);
      const tables = await b.kysely.introspection.getTables();
      assert.ok(tables.every((t) => t.schema === second));
      assert.ok(tables.some((t) => t.name === 'papers' && t.columns.some((c) => c.name === 'arxiv_id')));
    } finally {
      await sql.raw(`drop schema if exists ${first} cascade`).execute(a.kysely);
      await sql.raw(`drop schema if exists ${second} cascade`).execute(a.kysely);
      await a.close();
      await b.close();
    }
  },
);
