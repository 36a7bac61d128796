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
