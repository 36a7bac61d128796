import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuse, orderBy, RRF_K, VECTOR_WEIGHT, vectorList } from './fusion.js';

test('reciprocal rank fusion adds 1/(k + rank) over both lists and keeps every score part', () => {
  const fused = fuse(
    [
      { paperId: 1, score: 9 },
      { paperId: 2, score: 5 },
    ],
    [
      { paperId: 2, score: 0.8 },
      { paperId: 3, score: 0.7 },
    ],
  );
  assert.deepEqual(
    fused.map((r) => r.paperId),
    [2, 1, 3],
  );
  assert.deepEqual(fused[0]?.parts, {
    bm25: 5,
    lexicalRank: 2,
    vectorSimilarity: 0.8,
    vectorRank: 1,
    fused: 1 / (RRF_K + 2) + 1 / (RRF_K + 1),
    pinned: null,
  });
  assert.deepEqual(fused[2]?.parts, {
    bm25: null,
    lexicalRank: null,
    vectorSimilarity: 0.7,
    vectorRank: 2,
    fused: 1 / (RRF_K + 2),
    pinned: null,
  });
});

test('pinned papers come first, in pin order, even when no list has them', () => {
  const fused = fuse(
    [{ paperId: 1, score: 9 }],
    [{ paperId: 2, score: 0.9 }],
    [
      { paperId: 7, reason: 'arxiv-id' },
      { paperId: 2, reason: 'title' },
    ],
  );
  assert.deepEqual(
    fused.map((r) => [r.paperId, r.parts.pinned]),
    [
      [7, 'arxiv-id'],
      [2, 'title'],
      [1, null],
    ],
  );
});

test('ties break by paper id, newest first; orderBy keeps pins on top and ties in fused order', () => {
  const fused = fuse([], [{ paperId: 4, score: 0.5 }]);
  assert.equal(fused.length, 1);
  const tie = fuse([{ paperId: 3, score: 1 }], [{ paperId: 5, score: 1 }]);
  assert.deepEqual(
    tie.map((r) => r.paperId),
    [5, 3],
  );
  const ranked = fuse(
    [
      { paperId: 1, score: 3 },
      { paperId: 2, score: 2 },
      { paperId: 3, score: 1 },
    ],
    [],
    [{ paperId: 3, reason: 'title' }],
  );
  const votes = new Map([
    [1, 0],
    [2, 10],
    [3, 0],
  ]);
  assert.deepEqual(
    orderBy(ranked, (id) => votes.get(id) ?? 0).map((r) => r.paperId),
    [3, 2, 1],
  );
});

test('score fusion: BM25 over the best BM25 plus a weighted cosine', () => {
  const fused = fuse(
    [
      { paperId: 1, score: 8 },
      { paperId: 2, score: 4 },
    ],
    [
      { paperId: 2, score: 0.9 },
      { paperId: 3, score: 0.5 },
    ],
    [],
    'score',
  );
  assert.deepEqual(
    fused.map((r) => [r.paperId, r.parts.fused]),
    [
      [1, 1],
      [2, 0.5 + VECTOR_WEIGHT * 0.9],
      [3, VECTOR_WEIGHT * 0.5],
    ],
  );
});

test('vectorList: keyword hits an approximate index missed get their similarity; exact lists stay as they are', () => {
  const cos = new Map([
    [1, 0.9],
    [2, 0.8],
    [3, 0.7],
    [4, 0.6],
    [5, -0.1],
  ]);
  const similarity = (id: number) => cos.get(id) ?? null;
  const keyword = [5, 4, 3, 9].map((paperId) => ({ paperId, score: 10 - paperId }));
  // The exact top 3 already holds every keyword hit that belongs in it: nothing changes.
  const exact = [1, 2, 3].map((paperId) => ({ paperId, score: cos.get(paperId) as number }));
  assert.deepEqual(vectorList(exact, keyword, similarity, 3), exact);
  // An approximate top 3 that missed paper 3 (a keyword hit) gets it back, in its place.
  const approximate = [1, 2, 4].map((paperId) => ({ paperId, score: cos.get(paperId) as number }));
  assert.deepEqual(
    vectorList(approximate, keyword, similarity, 3).map((h) => h.paperId),
    [1, 2, 3],
  );
  // Without similarities, only papers with a positive one are kept.
  assert.deepEqual(vectorList([{ paperId: 5, score: -0.1 }, ...exact], keyword, undefined, 4), exact);
});
