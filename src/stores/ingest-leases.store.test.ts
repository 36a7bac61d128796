import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { describeEachDatabase } from '../../test/support/databases.js';
import { openDatabase } from '../db/database.js';
import { createStores, type Stores } from './index.js';

const T0 = '2026-08-22T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const NAME = 'arxiv-oai:cs';

describeEachDatabase('IngestLeasesStore', (get) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = createStores(get().db.kysely, get().db.dialect);
    await get().db.kysely.deleteFrom('ingest_leases').execute();
  });

  test('a free lease is taken; a held one stays with its holder until it lapses', async () => {
    const leases = stores.ingestLeases;
    assert.equal((await leases.acquire(NAME, 'a', T0, at(120))).holder, 'a');
    const refused = await leases.acquire(NAME, 'b', at(60), at(180));
    assert.deepEqual([refused.holder, refused.acquired_at, refused.expires_at], ['a', T0, at(120)]);
    assert.equal((await leases.acquire(NAME, 'b', at(120), at(240))).holder, 'b', 'lapsed at 120 s');
    assert.equal((await leases.acquire('arxiv-oai:math', 'a', at(120), at(240))).holder, 'a');
  });

  test('renew, take over and release only act for the holder named', async () => {
    const leases = stores.ingestLeases;
    await leases.acquire(NAME, 'a', T0, at(120));
    assert.equal(await leases.renew(NAME, 'b', at(500)), false);
    assert.equal(await leases.renew(NAME, 'a', at(200)), true);
    assert.equal((await leases.find(NAME))?.expires_at, at(200));
    assert.equal(await leases.takeOver(NAME, 'x', 'b', at(10), at(130)), false, 'a holds it, not x');
    assert.equal(await leases.takeOver(NAME, 'a', 'b', at(10), at(130)), true);
    await leases.release(NAME, 'a');
    assert.equal((await leases.find(NAME))?.holder, 'b', 'a no longer holds it: nothing released');
    await leases.release(NAME, 'b');
    assert.equal(await leases.find(NAME), null);
  });

  test('of processes taking a free lease at once, exactly one gets it', async () => {
    const other = openDatabase(get().url);
    try {
      const theirs = createStores(other.kysely, other.dialect);
      const rows = await Promise.all(
        [stores, theirs, stores, theirs].map((s, i) => s.ingestLeases.acquire(NAME, `h${i}`, T0, at(120))),
      );
      const winners = new Set(rows.map((r) => r.holder));
      assert.equal(winners.size, 1, JSON.stringify(rows));
    } finally {
      await other.close();
    }
  });
});
