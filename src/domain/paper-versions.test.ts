import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyPaper } from './paper-record.js';
import { isExactVersionSource, versionsVouchedFor } from './paper-versions.js';

const published = '2022-04-18T14:46:24.000Z';
const updated = '2022-07-06T05:12:56.000Z';

test('an arXiv API entry at version N vouches for v1 at published and vN at updated', () => {
  const paper = {
    ...emptyPaper('2204.08348', 'arxiv-api'),
    version: 3,
    publishedAt: published,
    updatedAt: updated,
  };
  assert.deepEqual(versionsVouchedFor(paper), [
    { version: 1, submittedAt: published, source: 'arxiv-api' },
    { version: 3, submittedAt: updated, source: 'arxiv-api' },
  ]);
  assert.deepEqual(versionsVouchedFor({ ...paper, version: 1, updatedAt: published }), [
    { version: 1, submittedAt: published, source: 'arxiv-api' },
  ]);
});

test('an OAI-PMH arXivRaw record vouches for every version it lists, at exact times', () => {
  const versions = [
    { version: 1, submittedAt: published },
    { version: 2, submittedAt: '2022-04-26T17:02:11.000Z' },
    { version: 3, submittedAt: updated },
  ];
  const paper = {
    ...emptyPaper('2204.08348', 'arxiv-oai'),
    version: 3,
    publishedAt: published,
    updatedAt: updated,
    versions,
  };
  assert.deepEqual(
    versionsVouchedFor(paper),
    versions.map((v) => ({ ...v, source: 'arxiv-oai-raw' })),
  );
  assert.ok(isExactVersionSource('arxiv-oai-raw') && isExactVersionSource('arxiv-api'));
  assert.ok(!isExactVersionSource('arxiv-oai'));
});

test('an OAI-PMH arXiv-format record names no version: only v1 at its created day', () => {
  const paper = {
    ...emptyPaper('2507.02092', 'arxiv-oai'),
    publishedAt: '2025-07-02T00:00:00.000Z',
    updatedAt: '2025-07-09T00:00:00.000Z',
  };
  assert.deepEqual(versionsVouchedFor(paper), [
    { version: 1, submittedAt: '2025-07-02T00:00:00.000Z', source: 'arxiv-oai' },
  ]);
});

test('listings and Hugging Face add nothing to the history', () => {
  assert.deepEqual(
    versionsVouchedFor({ ...emptyPaper('2507.02092', 'hf'), version: 2, publishedAt: published }),
    [],
  );
  assert.deepEqual(
    versionsVouchedFor({ ...emptyPaper('2507.02092', 'listing'), publishedAt: published }),
    [],
  );
});
