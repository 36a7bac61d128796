import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gaussian, seededRandom } from '../math/random.js';
import { dot, normalizeInPlace } from '../math/vectors.js';
import { ExactVectorIndex } from './exact.index.js';

function randomUnit(dim: number, next: () => number): Float32Array {
  return normalizeInPlace(Float32Array.from({ length: dim }, next)) as Float32Array;
}

test('the exact index returns the same top k as sorting every score', () => {
  const next = gaussian(seededRandom(5));
  const index = new ExactVectorIndex(16, 4);
  const vectors = new Map<number, Float32Array>();
  for (let id = 1; id <= 300; id++) {
    const v = randomUnit(16, next);
    vectors.set(id, v);
    index.upsert(id, v);
  }
  for (let id = 1; id <= 300; id += 3) index.remove(id);
  for (let id = 1; id <= 300; id += 3) vectors.delete(id);
  assert.equal(index.size, 200);
  const q = randomUnit(16, next);
  const expected = [...vectors.entries()]
    .map(([id, v]) => ({ paperId: id, score: dot(q, v) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);
  const got = index.search(q, 10);
  assert.deepEqual(
    got.map((h) => h.paperId),
    expected.map((h) => h.paperId),
  );
  for (const [i, h] of got.entries()) assert.ok(Math.abs(h.score - expected[i]!.score) < 1e-6);
});

test('upsert replaces a vector, and the filter applies before the k are counted', () => {
  const index = new ExactVectorIndex(2);
  index.upsert(1, Float32Array.from([1, 0]));
  index.upsert(2, Float32Array.from([0.8, 0.6]));
  index.upsert(3, Float32Array.from([0, 1]));
  assert.deepEqual(
    index.search(Float32Array.from([1, 0]), 1, (id) => id !== 1).map((h) => h.paperId),
    [2],
  );
  index.upsert(3, Float32Array.from([1, 0]));
  assert.deepEqual(
    index.search(Float32Array.from([1, 0]), 2).map((h) => h.paperId),
    [1, 3],
  );
  assert.deepEqual([...index.get(3)!], [1, 0]);
  assert.throws(() => index.upsert(4, Float32Array.from([1, 0, 0])), /2 dimensions/);
});

test('reorder moves vectors into the given order; a write during its pauses is not lost', async () => {
  const next = gaussian(seededRandom(8));
  const index = new ExactVectorIndex(8, 16);
  const vectors = new Map<number, Float32Array>();
  for (let id = 1; id <= 3000; id++) {
    const v = randomUnit(8, next);
    vectors.set(id, v);
    index.upsert(id, v);
  }
  index.remove(17);
  vectors.delete(17);
  const order = Int32Array.from({ length: index.slotCount }, (_, s) => index.slotCount - 1 - s);
  let pauses = 0;
  const moved = await index.reorder(order, () => {
    pauses++;
    // Written while the copy is under way: a changed vector, a new paper.
    const changed = randomUnit(8, next);
    vectors.set(5, changed);
    index.upsert(5, changed);
    const added = randomUnit(8, next);
    vectors.set(5000 + pauses, added);
    index.upsert(5000 + pauses, added);
    return Promise.resolve();
  });
  assert.ok(pauses > 0);
  assert.equal(index.size, vectors.size);
  for (const [id, v] of vectors) assert.deepEqual(index.get(id), v);
  // The last slot came first, and the free slot is gone.
  assert.equal(moved[order[0] as number], 0);
  assert.equal(index.slotIds()[0], 3000);
  assert.equal(index.slotCount, index.size);
  const q = randomUnit(8, next);
  assert.deepEqual(
    index.search(q, 5).map((h) => h.paperId),
    [...vectors.entries()]
      .map(([id, v]) => ({ id, s: dot(q, v) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 5)
      .map((x) => x.id),
  );
});
