import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ParsedQuery, parseQuerySyntax, queryText } from './query-syntax.js';

const empty: ParsedQuery = {
  terms: [],
  phrases: [],
  excluded: [],
  authors: [],
  categories: [],
  from: null,
  to: null,
};
const parsed = (fields: Partial<ParsedQuery>): ParsedQuery => ({ ...empty, ...fields });

test('plain words, phrases and exclusions', () => {
  assert.deepEqual(
    parseQuerySyntax('diffusion "video generation" -survey -"image editing"'),
    parsed({
      terms: ['diffusion'],
      phrases: ['video generation'],
      excluded: ['survey', 'image editing'],
    }),
  );
  assert.deepEqual(parseQuerySyntax('  many   spaces\there '), parsed({ terms: ['many', 'spaces', 'here'] }));
  assert.deepEqual(parseQuerySyntax('dup dup "p q" "p  q"'), parsed({ terms: ['dup'], phrases: ['p q'] }));
  assert.deepEqual(parseQuerySyntax('“curly quotes”'), parsed({ phrases: ['curly quotes'] }));
});

test('filters: author, category, year and dates', () => {
  assert.deepEqual(
    parseQuerySyntax('author:hinton author:"Yann  LeCun" cat:cs.CL cat:cs year:2025 transformers'),
    parsed({
      terms: ['transformers'],
      authors: ['hinton', 'Yann LeCun'],
      categories: ['cs.CL', 'cs'],
      from: '2025-01-01',
      to: '2025-12-31',
    }),
  );
  assert.deepEqual(parseQuerySyntax('year:2023..2025'), parsed({ from: '2023-01-01', to: '2025-12-31' }));
  assert.deepEqual(parseQuerySyntax('year:2023..'), parsed({ from: '2023-01-01' }));
  assert.deepEqual(parseQuerySyntax('year:..2020'), parsed({ to: '2020-12-31' }));
  assert.deepEqual(
    parseQuerySyntax('date:2025-01-01..2025-03-31'),
    parsed({ from: '2025-01-01', to: '2025-03-31' }),
  );
  assert.deepEqual(parseQuerySyntax('date:2025-02-03'), parsed({ from: '2025-02-03', to: '2025-02-03' }));
  // after and before are strict; several ranges narrow each other.
  assert.deepEqual(
    parseQuerySyntax('after:2024-12-31 before:2025-03-01 year:2025'),
    parsed({ from: '2025-01-01', to: '2025-02-28' }),
  );
  assert.deepEqual(
    parseQuerySyntax('AUTHOR:smith Cat:math.AG'),
    parsed({ authors: ['smith'], categories: ['math.AG'] }),
  );
});

test('unknown prefixes and bad filter values are plain words', () => {
  assert.deepEqual(parseQuerySyntax('title:foo'), parsed({ terms: ['title:foo'] }));
  assert.deepEqual(parseQuerySyntax('year:soon'), parsed({ terms: ['year:soon'] }));
  assert.deepEqual(parseQuerySyntax('year:20255'), parsed({ terms: ['year:20255'] }));
  assert.deepEqual(parseQuerySyntax('date:2025-02-30'), parsed({ terms: ['date:2025-02-30'] }));
  assert.deepEqual(parseQuerySyntax('cat:cs.CL;drop'), parsed({ terms: ['cat:cs.CL;drop'] }));
  assert.deepEqual(parseQuerySyntax('after:yesterday'), parsed({ terms: ['after:yesterday'] }));
  assert.deepEqual(
    parseQuerySyntax('http://arxiv.org/abs/2401.00001'),
    parsed({ terms: ['http://arxiv.org/abs/2401.00001'] }),
  );
  // A negated filter is not supported: it is read as words to leave out.
  assert.deepEqual(parseQuerySyntax('-cat:cs.CL'), parsed({ excluded: ['cat:cs.cl'] }));
});

test('odd input never throws and gives a sensible query', () => {
  const odd = [
    '',
    ' ',
    '"',
    '""',
    '"unclosed phrase',
    '-',
    '- -',
    '--double',
    '-"',
    'author:',
    'author:""',
    'author:"',
    ':',
    '::::',
    'cat:',
    'year:..',
    'date:..',
    'date:2025-01-01..2025-01-02..2025-01-03',
    '\u0000\u0001\u0002',
    '" OR 1=1 --',
    'NEAR(a b)',
    '*',
    '(((',
    "'; drop table papers; --",
    '🦜🦜 "🦜"',
    'a'.repeat(5000),
    '"a" '.repeat(200),
    'x:y:z',
    '-author:"a b"',
  ];
  for (const input of odd) {
    const q = parseQuerySyntax(input);
    assert.ok(Array.isArray(q.terms), input);
    for (const list of [q.terms, q.phrases, q.excluded, q.authors, q.categories])
      for (const s of list) assert.ok(s.length > 0 && s === s.trim(), `${input} -> ${JSON.stringify(q)}`);
  }
  assert.deepEqual(parseQuerySyntax('"unclosed phrase'), parsed({ phrases: ['unclosed phrase'] }));
  assert.deepEqual(parseQuerySyntax('""'), empty);
  assert.deepEqual(parseQuerySyntax('author:""'), empty);
  assert.deepEqual(parseQuerySyntax('--double'), parsed({ excluded: ['-double'] }));
  assert.equal(parseQuerySyntax('"a" '.repeat(200)).phrases.length, 1);
});

test('queryText joins the words and phrases', () => {
  assert.equal(
    queryText(parseQuerySyntax('graph "neural network" -survey cat:cs.LG')),
    'graph neural network',
  );
});
