import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MARK_END as E, MARK_START as S } from '../../../domain/marks.js';
import { splitMarked } from './marked-text.js';

test('splitMarked turns markers into marked parts', () => {
  assert.deepEqual(splitMarked(`Large ${S}language${E} models and ${S}language${E}`), [
    { text: 'Large ', marked: false },
    { text: 'language', marked: true },
    { text: ' models and ', marked: false },
    { text: 'language', marked: true },
  ]);
  assert.deepEqual(splitMarked('no matches <b>here</b>'), [
    { text: 'no matches <b>here</b>', marked: false },
  ]);
});

test('splitMarked drops unbalanced markers instead of showing them', () => {
  assert.deepEqual(splitMarked(`a ${S}b`), [{ text: 'a b', marked: false }]);
  assert.deepEqual(splitMarked(`a${E} b ${S}c${E}`), [
    { text: 'a b ', marked: false },
    { text: 'c', marked: true },
  ]);
  assert.deepEqual(splitMarked(`${S}${E}`), []);
});
