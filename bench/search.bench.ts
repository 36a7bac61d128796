// Search at 100k papers, in one run, each number beside baselines measured in the same run on the same
// data: a raw database full-text query (FTS5 / tsvector) and MiniSearch built on the same documents.
//   1. index build: papers/s, memory per paper (paperboy's lexical index and MiniSearch)
//   2. query latency p50/p95 of keyword (the lexical index alone), vector (query embedding + vector
//      search, when the builtin embedder is trained), hybrid (the whole service path: syntax,
//      both lists, fusion, rows and snippets), raw FTS, MiniSearch. Vector and hybrid twice: with
//      the exact scan, then with the approximate index built as `serve` builds it, with how much of
//      the exact answers it keeps (recall of the vector list, overlap of the hybrid page), also for
//      filtered queries
//   3. where the time goes: a CPU profile of the hybrid path, and its stages timed one by one
//
//   npx tsx bench/search.bench.ts --listings PATH/TO/arxiv-daily-listings [--database URL] [--queries 300] [--files N]
//
// Without --database the listings are imported into a fresh SQLite file; with a database that already
// holds papers, nothing is imported. --no-vectors skips the vector rows; --no-train reuses the model
// and vectors an earlier run left in that database (training takes minutes at 75k).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import MiniSearch from 'minisearch';
import { createServices } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { parseQuerySyntax } from '../src/domain/query-syntax.js';
import { systemClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { fuse } from '../src/search/fusion.js';
import { markTitle, snippet } from '../src/search/highlight.js';
import type { IndexDocument } from '../src/search/lexical/analyzer.js';
import { LexicalIndexBuilder } from '../src/search/lexical/lexical-index.js';
import { type LexicalQuery, LexicalSearcher } from '../src/search/lexical/lexical-search.js';
import { toIndexDocument } from '../src/services/search-index.service.js';
import { type SearchRequest, SearchService } from '../src/services/search.service.js';
import { createStores } from '../src/stores/index.js';
import type { IndexRow } from '../src/stores/search.store.js';
import { ms, ratio, seededRandom, summarize, table } from './lib.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string' },
    database: { type: 'string' },
    queries: { type: 'string', default: '300' },
    files: { type: 'string' },
    'no-vectors': { type: 'boolean' },
    'no-train': { type: 'boolean' },
  },
});

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
function heapBytes(): number {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const tmp = mkdtempSync(join(tmpdir(), 'paperboy-search-bench-'));
const url = values.database ?? `sqlite:${join(tmp, 'bench.db')}`;
const db = openDatabase(url);
await migrateToLatest(db);
const config = loadConfig({ PAPERBOY_DATABASE_URL: url, PAPERBOY_EMBEDDER: 'builtin' });
const services = createServices(db, config, systemClock, silentLogger);
const stores = createStores(db.kysely, db.dialect);

if ((await services.stats.catalogue()).papers === 0) {
  if (!values.listings) {
    console.error('usage: npx tsx bench/search.bench.ts --listings DIR [--database URL] [--queries N]');
    process.exit(2);
  }
  const files = readdirSync(values.listings)
    .filter((f) => f.endsWith('.jsonl.gz') || f.endsWith('.jsonl'))
    .sort()
    .slice(0, values.files ? Number(values.files) : undefined)
    .map((f) => join(values.listings as string, f));
  const s = await services.importer.importFiles(files);
  console.log(`imported ${s.read} listing records (${s.new} papers) in ${s.seconds.toFixed(1)} s`);
}

// ---- 1. build --------------------------------------------------------------------------------
const rows: IndexRow[] = [];
for (let after = 0; ;) {
  const page = await stores.search.listIndexRows(after, 5000);
  rows.push(...page);
  const last = page.at(-1);
  if (!last) break;
  after = last.id;
}
const docs: IndexDocument[] = rows.map(toIndexDocument);
const n = docs.length;
console.log(`\npaperboy search benchmark: ${n} papers, ${db.description}, node ${process.version}\n`);

let before = heapBytes();
let t = performance.now();
const builder = new LexicalIndexBuilder();
for (const d of docs) builder.add(d);
const index = builder.finish();
const buildSeconds = (performance.now() - t) / 1000;
const indexBytes = heapBytes() - before;
const searcher = new LexicalSearcher(index);

// The service's own path: read from the database and build (what `serve` does at start).
t = performance.now();
await services.searchIndex.rebuild();
const serviceBuildSeconds = (performance.now() - t) / 1000;

before = heapBytes();
t = performance.now();
const mini = new MiniSearch<{ id: number; title: string; abstract: string; authors: string }>({
  fields: ['title', 'abstract', 'authors'],
  searchOptions: { boost: { title: 3, authors: 2 } },
});
mini.addAll(
  docs.map((d) => ({ id: d.paperId, title: d.title, abstract: d.abstract, authors: d.authors.join(', ') })),
);
const miniSeconds = (performance.now() - t) / 1000;
const miniBytes = heapBytes() - before;

const kb = (bytes: number) => `${(bytes / n / 1024).toFixed(2)} KB`;
console.log('1. index build');
console.log(
  table([
    ['what', 'seconds', 'papers/s', 'memory per paper', 'memory total'],
    [
      'paperboy lexical index (from rows in memory)',
      buildSeconds.toFixed(2),
      (n / buildSeconds).toFixed(0),
      kb(indexBytes),
      `${(indexBytes / 2 ** 20).toFixed(0)} MB`,
    ],
    [
      'paperboy lexical index (read from the database + build)',
      serviceBuildSeconds.toFixed(2),
      (n / serviceBuildSeconds).toFixed(0),
      '',
      '',
    ],
    [
      'baseline: MiniSearch on the same documents',
      miniSeconds.toFixed(2),
      (n / miniSeconds).toFixed(0),
      kb(miniBytes),
      `${(miniBytes / 2 ** 20).toFixed(0)} MB`,
    ],
  ]),
);
console.log(
  `   typed arrays of the index: ${(index.bytes / 2 ** 20).toFixed(1)} MB; vocabulary: ${index.vocab.size} keys (words, author-name words, categories)\n`,
);

// ---- 2. queries --------------------------------------------------------------------------------
// Seeded: one to three consecutive words of random titles (like the skeleton benchmark), and
// natural-language questions of the kind people type into a search box.
const NATURAL = [
  'how do large language models reason about math',
  'diffusion models for video generation',
  'reinforcement learning from human feedback',
  'graph neural networks for molecules',
  'efficient attention for long context',
  'retrieval augmented generation for question answering',
  'robot manipulation from demonstrations',
  'quantum error correction codes',
  'dark matter halo simulations',
  'speech recognition in noisy environments',
  'federated learning privacy',
  'protein structure prediction',
  'mixture of experts scaling',
  'vision language models hallucination',
  'neural radiance fields',
  'contrastive learning of representations',
  'adversarial robustness of image classifiers',
  'time series forecasting with transformers',
  'black hole merger gravitational waves',
  'causal inference from observational data',
  'code generation benchmarks',
  'autonomous driving perception',
  'medical image segmentation',
  'knowledge distillation small models',
  'optimal transport',
];
const rand = seededRandom(42);
const queries: string[] = [];
const titleWords = (title: string) =>
  title
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 3);
while (queries.length < Number(values.queries) * 0.8) {
  const words = titleWords(docs[Math.floor(rand() * n)]?.title ?? '');
  if (words.length === 0) continue;
  const k = 1 + Math.floor(rand() * Math.min(3, words.length));
  const start = Math.floor(rand() * (words.length - k + 1));
  queries.push(words.slice(start, start + k).join(' '));
}
while (queries.length < Number(values.queries))
  queries.push(NATURAL[queries.length % NATURAL.length] as string);

