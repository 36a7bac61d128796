import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexDocument } from './analyzer.js';
import { buildLexicalIndex, LexicalIndexBuilder } from './lexical-index.js';
import { type LexicalQuery, LexicalSearcher } from './lexical-search.js';

function doc(paperId: number, fields: Partial<IndexDocument>): IndexDocument {
  return {
    paperId,
    title: '',
    abstract: '',
    authors: [],
    categories: [],
    publishedAt: null,
    votes: 0,
    version: 1,
    ...fields,
  };
}

const CORPUS: IndexDocument[] = [
  doc(1, {
    title: 'Graph neural networks',
    abstract: 'We study graph learning.',
    authors: ['Ada Lovelace'],
    categories: ['cs.LG'],
    publishedAt: '2025-01-10',
    votes: 3,
  }),
  doc(2, {
    title: 'Attention is all you need',
    abstract: 'Transformers use attention for sequence models.',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    categories: ['cs.CL'],
    publishedAt: '2017-06-12',
    votes: 10,
  }),
  doc(3, {
    title: 'Diffusion models for video',
    abstract: 'Video generation with diffusion. Graph priors help.',
    authors: ['Yann LeCun', 'Émile Borel'],
    categories: ['cs.CV', 'cs.LG'],
    publishedAt: '2025-03-01',
    votes: 1,
  }),
];

function query(fields: Partial<LexicalQuery>): LexicalQuery {
  return {
    terms: [],
    phrases: [],
    excluded: [],
    authors: [],
    categories: [],
    from: null,
    to: null,
    mode: 'all',
    sort: 'relevance',
    limit: 10,
    ...fields,
  };
}

const searcher = new LexicalSearcher(buildLexicalIndex(CORPUS));
const ids = (q: Partial<LexicalQuery>) => searcher.search(query(q)).hits.map((h) => h.paperId);

test('BM25F scores on a tiny corpus, to the number', () => {
  // Field lengths (stopwords out): titles 3, 4, 3 (avg 10/3); abstracts 3, 5, 6 (avg 14/3).
  // "graph": paper 1 has it once in the title and once in the abstract, paper 3 once in the abstract.
  const k1 = 1.2;
  const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
  const sat = (tf: number) => (tf * (k1 + 1)) / (k1 + tf);
  const p1 = (3 * 1) / (1 - 0.5 + (0.5 * 3) / (10 / 3)) + 1 / (1 - 0.75 + (0.75 * 3) / (14 / 3));
  const p3 = 1 / (1 - 0.75 + (0.75 * 6) / (14 / 3));
  const r = searcher.search(query({ terms: ['graph'] }));
  assert.deepEqual(
    r.hits.map((h) => h.paperId),
    [1, 3],
  );
  assert.ok(Math.abs((r.hits[0]?.score ?? 0) - idf * sat(p1)) < 1e-6, String(r.hits[0]?.score));
  assert.ok(Math.abs((r.hits[1]?.score ?? 0) - idf * sat(p3)) < 1e-6, String(r.hits[1]?.score));
  assert.equal(r.hits[0]?.score.toFixed(4), '0.8172');
  assert.equal(r.total, 2);
});

test('stemming, accents and author names', () => {
  assert.deepEqual(ids({ terms: ['model'] }), [3, 2]); // "models" in a title beats one in an abstract
  assert.deepEqual(ids({ terms: ['emile'] }), [3]);
  assert.deepEqual(ids({ terms: ['vaswani', 'attention'] }), [2]);
});

test('every word must match in all mode; any mode ranks papers with more of them first', () => {
  assert.deepEqual(ids({ terms: ['graph', 'video'] }), [3]);
  assert.deepEqual(ids({ terms: ['graph', 'attention'] }), []);
  assert.deepEqual(ids({ terms: ['graph', 'attention'], mode: 'any' }).sort(), [1, 2, 3]);
});

test('phrases, stopwords inside phrases, and exclusions', () => {
  assert.deepEqual(ids({ phrases: ['attention is all you need'] }), [2]);
  assert.deepEqual(ids({ phrases: ['all attention'] }), []);
  assert.deepEqual(ids({ phrases: ['graph priors'] }), [3]);
  // A phrase never spans the end of the title and the start of the abstract.
  assert.deepEqual(ids({ phrases: ['networks we study'] }), []);
  assert.deepEqual(ids({ terms: ['graph'], excluded: ['video'] }), [1]);
  assert.deepEqual(ids({ terms: ['graph'], excluded: ['graph priors'] }), [1]);
  assert.deepEqual(ids({ terms: ['graph'], excluded: ['unknownword'] }), [1, 3]);
});

test('filters: category (archive prefixes too), author, dates; and filter-only queries', () => {
  assert.deepEqual(ids({ terms: ['graph'], categories: ['cs.CV'] }), [3]);
  assert.deepEqual(ids({ categories: ['cs.LG'] }), [3, 1]); // newest first without words
  assert.deepEqual(ids({ categories: ['cs'] }), [3, 1, 2]);
  assert.deepEqual(ids({ categories: ['math'] }), []);
  assert.deepEqual(ids({ authors: ['lecun'] }), [3]);
  assert.deepEqual(ids({ authors: ['Yann LeCun'] }), [3]);
  // Both words must be in one author's name.
  assert.deepEqual(ids({ authors: ['yann borel'] }), []);
  assert.deepEqual(ids({ authors: ['noam', 'vaswani'] }), [2]);
  assert.deepEqual(ids({ from: '2025-01-01' }), [3, 1]);
  assert.deepEqual(ids({ terms: ['graph'], to: '2025-02-01' }), [1]);
  assert.deepEqual(ids({ terms: ['graph'], from: '2025-01-11', to: '2025-03-01' }), [3]);
});

