import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { avatarSvg, coverHue, coverSvg, wrapWords } from './cover-svg.js';

const paper = {
  arxivId: '2608.19880',
  title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
  authors: ['Chengsong Huang', 'Zifeng Wang'],
  categories: ['cs.AI'],
  publishedAt: '2026-08-20T00:00:00.000Z',
};

test('a cover is well-formed SVG holding the title, the first author and the date, always the same', () => {
  const svg = coverSvg(paper);
  assert.equal(XMLValidator.validate(svg), true);
  assert.equal(svg, coverSvg(paper));
  assert.match(svg, /<tspan[^>]*>EnvHarness: Awakening<\/tspan><tspan[^>]*>Static Worlds for Agent<\/tspan>/);
  assert.match(svg, />Chengsong Huang et al\.</);
  assert.match(svg, />20 Aug 2026 · arXiv:2608\.19880</);
  assert.match(svg, />cs\.AI</);
});

test('markup in a title stays text', () => {
  const svg = coverSvg({
    ...paper,
    title: '<script>alert(1)</script> & "x" \u0001',
    authors: ['<b>Eve</b>'],
  });
  assert.equal(XMLValidator.validate(svg), true);
  assert.ok(!svg.includes('<script>') && !svg.includes('<b>'));
  const texts = JSON.stringify(new XMLParser().parse(svg));
  assert.ok(texts.includes('<script>alert(1)</script>'), 'read back as the text it was');
});

test('colours follow the archive; a paper without a category gets one from its id', () => {
  assert.equal(coverHue(['cs.AI'], 'a'), coverHue(['cs.AI'], 'b'));
  assert.ok(Math.abs(coverHue(['cs.AI'], 'a') - coverHue(['cs.CL'], 'a')) <= 24);
  assert.notEqual(coverHue(['math.AG'], 'a'), coverHue(['cs.AI'], 'a'));
  assert.equal(coverHue([], '2608.19880'), coverHue([], '2608.19880'));
});

test('titles wrap on words, and a cut one says so', () => {
  assert.deepEqual(wrapWords('one two three four', 9, 3), ['one two', 'three', 'four']);
  assert.deepEqual(wrapWords('one two three four five six', 9, 2), ['one two', 'three…']);
  assert.deepEqual(wrapWords('Supercalifragilisticexpialidocious', 10, 2), ['Supercali…']);
});

test('an avatar shows the initials of a name, escaped', () => {
  assert.match(avatarSvg('Ada Lovelace'), />AL<\/text>/);
  assert.match(avatarSvg('taesiri'), />T<\/text>/);
  const svg = avatarSvg('<x> & "y"');
  assert.equal(XMLValidator.validate(svg), true);
  assert.doesNotMatch(svg, /<x>/);
});