async function timeEach(run: (q: string) => unknown): Promise<number[]> {
  for (const q of queries.slice(0, 30)) await run(q); // warm-up
  const samples: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    await run(q);
    samples.push(performance.now() - s);
  }
  return samples;
}

const lexicalQuery = (q: string): LexicalQuery => ({
  ...parseQuerySyntax(q),
  mode: 'all',
  sort: 'relevance',
  limit: 100,
});
const keyword = summarize(
  await timeEach((q) => {
    const r = searcher.search(lexicalQuery(q));
    return r.total === 0 && r.words > 1 ? searcher.search({ ...lexicalQuery(q), mode: 'any' }) : r;
  }),
);

// The service path with the keyword list alone (no embedder): syntax, keyword list, rows, snippets.
await services.searchIndex.ready();
const keywordService = new SearchService(stores, services.searchIndex, null, silentLogger, {
  embedTimeoutMs: 1500,
  fusion: config.searchFusion,
});
const serviceKeyword = summarize(await timeEach((q) => keywordService.search({ q, limit: 20, offset: 0 })));

type Summary = ReturnType<typeof summarize>;
/** Runs every query once, timing each, and keeps what `collect` takes from each answer. */
async function timeAndKeep<T>(run: (q: string) => Promise<T>): Promise<{ time: Summary; kept: T[] }> {
  for (const q of queries.slice(0, 30)) await run(q); // warm-up
  const samples: number[] = [];
  const kept: T[] = [];
  for (const q of queries) {
    const s = performance.now();
    kept.push(await run(q));
    samples.push(performance.now() - s);
  }
  return { time: summarize(samples), kept };
}
/** Share of the exact lists' ids (first `k` of each) that the other lists hold in their first `k`. */
function overlap(exact: number[][], other: number[][], k: number): number {
  let found = 0;
  let total = 0;
  exact.forEach((e, i) => {
    const got = new Set((other[i] ?? []).slice(0, k));
    for (const id of e.slice(0, k)) {
      total++;
      if (got.has(id)) found++;
    }
  });
  return total === 0 ? 1 : found / total;
}
const hybridIds = async (req: Omit<SearchRequest, 'limit' | 'offset'>) => {
  const r = await services.search.search({ ...req, limit: 20, offset: 0 });
  return r.kind === 'results' ? r.hits.map((h) => h.card.paperId) : [];
};
// Filters of three kinds: a large category (a third of the papers), a small one (3%), a month (10%).
const FILTERS: { name: string; req: Omit<SearchRequest, 'q' | 'limit' | 'offset'> }[] = [
  { name: 'category cs.CL', req: { category: 'cs.CL' } },
  { name: 'category cs.RO', req: { category: 'cs.RO' } },
  { name: 'one month (2026-05)', req: { from: '2026-05-01', to: '2026-05-31' } },
];

