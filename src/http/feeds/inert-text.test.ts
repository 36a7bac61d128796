import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inertText } from './inert-text.js';

test('no tag, end tag, comment or declaration can open; other text is left alone', () => {
  assert.equal(inertText('<b onmouseover=alert(1)>x</b>'), '< b onmouseover=alert(1)>x< /b>');
  assert.equal(inertText('<!-- c --><!DOCTYPE x><?php'), '< !-- c -->< !DOCTYPE x>< ?php');
  assert.equal(inertText('a<b and c>d'), 'a< b and c>d');
  for (const plain of ['p < 0.05', 'x<1', '<= 3', '< already', 'a -> b', '&lt;script&gt;'])
    assert.equal(inertText(plain), plain);
});
