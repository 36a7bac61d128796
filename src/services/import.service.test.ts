import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../test/support/databases.js';
import { createTestApp, hfFixtureFiles } from '../../test/support/app.js';
import type { Db } from '../db/database.js';

const fixture = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url).pathname;
const LISTINGS = ['2025-10-14', '2025-11-15', '2025-11-18'].map((d) =>
  fixture(`arxiv-listings/${d}.jsonl.gz`),
);

/** Everything the import writes, as one comparable value. */
async function snapshot(db: Db) {
  const papers = await sql`select * from papers order by arxiv_id`.execute(db.kysely);
  const entries =
    await sql`select paper_id, day, featured_at, source, submitter_name from daily_entries order by paper_id, day`.execute(
      db.kysely,
    );
  const authors =
    await sql`select paper_id, position, author_id from paper_authors order by paper_id, position`.execute(
      db.kysely,
    );
  const categories = await sql`select * from paper_categories order by paper_id, category`.execute(db.kysely);
  return JSON.stringify([papers.rows, entries.rows, authors.rows, categories.rows]);
}

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'paperboy-import-')), name);
  writeFileSync(path, content);
  return path;
}

describeEachDatabase('ImportService', (get) => {
  beforeEach(async () => {
    const { db } = get();
    for (const table of [
      'daily_entries',
      'paper_authors',
      'paper_categories',
      'papers',
      'authors',
    ] as const) {
      await db.kysely.deleteFrom(table).execute();
    }
  });

  test('imports every Hugging Face file shape, and the same files again change nothing', async () => {
    const ctx = createTestApp(get().db);
    const first = await ctx.services.importer.importFiles(hfFixtureFiles());
    // 13 + 6 + 11 + 9 + 26 + 12 + 17 entries (fixtures/hf-daily-papers/MANIFEST.tsv), one paper each.
    assert.equal(first.read, 94);
    assert.equal(first.new, 94);
    assert.equal(first.featured, 94);
    assert.equal(first.rejected, 0);
    assert.equal(first.refusedFiles, 0);
    assert.deepEqual(
      first.files.map((f) => f.format),
      ['hf-daily', 'hf-daily', 'hf-daily', 'hf-daily', 'hf-daily', 'hf-daily', 'hf-daily'],
    );
    const before = await snapshot(ctx.db);

    const again = await ctx.services.importer.importFiles(hfFixtureFiles());
    assert.deepEqual(
      [again.read, again.new, again.updated, again.skipped, again.featured],
      [94, 0, 0, 94, 0],
    );
    assert.equal(await snapshot(ctx.db), before);
    assert.deepEqual(await ctx.services.stats.catalogue(), {
      papers: 94,
      feedDays: 7,
      latestDay: '2026-08-21',
    });
  });

  test('arXiv listings add papers with their announcement day, not feed entries', async () => {
    const ctx = createTestApp(get().db);
    const s = await ctx.services.importer.importFiles(LISTINGS);
    assert.equal(s.read, 20);
    assert.equal(s.featured, 0);
    assert.equal(s.new + s.updated + s.skipped, 20);
    const row = await ctx.db.kysely
      .selectFrom('papers')
      .select(['listed_on', 'published_at', 'categories', 'sources'])
      .where('listed_on', '=', '2025-10-14')
      .executeTakeFirstOrThrow();
    assert.equal(row.published_at, '2025-10-14T00:00:00.000Z');
    assert.equal(row.sources, 'listing');
    assert.ok(row.categories.length > 0);
  });

  test('a newer arXiv version updates the paper; an older source does not undo it', async () => {
    const ctx = createTestApp(get().db);
    const listing = tempFile(
      '2021-04-21.jsonl',
      JSON.stringify({
        id: '2104.12255',
        categories: ['cs.CR'],
        authors: ['Quan Thoi Minh Nguyen'],
        title: 'A working title',
        comment: null,
        summary: 'An early abstract.',
      }) + '\n',
    );
    const atom = fixture('arxiv-api/recorded-json/id_2104.12255v1_s0_m100_6ae69987ffe1.json');
    const a = await ctx.services.importer.importFiles([listing]);
    assert.equal(a.new, 1);
    const b = await ctx.services.importer.importFiles([atom]);
    assert.deepEqual([b.new, b.updated], [0, 1]);
    const paper = await ctx.services.papers.getPaper('2104.12255');
    assert.equal(paper.title, '0');
    assert.equal(paper.version, 1);
    assert.equal(paper.publishedAt, '2021-04-20T16:07:14.000Z');
    const c = await ctx.services.importer.importFiles([listing]);
    assert.deepEqual([c.updated, c.skipped], [0, 1]);
    assert.equal((await ctx.services.papers.getPaper('2104.12255')).title, '0');
  });

  test('a paper featured on two days keeps both days, and each keeps its day on re-import', async () => {
    const ctx = createTestApp(get().db);
    const entry = (day: string, upvotes: number) =>
      JSON.stringify({
        paper: {
          id: '2608.00001',
          authors: [{ name: 'Ada Lovelace', hidden: false }],
          publishedAt: '2026-08-01T00:00:00.000Z',
          submittedOnDailyAt: `${day}T00:00:00.000Z`,
          title: 'Engines',
          summary: 'Analytical.',
          upvotes,
        },
        publishedAt: `${day}T08:00:00.000Z`,
        title: 'Engines',
        numComments: 0,
        submittedBy: { name: 'ada', fullname: 'Ada', avatarUrl: '/avatars/a.svg' },
      }) + '\n';
    const d1 = tempFile('first.jsonl', entry('2026-08-03', 4));
    const d2 = tempFile('second.jsonl', entry('2026-08-05', 9));
    await ctx.services.importer.importFiles([d1, d2]);
    const again = await ctx.services.importer.importFiles([d1]);
    assert.deepEqual([again.updated, again.skipped, again.featured], [0, 1, 0]);
    const paper = await ctx.services.papers.getPaper('2608.00001');
    assert.deepEqual(
      paper.featuredDays.map((d) => [d.day, d.submitter?.avatarUrl]),
      [
        ['2026-08-03', 'https://huggingface.co/avatars/a.svg'],
        ['2026-08-05', 'https://huggingface.co/avatars/a.svg'],
      ],
    );
    assert.equal(paper.upvotes, 9);
  });

  test('a malformed file is refused whole with a clear message; the other files still import', async () => {
    const ctx = createTestApp(get().db);
    const truncated = fixture('malformed/truncated-listing.jsonl.gz');
    const s = await ctx.services.importer.importFiles([
      truncated,
      fixture('malformed/garbage.bin'),
      LISTINGS[2] ?? '',
    ]);
    assert.equal(s.refusedFiles, 2);
    const [bad, garbage, good] = s.files;
    assert.match(bad?.error ?? '', /truncated-listing\.jsonl\.gz: after line 4: gzip data is truncated/);
    assert.deepEqual([bad?.read, bad?.new], [0, 0]);
    assert.match(garbage?.error ?? '', /garbage\.bin/);
    assert.equal(good?.error, null);
    assert.equal(good?.new, 2); // three lines, one id twice
    // The four good lines before the truncation were rolled back with the rest of their file.
    assert.equal((await ctx.services.stats.catalogue()).papers, 2);
  });

  test('bad records are reported with file and position and skipped', async () => {
    const ctx = createTestApp(get().db);
    const s = await ctx.services.importer.importFiles([
      fixture('malformed/2025-11-15-one-bad-line.jsonl'),
      fixture('malformed/2024-05-27-missing-paper-id.json'),
    ]);
    assert.equal(s.refusedFiles, 0);
    assert.equal(s.rejected, 2);
    const rejections = s.files.flatMap((f) => f.rejections);
    assert.match(rejections[0]?.where ?? '', /^2025-11-15-one-bad-line\.jsonl: line 3$/);
    assert.match(rejections[0]?.reason ?? '', /not valid JSON/);
    assert.match(rejections[1]?.where ?? '', /^2024-05-27-missing-paper-id\.json: entry 2$/);
    assert.equal(s.new, s.read - 2);
  });

  test('a missing file is reported, not thrown', async () => {
    const ctx = createTestApp(get().db);
    const s = await ctx.services.importer.importFiles(['/nonexistent/2026-01-01.json']);
    assert.equal(s.refusedFiles, 1);
    assert.match(s.files[0]?.error ?? '', /ENOENT|no such file/);
  });
});
