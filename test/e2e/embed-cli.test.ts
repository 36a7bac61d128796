// `paperboy embed` as a child process on a real database of each dialect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hfFixtureFiles } from '../support/app.js';
import { runPaperboy } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';

const paperboy = (args: string[], env: Record<string, string>) =>
  runPaperboy(args, { env: { PAPERBOY_EMBEDDING_DIM: '32', ...env } });

test('embed refuses an unknown --model', async () => {
  const r = await paperboy(['embed', '--model', 'word2vec'], {});
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--model must be one of builtin, transformers, openai/);
});

describeEachDatabase('paperboy embed', (get) => {
  const env = () => ({ PAPERBOY_DATABASE_URL: get().url });

  test('trains, embeds every paper with a summary, then finds nothing left to do', async () => {
    const imported = await paperboy(['import', ...hfFixtureFiles().slice(0, 3)], env());
    assert.equal(imported.code, 0, imported.stderr);
    const first = await paperboy(['embed', '--train'], env());
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^trained builtin-dual-32@[0-9a-f]{12} on 30 papers \(\d+ words\)/m);
    assert.match(
      first.stdout,
      /^embedded 30 of 30 papers with builtin-dual-32@[0-9a-f]{12} in [\d.]+s \(\d+ papers\/s\); 0 already current/m,
    );

    const again = await paperboy(['embed', '--json'], env());
    assert.equal(again.code, 0, again.stderr);
    const summary = JSON.parse(again.stdout) as {
      trained: unknown;
      embedded: { embedded: number; complete: boolean };
    };
    assert.equal(summary.trained, null);
    assert.equal(summary.embedded.embedded, 0);
    assert.equal(summary.embedded.complete, true);

    const status = await paperboy(['embed', '--status'], env());
    assert.match(status.stdout, /^30 papers; new vectors are made with builtin-dual-32@/);
    assert.match(status.stdout, /32 dimensions {2}30 vectors/);
  });
});