// The same filtered queries with the keyword list alone: what the filter costs without vectors.
const keywordFiltered: Summary[] = [];
for (const f of FILTERS)
  keywordFiltered.push(
    summarize(await timeEach((q) => keywordService.search({ q, ...f.req, limit: 20, offset: 0 }))),
  );

interface VectorRuns {
  vector: { time: Summary; kept: number[][] };
  hybrid: { time: Summary; kept: number[][] };
  filtered: { time: Summary; kept: number[][] }[];
}
async function vectorRuns(): Promise<VectorRuns> {
  const vectorList = await timeAndKeep(async (q) =>
    (await services.semantic.search(q, 100)).hits.map((h) => h.paperId),
  );
  const hybridList = await timeAndKeep((q) => hybridIds({ q }));
  const filtered = [];
  for (const f of FILTERS) filtered.push(await timeAndKeep((q) => hybridIds({ q, ...f.req })));
  return { vector: vectorList, hybrid: hybridList, filtered };
}

let exactRuns: VectorRuns | null = null;
let approximateRuns: VectorRuns | null = null;
let vectorNote = 'not measured (--no-vectors)';
let ivfNote = '';
if (!values['no-vectors']) {
  try {
    t = performance.now();
    if (values['no-train']) {
      await services.semantic.refresh();
      vectorNote = `builtin ${(await services.semantic.servingModel()) ?? 'none'}, trained and embedded by an earlier run`;
    } else {
      const trained = await services.embeddings.train();
      const embedded = await services.embeddings.embedPending();
      await services.semantic.refresh();
      vectorNote = `builtin ${trained.model}: trained in ${trained.seconds.toFixed(0)} s, ${embedded.embedded} papers embedded in ${embedded.seconds.toFixed(0)} s`;
    }
    if ((await services.semantic.servingModel()) === null) throw new Error('no vectors');
    await services.searchIndex.ready();
    // First with the exact scan (how a process answers until its approximate index is built) ...
    exactRuns = await vectorRuns();
    // ... then with the approximate index, built as `serve` builds it: in the background, in slices.
    before = heapBytes();
    t = performance.now();
    services.semantic.start();
    await services.semantic.indexBuilt();
    const state = services.semantic.indexState();
    ivfNote = `approximate index (${state.state}): built in ${((performance.now() - t) / 1000).toFixed(1)} s over ${state.vectors} vectors, ${(Math.max(0, heapBytes() - before) / 2 ** 20).toFixed(1)} MB more memory`;
    approximateRuns = await vectorRuns();
  } catch (err) {
    vectorNote = `not available: ${err instanceof Error ? err.message : String(err)}`;
  }
}
await services.searchIndex.ready();
const hybrid =
  approximateRuns?.hybrid.time ??
  summarize(await timeEach((q) => services.search.search({ q, limit: 20, offset: 0 })));

