import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { ParsedItem } from '../../domain/paper-record.js';
import { parseArxivListingLine } from '../parse/arxiv-listing.parse.js';
import { normalizeArxivListingItem } from './arxiv-listing.normalize.js';

function normalizeFixture(day: string): ParsedItem[] {
  const url = new URL(`../../../fixtures/arxiv-listings/${day}.jsonl.gz`, import.meta.url);
  const lines = gunzipSync(readFileSync(url)).toString('utf8').split('\n');
  return lines.flatMap((line, i) => {
    const raw = parseArxivListingLine(line, i + 1);
    return raw ? [normalizeArxivListingItem(raw, { listedOn: day })] : [];
  });
}

const one = (value: unknown, listedOn: string | null = '2025-11-18') =>
  normalizeArxivListingItem({ kind: 'raw', position: 'line 1', value }, { listedOn });

const base = {
  id: '2511.11552',
  categories: ['cs.CV', 'cs.CL'],
  authors: ['Dawei Zhu', 'Rui Meng'],
  title: 'DocLens',
  comment: null,
  summary: 'Text.',
};

describe('normalizeArxivListingItem', () => {
  test('2025-10-14: the whole record, with an ACM class dropped from the categories', () => {
    const items = normalizeFixture('2025-10-14');
    assert.equal(items.length, 1);
    const item = items[0];
    assert.equal(item?.kind, 'record');
    if (item?.kind !== 'record') return;
    assert.equal(item.position, 'line 1');
    assert.equal(item.daily, null);
    assert.ok(
      item.paper.abstract.startsWith(
        'Retrieval-augmented generation (RAG) has emerged as a promising paradigm for improving',
      ),
    );
    assert.ok(item.paper.abstract.endsWith('on a 1-5 Likert scale (5 indicating "strongly agree").'));
    assert.deepEqual(
      { ...item.paper, abstract: '' },
      {
        arxivId: '2510.08945',
        version: null,
        title:
          'FATHOMS-RAG: A Framework for the Assessment of Thinking and Observation in Multimodal Systems that use Retrieval Augmented Generation',
        abstract: '',
        authors: [
          'Samuel Hildebrand',
          'Curtis Taylor',
          'Sean Oesch',
          'James M Ghawaly Jr',
          'Amir Sadovnik',
          'Ryan Shivers',
          'Brandon Schreiber',
          'Kevin Kurian',
        ],
        categories: ['cs.AI'], // the source lists ['cs.AI', 'I.7.5; I.2.1; I.2.8; I.2.7']
        comment: null,
        journalRef: null,
        doi: null,
        publishedAt: '2025-10-14T00:00:00.000Z',
        updatedAt: null,
        listedOn: '2025-10-14',
        githubRepo: null,
        githubStars: null,
        projectPage: null,
        thumbnailUrl: null,
        aiSummary: null,
        aiKeywords: null,
        organization: null,
        organizationSlug: null,
        hfUpvotes: null,
        hfComments: null,
        hfSnapshotOn: null,
        versions: [],
        source: 'listing',
      },
    );
  });

  test('2025-11-15: all 16 lines are records, categories in source order', () => {
    const items = normalizeFixture('2025-11-15');
    assert.equal(items.length, 16);
    assert.ok(items.every((item) => item.kind === 'record' && item.paper.listedOn === '2025-11-15'));
    const first = items[0];
    assert.equal(first?.kind === 'record' && first.paper.arxivId, '2511.10627');
    assert.deepEqual(first?.kind === 'record' && first.paper.categories, [
      'cs.AI',
      'cs.CV',
      'cs.FL',
      'cs.LG',
    ]);
    assert.equal(
      first?.kind === 'record' && first.paper.title,
      'Querying Labeled Time Series Data with Scenario Programs',
    );
  });

  test('2025-11-18: a paper listed twice the same day comes out twice (the upsert merges)', () => {
    const items = normalizeFixture('2025-11-18');
    assert.deepEqual(
      items.map((item) => (item.kind === 'record' ? item.paper.arxivId : item.reason)),
      ['2511.11552', '2511.11552', '2511.11563'],
    );
  });

  test('collapses hard-wrapped titles and comments; keeps a version if the id has one', () => {
    const item = one({ ...base, id: '2511.11552v2', title: 'Doc\n  Lens', comment: '30 pages\n  and more' });
    assert.equal(item.kind === 'record' && item.paper.title, 'Doc Lens');
    assert.equal(item.kind === 'record' && item.paper.comment, '30 pages and more');
    assert.equal(item.kind === 'record' && item.paper.version, 2);
  });

  test('without a day in the file name there is no listing day and no publishedAt', () => {
    const item = one(base, null);
    assert.equal(item.kind === 'record' && item.paper.listedOn, null);
    assert.equal(item.kind === 'record' && item.paper.publishedAt, null);
  });

  test('rejects a missing id, an invalid id, no title and wrong types, with reasons', () => {
    assert.deepEqual(one({ ...base, id: undefined }), {
      kind: 'rejected',
      position: 'line 1',
      reason: 'invalid record: id: missing arXiv id',
    });
    assert.deepEqual(one({ ...base, id: '2511.115' }), {
      kind: 'rejected',
      position: 'line 1',
      reason: 'invalid arXiv id "2511.115"',
    });
    assert.deepEqual(one({ ...base, title: '' }), {
      kind: 'rejected',
      position: 'line 1',
      reason: 'no title',
    });
    const wrong = one({ ...base, authors: 'Dawei Zhu' });
    assert.equal(
      wrong.kind === 'rejected' && wrong.reason,
      'invalid record: authors: expected array, received string',
    );
  });
});
