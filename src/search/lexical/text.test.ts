import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stemLight, stemS } from './stemmer.js';
import { foldText, wordSpans, words } from './text.js';
import { editDistance, maxEditsFor } from './typo-index.js';

test('words are folded, lowercased and split on anything but letters and digits', () => {
  assert.deepEqual(words('Émile Müller-Lüdenscheidt’s GPT-4o: 3D scenes'), [
    'emile',
    'muller',
    'ludenscheidt',
    's',
    'gpt',
    '4o',
    '3d',
    'scenes',
  ]);
  assert.equal(foldText('Straße ÅNGSTRÖM'), 'strasse angstrom');
  assert.deepEqual(words(`a ${'x'.repeat(41)} b`), ['a', 'b']);
  assert.deepEqual(words(''), []);
});

test('word spans point back into the original text, accents and all', () => {
  const text = 'Über «Modelle» für Ärzte';
  assert.deepEqual(
    wordSpans(text).map((s) => [s.word, text.slice(s.start, s.end)]),
    [
      ['uber', 'Über'],
      ['modelle', 'Modelle'],
      ['fur', 'für'],
      ['arzte', 'Ärzte'],
    ],
  );
  const decomposed = 'Cafe\u0301 latte';
  assert.deepEqual(wordSpans(decomposed)[0], { word: 'cafe', start: 0, end: 5 });
});

test('light stemmer: Porter steps 1a-1c', () => {
  const cases: [string, string][] = [
    ['models', 'model'],
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['studies', 'studi'],
    ['study', 'studi'],
    ['training', 'train'],
    ['trained', 'train'],
    ['awakening', 'awaken'],
    ['hopping', 'hop'],
    ['hoping', 'hope'],
    ['generated', 'generate'],
    ['agreed', 'agree'],
    ['corpus', 'corpus'],
    ['analysis', 'analysis'],
    ['sing', 'sing'],
    ['gas', 'gas'],
    ['networks', 'network'],
  ];
  for (const [word, stem] of cases) assert.equal(stemLight(word), stem, word);
});

test('S-stemmer: plurals only', () => {
  assert.equal(stemS('queries'), 'query');
  assert.equal(stemS('models'), 'model');
  assert.equal(stemS('classes'), 'classe');
  assert.equal(stemS('corpus'), 'corpus');
  assert.equal(stemS('training'), 'training');
});

test('edit distance counts a swap of neighbours as one edit and stops past the limit', () => {
  assert.equal(editDistance('attention', 'atention', 2), 1);
  assert.equal(editDistance('transformer', 'transfromer', 2), 1);
  assert.equal(editDistance('graph', 'grape', 1), 1);
  assert.equal(editDistance('graph', 'giraffe', 1), 2);
  assert.equal(editDistance('abc', 'abc', 1), 0);
  assert.equal(maxEditsFor('graph'), 1);
  assert.equal(maxEditsFor('cat'), 0);
  assert.equal(maxEditsFor('transformer'), 2);
});