const rawFts =
  db.dialect === 'sqlite'
    ? (() => {
        const conn = new SQLite(url.slice('sqlite:'.length), { readonly: true });
        const stmt = conn.prepare(
          'select rowid from papers_fts where papers_fts match ? order by bm25(papers_fts, 10.0, 1.0, 5.0) limit 20',
        );
        return (q: string) =>
          stmt.all(
            titleWords(q)
              .concat(q.split(/\s+/).filter((w) => /^[a-z]{1,3}$/.test(w)))
              .map((w) => `"${w}"`)
              .join(' '),
          );
      })()
    : (q: string) =>
        sql`select id from papers where search_vector @@ plainto_tsquery('english', ${q})
            order by ts_rank_cd(search_vector, plainto_tsquery('english', ${q})) desc limit 20`.execute(
          db.kysely,
        );
const raw = summarize(await timeEach(rawFts));
const miniLatency = summarize(await timeEach((q) => mini.search(q, { combineWith: 'AND' }).slice(0, 20)));

console.log(`2. query latency, ${queries.length} queries (${queries.length * 0.2} natural-language), top 20`);
const row = (what: string, s: Summary) => [
  what,
  ms(s.p50),
  ms(s.p95),
  ratio(s.p50, raw.p50),
  ratio(s.p95, raw.p95),
  ratio(s.p50, miniLatency.p50),
  ratio(s.p95, miniLatency.p95),
];
console.log(
  table([
    ['what', 'p50', 'p95', 'p50 vs FTS', 'p95 vs FTS', 'p50 vs MiniSearch', 'p95 vs MiniSearch'],
    row('keyword: paperboy lexical index (top 100)', keyword),
    ...(exactRuns ? [row('vector: query embedding + exact scan (top 100)', exactRuns.vector.time)] : []),
    ...(approximateRuns
      ? [row('vector: query embedding + approximate index (top 100)', approximateRuns.vector.time)]
      : []),
    row('service path, keyword list only (syntax, rows, snippets)', serviceKeyword),
    ...(exactRuns ? [row('hybrid: the whole service path, exact vector scan', exactRuns.hybrid.time)] : []),
    row(
      approximateRuns
        ? 'hybrid: the whole service path, approximate vector index'
        : 'hybrid: the whole service path (keyword list only)',
      hybrid,
    ),
    row(`baseline: raw ${db.dialect === 'sqlite' ? 'FTS5' : 'tsvector'} query (ids only)`, raw),
    row('baseline: MiniSearch (AND, ids only)', miniLatency),
  ]),
);
console.log(`   vectors: ${vectorNote}`);
if (exactRuns && approximateRuns) {
  const e = exactRuns;
  const a = approximateRuns;
  console.log(`   ${ivfNote}`);
  console.log(
    `   vector list vs exact: recall@10 ${overlap(e.vector.kept, a.vector.kept, 10).toFixed(3)}, recall@100 ${overlap(e.vector.kept, a.vector.kept, 100).toFixed(3)}; hybrid page vs exact: top 10 ${overlap(e.hybrid.kept, a.hybrid.kept, 10).toFixed(3)}, top 20 ${overlap(e.hybrid.kept, a.hybrid.kept, 20).toFixed(3)}\n`,
  );
  console.log('   hybrid with a filter, the same queries (top 20):');
  console.log(
    table([
      [
        '   filter',
        'keyword only p50',
        'p95',
        'exact p50',
        'exact p95',
        'approximate p50',
        'approximate p95',
        'p50 ratio',
        'top 10 vs exact',
        'top 20',
      ],
      ...FILTERS.map((f, i) => {
        const ex = e.filtered[i] as VectorRuns['hybrid'];
        const ap = a.filtered[i] as VectorRuns['hybrid'];
        const kw = keywordFiltered[i] as Summary;
        return [
          `   ${f.name}`,
          ms(kw.p50),
          ms(kw.p95),
          ms(ex.time.p50),
          ms(ex.time.p95),
          ms(ap.time.p50),
          ms(ap.time.p95),
          ratio(ap.time.p50, ex.time.p50),
          overlap(ex.kept, ap.kept, 10).toFixed(3),
          overlap(ex.kept, ap.kept, 20).toFixed(3),
        ];
      }),
    ]),
  );
}
console.log('');

