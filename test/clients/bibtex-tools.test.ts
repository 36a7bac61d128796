// BibTeX as reference tools read it: every paper of the bundled sample plus hand-made hard titles
// (Greek, TeX specials, corporate authors, inline math, compatibility forms), read back by Python's
// bibtexparser (python3-bibtexparser) and compiled by bibtex and pdflatex (texlive-latex-base), the
// way an author cites them. The paper page's BibTeX is what is tested, fetched over HTTP.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { createTestApp } from '../support/app.js';
import { startTestServer, type TestServer } from '../support/browser.js';
import { describeEachDatabase } from '../support/databases.js';
import { runPython } from '../support/python-clients.js';
import { createHttpApp } from '../../src/http/server.js';
import { sampleFiles } from '../../src/services/sample-data.service.js';

const run = promisify(execFile);
const HARD = fileURLToPath(
  new URL('../../fixtures/handmade/bibtex-hard-titles.hf-daily.jsonl', import.meta.url),
);
const HARD_IDS = ['2603.90001', '2603.90002', '2603.90003', '2603.90004'];

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describeEachDatabase('BibTeX in real reference tools', (get) => {
  let server: TestServer;
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bibtex-'));
  /** key -> entry; the first of entries that share a key (a page shows one entry, a .bib needs unique keys). */
  const entries = new Map<string, string>();
  const hard = new Map<string, string>();

  before(async () => {
    server = await startTestServer();
    const ctx = createTestApp(get().db, { baseUrl: server.base, pageCacheSeconds: 0 });
    await ctx.services.importer.importFiles([...sampleFiles(), HARD]);
    server.setApp(createHttpApp(ctx));
    const bibtexOf = async (id: string) => {
      const html = await (await fetch(`${server.base}/papers/${id}`)).text();
      const m = /<pre class="bibtex"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html);
      assert.ok(m, id);
      return unescapeHtml(m[1] as string);
    };
    for (const id of HARD_IDS) hard.set(id, await bibtexOf(id));
    const ids = (await ctx.db.kysely.selectFrom('papers').select('arxiv_id').orderBy('id').execute()).map(
      (r) => r.arxiv_id,
    );
    for (const id of ids) {
      const bib = id.startsWith('2603.9000')
        ? (hard.get(id) as string)
        : (await ctx.services.papers.getPaper(id)).bibtex;
      const key = bib.slice('@misc{'.length, bib.indexOf(','));
      if (!entries.has(key)) entries.set(key, bib);
    }
    writeFileSync(join(dir, 'papers.bib'), [...entries.values()].join('\n\n') + '\n');
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('entries are plain ASCII with ASCII keys; corporate authors braced; backslashes readable', () => {
    for (const [key, bib] of entries) {
      assert.match(key, /^[a-z0-9]+$/, key);
      assert.match(bib, /^[\n\x20-\x7e]*$/, bib);
    }
    assert.match(hard.get('2603.90001') ?? '', /^@misc\{wang2026pistepnft,/);
    assert.match(
      hard.get('2603.90002') ?? '',
      /author = \{\{Kling Team\} and \{Research and Development\} and \{Google DeepMind\}\}/,
    );
    assert.match(hard.get('2603.90002') ?? '', /C:\\textbackslash\{\}temp\\textbackslash\{\}new/);
    assert.match(hard.get('2603.90003') ?? '', /\$\\mathcal\{O\}\(n \\log n\)\$/);
  });

  test('bibtexparser reads every entry back', async () => {
    const parsed = await runPython<{ id: string; title: string; author: string }[]>(
      `
import json, sys, bibtexparser
with open(sys.argv[1]) as f:
    db = bibtexparser.load(f)
print(json.dumps([{"id": e["ID"], "title": e.get("title", ""), "author": e.get("author", "")} for e in db.entries]))
`,
      [join(dir, 'papers.bib')],
    );
    assert.equal(parsed.length, entries.size);
    assert.deepEqual(new Set(parsed.map((e) => e.id)), new Set(entries.keys()));
    const hardKey = (hard.get('2603.90002') ?? '').slice('@misc{'.length).split(',')[0];
    const corporate = parsed.find((e) => e.id === hardKey);
    assert.equal(corporate?.author, '{Kling Team} and {Research and Development} and {Google DeepMind}');
    for (const e of parsed) assert.ok(e.title.length > 2, e.id);
  });

  test('bibtex and pdflatex compile a document citing every entry, without an error, names whole', async () => {
    writeFileSync(
      join(dir, 'cite.tex'),
      '\\documentclass{article}\n\\begin{document}\nEverything.\\nocite{*}\n\\bibliographystyle{plain}\n\\bibliography{papers}\n\\end{document}\n',
    );
    const opts = { cwd: dir, timeout: 120_000, maxBuffer: 64 << 20 };
    const pdflatex = ['-interaction=nonstopmode', '-halt-on-error', 'cite.tex'];
    await run('pdflatex', pdflatex, opts);
    const bibtex = await run('bibtex', ['cite'], opts);
    assert.doesNotMatch(bibtex.stdout, /error message|Repeated entry/, bibtex.stdout);
    await run('pdflatex', pdflatex, opts).catch((err: { stdout: string }) => {
      assert.fail(
        `pdflatex failed:\n${err.stdout
          .split('\n')
          .filter((l) => l.startsWith('!'))
          .join('\n')}`,
      );
    });
    const log = readFileSync(join(dir, 'cite.log'), 'utf8');
    assert.doesNotMatch(log, /^! /m);
    const bbl = readFileSync(join(dir, 'cite.bbl'), 'utf8');
    assert.match(bbl, /\\bibitem\{wang2026pistepnft\}/);
    // BibTeX's own name parser kept the corporate authors whole ("Kling Team", not "K. Team").
    assert.match(bbl, /\{Kling Team\}, \{Research and Development\}, and \{Google\s+DeepMind\}/);
  });
});
