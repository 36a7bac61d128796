import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from './slug.js';
import { cleanAbstract, collapseWhitespace, truncateWords } from './text.js';

test('titles lose arXiv hard line breaks', () => {
  assert.equal(collapseWhitespace('Large Multimodal\n  Models  '), 'Large Multimodal Models');
});

test('abstracts keep paragraphs and join wrapped lines', () => {
  const raw = '  First line\nwraps here.\n  Second paragraph\nalso wraps.\n';
  assert.equal(cleanAbstract(raw), 'First line wraps here.\n\nSecond paragraph also wraps.');
});

test('control characters are dropped from titles and abstracts; whitespace controls become spaces', () => {
  assert.equal(collapseWhitespace('Mark\u0002ed \u0000ti\u0007tle\u0003\u0085\uFFFF'), 'Marked title');
  assert.equal(collapseWhitespace('form\ffeed\vtab'), 'form feed tab');
  assert.equal(cleanAbstract('One\u0002 paragraph.\n\n\u001BTwo.'), 'One paragraph.\n\nTwo.');
});

test('truncation cuts at a word boundary', () => {
  assert.equal(truncateWords('one two three four', 9), 'one two…');
  assert.equal(truncateWords('short', 10), 'short');
});

test('slugs fold accents and punctuation', () => {
  assert.equal(slugify('Zoë Müller-Lüdenscheidt'), 'zoe-muller-ludenscheidt');
  assert.equal(slugify('  Bhavana Dalvi Mishra '), 'bhavana-dalvi-mishra');
  assert.equal(slugify('J. R. R. Tolkien'), 'j-r-r-tolkien');
  assert.equal(slugify('王小明'), '王小明');
});
