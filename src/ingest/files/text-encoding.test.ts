import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MalformedFileError } from '../errors.js';
import { decodeUtf8, firstInvalidByte, foreignByteOrderMark } from './text-encoding.js';

test('the first byte that is not UTF-8: overlong forms, surrogates, stray and cut-off bytes', () => {
  const at = (bytes: number[]) => firstInvalidByte(new Uint8Array(bytes));
  assert.equal(
    at([0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x8e, 0x89]),
    10,
    'a, é, €, 🎉 are all valid',
  );
  assert.equal(at([0x61, 0xe9, 0x62]), 1, 'Latin-1 é');
  assert.equal(at([0xc0, 0xae]), 0, 'overlong');
  assert.equal(at([0xe0, 0x80, 0xaf]), 0, 'overlong three-byte form');
  assert.equal(at([0x61, 0xed, 0xa0, 0x80]), 1, 'a UTF-16 surrogate');
  assert.equal(at([0xf4, 0x90, 0x80, 0x80]), 0, 'above U+10FFFF');
  assert.equal(at([0x61, 0xe2, 0x82]), 1, 'cut off');
  assert.equal(at([0x80]), 0, 'a lone continuation byte');
});

test('decoding names the line and column of the bad byte; a foreign byte order mark is named', () => {
  assert.equal(decodeUtf8(Buffer.from('ok ✓')), 'ok ✓');
  assert.throws(
    () => decodeUtf8(Buffer.concat([Buffer.from('one\ntwo '), Buffer.from([0xe9])])),
    (err: unknown) =>
      err instanceof MalformedFileError &&
      err.position === 'line 2, column 5' &&
      /byte 0xe9/.test(err.message),
  );
  assert.match(foreignByteOrderMark(new Uint8Array([0xfe, 0xff, 0, 0x7b]))?.message ?? '', /UTF-16BE/);
  assert.match(foreignByteOrderMark(new Uint8Array([0xff, 0xfe, 0, 0]))?.message ?? '', /UTF-32LE/);
  assert.equal(
    foreignByteOrderMark(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b])),
    null,
    'the UTF-8 mark is fine',
  );
});
