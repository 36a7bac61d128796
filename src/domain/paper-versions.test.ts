import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyPaper } from './paper-record.js';
import { versionsVouchedFor } from './paper-versions.js';

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
    { version: 1, submittedAt: published },
    { version: 3, submittedAt: updated },
  ]);
  assert.deepEqual(versionsVouchedFor({ ...paper, version: 1, updatedAt: published }), [
    { version: 1, submittedAt: published },
  ]);
});

test('an OAI-PMH record names no version: only v1 at its created day', () => {
  const paper = {
    ...emptyPaper('2507.02092', 'arxiv-oai'),
    publishedAt: '2025-07-02T00:00:00.000Z',
    updatedAt: '2025-07-09T00:00:00.000Z',
  };
  assert.deepEqual(versionsVouchedFor(paper), [{ version: 1, submittedAt: '2025-07-02T00:00:00.000Z' }]);
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
