// The serving side of vectors: a process that starts indexing loads the vectors, answers exactly at
// once, builds the approximate index in the background and then answers from it; with embeddings
// turned off it uses none of the vectors in the database.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import { describeEachDatabase } from '../../test/support/databases.js';
import type { AppContext } from '../app.js';
import { silentLogger } from '../lib/logger.js';
import { createEmbedderSource } from '../search/embeddings/embedder-factory.js';
import { createStores } from '../stores/index.js';
import { SemanticService } from './semantic.service.js';

describeEachDatabase('SemanticService', (get) => {
  let ctx: AppContext;

  before(async () => {
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, { embedder: { ...base.config.embedder, builtinDim: 16 } });
    await ctx.services.importer.importFiles(hfFixtureFiles().slice(0, 6));
    await ctx.services.embeddings.train();
    assert.equal((await ctx.services.embeddings.embedPending()).complete, true);
  });

  const service = (kind: 'builtin' | 'off') => {
    const stores = createStores(get().db.kysely, get().db.dialect);
    const source = createEmbedderSource(
      { ...ctx.config.embedder, kind },
      {
        latestName: async () => (await stores.embeddings.findLatestModel())?.name ?? null,
        load: (name) => stores.embeddings.findModel(name),
      },
    );
    // An approximate index over a handful of papers, so that it is built here.
    return new SemanticService(stores, source, silentLogger, 5, { minVectors: 20, probes: 2 });
  };

  test('answers exactly at once, builds the approximate index in the background, then uses it', async () => {
    const semantic = service('builtin');
    const exactly = await semantic.search('language model agents', 10);
    assert.equal(exactly.hits.length, 10);
    assert.equal(semantic.indexState().state, 'exact');
    semantic.start();
    await semantic.indexBuilt();
    const state = semantic.indexState();
    assert.equal(state.state, 'approximate');
    assert.ok(state.vectors >= 20);
    assert.match(state.model ?? '', /^builtin-dual-16@/);
    const approximately = await semantic.search('language model agents', 10);
    assert.equal(approximately.hits.length, 10);
    // Its best hits are among the exact ones, with their exact scores.
    const exact = new Map(exactly.hits.map((h) => [h.paperId, h.score]));
    const top = approximately.hits[0];
    assert.ok(top && exact.get(top.paperId) === top.score);
    // The similarity of any paper is exact, found or not.
    for (const h of exactly.hits) assert.equal(approximately.similarity?.(h.paperId), h.score);
    const paper = exactly.hits[0]?.paperId ?? 0;
    const related = await semantic.related(paper, 3);
    assert.equal(related.hits.length, 3);
    assert.ok(related.hits.every((h) => h.paperId !== paper));
    semantic.stop();
  });

  test('one-shot use (no start) never builds: it searches exactly', async () => {
    const semantic = service('builtin');
    await semantic.search('reinforcement learning', 5);
    await semantic.indexBuilt();
    assert.equal(semantic.indexState().state, 'exact');
  });

  test('turned off: no vectors are read, though the database holds them', async () => {
    const semantic = service('off');
    assert.equal(semantic.enabled, false);
    semantic.start();
    assert.deepEqual(await semantic.search('language model agents', 10), { model: null, hits: [] });
    assert.deepEqual(await semantic.related(1, 5), { model: null, hits: [] });
    assert.equal(await semantic.servingModel(), null);
    assert.equal(semantic.indexState().vectors, 0);
  });
});
