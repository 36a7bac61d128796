// arXiv daily listing files (.jsonl.gz, one record per line) as a corpus: one document per paper id,
// the newest record winning. The quality bench pads its corpora with them to catalogue size.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Doc } from './corpus.js';

export function loadListings(dir: string): Doc[] {
  const byId = new Map<string, Doc>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()) {
    for (const line of gunzipSync(readFileSync(join(dir, file)))
      .toString('utf8')
      .split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; title: string; summary: string };
      byId.set(r.id, { id: r.id, title: r.title.replace(/\s+/g, ' '), abstract: r.summary ?? '' });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
