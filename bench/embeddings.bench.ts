// How long the builtin model takes to train and embed at the size of a real catalogue, and what the
// exact vector index costs per query there. Reads arXiv listing files (.jsonl.gz), one paper per id.
//   npx tsx bench/embeddings.bench.ts --listings PATH/TO/arxiv-daily-listings [--limit 75000] [--dim 256]
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
  },
});
if (!values.listings) throw new Error('give --listings DIR');
const limit = Number(values.limit);
const dim = Number(values.dim);

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
const samples: number[] = [];
for (let q = 0; q < 100; q++) {
  const v = vectors[Math.floor(rnd() * vectors.length)] as Float32Array;
  t = performance.now();
  index.search(v, 11);
  samples.push(performance.now() - t);
}
const s = summarize(samples);
console.log(`exact index, related papers (k=10) over ${index.size}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}`);
