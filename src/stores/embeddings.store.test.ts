import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import { vectorFromBytes, vectorToBytes } from '../search/math/vectors.js';
import { createStores, type Stores } from './index.js';

describeEachDatabase('EmbeddingsStore', (get) => {
  let stores: Stores;
  let ids: number[];

  before(async () => {
    const ctx = createTestApp(get().db);
    await ctx.services.importer.importFiles(hfFixtureFiles().slice(0, 2));
    stores = createStores(get().db.kysely, get().db.dialect);
    ids = (await stores.embeddings.listPaperTexts('m1', 0, 1000)).map((p) => p.paperId);
  });

  test('vectors round-trip as float32 little-endian bytes, and upsert replaces', async () => {
    const v = Float32Array.from([0.5, -0.25, 1e-7, 3]);
    await stores.embeddings.upsertMany(
      'm1',
      4,
      [{ paperId: ids[0]!, vector: vectorToBytes(v), contentHash: 'h1' }],
      '2026-01-01T00:00:00.000Z',
    );
    const stored = await stores.embeddings.findVector(ids[0]!, 'm1');
    assert.deepEqual(vectorFromBytes(stored!, 4), v);
    const w = Float32Array.from([1, 2, 3, 4]);
    await stores.embeddings.upsertMany(
      'm1',
      4,
      [{ paperId: ids[0]!, vector: vectorToBytes(w), contentHash: 'h2' }],
      '2026-01-02T00:00:00.000Z',
    );
    assert.deepEqual(vectorFromBytes((await stores.embeddings.findVector(ids[0]!, 'm1'))!, 4), w);
    const texts = await stores.embeddings.listPaperTexts('m1', 0, 2);
    assert.equal(texts[0]?.embeddedHash, 'h2');
    assert.equal(texts[1]?.embeddedHash, null);
    assert.ok(texts[0]!.title.length > 0);
  });

  test('counts missing papers per model, lists changes after a cursor, and drops other models', async () => {
    const now = '2026-01-03T00:00:00.000Z';
    const rows = ids.map((paperId) => ({
      paperId,
      vector: vectorToBytes(Float32Array.from([paperId, 0])),
      contentHash: 'x',
    }));
    await stores.embeddings.upsertMany('m2', 2, rows, now);
    assert.equal(await stores.embeddings.countPapersMissing('m2'), 0);
    assert.equal(await stores.embeddings.countPapersMissing('m1'), ids.length - 1);

    const first = await stores.embeddings.listVectorsSince('m2', null, 3);
    assert.deepEqual(
      first.map((r) => r.paperId),
      ids.slice(0, 3),
    );
    const last = first.at(-1)!;
    const rest = await stores.embeddings.listVectorsSince(
      'm2',
      { updatedAt: last.updatedAt, paperId: last.paperId },
      1000,
    );
    assert.deepEqual(
      rest.map((r) => r.paperId),
      ids.slice(3),
    );

    assert.deepEqual(
      (await stores.embeddings.countByModel()).map((m) => [m.model, m.vectors]),
      [
        ['m2', ids.length],
        ['m1', 1],
      ],
    );
    assert.equal(await stores.embeddings.deleteOtherModels('m2'), 1);
    assert.equal(await stores.embeddings.findVector(ids[0]!, 'm1'), null);
  });

  test('stores a model once by name; the latest is the newest', async () => {
    const artefact = new Uint8Array([1, 2, 3]);
    const base = { method: 'lsa', dim: 4, artefact, trained_on_papers: 10 };
    await stores.embeddings.insertModel({
      ...base,
      name: 'builtin-lsa-4@a',
      created_at: '2026-01-01T00:00:00.000Z',
    });
    await stores.embeddings.insertModel({
      ...base,
      name: 'builtin-lsa-4@b',
      created_at: '2026-01-02T00:00:00.000Z',
    });
    await stores.embeddings.insertModel({
      ...base,
      name: 'builtin-lsa-4@a',
      created_at: '2026-01-03T00:00:00.000Z',
    });
    assert.equal((await stores.embeddings.findLatestModel())?.name, 'builtin-lsa-4@b');
    assert.deepEqual([...(await stores.embeddings.findModel('builtin-lsa-4@a'))!.artefact], [1, 2, 3]);
  });
});
