// The real `paperboy ingest`, `feature` and `duplicates` commands against the loopback upstream
// server and a real database of each dialect.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestApp } from '../support/app.js';
import { describeEachDatabase } from '../support/databases.js';
import { fastUpstreamEnv } from '../support/ingest.js';
import { startUpstreamServer, type UpstreamServer } from '../support/upstream-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

let server: UpstreamServer;
before(async () => {
  server = await startUpstreamServer();
});
after(async () => {
  await server.close();
});

function paperboy(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...fastUpstreamEnv(server), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('ingest explains itself and refuses contradictory options', async () => {
  const help = await paperboy(['ingest', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: paperboy ingest arxiv --ids ID\[,ID\.\.\.\] \| --query QUERY/);
  const both = await paperboy(['ingest', 'arxiv', '--ids', '1706.03762', '--query', 'attention']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /paperboy ingest: give exactly one of --ids, --query or --oai/);
});

describeEachDatabase('paperboy ingest, feature and duplicates', (get) => {
  const env = () => ({ PAPERBOY_DATABASE_URL: get().url });

  test('ingest harvests arXiv and mirrors Hugging Face, with a summary', async () => {
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
    assert.ok(server.requests.every((r) => r.userAgent === 'paperboy/0.1.0 (+http://localhost:3000)'));

    const hf = await paperboy(['ingest', 'hf', '--date', '2025-07-04', '--json'], env());
    assert.equal(hf.code, 0, hf.stderr);
    const summary = JSON.parse(hf.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [summary.source, summary.pages, summary.read, summary.new, summary.updated, summary.featured],
      ['hf', 1, 12, 9, 3, 12],
    );
  });

  test('feature puts a paper on a day, fetching it from arXiv when new, and refuses unknown ids', async () => {
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

    const unknown = await paperboy(['feature', '0808.05394'], env());
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /paperboy feature: arXiv has no paper 0808\.05394; nothing was added to the feed/,
    );
  });

  test('duplicates lists near-identical titles under two ids, and dismisses a flag', async () => {
    // A listing record claiming a new id for the title of a harvested paper.
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-dup-'));
    const file = join(dir, '2025-07-07.jsonl');
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
    const imported = await createTestApp(get().db).services.importer.importFiles([file]);
    assert.equal(imported.new, 1);

    const list = await paperboy(['duplicates', '--json'], env());
    assert.equal(list.code, 0, list.stderr);
    const flags = JSON.parse(list.stdout) as {
      id: number;
      paper: { arxivId: string };
      other: { arxivId: string };
    }[];
    assert.deepEqual(
      flags.map((f) => [f.paper.arxivId, f.other.arxivId]),
      [['2507.09001', '2507.02092']],
    );
    const id = String(flags[0]?.id);
    const dismissed = await paperboy(['duplicates', '--dismiss', id], env());
    assert.equal(dismissed.stdout.trim(), `flag ${id} dismissed`);
    const open = await createTestApp(get().db).services.curation.listDuplicates();
    assert.deepEqual(open, []);
  });
});
