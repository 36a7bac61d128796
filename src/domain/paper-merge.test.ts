import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergePaper, newPaperState, samePaperState } from './paper-merge.js';
import { emptyPaper, type IncomingPaper } from './paper-record.js';

function paper(source: IncomingPaper['source'], fields: Partial<IncomingPaper>): IncomingPaper {
  return { ...emptyPaper('2406.00001', source), title: 'A title', ...fields };
}

const listing = paper('listing', {
  title: 'Listing title',
  abstract: 'Listing abstract.',
  authors: ['Ada Lovelace'],
  categories: ['cs.CL', 'cs.AI'],
  listedOn: '2024-06-03',
  publishedAt: '2024-06-03T00:00:00.000Z',
});
const hfOld = paper('hf', {
  title: 'HF title',
  authors: ['Ada Lovelace', 'Alan Turing'],
  hfUpvotes: 3,
  hfSnapshotOn: '2024-06-04',
  githubRepo: 'https://github.com/a/old',
});
const hfNew = paper('hf', {
  hfUpvotes: 9,
  hfSnapshotOn: '2024-06-05',
  githubRepo: 'https://github.com/a/new',
});
const apiV2 = paper('arxiv-api', {
  version: 2,
  title: 'Revised title',
  abstract: 'Revised abstract.',
  authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
  categories: ['cs.CL'],
  publishedAt: '2024-06-01T10:00:00.000Z',
  updatedAt: '2024-07-01T10:00:00.000Z',
});

function fold(records: IncomingPaper[]) {
  const [first, ...rest] = records;
  if (!first) throw new Error('no records');
  return rest.reduce(mergePaper, newPaperState(first));
}

test('merging a record twice changes nothing', () => {
  for (const r of [listing, hfOld, hfNew, apiV2]) {
    const once = fold([listing, hfOld, r]);
    assert.ok(samePaperState(mergePaper(once, r), once), r.source);
  }
});

test('the same records in any order give the same paper', () => {
  const a = fold([listing, hfOld, hfNew, apiV2]);
  const b = fold([apiV2, hfNew, listing, hfOld]);
  const c = fold([hfNew, apiV2, hfOld, listing]);
  // Only the list of sources may be recorded in a different order of arrival; it is kept sorted.
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
});

test('arXiv metadata outranks a listing, which outranks Hugging Face', () => {
  const s = fold([hfOld, listing]);
  assert.equal(s.title, 'Listing title');
  assert.deepEqual(s.authors, ['Ada Lovelace']);
  const t = fold([listing, apiV2]);
  assert.equal(t.title, 'Revised title');
  assert.equal(t.version, 2);
  assert.deepEqual(t.categories, ['cs.CL']);
});

test('a newer arXiv version wins, an older one only fills gaps', () => {
  const v1 = paper('arxiv-api', {
    version: 1,
    title: 'First title',
    comment: 'v1 comment',
    updatedAt: '2024-06-01T10:00:00.000Z',
  });
  const s = fold([apiV2, v1]);
  assert.equal(s.title, 'Revised title');
  assert.equal(s.comment, 'v1 comment'); // v2 had none
  assert.equal(s.version, 2);
});

test('the newest Hugging Face snapshot wins links; counters only grow', () => {
  const s = fold([hfNew, hfOld]);
  assert.equal(s.githubRepo, 'https://github.com/a/new');
  assert.equal(s.hfUpvotes, 9);
  assert.equal(s.hfSnapshotOn, '2024-06-05');
});

test('dates: earliest publication, latest update, first listing', () => {
  const s = fold([
    listing,
    apiV2,
    paper('listing', { listedOn: '2024-06-10', publishedAt: '2024-06-10T00:00:00.000Z' }),
  ]);
  assert.equal(s.publishedAt, '2024-06-01T10:00:00.000Z');
  assert.equal(s.updatedAt, '2024-07-01T10:00:00.000Z');
  assert.equal(s.listedOn, '2024-06-03');
  assert.deepEqual(s.sources, ['arxiv-api', 'listing']);
});
