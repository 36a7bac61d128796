import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createTestApp, hfFixtureFiles } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import type { AppContext } from '../../app.js';
import { embedPapersJob } from './embed-papers.job.js';

describeEachDatabase('embed-papers job', (get) => {
  let ctx: AppContext;

  before(async () => {
    const base = createTestApp(get().db);
    ctx = createTestApp(get().db, { embedder: { ...base.config.embedder, builtinDim: 16 } });
    await ctx.services.importer.importFiles(hfFixtureFiles().slice(0, 2));
  });

  test('trains the first model, embeds every paper, and a rerun does nothing', async () => {
    const run = () =>
      embedPapersJob.run(embedPapersJob.payload.parse({}), {
        services: ctx.services,
        signal: new AbortController().signal,
      });
    const first = await run();
    assert.match(first.trained ?? '', /^builtin-dual-16@/);
    assert.equal(first.embedded, 19);
    assert.equal(first.complete, true);
    const second = await run();
    assert.equal(second.trained, null);
    assert.equal(second.embedded, 0);
  });

  test('a stopped worker aborts the run between batches', async () => {
    const stop = new AbortController();
    stop.abort(new Error('worker stopping'));
    await assert.rejects(
      embedPapersJob.run(embedPapersJob.payload.parse({ all: true }), {
        services: ctx.services,
        signal: stop.signal,
      }),
      /worker stopping/,
    );
  });
});
