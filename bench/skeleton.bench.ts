// Benchmark of the walking skeleton, in one run, each number beside a baseline measured in the same run:
//   1. import rate (records/s) of arXiv listings   vs  parsing alone and a raw SQLite insert of the same records
//   2. daily page requests/s over HTTP on loopback vs  /healthz on the same server
//   3. keyword search p50/p95 (service: ranking, count, snippets)  vs  a raw FTS query on the same data
//
//   npx tsx bench/skeleton.bench.ts --listings PATH/TO/arxiv-daily-listings [--files N] [--database URL]
//
// --database defaults to a fresh SQLite file; a postgres:// URL runs on a fresh schema there.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createServices } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { queryTerms } from '../src/domain/query-terms.js';
import { systemClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { runLoad } from './load.js';
import { openBenchDatabase } from './database.js';
import { ms, ratio, seededRandom, summarize, table } from './lib.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string' },
    files: { type: 'string' },
    database: { type: 'string' },
    queries: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '5' },
  },
});
if (!values.listings) {
  console.error('usage: npx tsx bench/skeleton.bench.ts --listings DIR [--files N] [--database URL]');
  process.exit(2);
}
const listingFiles = readdirSync(values.listings)
  .filter((f) => f.endsWith('.jsonl.gz') || f.endsWith('.jsonl'))
  .sort()
  .slice(0, values.files ? Number(values.files) : undefined)
  .map((f) => join(values.listings!, f));

const { db, url, tmp, drop } = await openBenchDatabase(values.database, 'bench');
const config = loadConfig({ PAPERBOY_DATABASE_URL: url });
const services = createServices(db, config, systemClock, silentLogger);
console.log(`paperboy skeleton benchmark: ${listingFiles.length} listing files, ${db.description}\n`);

// ---- 1. Import rate ---------------------------------------------------------------------------
async function* lines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity }))
    if (line.trim()) yield line;
}

let t = performance.now();
let parsed = 0;
for (const f of listingFiles) for await (const line of lines(f)) if (JSON.parse(line)) parsed++;
const parseRate = parsed / ((performance.now() - t) / 1000);

