import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeUrl } from './safe-url.js';

test('safeUrl keeps http(s) URLs and refuses every other scheme', () => {
  assert.equal(safeUrl('https://github.com/org/repo'), 'https://github.com/org/repo');
  assert.equal(safeUrl('  http://example.org/a b '), 'http://example.org/a%20b');
  for (const bad of [
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:x',
    '//evil.example',
    'github.com/org/repo',
    '',
    null,
    undefined,
  ]) {
    assert.equal(safeUrl(bad), null, String(bad));
  }
});
