// How long the builtin model takes to train and embed at the size of a real catalogue, and what the
// exact vector index costs per query there and over 100k random unit vectors (more papers than the
// listings hold). Reads arXiv listing files (.jsonl.gz), one paper per id.
//   npx tsx bench/embeddings.bench.ts --listings PATH/TO/arxiv-daily-listings [--limit 75000] [--dim 256]
//   npx tsx bench/embeddings.bench.ts --index-only      # only the 100k random vectors, in seconds
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { BuiltinEmbedder } from '../src/search/embeddings/builtin.embedder.js';
import { trainLsa } from '../src/search/embeddings/lsa.trainer.js';
import { paperText } from '../src/search/embeddings/paper-text.js';
import { serializeTermModel } from '../src/search/embeddings/term-model.js';
import { ExactVectorIndex } from '../src/search/vectors/exact.index.js';
import { ms, seededRandom, summarize } from './lib.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string' },
    limit: { type: 'string', default: '75000' },
    dim: { type: 'string', default: '256' },
    'index-only': { type: 'boolean' },
  },
});
const limit = Number(values.limit);
const dim = Number(values.dim);

/** p50/p95 of `queries` searches for the k = 10 nearest (11 with the paper itself) over `index`. */
function timeQueries(index: ExactVectorIndex, queries: Float32Array[]) {
  const samples: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    index.search(q, 11);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
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
for (const file of readdirSync(values.listings)
  .filter((f) => f.endsWith('.jsonl.gz'))
  .sort()) {
  for (const line of gunzipSync(readFileSync(join(values.listings, file)))
    .toString('utf8')
    .split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; title: string; summary: string };
    papers.set(r.id, paperText(r.title, r.summary));
  }
}
const texts = [...papers.keys()]
  .sort()
  .slice(0, limit)
  .map((id) => papers.get(id) as string);
console.log(`${texts.length} papers, ${dim} dimensions, node ${process.version}`);

let t = performance.now();
const model = trainLsa(texts, { dim });
const trainSeconds = (performance.now() - t) / 1000;
const bytes = serializeTermModel(model).byteLength;
console.log(
  `train: ${trainSeconds.toFixed(1)} s, ${model.vocab.length} words, model ${(bytes / 1e6).toFixed(1)} MB`,
);

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
randomVectors();
