import assert from 'node:assert/strict';
import { test } from 'node:test';
import { titleKey } from './title-key.js';

test('titles that differ in case, accents, punctuation and spacing share a key', () => {
  const a = titleKey('Thinking with Images for Multimodal Reasoning: Foundations, Methods');
  assert.equal(a, 'thinkingwithimagesformultimodalreasoningfoundationsmethods');
  assert.equal(titleKey('thinking with images for multimodal reasoning — foundations; methods.'), a);
  assert.equal(titleKey('Thinking  with\n  Images for Multimodal Reasoning: Foundations, Methods'), a);
  assert.equal(titleKey('Müller-Lüdenscheidt Straße Revisited'), 'mullerludenscheidtstrasserevisited');
  assert.equal(titleKey('Learners & Thinkers at Scale'), titleKey('Learners and thinkers at scale'));
});

test('different words give different keys; short titles give none', () => {
  assert.notEqual(
    titleKey('Scaling Laws for Neural Language Models'),
    titleKey('Scaling Laws for Neural Vision Models'),
  );
  assert.equal(titleKey('0'), null);
  assert.equal(titleKey('Testing!'), null);
  assert.equal(titleKey('Non-Latin 注意力机制就是你所需要的'), 'nonlatin注意力机制就是你所需要的');
});
