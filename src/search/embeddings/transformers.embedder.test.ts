// The transformers embedder on a model the test writes itself (test/support/tiny-onnx-model.ts):
// real transformers.js, real onnxruntime, no download.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TinyModel, writeTinyOnnxModel } from '../../../test/support/tiny-onnx-model.js';
import { transformersMissing } from '../../../test/support/transformers.js';
import { norm } from '../math/vectors.js';
import { EmbedderError } from './errors.js';
import { TransformersEmbedder } from './transformers.embedder.js';

describe('transformers embedder', { skip: await transformersMissing() }, () => {
  let root: string;
  let tiny: TinyModel;
  let embedder: TransformersEmbedder;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'paperboy-onnx-'));
    tiny = writeTinyOnnxModel(
      join(root, 'tiny-gather'),
      ['robot', 'grasping', 'from', 'video', 'protein', 'folding'],
      12,
    );
    embedder = await TransformersEmbedder.load(tiny.dir, { batchSize: 2 });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  /** What the model should give: the mean of the token rows ([CLS] words [SEP]), unit length. */
  function expected(words: string[]): Float32Array {
    const ids = ['[CLS]', ...words, '[SEP]'].map((w) => tiny.vocab.indexOf(w));
    const v = new Float32Array(tiny.dim);
    for (const id of ids)
      for (let j = 0; j < tiny.dim; j++) v[j]! += tiny.table[id * tiny.dim + j]! / ids.length;
    const n = norm(v);
    return v.map((x) => x / n);
  }

  test('loads a local ONNX model and names it by the hash of its weights', () => {
    assert.equal(embedder.dim, 12);
    assert.match(embedder.model, /^transformers:tiny-gather@[0-9a-f]{12}$/);
  });

  test('mean-pools token vectors into unit vectors, in batches, in input order', async () => {
    const texts = ['Robot grasping', 'protein folding from video', 'robot', 'VIDEO robot'];
    const vectors = await embedder.embed(texts);
    assert.equal(vectors.length, 4);
    const words = [
      ['robot', 'grasping'],
      ['protein', 'folding', 'from', 'video'],
      ['robot'],
      ['video', 'robot'],
    ];
    vectors.forEach((v, i) => {
      assert.equal(v.length, 12);
      assert.ok(Math.abs(norm(v) - 1) < 1e-5);
      const want = expected(words[i]!);
      for (let j = 0; j < 12; j++) assert.ok(Math.abs(v[j]! - want[j]!) < 1e-5, `text ${i} dim ${j}`);
    });
    assert.deepEqual(await embedder.embed(texts), vectors);
  });

  test('an aborted signal rejects', async () => {
    await assert.rejects(embedder.embed(['robot'], AbortSignal.abort(new Error('too slow'))), /too slow/);
  });

  test('a directory without a model is refused with the file it lacks', async () => {
    await assert.rejects(
      TransformersEmbedder.load(root),
      (err) => err instanceof EmbedderError && /config\.json is missing/.test(err.message),
    );
  });
});