// Raw insert: the same records into one plain table with a prepared statement, one transaction per
// file — what SQLite itself can take, without authors, categories, merge rules or the FTS index.
const raw = new SQLite(join(tmp, 'raw.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.exec(
  'create table papers (arxiv_id text primary key, title text, abstract text, authors text, categories text)',
);
const insert = raw.prepare('insert or replace into papers values (?, ?, ?, ?, ?)');
t = performance.now();
for (const f of listingFiles) {
  const rows: string[][] = [];
  for await (const line of lines(f)) {
    const r = JSON.parse(line) as {
      id: string;
      title: string;
      summary: string;
      authors: string[];
      categories: string[];
    };
    rows.push([r.id, r.title, r.summary, JSON.stringify(r.authors), r.categories.join(' ')]);
  }
  raw.transaction(() => rows.forEach((r) => insert.run(...r)))();
}
const rawRate = parsed / ((performance.now() - t) / 1000);
raw.close();

const summary = await services.importer.importFiles(listingFiles);
const importRate = summary.read / summary.seconds;
console.log('1. import');
console.log(
  table([
    ['what', 'records', 'records/s', 'paperboy vs this'],
    ['paperboy import', String(summary.read), importRate.toFixed(0), ''],
    ['baseline: parse only', String(parsed), parseRate.toFixed(0), ratio(importRate, parseRate)],
    ['baseline: raw SQLite insert', String(parsed), rawRate.toFixed(0), ratio(importRate, rawRate)],
  ]),
);
console.log(
  `   (${summary.new} papers, ${summary.updated} updated, ${summary.skipped} unchanged, ${summary.rejected} rejected)\n`,
);

// ---- 2. Daily page over HTTP --------------------------------------------------------------------
// Listings carry no daily feed: put 30 papers of the newest listing day on that day's feed, a
// typical Hugging Face day (they hold 10-50 papers).
const latest = await sql<{ id: number; listed_on: string }>`
  select id, listed_on from papers where listed_on = (select max(listed_on) from papers) order by id limit 30`.execute(
  db.kysely,
);
const day = latest.rows[0]?.listed_on ?? '2026-01-01';
for (const r of latest.rows) {
  await db.kysely
    .insertInto('daily_entries')
    .values({
      paper_id: r.id,
      day,
      featured_at: `${day}T00:00:00.000Z`,
      source: 'curator',
      submitter_name: 'bench',
      submitter_fullname: null,
      submitter_avatar_url: null,
      created_at: new Date().toISOString(),
    })
    .execute();
}

async function serveAndLoad(cacheSeconds: number) {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    env: {
      ...process.env,
      PAPERBOY_DATABASE_URL: url,
      PAPERBOY_PORT: String(port),
      PAPERBOY_SAMPLE_DATA: 'off',
      PAPERBOY_LOG_LEVEL: 'warn',
      PAPERBOY_PAGE_CACHE_SECONDS: String(cacheSeconds),
      // Measure the web process alone, and never reach upstream sources from a benchmark.
      PAPERBOY_WORKER: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`);
  const seconds = Number(values.seconds);
  await runLoad(`${base}/papers?date=${day}`, 8, 1); // warm-up
  const page = await runLoad(`${base}/papers?date=${day}`, 16, seconds);
  const health = await runLoad(`${base}/healthz`, 16, seconds);
  server.kill('SIGTERM');
  await once(server, 'exit');
  return { page, health };
}
const cached = await serveAndLoad(10);
const uncached = await serveAndLoad(0);
console.log('2. daily page over HTTP (16 connections, keep-alive)');
console.log(
  table([
    ['what', 'requests', 'req/s', 'vs /healthz'],
    [
      `GET /papers?date=${day} (30 cards), page cache on`,
      String(cached.page.requests),
      cached.page.rps.toFixed(0),
      ratio(cached.page.rps, cached.health.rps),
    ],
    [
      `GET /papers?date=${day}, page cache off (render every time)`,
      String(uncached.page.requests),
      uncached.page.rps.toFixed(0),
      ratio(uncached.page.rps, uncached.health.rps),
    ],
    [
      'baseline: GET /healthz (select 1)',
      String(cached.health.requests),
      cached.health.rps.toFixed(0),
      '1.00x',
    ],
  ]),
);
const errors = [cached, uncached].reduce((n, r) => n + r.page.errors + r.health.errors, 0);
if (errors > 0) console.log(`   errors: ${errors}`);
console.log('');

// ---- 3. Keyword search --------------------------------------------------------------------------
// Queries: one to three consecutive words from random titles (seeded), like what people type.
const titles = await sql<{ title: string }>`select title from papers order by id`.execute(db.kysely);
const rand = seededRandom(42);
const queries: string[] = [];
while (queries.length < Number(values.queries)) {
  const title = titles.rows[Math.floor(rand() * titles.rows.length)]?.title ?? '';
  const words = queryTerms(title).filter((w) => w.length > 3 && /^[a-z]+$/.test(w));
  if (words.length === 0) continue;
  const n = 1 + Math.floor(rand() * Math.min(3, words.length));
  const start = Math.floor(rand() * (words.length - n + 1));
  queries.push(words.slice(start, start + n).join(' '));
}

async function timeEach(run: (q: string) => Promise<unknown>): Promise<number[]> {
  for (const q of queries.slice(0, 20)) await run(q); // warm-up
  const samples: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    await run(q);
    samples.push(performance.now() - s);
  }
  return samples;
}

const service = summarize(await timeEach((q) => services.search.search({ q, limit: 20, offset: 0 })));
const rawFts =
  db.dialect === 'sqlite'
    ? (() => {
        const conn = new SQLite(url.slice('sqlite:'.length), { readonly: true });
        const stmt = conn.prepare(
          'select rowid from papers_fts where papers_fts match ? order by bm25(papers_fts, 10.0, 1.0, 5.0) limit 20',
        );
        return (q: string) =>
          Promise.resolve(
            stmt.all(
              queryTerms(q)
                .map((w) => `"${w}"`)
                .join(' '),
            ),
          );
      })()
    : (q: string) =>
        sql`select id from papers where search_vector @@ plainto_tsquery('english', ${q})
            order by ts_rank_cd(search_vector, plainto_tsquery('english', ${q})) desc limit 20`.execute(
          db.kysely,
        );
const baseline = summarize(await timeEach(rawFts));
console.log(`3. keyword search, ${queries.length} queries over ${titles.rows.length} papers, top 20`);
console.log(
  table([
    ['what', 'p50', 'p95', 'p50 vs raw', 'p95 vs raw'],
    [
      'paperboy search (rank + count + snippets)',
      ms(service.p50),
      ms(service.p95),
      ratio(service.p50, baseline.p50),
      ratio(service.p95, baseline.p95),
    ],
    ['baseline: raw FTS query (ids only)', ms(baseline.p50), ms(baseline.p95), '1.00x', '1.00x'],
  ]),
);

await drop();

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  srv.close();
  return typeof address === 'object' && address ? address.port : 0;
}

async function waitFor(target: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer at ${target}`);
}
