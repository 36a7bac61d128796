// Related papers at GET /api/papers/:id/related and on the paper page, before and after embedding.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Hono } from 'hono';
import { createTestApp, hfFixtureFiles } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import type { AppContext } from '../../app.js';
import type { HfPaper } from '../api/hf-shapes.js';
import { createHttpApp } from '../server.js';

interface RelatedBody {
  model: string | null;
  papers: (HfPaper & { similarity: number })[];
  note?: string;
}

describeEachDatabase('related papers routes', (get) => {
  let ctx: AppContext;
  let app: Hono;
  const related = async (url: string): Promise<RelatedBody> => {
    const res = await app.request(url);
    assert.equal(res.status, 200, url);
    return (await res.json()) as RelatedBody;
  };

  before(async () => {
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, {
      pageCacheSeconds: 0,
      embedder: { ...base.config.embedder, builtinDim: 32 },
    });
    await ctx.services.importer.importFiles(hfFixtureFiles());
    app = createHttpApp(ctx);
  });

  test('before any embedding: an empty list with a note, and the page says so', async () => {
    const body = await related('/api/papers/2405.15738/related');
    assert.deepEqual(body.papers, []);
    assert.equal(body.model, null);
    assert.match(body.note ?? '', /paperboy embed/);
    const html = await (await app.request('/papers/2405.15738')).text();
    assert.match(html, /<h2 id="related-heading">Related papers<\/h2>/);
    assert.match(html, /appear once papers have been embedded/);
  });

  test('after embedding: nearest papers in the paper shape with their similarity', async () => {
    await ctx.services.embeddings.train();
    await ctx.services.embeddings.embedPending();
    await ctx.services.semantic.refresh();
    const body = await related('/api/papers/2405.15738v2/related?limit=4');
    assert.match(body.model ?? '', /^builtin-dual-32@/);
    assert.equal(body.papers.length, 4);
    assert.equal(body.note, undefined);
    assert.ok(
      body.papers.every((p) => p.id !== '2405.15738' && typeof p.title === 'string' && p.authors.length > 0),
    );
    const sims = body.papers.map((p) => p.similarity);
    assert.deepEqual(
      sims,
      [...sims].sort((a, b) => b - a),
    );
    assert.ok(sims.every((s) => s <= 1 && s >= -1));

    const html = await (await app.request('/papers/2405.15738')).text();
    const section = html.slice(html.indexOf('id="related-heading"'));
    assert.equal((section.match(/class="related-card"/g) ?? []).length, 6);
    assert.match(section, new RegExp(`href="/papers/${body.papers[0]!.id}"`));
  });

  test('bad ids and limits are refused; unknown papers are 404', async () => {
    assert.equal((await app.request('/api/papers/not-an-id/related')).status, 400);
    const bad = await app.request('/api/papers/2405.15738/related?limit=0');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { parameter: string }).parameter, 'limit');
    assert.equal((await app.request('/api/papers/2101.00001/related')).status, 404);
  });

  test('the route is described in /openapi.json', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/api/papers/{id}/related']);
  });
});
