import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitAuthorList } from './author-list.js';

test('commas, "and" before the last, semicolons and ampersands separate names', () => {
  assert.deepEqual(splitAuthorList('Myeongsoo Kim, Qi Xin, Saurabh Sinha, Alessandro Orso'), [
    'Myeongsoo Kim',
    'Qi Xin',
    'Saurabh Sinha',
    'Alessandro Orso',
  ]);
  assert.deepEqual(splitAuthorList('Igor A. Zaliznyak and John M. Tranquada'), [
    'Igor A. Zaliznyak',
    'John M. Tranquada',
  ]);
  assert.deepEqual(splitAuthorList('A. One, B. Two, and C. Three'), ['A. One', 'B. Two', 'C. Three']);
  assert.deepEqual(splitAuthorList('A. One; B. Two & C. Three'), ['A. One', 'B. Two', 'C. Three']);
});

test('"and" inside a name is part of the name', () => {
  assert.deepEqual(splitAuthorList('Alexander Anand, Sandra Rand'), ['Alexander Anand', 'Sandra Rand']);
});

test('affiliations in parentheses, nested or numbered, are dropped', () => {
  assert.deepEqual(splitAuthorList('C. Balazs (ANL), E. L. Berger (ANL, Univ. of Chicago)'), [
    'C. Balazs',
    'E. L. Berger',
  ]);
  assert.deepEqual(splitAuthorList('J. Smith (1), K. Jones (1 and 2) ((1) Univ. X, (2) Lab Y, Z and W)'), [
    'J. Smith',
    'K. Jones',
  ]);
  assert.deepEqual(splitAuthorList('A. One (Univ. X'), ['A. One'], 'an unclosed parenthesis runs to the end');
});

test('a suffix split off by a comma stays with its name; "et al." and empty parts go', () => {
  assert.deepEqual(splitAuthorList('Waldyr A. Rodrigues, Jr, Roldao da Rocha'), [
    'Waldyr A. Rodrigues Jr',
    'Roldao da Rocha',
  ]);
  assert.deepEqual(splitAuthorList("R. W. O'Brient, III and A. B. Sr."), ["R. W. O'Brient III", 'A. B. Sr.']);
  assert.deepEqual(splitAuthorList('ATLAS Collaboration, , G. Aad et al.'), [
    'ATLAS Collaboration',
    'G. Aad',
  ]);
  assert.deepEqual(splitAuthorList('G. Aad, et al'), ['G. Aad']);
  assert.deepEqual(splitAuthorList('  '), []);
});
