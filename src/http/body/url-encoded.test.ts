import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadBodyError } from './body-error.js';
import { parseUrlEncoded } from './url-encoded.js';

test('reads what browsers send: + for spaces, percent-encoded UTF-8, empty values and fields', () => {
  const body = new URLSearchParams({ q: 'a b+c', name: 'Ünïcødé 🎉', empty: '' }).toString();
  assert.deepEqual(Object.fromEntries(parseUrlEncoded(`${body}&&flag`)), {
    q: 'a b+c',
    name: 'Ünïcødé 🎉',
    empty: '',
    flag: '',
  });
  assert.equal(parseUrlEncoded('').size, 0);
});

test('a broken escape, a field given twice, a nameless field or a NUL is refused, naming the field', () => {
  const cases: [string, RegExp, string][] = [
    ['a=%E0%A4%A', /a: not valid percent-encoded UTF-8/, 'a'],
    ['a=%ZZ', /a: not valid percent-encoded UTF-8/, 'a'],
    ['a=%ED%A0%80', /a: not valid percent-encoded UTF-8/, 'a'],
    ['%FF=1', /field 1: not valid percent-encoded UTF-8/, 'field 1'],
    ['a=1&a=2', /a: given more than once/, 'a'],
    ['x=1&=2', /field 2 of the form has no name/, 'body'],
    ['body=a%00b', /body: holds a NUL character/, 'body'],
  ];
  for (const [body, message, field] of cases)
    assert.throws(
      () => parseUrlEncoded(body),
      (err: unknown) => err instanceof BadBodyError && message.test(err.message) && err.field === field,
      body,
    );
});

test('a field named __proto__ is an ordinary field', () => {
  const fields = parseUrlEncoded('__proto__=x&constructor=y');
  assert.equal(fields.get('__proto__'), 'x');
  assert.deepEqual(Object.keys(Object.fromEntries(fields)), ['__proto__', 'constructor']);
});
