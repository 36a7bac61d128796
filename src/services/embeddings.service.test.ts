import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import type { AppContext } from '../app.js';
import { createStores } from '../stores/index.js';

/** The model the first database's run trained, to compare with the second's. */
let firstModel: string | null = null;

describeEachDatabase('EmbeddingsService', (get, dialect) => {
  let ctx: AppContext;
  const files = hfFixtureFiles();

  before(async () => {
    // Small batches, so a run can be stopped half way; small dimensions, so training takes milliseconds.
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, { embedder: { ...base.config.embedder, builtinDim: 32, batchSize: 10 } });
    await ctx.services.importer.importFiles(files.slice(0, 4));
  });

  test('before training there is no embedder, and nothing is embedded', async () => {
    const r = await ctx.services.embeddings.embedPending();
    assert.equal(r.model, null);
    assert.deepEqual((await ctx.services.papers.related('2405.15738', 5)).papers, []);
  });

  test('training is deterministic: the same catalogue gives the same model', async () => {
    const first = await ctx.services.embeddings.train();
    assert.equal(first.isNew, true);
    assert.match(first.model, /^builtin-dual-32@[0-9a-f]{12}$/);
    const again = await ctx.services.embeddings.train();
    assert.equal(again.model, first.model);
    assert.equal(again.isNew, false);
    assert.equal(await ctx.services.embeddings.retrainIfDue(), null);
    // The name is the hash of the model's bytes: the same papers give the same model on either database.
    if (firstModel) assert.equal(first.model, firstModel, dialect);
    else firstModel = first.model;
  });

  test('embeds every paper once; a second run finds nothing; an edited abstract re-embeds', async () => {
    const papers = await createStores(get().db.kysely, get().db.dialect).papers.count();
    const first = await ctx.services.embeddings.embedPending();
    assert.equal(first.embedded, papers);
    assert.equal(first.complete, true);
    assert.equal((await ctx.services.embeddings.embedPending()).embedded, 0);

    const stores = createStores(get().db.kysely, get().db.dialect);
    const [one] = await stores.embeddings.listPaperTexts(first.model ?? '', 0, 1);
    await get()
      .db.kysely.updateTable('papers')
      .set({ abstract: 'A new abstract.' })
      .where('id', '=', one!.paperId)
      .execute();
    assert.equal((await ctx.services.embeddings.embedPending()).embedded, 1);
    assert.equal((await ctx.services.embeddings.embedPending({ all: true })).embedded, papers);
  });

  test('a model change re-embeds in the background; the old vectors serve until the new set is complete', async () => {
    await ctx.services.semantic.refresh();
    const oldModel = await ctx.services.semantic.servingModel();
    assert.ok(oldModel);
    const paper = (await ctx.services.papers.related('2405.15738', 3)).papers;
    assert.equal(paper.length, 3);

    // The catalogue grows past the retraining threshold: a new model is trained.
    await ctx.services.importer.importFiles(files.slice(4));
    const trained = await ctx.services.embeddings.retrainIfDue();
    assert.ok(trained && trained.model !== oldModel);

    // Embedding stops after the first batch (a crash, a deploy): the new set is incomplete.
    const stop = new AbortController();
    await assert.rejects(
      ctx.services.embeddings.embedPending({
        signal: stop.signal,
        onProgress: (p) => p.embedded >= 10 && stop.abort(new Error('stopped')),
      }),
      /stopped/,
    );
    await ctx.services.semantic.refresh();
    assert.equal(await ctx.services.semantic.servingModel(), oldModel);
    const during = await ctx.services.papers.related('2405.15738', 3);
    assert.equal(during.model, oldModel);
    assert.deepEqual(
      during.papers.map((p) => p.card.arxivId),
      paper.map((p) => p.card.arxivId),
    );
    const search = await ctx.services.semantic.search('video generation with diffusion', 5);
    assert.equal(search.model, oldModel);
    assert.equal(search.hits.length, 5);

    // The next run finishes the set: the new model serves and the old vectors are gone.
    const done = await ctx.services.embeddings.embedPending();
    assert.equal(done.complete, true);
    assert.ok(done.removed > 0);
    await ctx.services.semantic.refresh();
    assert.equal(await ctx.services.semantic.servingModel(), trained.model);
    assert.deepEqual(
      (await ctx.services.embeddings.status()).models.map((m) => m.model),
      [trained.model],
    );
  });

  test('related papers exclude the paper itself, nearest first', async () => {
    const related = await ctx.services.papers.related('2405.15738', 5);
    assert.equal(related.papers.length, 5);
    assert.ok(related.papers.every((p) => p.card.arxivId !== '2405.15738'));
    const sims = related.papers.map((p) => p.similarity);
    assert.deepEqual(
      sims,
      [...sims].sort((a, b) => b - a),
    );
  });

  test('a new paper is projected into the current model, without retraining, and found by its meaning', async () => {
    const model = await ctx.services.semantic.servingModel();
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-embed-new-')), 'late.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({
        id: '2608.99001',
        title: 'Video diffusion models for long video generation',
        summary: 'We generate long videos with a diffusion model conditioned on text and earlier frames.',
        authors: ['Late Author'],
        categories: ['cs.CV'],
      })}\n`,
    );
    await ctx.services.importer.importFiles([file]);
    const run = await ctx.services.embeddings.runDue();
    assert.equal(run.trained, null);
    assert.equal(run.embedded.model, model);
    assert.equal(run.embedded.embedded, 1);
    await ctx.services.semantic.refresh();
    const found = await ctx.services.semantic.search('generating long videos with diffusion', 10);
    assert.equal(found.model, model);
    const stores = createStores(get().db.kysely, get().db.dialect);
    const paper = await stores.papers.findByArxivId('2608.99001');
    assert.ok(paper);
    assert.ok(
      found.hits.some((h) => h.paperId === paper.id),
      JSON.stringify(found.hits),
    );
  });
});
