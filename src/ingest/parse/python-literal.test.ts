import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePythonLiteral, PythonLiteralError } from './python-literal.js';

describe('parsePythonLiteral', () => {
  test('reads a repr dict as Hugging Face files hold it', () => {
    const value = parsePythonLiteral(
      "{'paper': {'id': '2412.07730', 'authors': [{'name': 'Zongyu Lin', 'hidden': False}], 'upvotes': 12}, 'numComments': 0, 'x': None, 'y': True}",
    );
    assert.deepEqual(value, {
      paper: { id: '2412.07730', authors: [{ name: 'Zongyu Lin', hidden: false }], upvotes: 12 },
      numComments: 0,
      x: null,
      y: true,
    });
  });

  test('keeps ids and numbers apart: a quoted id stays a string', () => {
    assert.deepEqual(parsePythonLiteral("['1706.05371', 1706.05371]"), ['1706.05371', 1706.05371]);
  });

  test('strings in both quote kinds, with escaped quotes', () => {
    assert.equal(parsePythonLiteral(`"it's"`), "it's");
    assert.equal(parsePythonLiteral(`'it\\'s'`), "it's");
    assert.equal(parsePythonLiteral(`'say "hi"'`), 'say "hi"');
    assert.equal(parsePythonLiteral(`"say \\"hi\\""`), 'say "hi"');
  });

  test('escapes: \\n \\t \\\\ \\xNN \\uNNNN \\UNNNNNNNN octal, line continuation, unknown kept', () => {
    assert.equal(parsePythonLiteral(String.raw`'a\nb\tc\\d'`), 'a\nb\tc\\d');
    assert.equal(parsePythonLiteral(String.raw`'caf\xe9'`), 'café');
    assert.equal(parsePythonLiteral(String.raw`'\u03b1\u2192\u03b2'`), 'α→β');
    assert.equal(parsePythonLiteral(String.raw`'\U0001F600'`), '😀');
    assert.equal(parsePythonLiteral(String.raw`'\101\0'`), 'A\0');
    assert.equal(parsePythonLiteral("'a\\\nb'"), 'ab');
    assert.equal(parsePythonLiteral(String.raw`'\d+'`), '\\d+');
  });

  test('raw, unicode-prefixed and triple-quoted strings', () => {
    assert.equal(parsePythonLiteral(String.raw`r'\n\''`), String.raw`\n\'`);
    assert.equal(parsePythonLiteral(`u'x'`), 'x');
    assert.equal(parsePythonLiteral(`'''two\nlines'''`), 'two\nlines');
    assert.equal(parsePythonLiteral(`"""a "quoted" word"""`), 'a "quoted" word');
  });

  test('adjacent strings are concatenated', () => {
    assert.equal(parsePythonLiteral(`'Large ' "Language" ' Models'`), 'Large Language Models');
    assert.deepEqual(parsePythonLiteral(`{'t': 'a' 'b', 'n': 1}`), { t: 'ab', n: 1 });
  });

  test('numbers: ints, negatives, floats, exponents, underscores', () => {
    assert.deepEqual(
      parsePythonLiteral('[0, -3, +4, 1.5, -0.25, .5, 5., 1e3, 2.5E-2, 1_000]'),
      [0, -3, 4, 1.5, -0.25, 0.5, 5, 1000, 0.025, 1000],
    );
  });

  test('tuples become arrays; parentheses alone only group', () => {
    assert.deepEqual(parsePythonLiteral('(1, 2)'), [1, 2]);
    assert.deepEqual(parsePythonLiteral('(1,)'), [1]);
    assert.deepEqual(parsePythonLiteral('()'), []);
    assert.equal(parsePythonLiteral('(1)'), 1);
    assert.deepEqual(parsePythonLiteral("{'pair': ('a', (1, 2))}"), { pair: ['a', [1, 2]] });
  });

  test('trailing commas, empty containers and whitespace across lines', () => {
    assert.deepEqual(parsePythonLiteral('[1, 2,]'), [1, 2]);
    assert.deepEqual(parsePythonLiteral("{\n  'a': [],\n  'b': {},\n}"), { a: [], b: {} });
  });

  test('integer dict keys become strings; a "__proto__" key stays an ordinary key', () => {
    assert.deepEqual(parsePythonLiteral("{1: 'one'}"), { '1': 'one' });
    const value = parsePythonLiteral("{'__proto__': {'polluted': True}}") as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  const failures: [string, RegExp][] = [
    ["{'a': 1", /expected ',' or '}' at end of input/],
    ["'unterminated", /unterminated string at offset 0/],
    ["'line\nbreak'", /line break inside a single-quoted string/],
    ["{'a' 1}", /expected ':' after a dict key at offset 5/],
    ['{1, 2}', /sets are not supported/],
    ['[1] 2', /unexpected content after the value at offset 4/],
    ["'\\x4'", /\\x escape needs 2 hex digits/],
    ["'\\N{DASH}'", /named escapes are not supported/],
    ['nan', /unexpected name "nan"/],
    ["b'bytes'", /bytes and f-strings are not literals/],
    ['0x1F', /unsupported number/],
    ['1j', /unsupported number/],
    ['99999999999999999999', /integer too large/],
    ['{[1]: 2}', /dict keys must be strings or integers/],
    ['', /expected a value at end of input/],
    ['@', /unexpected character "@"/],
  ];
  for (const [source, message] of failures) {
    test(`refuses ${JSON.stringify(source)} with a clear error`, () => {
      assert.throws(
        () => parsePythonLiteral(source),
        (err: unknown) => {
          assert.ok(err instanceof PythonLiteralError);
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }

  test('the error carries the offset of the problem', () => {
    assert.throws(
      () => parsePythonLiteral("{'ok': 1, 'bad': @}"),
      (err: unknown) => err instanceof PythonLiteralError && err.offset === 17,
    );
  });

  test('refuses absurd nesting instead of overflowing the stack', () => {
    assert.throws(
      () => parsePythonLiteral('['.repeat(500) + ']'.repeat(500)),
      /nesting deeper than 200 levels/,
    );
  });
});
