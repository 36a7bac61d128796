// A description that shares no word with the paper it describes: the keyword index cannot find the
// paper, the builtin model trained on the catalogue (the dual encoder, the default) can, through the
// search service and the HTTP API, with the reason in scoreParts; "more like these papers" comes from
// the same vectors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import type { AppContext } from '../../src/app.js';
import { createHttpApp } from '../../src/http/server.js';
import { isStopword, words } from '../../src/search/lexical/text.js';
import type { SearchResults } from '../../src/services/search.service.js';
import { createStores } from '../../src/stores/index.js';
import { createTestApp } from '../support/app.js';
import { describeEachDatabase } from '../support/databases.js';
import { MEANING_TARGETS, paraphraseCorpus, writeParaphraseCorpus } from '../support/paraphrase-corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-meaning-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('search finds a paper by its meaning', (get) => {
  let ctx: AppContext;
  let app: Hono;
  const idOf = new Map<string, number>();

  before(async () => {
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, {
      pageCacheSeconds: 0,
      embedder: { ...base.config.embedder, builtinDim: 16, builtinTrainer: 'dual' },
    });
    app = createHttpApp(ctx);
    await ctx.services.importer.importFiles([writeParaphraseCorpus(dir)]);
    const trained = await ctx.services.embeddings.train();
    assert.match(trained.model, /^builtin-dual-16@[0-9a-f]{12}$/);
    assert.equal((await ctx.services.embeddings.embedPending()).complete, true);
    const stores = createStores(get().db.kysely, get().db.dialect);
    for (const p of paraphraseCorpus()) {
      const row = await stores.papers.findByArxivId(p.id);
      assert.ok(row);
      idOf.set(p.id, row.id);
    }
  });

  const search = async (q: string) => {
    const r = await ctx.services.search.search({ q, limit: 10, offset: 0 });
    assert.equal(r.kind, 'results');
    return r as SearchResults;
  };

  for (const target of MEANING_TARGETS) {
    test(`“${target.query}” finds “${target.title}”, with which it shares no word`, async () => {
      // The premise: not one word of the query is in the paper.
      const paperWords = new Set(words(`${target.title} ${target.summary}`));
      assert.deepEqual(
        words(target.query).filter((w) => !isStopword(w) && paperWords.has(w)),
        [],
      );
      const r = await search(target.query);
      assert.equal(r.mode, 'hybrid');
      // On the first page, among the papers that share the query's words.
      const rank = r.hits.findIndex((h) => h.card.arxivId === target.id);
      assert.ok(rank >= 0, `not found: ${r.hits.map((h) => h.card.title).join(' | ')}`);
      const hit = r.hits[rank];
      // Found by the vector list alone: no keyword score.
      assert.equal(hit?.parts.bm25, null);
      assert.equal(hit?.parts.lexicalRank, null);
      assert.ok((hit?.parts.vectorSimilarity ?? 0) > 0);
      assert.ok(
        r.hits.filter((h) => h.parts.lexicalRank !== null).every((h) => h.card.arxivId !== target.id),
      );
    });
  }

  test('the API answers the same, with scoreParts saying the paper came by meaning', async () => {
    const target = MEANING_TARGETS[0];
    const res = await app.request(`/api/papers/search?q=${encodeURIComponent(target.query)}&limit=10`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-search-mode'), 'hybrid');
    const body = (await res.json()) as {
      paper: { id: string };
      score: number;
      scoreParts: { bm25: number | null; vectorSimilarity: number | null; vectorRank: number | null };
    }[];
    const entry = body.find((e) => e.paper.id === target.id);
    assert.ok(entry, JSON.stringify(body.map((e) => e.paper.id)));
    assert.equal(entry.scoreParts.bm25, null);
    assert.ok((entry.scoreParts.vectorSimilarity ?? 0) > 0);
    assert.ok((entry.scoreParts.vectorRank ?? 0) >= 1);
    assert.ok(entry.score > 0);
  });

  test('keyword-only search cannot find it', async () => {
    const base = createTestApp(get().db);
    const off = createTestApp(get().db, { embedder: { ...base.config.embedder, kind: 'off' } });
    const r = await off.services.search.search({ q: MEANING_TARGETS[0].query, limit: 50, offset: 0 });
    assert.equal(r.kind, 'results');
    assert.equal((r as SearchResults).mode, 'keyword');
    assert.ok((r as SearchResults).hits.every((h) => h.card.arxivId !== MEANING_TARGETS[0].id));
  });

  test('more like these papers: the nearest others, the given ones left out', async () => {
    const speech = paraphraseCorpus()
      .filter((p) => /voice|speech|aloud/i.test(p.title))
      .slice(0, 3)
      .map((p) => idOf.get(p.id) as number);
    assert.equal(speech.length, 3);
    const like = await ctx.services.semantic.moreLikeThese(speech, 4);
    assert.equal(like.used, speech.length);
    assert.equal(like.hits.length, 4);
    assert.ok(like.hits.every((h) => !speech.includes(h.paperId)));
    const titles = new Map(paraphraseCorpus().map((p) => [idOf.get(p.id), `${p.title} ${p.summary}`]));
    // The nearest two are about reading text aloud too.
    for (const h of like.hits.slice(0, 2))
      assert.match(titles.get(h.paperId) ?? '', /speech|voice|aloud|vocoder|prosody/i);
    assert.deepEqual(await ctx.services.semantic.moreLikeThese([], 4), {
      model: like.model,
      hits: [],
      used: 0,
    });
  });
});
