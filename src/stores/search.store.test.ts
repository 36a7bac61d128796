import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { createStores, type Stores } from './index.js';

describeEachDatabase('SearchStore', (get) => {
  let stores: Stores;

  before(async () => {
    const ctx = createTestApp(get().db);
    await ctx.services.importer.importFiles(hfFixtureFiles().slice(0, 2));
    stores = createStores(get().db.kysely, get().db.dialect);
  });

  test('pages through every paper in id order with the columns the index needs', async () => {
    const total = await stores.search.countPapers();
    assert.ok(total > 10);
    const seen: number[] = [];
    for (let after = 0; ;) {
      const page = await stores.search.listIndexRows(after, 7);
      if (page.length === 0) break;
      seen.push(...page.map((r) => r.id));
      after = page.at(-1)?.id ?? after;
    }
    assert.equal(seen.length, total);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
    );
    const [row] = await stores.search.listIndexRowsByIds([seen[0] as number]);
    assert.ok(row && Array.isArray(JSON.parse(row.authors)) && typeof row.hf_upvotes === 'number');
    assert.match(row.modified_at, /^\d{4}-\d{2}-\d{2}T/);
  });

  test('the change cursor lists papers modified at or after a moment, with their versions', async () => {
    const all = await stores.search.listAllVersions();
    const first = all[0];
    assert.ok(first);
    await sql`update papers set modified_at = ${'2030-01-01T00:00:00.000Z'} where id = ${first.id}`.execute(
      get().db.kysely,
    );
    assert.deepEqual(await stores.search.listChangedSince('2029-12-31T23:59:59.000Z'), [
      { id: first.id, modified_at: '2030-01-01T00:00:00.000Z' },
    ]);
    assert.equal((await stores.search.listChangedSince('')).length, all.length);
  });
});
