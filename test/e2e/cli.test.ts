// The real `paperboy` command, run as a child process against a real database of each dialect.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hfFixtureFiles } from '../support/app.js';
import { runPaperboy } from '../support/cli.js';
import { describeEachDatabase } from '../support/databases.js';

const paperboy = (args: string[], env: Record<string, string> = {}, script?: string) =>
  runPaperboy(args, { env, ...(script ? { script } : {}) });

test('the installed command prints its help (bin/paperboy.js runs the build npm ci made)', async () => {
  const r = await paperboy(['--help'], {}, 'bin/paperboy.js');
  assert.equal(r.code, 0, r.stderr);
  for (const name of ['serve', 'import', 'search', 'migrate'])
    assert.match(r.stdout, new RegExp(`^  ${name} `, 'm'));
});

test('each command has its own help; unknown commands and bad options exit 2', async () => {
  const help = await paperboy(['import', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: paperboy import/);
  assert.match(help.stdout, /--json/);
  const unknown = await paperboy(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const bad = await paperboy(['search', '--limit', '0', 'x']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--limit must be an integer from 1 to 100/);
  const badConfig = await paperboy(['migrate'], { PAPERBOY_DATABASE_URL: 'mysql://x' });
  assert.equal(badConfig.code, 1);
  assert.match(badConfig.stderr, /PAPERBOY_DATABASE_URL: must start with sqlite: or postgres:\/\//);
});

describeEachDatabase('paperboy CLI', (get) => {
  const env = () => ({ PAPERBOY_DATABASE_URL: get().url });

  test('import reports what it did, and a second run changes nothing', async () => {
    const first = await paperboy(['import', ...hfFixtureFiles()], env());
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /7 files: read 94, new 94, updated 0, skipped 0, rejected 0; 94 daily entries added; 0 files refused — .*records\/s/,
    );
    const second = await paperboy(['import', '--json', 'fixtures/hf-daily-papers'], env());
    assert.equal(second.code, 0, second.stderr);
    const summary = JSON.parse(second.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [summary.files, summary.read, summary.new, summary.updated, summary.skipped, summary.featured],
      [7, 94, 0, 0, 94, 0],
    );
  });

  test('import refuses a malformed file, lists rejected records, and exits 1', async () => {
    const r = await paperboy(
      ['import', 'fixtures/malformed/truncated-atom.xml', 'fixtures/malformed/2025-11-15-one-bad-line.jsonl'],
      env(),
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused truncated-atom\.xml: .*not well-formed XML/);
    assert.match(r.stderr, /rejected 2025-11-15-one-bad-line\.jsonl: line 3: line is not valid JSON/);
    assert.match(r.stdout, /1 file refused/);
  });

  test('search --json prints results best first with id and title', async () => {
    const r = await paperboy(['search', '--json', '--limit', '3', 'awakening static worlds agent'], env());
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout) as { id: string; title: string; score: number }[];
    assert.ok(results.length >= 1 && results.length <= 3);
    assert.equal(results[0]?.id, '2608.19880');
    assert.equal(results[0]?.title, 'EnvHarness: Awakening Static Worlds for Agent Learning');
    const scores = results.map((x) => x.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    const human = await paperboy(['search', 'EnvHarness'], env());
    assert.match(human.stdout, /^ 1\. EnvHarness: Awakening Static Worlds for Agent Learning$/m);
  });

  test('search --json carries the parts of each score; --author and --sort votes filter and order', async () => {
    const r = await paperboy(['search', '--json', '--limit', '5', 'agents', '--sort', 'votes'], env());
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout) as {
      id: string;
      scoreParts: {
        bm25: number;
        lexicalRank: number;
        vectorSimilarity: null;
        vectorRank: null;
        fused: number;
        pinned: null;
      };
    }[];
    assert.ok(results.length > 1);
    for (const x of results) {
      assert.ok(
        x.scoreParts.bm25 > 0 && x.scoreParts.lexicalRank >= 1 && x.scoreParts.fused > 0,
        JSON.stringify(x),
      );
      assert.equal(x.scoreParts.vectorSimilarity, null);
      assert.equal(x.scoreParts.pinned, null);
    }
    const byAuthor = await paperboy(['search', '--json', '--author', 'Chengsong Huang', 'agents'], env());
    assert.deepEqual(
      (JSON.parse(byAuthor.stdout) as { id: string }[]).map((x) => x.id),
      ['2608.19880'],
    );
    const bad = await paperboy(['search', '--sort', 'hot', 'x'], env());
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--sort must be relevance, date or votes/);
  });

  test('migrate on an up-to-date database says so', async () => {
    const r = await paperboy(['migrate'], env());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /is up to date/);
  });
});
