import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { MalformedFileError } from '../errors.js';
import { parseHfDailyDocument, parseHfDailyLine } from './hf-daily.parse.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/hf-daily-papers/${name}`, import.meta.url), 'utf8'));

const paperIdOf = (value: unknown) => (value as { paper: { id: string } }).paper.id;

describe('parseHfDailyDocument', () => {
  test('a bare array of entry objects', () => {
    const doc = parseHfDailyDocument(fixture('2024-05-27.json'));
    assert.equal(doc.date, null);
    assert.equal(doc.entries.length, 13);
    const first = doc.entries[0];
    assert.equal(first?.kind, 'raw');
    assert.equal(first?.position, 'entry 1');
    assert.equal(first?.kind === 'raw' && paperIdOf(first.value), '2405.15738');
  });

  test('an array of Python-repr strings becomes entry objects', () => {
    const doc = parseHfDailyDocument(fixture('2024-12-18.json'));
    assert.equal(doc.entries.length, 11);
    assert.ok(doc.entries.every((e) => e.kind === 'raw' && typeof e.value === 'object'));
    const first = doc.entries[0];
    assert.equal(first?.kind === 'raw' && paperIdOf(first.value), '2412.13147');
  });

  test('the {status, date, count, data} wrapper gives its date', () => {
    const doc = parseHfDailyDocument(fixture('2025-01-10.json'));
    assert.equal(doc.date, '2025-01-10');
    assert.equal(doc.entries.length, 9);
    const first = doc.entries[0];
    assert.equal(first?.kind === 'raw' && paperIdOf(first.value), '2501.05441');
  });

  test('a string that is no Python literal rejects that entry only', () => {
    const doc = parseHfDailyDocument([{ paper: { id: '2401.00001' } }, "{'paper': {'id': '2401.00002'"]);
    assert.equal(doc.entries[0]?.kind, 'raw');
    assert.deepEqual(doc.entries[1], {
      kind: 'rejected',
      position: 'entry 2',
      reason: "entry string is not a Python literal: expected ',' or '}' at end of input",
    });
  });

  test('a wrapper that reports failure, or has no data, refuses the file', () => {
    assert.throws(() => parseHfDailyDocument({ status: 'error', data: [] }), MalformedFileError);
    assert.throws(() => parseHfDailyDocument({ status: 'success', date: '2025-01-10' }), /no data array/);
    assert.throws(() => parseHfDailyDocument('just a string'), /not a Hugging Face daily papers file/);
  });
});

describe('parseHfDailyLine', () => {
  test('one JSON entry per line, blank lines skipped, bad lines rejected', () => {
    assert.deepEqual(parseHfDailyLine('{"paper": {"id": "2401.00001"}}', 3), {
      kind: 'raw',
      position: 'line 3',
      value: { paper: { id: '2401.00001' } },
    });
    assert.equal(parseHfDailyLine('   ', 4), null);
    const bad = parseHfDailyLine('{"paper": ', 5);
    assert.equal(bad?.kind, 'rejected');
    assert.equal(bad?.position, 'line 5');
    assert.match(bad?.kind === 'rejected' ? bad.reason : '', /^line is not valid JSON \(/);
  });

  test('a line holding a Python-repr string is read like the array form', () => {
    const item = parseHfDailyLine(JSON.stringify("{'paper': {'id': '2401.00001'}, 'numComments': 2}"), 1);
    assert.deepEqual(item, {
      kind: 'raw',
      position: 'line 1',
      value: { paper: { id: '2401.00001' }, numComments: 2 },
    });
  });
});
