import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TOPIC_CORPUS } from '../../../test/support/topic-corpus.js';
import { norm, vectorFromBytes, vectorToBytes } from '../math/vectors.js';
import { BuiltinEmbedder } from './builtin.embedder.js';
import { trainLsa } from './lsa.trainer.js';
import { deserializeTermModel, serializeTermModel, termModelName } from './term-model.js';

const texts = TOPIC_CORPUS.map((d) => d.text);

test('the builtin model trained twice on the same corpus is byte-identical and gives identical vectors', async () => {
  const a = trainLsa(texts, { dim: 32 });
  const b = trainLsa(texts, { dim: 32 });
  const bytesA = serializeTermModel(a);
  assert.deepEqual(bytesA, serializeTermModel(b));
  assert.equal(termModelName(a), termModelName(b));
  assert.match(termModelName(a), /^builtin-lsa-32@[0-9a-f]{12}$/);
  const va = await new BuiltinEmbedder(a).embed(texts);
  const vb = await new BuiltinEmbedder(deserializeTermModel(bytesA)).embed(texts);
  assert.deepEqual(
    va.map((v) => Buffer.from(vectorToBytes(v))),
    vb.map((v) => Buffer.from(vectorToBytes(v))),
  );
});

test('builtin vectors have the configured dimension and unit length; unknown words give zeros', async () => {
  const embedder = new BuiltinEmbedder(trainLsa(texts, { dim: 48 }));
  assert.equal(embedder.dim, 48);
  const [v, none] = await embedder.embed(['robot grasping from videos', 'zzz qqq']);
  assert.equal(v!.length, 48);
  assert.ok(Math.abs(norm(v!) - 1) < 1e-5);
  assert.equal(norm(none!), 0);
});

test('papers of one topic are nearer to each other than to other topics', async () => {
  const embedder = new BuiltinEmbedder(trainLsa(texts, { dim: 16 }));
  const vectors = await embedder.embed(texts);
  const [query] = await embedder.embed(['teaching robots from videos of people']);
  const ranked = vectors
    .map((v, i) => ({ i, s: v.reduce((acc, x, j) => acc + x * query![j]!, 0) }))
    .sort((a, b) => b.s - a.s);
  assert.deepEqual(
    ranked.slice(0, 2).map((r) => TOPIC_CORPUS[r.i]!.topic),
    ['robots', 'robots'],
  );
  // Each paper's nearest other paper is mostly of its own topic.
  let same = 0;
  vectors.forEach((v, i) => {
    let best = -1;
    let bestScore = -Infinity;
    vectors.forEach((w, j) => {
      const s = j === i ? -Infinity : v.reduce((acc, x, d) => acc + x * w[d]!, 0);
      if (s > bestScore) [best, bestScore] = [j, s];
    });
    if (TOPIC_CORPUS[best]!.topic === TOPIC_CORPUS[i]!.topic) same++;
  });
  assert.ok(same >= 16, `${same} of 20 nearest neighbours share the topic`);
});

test('an aborted signal rejects', async () => {
  const embedder = new BuiltinEmbedder(trainLsa(texts, { dim: 8 }));
  await assert.rejects(embedder.embed(['x'], AbortSignal.abort(new Error('stop'))), /stop/);
});

test('vectors round-trip through float32 little-endian bytes', () => {
  const v = Float32Array.from([1.5, -2, 0.25]);
  assert.deepEqual(vectorFromBytes(vectorToBytes(v), 3), v);
  assert.throws(() => vectorFromBytes(vectorToBytes(v), 4), /16 bytes/);
});
