import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArxivId } from './arxiv-id.js';

test('parses new-style ids with and without version', () => {
  assert.deepEqual(parseArxivId('2406.12345'), { id: '2406.12345', version: null });
  assert.deepEqual(parseArxivId('2406.12345v3'), { id: '2406.12345', version: 3 });
  assert.deepEqual(parseArxivId('1605.08386'), { id: '1605.08386', version: null });
  assert.deepEqual(parseArxivId(' arXiv:2104.12255v1 '), { id: '2104.12255', version: 1 });
});

test('parses old-style ids, with subject class and version', () => {
  assert.deepEqual(parseArxivId('hep-th/9901001'), { id: 'hep-th/9901001', version: null });
  assert.deepEqual(parseArxivId('quant-ph/0201082v1'), { id: 'quant-ph/0201082', version: 1 });
  assert.deepEqual(parseArxivId('math.GT/0309136'), { id: 'math.GT/0309136', version: null });
});

test('parses arxiv.org abs and pdf URLs', () => {
  assert.deepEqual(parseArxivId('https://arxiv.org/abs/2608.19880'), { id: '2608.19880', version: null });
  assert.deepEqual(parseArxivId('http://arxiv.org/pdf/2608.19880v2.pdf'), { id: '2608.19880', version: 2 });
  assert.deepEqual(parseArxivId('http://arxiv.org/abs/astro-ph/0601001v1'), {
    id: 'astro-ph/0601001',
    version: 1,
  });
});

test('refuses what is not an id', () => {
  for (const s of [
    '',
    'abc',
    '2406.123',
    '24061.2345',
    '2406.12345v',
    'diffusion models',
    '../etc/passwd',
    '2406.12345 x',
    // Versions are small numbers (stored in an integer column): five digits is not an id.
    '2406.12345v12345',
    'hep-th/9901001v99999999999',
  ]) {
    assert.equal(parseArxivId(s), null, s);
  }
});
