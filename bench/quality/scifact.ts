// SciFact as BEIR evaluates it: corpus = title + abstract of 5,183 papers; queries = claims; a claim's
// relevant documents are its cited_doc_ids. claims_validation.csv is BEIR's "test" split (300 queries,
// 339 judgements); claims_train.csv (809 queries) is what any tuning may look at.
import { readZip } from './zip.js';
import { parseCsv, parseNumpyInts, parseNumpyStrings } from './csv.js';
import type { EvalSet } from './metrics.js';

export interface SciFact {
  docs: { id: string; title: string; abstract: string }[];
  test: EvalSet;
  train: EvalSet;
}

export function loadSciFact(zipPath: string): SciFact {
  const files = readZip(zipPath);
  const text = (name: string) => {
    const buf = files.get(name);
    if (!buf) throw new Error(`${zipPath} has no ${name}`);
    return buf.toString('utf8');
  };
  const docs = parseCsv(text('corpus_train.csv')).map((r) => ({
    id: r.doc_id as string,
    title: r.title ?? '',
    abstract: parseNumpyStrings(r.abstract ?? '[]').join(' '),
  }));
  return {
    docs,
    test: claims(text('claims_validation.csv')),
    train: claims(text('claims_train.csv')),
  };
}

/** Claims repeat once per evidence row; the cited documents are the same on each. */
function claims(csv: string): EvalSet {
  const byId = new Map<string, { query: string; relevant: Set<string> }>();
  for (const r of parseCsv(csv)) {
    const id = r.id as string;
    const entry = byId.get(id) ?? { query: r.claim as string, relevant: new Set<string>() };
    for (const d of parseNumpyInts(r.cited_doc_ids ?? '[]')) entry.relevant.add(String(d));
    byId.set(id, entry);
  }
  return [...byId.entries()]
    .filter(([, e]) => e.relevant.size > 0)
    .map(([id, e]) => ({ id, query: e.query, relevant: [...e.relevant] }));
}