test('sorts by date and by votes', () => {
  assert.deepEqual(ids({ categories: ['cs'], sort: 'votes' }), [2, 1, 3]);
  assert.deepEqual(ids({ terms: ['graph'], sort: 'date' }), [3, 1]);
});

test('near spellings for short queries, weighted down and reported', () => {
  // In a corpus this small every word is rare: store words seen once too.
  const searcher = new LexicalSearcher(buildLexicalIndex(CORPUS, { typoMinDf: 1 }));
  const ids = (q: Partial<LexicalQuery>) => searcher.search(query(q)).hits.map((h) => h.paperId);
  const r = searcher.search(query({ terms: ['atention'] }));
  assert.deepEqual(
    r.hits.map((h) => h.paperId),
    [2],
  );
  assert.deepEqual(r.corrections, [{ from: 'atention', to: 'attention' }]);
  assert.deepEqual(searcher.search(query({ terms: ['atention'], typos: false })).hits, []);
  const exact = searcher.search(query({ terms: ['attention'] })).hits[0]?.score ?? 0;
  assert.ok((r.hits[0]?.score ?? 0) < exact);
  // Short words are not corrected: too many neighbours.
  assert.deepEqual(ids({ terms: ['grap'] }), []);
});

test('the same papers in any order build the same index and rank the same', () => {
  const a = new LexicalSearcher(buildLexicalIndex(CORPUS));
  const b = new LexicalSearcher(buildLexicalIndex([...CORPUS].reverse()));
  for (const terms of [['graph'], ['model'], ['video', 'diffusion'], ['attention']]) {
    assert.deepEqual(a.search(query({ terms })).hits, b.search(query({ terms })).hits);
  }
  assert.throws(() => {
    const builder = new LexicalIndexBuilder();
    builder.add(doc(2, {}));
    builder.add(doc(1, {}));
  }, /ascending id order/);
});

test('upsert and remove keep the index current, idempotently', () => {
  const index = buildLexicalIndex(CORPUS);
  const s = new LexicalSearcher(index);
  const run = (q: Partial<LexicalQuery>) => s.search(query(q)).hits.map((h) => h.paperId);
  index.upsert(doc(4, { title: 'Graph transformers', publishedAt: '2025-05-01', version: 1 }));
  index.upsert(doc(4, { title: 'Graph transformers', publishedAt: '2025-05-01', version: 1 }));
  assert.equal(index.size, 4);
  assert.deepEqual(run({ terms: ['transformer'] }).sort(), [2, 4]);
  index.upsert(doc(1, { title: 'Renamed paper', version: 2 }));
  assert.deepEqual(run({ terms: ['graph'] }).sort(), [3, 4]);
  assert.deepEqual(run({ terms: ['renamed'] }), [1]);
  assert.equal(index.versionOf(1), 2);
  index.remove(3);
  index.remove(3);
  assert.equal(index.size, 3);
  assert.deepEqual(run({ terms: ['graph'] }), [4]);
  const r = s.search(query({ terms: ['graph'] }));
  assert.equal(r.matches(4), true);
  assert.equal(r.matches(2), false);
  assert.equal(r.accepts(2), true);
});

test('hyphen and compound spellings find one another: fine-tuning, finetuning, fine tuning', () => {
  const corpus = [
    doc(1, { title: 'Parameter-efficient fine-tuning of language models' }),
    doc(2, { title: 'Finetuning language models cheaply' }),
    doc(3, { title: 'Fine tuning language models on a budget' }),
    doc(4, { title: 'Pre-training vision transformers', abstract: 'A multi-modal, self-supervised recipe.' }),
    doc(5, { title: 'Pretraining at scale', abstract: 'Multimodal and selfsupervised.' }),
    doc(6, { title: 'Self supervised pre training', abstract: 'multi modal data' }),
    // "under" and "stand" are never written "under-stand": "understand" must stay one word.
    doc(7, { title: 'Models that stand under pressure' }),
    doc(8, { title: 'To understand models' }),
  ];
  const s = new LexicalSearcher(buildLexicalIndex(corpus));
  const found = (...terms: string[]) =>
    s
      .search(query({ terms }))
      .hits.map((h) => h.paperId)
      .sort();
  for (const spelling of [['fine-tuning'], ['finetuning'], ['fine', 'tuning'], ['Fine-Tuning']])
    assert.deepEqual(found(...spelling), [1, 2, 3], spelling.join(' '));
  for (const spelling of [['pre-training'], ['pretraining'], ['pre', 'training']])
    assert.deepEqual(found(...spelling), [4, 5, 6], spelling.join(' '));
  for (const spelling of [['multi-modal'], ['multimodal'], ['self-supervised'], ['selfsupervised']])
    assert.deepEqual(found(...spelling), [4, 5, 6], spelling.join(' '));
  assert.deepEqual(found('understand'), [8]);
  assert.deepEqual(found('language', 'finetuning'), [1, 2, 3]);
  // The solid spelling scores about as the two words do: neither falls far behind.
  const scores = s.search(query({ terms: ['fine-tuning'] })).hits.map((h) => h.score);
  assert.ok(Math.min(...scores) / Math.max(...scores) > 0.5, scores.join(', '));
});
