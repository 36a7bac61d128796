// PAPERBOY_EMBEDDER picks the embedder: each kind from its environment variables, the way an operator
// sets them. The transformers kind loads a model the test writes, with remote downloads off.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeTinyOnnxModel } from '../../../test/support/tiny-onnx-model.js';
import { TOPIC_CORPUS } from '../../../test/support/topic-corpus.js';
import { transformersMissing } from '../../../test/support/transformers.js';
import { loadConfig } from '../../config.js';
import { BuiltinEmbedder } from './builtin.embedder.js';
import { type BuiltinModels, createEmbedderSource } from './embedder-factory.js';
import { trainLsa } from './lsa.trainer.js';
import { OpenAiEmbedder } from './openai.embedder.js';
import { serializeTermModel, termModelName } from './term-model.js';
import { TransformersEmbedder } from './transformers.embedder.js';

let root: string;
let modelDir: string;
const trained = trainLsa(
  TOPIC_CORPUS.map((p) => p.text),
  { dim: 8 },
);
const artefact = serializeTermModel(trained);
const builtinName = termModelName(trained, artefact);
/** The database's model table, holding one trained model (or none). */
const models = (present: boolean): BuiltinModels => ({
  latestName: () => Promise.resolve(present ? builtinName : null),
  load: (name) => Promise.resolve(present && name === builtinName ? { name, artefact } : null),
});
const embedderOf = (env: Record<string, string>) => loadConfig(env).embedder;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'paperboy-factory-'));
  modelDir = writeTinyOnnxModel(join(root, 'tiny'), ['robot', 'video'], 4).dir;
});

after(() => rmSync(root, { recursive: true, force: true }));

test('builtin (the default): the newest trained model, none before the first training', async () => {
  const source = createEmbedderSource(embedderOf({}), models(true));
  assert.equal(source.kind, 'builtin');
  const active = await source.active();
  assert.ok(active instanceof BuiltinEmbedder);
  assert.equal(active.model, builtinName);
  assert.equal(await source.forModel(builtinName), active);
  assert.equal(await createEmbedderSource(embedderOf({}), models(false)).active(), null);
});

test('openai: the endpoint settings make the embedder; older builtin vectors still get theirs', async () => {
  const config = embedderOf({
    PAPERBOY_EMBEDDER: 'openai',
    PAPERBOY_OPENAI_BASE_URL: 'http://127.0.0.1:9/',
    PAPERBOY_OPENAI_MODEL: 'nomic-embed-text',
    PAPERBOY_OPENAI_DIMENSIONS: '768',
  });
  const source = createEmbedderSource(config, models(true));
  const active = await source.active();
  assert.ok(active instanceof OpenAiEmbedder);
  assert.equal(active.model, 'openai:nomic-embed-text:768');
  assert.equal(active.dim, 768);
  assert.equal(await source.forModel('openai:nomic-embed-text:768'), active);
  assert.equal(await source.forModel('openai:another-model:768'), null);
  // While the endpoint's vectors are being written, queries against the builtin ones use the builtin model.
  assert.equal((await source.forModel(builtinName))?.model, builtinName);
  assert.throws(() => embedderOf({ PAPERBOY_EMBEDDER: 'openai' }), /PAPERBOY_OPENAI_BASE_URL/);
});

test('transformers: the local model directory, loaded once, with remote downloads off', async (t) => {
  const missing = await transformersMissing();
  if (missing) return t.skip(missing);
  const source = createEmbedderSource(
    embedderOf({ PAPERBOY_EMBEDDER: 'transformers', PAPERBOY_TRANSFORMERS_MODEL_DIR: modelDir }),
    models(false),
  );
  const active = await source.active();
  assert.ok(active instanceof TransformersEmbedder);
  assert.match(active.model, /^transformers:tiny@[0-9a-f]{12}$/);
  assert.equal(active.dim, 4);
  assert.equal(await source.active(), active);
  assert.equal(await source.forModel(active.model), active);
  // Named by a variable, like the embedder does, so type checking never needs the optional package.
  const pkg = '@huggingface/transformers';
  const tf = (await import(pkg)) as { env: { allowRemoteModels: boolean } };
  assert.equal(tf.env.allowRemoteModels, false);
  assert.throws(() => embedderOf({ PAPERBOY_EMBEDDER: 'transformers' }), /PAPERBOY_TRANSFORMERS_MODEL_DIR/);
});

test('off: no embedder, so search is keyword-only', async () => {
  const source = createEmbedderSource(embedderOf({ PAPERBOY_EMBEDDER: 'off' }), models(true));
  assert.equal(await source.active(), null);
});
