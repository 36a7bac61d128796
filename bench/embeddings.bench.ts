// How long the builtin model takes to train and embed at the size of a real catalogue, what the
// exact vector index costs per query there and over 100k random unit vectors (more papers than the
// listings hold), and how the approximate index (IVF) compares with it on the real vectors: build
// time, latency, and recall@10 / recall@100 against the exact answers, for related-papers queries (a
// paper's own vector) and for search queries (one to three title words, embedded like a search).
// Reads arXiv listing files (.jsonl.gz), one paper per id.
//   npx tsx bench/embeddings.bench.ts --listings PATH/TO/arxiv-daily-listings [--limit 75000] [--dim 256]
//   npx tsx bench/embeddings.bench.ts --index-only      # only the 100k random vectors, in seconds
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { BuiltinEmbedder } from '../src/search/embeddings/builtin.embedder.js';
import { dualSteps } from '../src/search/embeddings/dual.trainer.js';
import { lsaSteps } from '../src/search/embeddings/lsa.trainer.js';
import type { TermModel } from '../src/search/embeddings/term-model.js';
import { runStepsPaced, type Steps } from '../src/search/math/steps.js';
import { pacer } from '../src/search/vectors/kmeans.js';
import { paperText } from '../src/search/embeddings/paper-text.js';
import { serializeTermModel } from '../src/search/embeddings/term-model.js';
import { ExactVectorIndex } from '../src/search/vectors/exact.index.js';
import { IVF_DEFAULTS, IvfVectorIndex } from '../src/search/vectors/ivf.index.js';
import { ms, ratio, seededRandom, summarize, table } from './lib.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string' },
    limit: { type: 'string', default: '75000' },
    dim: { type: 'string', default: '256' },
    'index-only': { type: 'boolean' },
    /** Which builtin trainer the rest of the bench uses; LSA is always trained first as the baseline. */
    trainer: { type: 'string', default: 'dual' },
  },
});
const limit = Number(values.limit);
const dim = Number(values.dim);

/** p50/p95 of `queries` searches for the k nearest (11: the ten related papers and the paper itself). */
function timeQueries(
  index: { search(q: Float32Array, k: number): unknown },
  queries: Float32Array[],
  k = 11,
) {
  const samples: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    index.search(q, k);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** Share of the exact top k that `index` finds, over `queries`. */
function recall(index: IvfVectorIndex, exact: ExactVectorIndex, queries: Float32Array[], k: number): number {
  let found = 0;
  let total = 0;
  for (const q of queries) {
    const got = new Set(index.search(q, k).map((h) => h.paperId));
    for (const h of exact.search(q, k)) {
      total++;
      if (got.has(h.paperId)) found++;
    }
  }
  return found / Math.max(1, total);
}

/** Exact search over 100k seeded random unit vectors: the cost of the scan at 100k papers. */
function randomVectors(): void {
  const n = 100_000;
  const rnd = seededRandom(11);
  const unit = () => {
    const v = Float32Array.from({ length: dim }, () => rnd() * 2 - 1);
    const len = Math.hypot(...v);
    return v.map((x) => x / len);
  };
  const index = new ExactVectorIndex(dim, n);
  for (let i = 0; i < n; i++) index.upsert(i, unit());
  const s = timeQueries(
    index,
    Array.from({ length: 100 }, () => unit()),
  );
  console.log(`exact index, ${n} random vectors × ${dim}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`);
}

if (values['index-only']) {
  randomVectors();
  process.exit(0);
}
if (!values.listings) throw new Error('give --listings DIR (or --index-only)');

const papers = new Map<string, string>();
const titles: string[] = [];
for (const file of readdirSync(values.listings)
  .filter((f) => f.endsWith('.jsonl.gz'))
  .sort()) {
  for (const line of gunzipSync(readFileSync(join(values.listings, file)))
    .toString('utf8')
    .split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; title: string; summary: string };
    papers.set(r.id, paperText(r.title, r.summary));
    titles.push(r.title);
  }
}
const texts = [...papers.keys()]
  .sort()
  .slice(0, limit)
  .map((id) => papers.get(id) as string);
console.log(`${texts.length} papers, ${dim} dimensions, node ${process.version}`);

/**
 * Trains as EmbeddingsService does in a serving process: in slices of about 8 ms with the event
 * loop's turn between them. A timer that should fire every 10 ms measures how late it fires: what
 * a page request would wait at worst while the model trains.
 */
async function trainPaced(steps: Steps<TermModel>) {
  const late: number[] = [];
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    late.push(Math.max(0, now - expected));
    expected = now + 10;
  }, 10);
  let peakRss = process.memoryUsage().rss;
  const watch = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const started = performance.now();
  const model = await runStepsPaced(steps, pacer());
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  clearInterval(watch);
  return { model, seconds, lag: summarize(late), maxLag: Math.max(0, ...late), peakRss };
}

