import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MARK_END as E, MARK_START as S } from '../domain/marks.js';
import { markTitle, snippet } from './highlight.js';
import { stemLight } from './lexical/stemmer.js';

const stems = new Set(['graph', 'model']);

test('titles: every matched word marked, by stem, the rest of the text kept as it is', () => {
  assert.equal(markTitle('<b>Graph</b> Models!', stems, stemLight), `<b>${S}Graph${E}</b> ${S}Models${E}!`);
  assert.equal(markTitle('Nothing here', stems, stemLight), 'Nothing here');
  assert.equal(markTitle('', stems, stemLight), '');
});

test('snippets: the densest window of about 40 words, with ellipses where cut', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  const text = `${filler(60)} graph neural models\n\nfor ${filler(60)}`;
  const s = snippet(text, stems, stemLight);
  assert.ok(s.startsWith('…') && s.endsWith('…'), s);
  assert.ok(s.includes(`${S}graph${E} neural ${S}models${E} for`), s);
  assert.equal(s.split(' ').length, 40);
  assert.equal(snippet('A short abstract.', stems, stemLight), 'A short abstract.');
  assert.ok(snippet(`${filler(50)}`, stems, stemLight).endsWith('…'));
});
