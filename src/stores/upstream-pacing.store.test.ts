import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { describeEachDatabase } from '../../test/support/databases.js';
import { openDatabase } from '../db/database.js';
import { createStores, type Stores } from './index.js';
import { DUE_AT_ONCE } from './upstream-pacing.store.js';

const T0 = '2026-08-22T09:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

describeEachDatabase('UpstreamPacingStore', (get) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = createStores(get().db.kysely, get().db.dialect);
    await get().db.kysely.deleteFrom('upstream_pacing').execute();
  });

  test('a service never asked is due at once; compare-and-set moves it only from the time read', async () => {
    const pacing = stores.upstreamPacing;
    assert.deepEqual(await pacing.find('arxiv'), { nextRequestAt: DUE_AT_ONCE, heldBy: null });
    assert.equal(await pacing.compareAndSet('arxiv', DUE_AT_ONCE, at(33), 'host:1:a'), true);
    assert.equal(await pacing.compareAndSet('arxiv', DUE_AT_ONCE, at(34), 'host:2:b'), false, 'stale read');
    assert.deepEqual(await pacing.find('arxiv'), { nextRequestAt: at(33), heldBy: 'host:1:a' });
    assert.equal(await pacing.compareAndSet('arxiv', at(33), at(4), null), true, 'handed back early');
    assert.deepEqual(await pacing.find('arxiv'), { nextRequestAt: at(4), heldBy: null });
    assert.deepEqual(await pacing.find('hf'), { nextRequestAt: DUE_AT_ONCE, heldBy: null }, 'one row each');
  });

  test('postpone only moves the time later, and creates the row', async () => {
    await stores.upstreamPacing.postpone('arxiv', at(10));
    await stores.upstreamPacing.postpone('arxiv', at(5));
    assert.equal((await stores.upstreamPacing.find('arxiv')).nextRequestAt, at(10));
    await stores.upstreamPacing.postpone('arxiv', at(12));
    assert.equal((await stores.upstreamPacing.find('arxiv')).nextRequestAt, at(12));
  });

  test('of processes taking the same turn at once, exactly one gets it', async () => {
    const other = openDatabase(get().url);
    try {
      const theirs = createStores(other.kysely, other.dialect);
      await stores.upstreamPacing.postpone('arxiv', at(3));
      const tries = await Promise.all(
        [stores, theirs, stores, theirs, theirs, stores].map((s, i) =>
          s.upstreamPacing.compareAndSet('arxiv', at(3), at(40 + i), `host:${i}:x`),
        ),
      );
      assert.equal(tries.filter(Boolean).length, 1, JSON.stringify(tries));
      // The same for a service nobody has asked yet (the first turn creates its row).
      const first = await Promise.all(
        [stores, theirs, stores, theirs].map((s, i) =>
          s.upstreamPacing.compareAndSet('hf', DUE_AT_ONCE, at(i), `host:${i}:x`),
        ),
      );
      assert.equal(first.filter(Boolean).length, 1, JSON.stringify(first));
    } finally {
      await other.close();
    }
  });
});