// ---- 3. where the time goes ---------------------------------------------------------------------
// Stages of the hybrid path timed alone, then a sampling CPU profile of the whole path.
const stage = async (run: (q: string) => unknown) => summarize(await timeEach(run)).mean;
const tokenizing = await stage((q) => index.vocab.terms(q));
const keywordMean = keyword.mean;
const lists = queries.map((q) => searcher.search(lexicalQuery(q)).hits);
let li = 0;
const fusion = await stage(() => fuse(lists[li++ % lists.length] ?? [], []));
const topIds = lists.map((l) => l.slice(0, 20).map((h) => h.paperId));
let ri = 0;
const fetchRows = await stage(() => {
  const ids = topIds[ri++ % topIds.length] ?? [];
  return ids.length > 0 ? db.kysely.selectFrom('papers').selectAll().where('id', 'in', ids).execute() : null;
});
const byId = new Map(rows.map((r) => [r.id, r]));
let si = 0;
const snippets = await stage((q) => {
  const stems = new Set(searcher.search(lexicalQuery(q)).highlight);
  const stem = (w: string) => index.vocab.stem(w);
  for (const id of topIds[si++ % topIds.length] ?? []) {
    const r = byId.get(id);
    if (r) {
      markTitle(r.title, stems, stem);
      snippet(r.abstract, stems, stem);
    }
  }
});

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
for (let i = 0; i < 3; i++)
  for (const q of queries) await services.search.search({ q, limit: 20, offset: 0 });
const { profile } = await session.post('Profiler.stop');
session.disconnect();
const self = new Map<string, number>();
let samples = 0;
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  samples += hits;
  const f = node.callFrame;
  const where = f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : '';
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + hits);
}
console.log('3. where the time goes in the hybrid path');
console.log(
  table([
    ['stage (timed alone)', 'mean'],
    ['tokenizing and stemming the query', ms(tokenizing)],
    ['keyword search (clauses, postings, filters, heap)', ms(keywordMean)],
    ['fusion of a 100-long list', ms(fusion)],
    ['reading the 20 rows of the page', ms(fetchRows)],
    ['titles and snippets for 20 rows', ms(snippets)],
    ['whole hybrid path', ms(hybrid.mean)],
  ]),
);
console.log('\n   CPU profile of the hybrid path, self time, top functions:');
console.log(
  table(
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([k, v]) => [`   ${((100 * v) / samples).toFixed(1)}%`, k]),
  ),
);

services.searchIndex.stop();
services.semantic.stop();
if (!values.database) {
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
} else await db.close();
