// The dual encoder: deterministic to the byte, the same numbers whether run at once or paced between
// event-loop turns, and training really moves the vectors the way the loss says: a paper's title
// lands nearer its own abstract, relative to the other abstracts, than it did in the LSA it starts from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paraphraseCorpus } from '../../../test/support/paraphrase-corpus.js';
import { runSteps, runStepsPaced } from '../math/steps.js';
import { dot, norm } from '../math/vectors.js';
import { BuiltinEmbedder } from './builtin.embedder.js';
import { dualSteps, trainDualEncoder } from './dual.trainer.js';
import { lsaSteps, trainLsa } from './lsa.trainer.js';
import { serializeTermModel, type TermModel, termModelName } from './term-model.js';

const papers = paraphraseCorpus();
const texts = papers.map((p) => `${p.title}\n\n${p.summary}`);

/** Mean over papers of cos(title, own abstract) minus the mean cos(title, other abstracts). */
async function titleMargin(model: TermModel): Promise<number> {
  const e = new BuiltinEmbedder(model);
  const titles = await e.embed(papers.map((p) => p.title));
  const bodies = await e.embed(papers.map((p) => p.summary));
  let margin = 0;
  titles.forEach((t, i) => {
    let others = 0;
    bodies.forEach((b, j) => {
      if (j !== i) others += dot(t, b);
    });
    margin += dot(t, bodies[i] as Float32Array) - others / (bodies.length - 1);
  });
  return margin / titles.length;
}

test('trained twice, the same bytes and name; paced between event-loop turns, the same again', async () => {
  const a = trainDualEncoder(texts, { dim: 12 });
  const b = trainDualEncoder(texts, { dim: 12 });
  assert.deepEqual(serializeTermModel(a), serializeTermModel(b));
  assert.match(termModelName(a), /^builtin-dual-12@[0-9a-f]{12}$/);
  let pauses = 0;
  const paced = await runStepsPaced(dualSteps(texts, { dim: 12 }), async () => {
    pauses++;
    await new Promise<void>((resolve) => setImmediate(resolve));
  });
  assert.ok(pauses > 10, `${pauses} pauses`);
  assert.equal(termModelName(paced), termModelName(a));
  // LSA too: the generator run at once is the function.
  assert.equal(
    termModelName(runSteps(lsaSteps(texts, { dim: 12 }))),
    termModelName(trainLsa(texts, { dim: 12 })),
  );
});

test('training pulls each title towards its own abstract, away from the others', async () => {
  const lsa = trainLsa(texts, { dim: 16 });
  const dual = trainDualEncoder(texts, { dim: 16, init: lsa, epochs: 20, maxSteps: 0 });
  const before = await titleMargin(lsa);
  const after = await titleMargin(dual);
  assert.ok(after > before + 0.01, `margin from LSA ${before.toFixed(3)} -> ${after.toFixed(3)}`);
  // From random vectors, where titles start nowhere near their abstracts, the loss alone gets them there.
  const random = trainDualEncoder(texts, { dim: 16, lsaInit: false, epochs: 40, maxSteps: 0 });
  const fromRandom = await titleMargin(random);
  assert.ok(fromRandom > 0.3, `margin from random vectors ${fromRandom.toFixed(3)}`);
  const [v] = await new BuiltinEmbedder(dual).embed(['robots watching people']);
  assert.ok(v && Math.abs(norm(v) - 1) < 1e-5);
});

test('a stop between two slices ends training', async () => {
  await assert.rejects(
    runStepsPaced(dualSteps(texts, { dim: 8 }), () => Promise.reject(new Error('stopped'))),
    /stopped/,
  );
});
