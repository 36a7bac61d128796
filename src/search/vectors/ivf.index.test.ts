import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gaussian, seededRandom } from '../math/random.js';
import { normalizeInPlace } from '../math/vectors.js';
import { IvfVectorIndex } from './ivf.index.js';

const DIM = 16;

/** `n` unit vectors around 40 seeded centres: structure an inverted file can use, like real embeddings. */
function clustered(n: number, seed = 3): Float32Array[] {
  const next = gaussian(seededRandom(seed));
  const centres = Array.from({ length: 40 }, () => Float32Array.from({ length: DIM }, next));
  return Array.from({ length: n }, (_, i) => {
    const c = centres[i % centres.length] as Float32Array;
    return normalizeInPlace(c.map((x) => x + 0.6 * next())) as Float32Array;
  });
}

const ids = (hits: { paperId: number }[]) => hits.map((h) => h.paperId);
const noPause = () => Promise.resolve();

async function built(vectors: Float32Array[], order = vectors.keys()): Promise<IvfVectorIndex> {
  const index = new IvfVectorIndex(DIM, 16, { minVectors: 500, probes: 6 });
  for (const i of order) index.upsert(1000 + i, vectors[i] as Float32Array);
  await index.build(noPause);
  return index;
}

test('finds nearly every exact neighbour while scanning a few of its lists', async () => {
  const vectors = clustered(3000);
  const index = await built(vectors);
  assert.equal(index.state, 'approximate');
  assert.equal(index.listCount, Math.round(Math.sqrt(3000)));
  let found = 0;
  const queries = clustered(100, 9);
  for (const q of queries) {
    const want = new Set(ids(index.exact.search(q, 10)));
    found += ids(index.search(q, 10)).filter((id) => want.has(id)).length;
  }
  assert.ok(found / (queries.length * 10) > 0.9, `recall@10 ${found / 1000}`);
  // Scores are exact for what it finds.
  const [first] = index.search(vectors[7] as Float32Array, 1);
  assert.equal(first?.paperId, 1007);
  assert.ok(Math.abs((first?.score ?? 0) - 1) < 1e-6);
});

test('the same vectors give the same lists and answers, whatever order they arrived in', async () => {
  const vectors = clustered(1500);
  const a = await built(vectors);
  const reversed = [...vectors.keys()].reverse();
  const b = await built(vectors, reversed.values());
  for (const q of clustered(40, 11)) assert.deepEqual(b.search(q, 20), a.search(q, 20));
});

test('below its size threshold, and until built, it answers exactly', async () => {
  const vectors = clustered(600);
  const index = new IvfVectorIndex(DIM, 16, { minVectors: 500, probes: 1 });
  vectors.slice(0, 400).forEach((v, i) => index.upsert(i, v));
  assert.equal(index.needsBuild(), false);
  await index.build(noPause);
  assert.equal(index.state, 'exact');
  vectors.slice(400).forEach((v, i) => index.upsert(400 + i, v));
  assert.equal(index.needsBuild(), true);
  const q = clustered(1, 5)[0] as Float32Array;
  assert.deepEqual(index.search(q, 10), index.exact.search(q, 10));

  // While the build runs (it yields), searches are answered, exactly.
  let yields = 0;
  const during: ReturnType<IvfVectorIndex['search']>[] = [];
  const building = index.build(async () => {
    yields++;
    if (yields % 50 === 1) during.push(index.search(q, 10));
    await new Promise<void>((resolve) => setImmediate(resolve));
  });
  assert.equal(index.state, 'building');
  await building;
  assert.ok(during.length > 0);
  for (const r of during) assert.deepEqual(r, index.exact.search(q, 10));
  assert.equal(index.state, 'approximate');
  assert.equal(index.needsBuild(), false);
});

test('papers added, changed and removed after the build are found, moved and forgotten', async () => {
  const vectors = clustered(2000);
  const index = await built(vectors);
  const fresh = clustered(3, 21);
  index.upsert(1, fresh[0] as Float32Array);
  assert.equal(index.search(fresh[0] as Float32Array, 1)[0]?.paperId, 1);
  // A paper whose vector changed is found by its new vector only.
  const old = vectors[5] as Float32Array;
  index.upsert(1005, fresh[1] as Float32Array);
  assert.equal(index.search(fresh[1] as Float32Array, 1)[0]?.paperId, 1005);
  assert.ok(!ids(index.search(old, 5)).includes(1005));
  index.remove(1005);
  assert.ok(!ids(index.search(fresh[1] as Float32Array, 20)).includes(1005));
  // Its slot is reused by the next paper, which is found where its own vector belongs.
  index.upsert(2, fresh[2] as Float32Array);
  assert.equal(index.search(fresh[2] as Float32Array, 1)[0]?.paperId, 2);
  assert.equal(index.size, 2001);
  // No paper comes back twice, however often it moved.
  for (const v of [fresh[1], old, fresh[1], old] as Float32Array[]) index.upsert(3, v);
  const hits = ids(index.search(old, 50));
  assert.equal(new Set(hits).size, hits.length);
  assert.equal(hits[0], 3);
});

test('a filter: widened probing when it passes many papers, an exact scan of its papers when few', async () => {
  const vectors = clustered(3000);
  const index = await built(vectors);
  const q = clustered(1, 13)[0] as Float32Array;
  // Passes every other paper: still approximate, and every hit passes.
  const half = (id: number) => id % 2 === 0;
  const wide = index.search(q, 20, half);
  assert.equal(wide.length, 20);
  assert.ok(wide.every((h) => half(h.paperId)));
  // Passes 1 in 100: the exact answer, with or without the list of papers it may pass.
  const few = (id: number) => id % 100 === 7;
  const exact = index.exact.search(q, 10, few);
  assert.deepEqual(index.search(q, 10, few), exact);
  const listed = [...vectors.keys()].map((i) => 1000 + i).filter(few);
  assert.deepEqual(
    index.search(q, 10, few, () => listed),
    exact,
  );
  // Fewer papers pass than asked for: all of them.
  const three = (id: number) => id === 1001 || id === 1500 || id === 2999;
  assert.deepEqual(ids(index.search(q, 10, three)).sort(), [1001, 1500, 2999]);
});
