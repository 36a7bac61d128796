import assert from 'node:assert/strict';
import { test } from 'node:test';
import { singular, tokenize } from './tokenize.js';

test('tokens are lowercased, accent-folded and singular, without stopwords or bare numbers', () => {
  assert.deepEqual(tokenize('The Transformers of Gödel, 2024: studies in LLMs and losses'), [
    'transformer',
    'godel',
    'study',
    'llm',
    'loss',
  ]);
});

test('plural folding leaves words that only look plural', () => {
  assert.equal(singular('loss'), 'loss');
  assert.equal(singular('corpus'), 'corpus');
  assert.equal(singular('analysis'), 'analysis');
  assert.equal(singular('dynamics'), 'dynamics');
  assert.equal(singular('queries'), 'query');
  assert.equal(singular('models'), 'model');
});