const baseline = await trainPaced(lsaSteps(texts, { dim }));
const chosen = values.trainer === 'lsa' ? baseline : await trainPaced(dualSteps(texts, { dim }));
const model = chosen.model;
const bytes = serializeTermModel(model).byteLength;
for (const [name, r] of [
  ['LSA (baseline)', baseline],
  ...(values.trainer === 'lsa' ? [] : ([['dual encoder', chosen]] as const)),
] as const)
  console.log(
    `train ${name}: ${r.seconds.toFixed(1)} s (${ratio(r.seconds, baseline.seconds)} LSA), ${r.model.vocab.length} words; event loop late p50 ${ms(r.lag.p50)}, p95 ${ms(r.lag.p95)}, max ${ms(r.maxLag)}; peak RSS ${(r.peakRss / 1e6).toFixed(0)} MB`,
  );
console.log(`model ${(bytes / 1e6).toFixed(1)} MB`);
let t = performance.now();

const embedder = new BuiltinEmbedder(model);
t = performance.now();
const vectors = await embedder.embed(texts);
const embedSeconds = (performance.now() - t) / 1000;
console.log(`embed: ${Math.round(texts.length / embedSeconds)} papers/s (${embedSeconds.toFixed(1)} s)`);

const index = new ExactVectorIndex(dim, vectors.length);
vectors.forEach((v, i) => index.upsert(i, v));
const rnd = seededRandom(7);
const s = timeQueries(
  index,
  Array.from({ length: 100 }, () => vectors[Math.floor(rnd() * vectors.length)] as Float32Array),
);
console.log(`exact index, related papers (k=10) over ${index.size}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`);

// The approximate index on the same vectors, built as a serving process builds it (in slices).
const ivf = new IvfVectorIndex(dim, vectors.length);
vectors.forEach((v, i) => ivf.upsert(i, v));
t = performance.now();
await ivf.build();
const buildSeconds = (performance.now() - t) / 1000;
console.log(
  `approximate index: ${ivf.listCount} lists, built in ${buildSeconds.toFixed(1)} s (${Math.round(vectors.length / buildSeconds)} vectors/s), ${IVF_DEFAULTS.probes} lists scanned a query`,
);
const related = Array.from(
  { length: 200 },
  () => vectors[Math.floor(rnd() * vectors.length)] as Float32Array,
);
// Search queries: one to three consecutive words of random titles, as bench/search.bench.ts draws them.
const words: string[] = [];
while (words.length < 200) {
  const w = (titles[Math.floor(rnd() * titles.length)] ?? '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((x) => x.length > 3);
  if (w.length === 0) continue;
  const n = 1 + Math.floor(rnd() * Math.min(3, w.length));
  const start = Math.floor(rnd() * (w.length - n + 1));
  words.push(w.slice(start, start + n).join(' '));
}
// A query of words the model does not know embeds to zero; search skips those.
const searches = (await embedder.embed(words)).filter((v) => v.some((x) => x !== 0));
const rows = [
  [
    'queries',
    'k',
    'exact p50',
    'exact p95',
    'approximate p50',
    'approximate p95',
    'p50 ratio',
    'recall vs exact',
  ],
];
for (const [name, queries, k] of [
  ['related papers', related, 11],
  ['related papers', related, 100],
  ['search (title words)', searches, 10],
  ['search (title words)', searches, 100],
] as const) {
  const e = timeQueries(index, queries, k);
  const a = timeQueries(ivf, queries, k);
  rows.push([
    `${name} (${queries.length})`,
    String(k === 11 ? 10 : k),
    ms(e.p50),
    ms(e.p95),
    ms(a.p50),
    ms(a.p95),
    ratio(a.p50, e.p50),
    recall(ivf, index, queries, k).toFixed(3),
  ]);
}
console.log(table(rows));

// What more or fewer lists scanned a query buy, on the search queries (top 100, what search fuses).
const sweep = [['lists scanned', 'search p50', 'search p95', 'recall@10', 'recall@100', 'related recall@10']];
for (const probes of [4, 8, 12, 16, 24, 48]) {
  ivf.probes = probes;
  const a = timeQueries(ivf, searches, 100);
  sweep.push([
    String(probes),
    ms(a.p50),
    ms(a.p95),
    recall(ivf, index, searches, 10).toFixed(3),
    recall(ivf, index, searches, 100).toFixed(3),
    recall(ivf, index, related, 11).toFixed(3),
  ]);
}
ivf.probes = IVF_DEFAULTS.probes;
console.log(table(sweep));
randomVectors();
