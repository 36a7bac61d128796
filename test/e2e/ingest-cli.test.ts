// The real `paperboy ingest`, `feature` and `duplicates` commands against the loopback upstream
// server. The harvest-and-feature flow runs on both databases; the rest only wires options to
// services already tested on both, so it runs once, on SQLite (each spawn costs a second or two).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp } from '../support/app.js';
import { runPaperboy } from '../support/cli.js';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/databases.js';
import { fastUpstreamEnv } from '../support/ingest.js';
import { startUpstreamServer, type UpstreamServer } from '../support/upstream-server.js';

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

function paperboy(args: string[], env: Record<string, string> = {}) {
  return runPaperboy(args, { env: { ...fastUpstreamEnv(server), ...env } });
}

describeEachDatabase('paperboy ingest and feature', (get) => {
  const env = () => ({ PAPERBOY_DATABASE_URL: get().url });

  test('a harvest ends with a summary; a curator features a paper arXiv has to be asked for', async () => {
    server.reset();
    const oai = await paperboy(['ingest', 'arxiv', '--oai', '--set', 'cs', '--from', '2025-07-03'], env());
    assert.equal(oai.code, 0, oai.stderr);
    assert.match(
      oai.stdout,
      /^arxiv-oai set cs from 2025-07-03: 3 pages, read 13, new 12, updated 0, skipped 0, rejected 1; 0 daily entries added; 0 possible duplicates flagged; next harvest from 2025-07-05 — /m,
    );
    assert.match(
      oai.stderr,
      /rejected records 6-10 of 13: record 3 \(oai:arXiv\.org:cs\/0112017\): deleted upstream/,
    );
    assert.ok(server.requests.every((r) => r.userAgent === 'paperboy/0.1.0 (+http://127.0.0.1:3000)'));

    const r = await paperboy(
      ['feature', '1707.08567', '--day', '2026-08-21', '--submitter', 'ada', '--json'],
      env(),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      arxivId: '1707.08567',
      title: 'Proceedings of Workshop AEW10: Concepts in Information Theory and Communications',
      day: '2026-08-21',
      added: true,
      fetched: true,
    });
    const paper = await createTestApp(get().db).services.papers.getPaper('1707.08567');
    assert.deepEqual(
      paper.featuredDays.map((d) => [d.day, d.submitter?.name]),
      [['2026-08-21', 'ada']],
    );
  });
});

describe('paperboy ingest hf, feature and duplicates [sqlite]', () => {
  let database: TestDatabase;
  const env = () => ({ PAPERBOY_DATABASE_URL: database.url });
  before(async () => {
    database = await createTestDatabase('sqlite');
  });
  after(async () => {
    await database.drop();
  });

  test('refuses contradictory options with a pointer to --help', async () => {
    const both = await paperboy(['ingest', 'arxiv', '--ids', '1706.03762', '--query', 'attention']);
    assert.equal(both.code, 2);
    assert.match(
      both.stderr,
      /paperboy ingest: give exactly one of --ids, --query or --oai\nRun `paperboy ingest --help`/,
    );
  });

  test('ingest hf mirrors the days of an ISO week', async () => {
    server.reset();
    const hf = await paperboy(['ingest', 'hf', '--week', '2025-W27', '--json'], env());
    assert.equal(hf.code, 0, hf.stderr);
    const summary = JSON.parse(hf.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [summary.source, summary.pages, summary.read, summary.new, summary.featured],
      ['hf', 7, 12, 12, 12],
    );
    assert.deepEqual(
      server.requests.map((r) => r.query.date),
      ['2025-06-30', '2025-07-01', '2025-07-02', '2025-07-03', '2025-07-04', '2025-07-05', '2025-07-06'],
    );
  });

  test('feature refuses an id arXiv does not know', async () => {
    const unknown = await paperboy(['feature', '0808.05394'], env());
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /paperboy feature: arXiv has no paper 0808\.05394; nothing was added to the feed/,
    );
  });

  test('duplicates lists a near-identical title under another id', async () => {
    // A listing record claiming a new id for the title of a mirrored paper.
    const file = join(mkdtempSync(join(tmpdir(), 'paperboy-dup-')), '2025-07-07.jsonl');
    writeFileSync(
      file,
      JSON.stringify({
        id: '2507.09001',
        categories: ['cs.LG'],
        authors: ['Someone Else'],
        title: 'Energy-based transformers are scalable learners & thinkers.',
        comment: null,
        summary: 'Copied.',
      }) + '\n',
    );
    const imported = await createTestApp(database.db).services.importer.importFiles([file]);
    assert.equal(imported.new, 1);
    const list = await paperboy(['duplicates'], env());
    assert.equal(list.code, 0, list.stderr);
    assert.match(
      list.stdout,
      /^#\d+ {2}2507\.09001 {2}Energy-based transformers are scalable learners & thinkers\.\n {5}looks like 2507\.02092 {2}Energy-Based Transformers are Scalable Learners and Thinkers\n {5}\(same-title, flagged \d{4}-\d{2}-\d{2}\)\n\n1 open; `paperboy duplicates --dismiss ID` when a pair is not one paper$/m,
    );
  });
});
