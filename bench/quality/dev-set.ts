// The ML development set: paraphrased queries over the bundled sample (sample/hf-daily-papers.jsonl.gz)
// with judged relevant arXiv ids (bench/dev-set/ml-queries.json).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Doc } from './corpus.js';
import type { EvalSet } from './metrics.js';

interface SampleEntry {
  paper: { id: string; title: string; summary?: string };
}

export function loadSample(path: string): Doc[] {
  const byId = new Map<string, Doc>();
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as SampleEntry;
    byId.set(e.paper.id, {
      id: e.paper.id,
      title: e.paper.title.replace(/\s+/g, ' '),
      abstract: e.paper.summary ?? '',
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function loadDevSet(path: string): EvalSet {
  const queries = JSON.parse(readFileSync(path, 'utf8')) as {
    query: string;
    relevant: string[];
    why: string;
  }[];
  return queries.map((q, i) => ({ id: String(i + 1), query: q.query, relevant: q.relevant }));
}
