import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexDocument } from '../lexical/analyzer.js';
import { AlertMatcher, describeReasons } from './alert-matcher.js';

const doc = (paperId: number, fields: Partial<IndexDocument>): IndexDocument => ({
  paperId,
  title: '',
  abstract: '',
  authors: [],
  categories: ['cs.LG'],
  publishedAt: `2026-08-${String(10 + paperId).padStart(2, '0')}`,
  votes: 0,
  version: 1,
  ...fields,
});

const papers = [
  doc(1, {
    title: 'Continual Pre-Training of Language Models',
    abstract: 'We study forgetting when models keep training on new domains.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: ['cs.CL', 'cs.LG'],
  }),
  doc(2, {
    title: 'Diffusion for Video',
    abstract: 'Continual learning is not the topic; pre-training of video diffusion models is.',
    authors: ['Grace Hopper'],
    categories: ['cs.CV'],
  }),
  doc(3, {
    title: 'Robots Learning From Human Videos',
    abstract: 'Manipulation policies from human demonstrations.',
    authors: ['Yann LeCun'],
    categories: ['cs.RO'],
  }),
];

test('an alert matches every word (stemmed), newest first, and says where', () => {
  const m = new AlertMatcher(papers);
  const r = m.match('continual pre-training', 10);
  assert.deepEqual(
    r.matches.map((x) => x.paperId),
    [2, 1],
  );
  const first = r.matches.find((x) => x.paperId === 1);
  assert.deepEqual(first?.reasons, [
    { kind: 'words', field: 'title', words: ['continual', 'pre', 'training'] },
  ]);
  assert.equal(describeReasons(first?.reasons ?? []), 'title: “continual”, “pre”, “training”');
  // "models" finds "Models" and "model" alike.
  assert.equal(m.match('model forgetting', 10).total, 1);
});

test('phrases, exclusions, authors and categories, in the search syntax', () => {
  const m = new AlertMatcher(papers);
  assert.deepEqual(
    m.match('"continual pre-training"', 10).matches.map((x) => x.paperId),
    [1],
  );
  assert.deepEqual(
    m.match('continual -video', 10).matches.map((x) => x.paperId),
    [1],
  );
  const byAuthor = m.match('author:lecun', 10);
  assert.deepEqual(
    byAuthor.matches.map((x) => x.paperId),
    [3],
  );
  assert.equal(describeReasons(byAuthor.matches[0]?.reasons ?? []), 'author Yann LeCun');
  const byCategory = m.match('training cat:cs.CL', 10);
  assert.deepEqual(
    byCategory.matches.map((x) => x.paperId),
    [1],
  );
  assert.match(describeReasons(byCategory.matches[0]?.reasons ?? []), /category cs\.CL/);
  assert.deepEqual(
    m.match('cat:cs', 10).matches.map((x) => x.paperId),
    [3, 2, 1],
  );
});

test('strict: no near spellings, no fallback to any word, nothing for an empty query', () => {
  const m = new AlertMatcher(papers);
  assert.equal(m.match('continaul', 10).total, 0);
  assert.equal(m.match('continual quantum', 10).total, 0);
  assert.equal(m.match('   ', 10).total, 0);
  assert.equal(new AlertMatcher([]).match('anything', 10).total, 0);
});
