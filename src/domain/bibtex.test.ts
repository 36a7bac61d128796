import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toBibtex } from './bibtex.js';

test('BibTeX for an arXiv preprint', () => {
  const bib = toBibtex({
    arxivId: '2608.19880',
    title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
    authors: ['Chengsong Huang', 'Zifeng Wang'],
    publishedAt: '2026-08-20T00:00:00.000Z',
    primaryCategory: 'cs.AI',
    doi: null,
  });
  assert.equal(
    bib,
    [
      '@misc{huang2026envharness,',
      '  title = {{EnvHarness: Awakening Static Worlds for Agent Learning}},',
      '  author = {Chengsong Huang and Zifeng Wang},',
      '  year = {2026},',
      '  eprint = {2608.19880},',
      '  archivePrefix = {arXiv},',
      '  primaryClass = {cs.AI},',
      '  url = {https://arxiv.org/abs/2608.19880}',
      '}',
    ].join('\n'),
  );
});

test('special characters are escaped and keys stay plain', () => {
  const bib = toBibtex({
    arxivId: 'hep-th/9901001',
    title: '100% of {braces} & #tags_here',
    authors: ['José Müller'],
    publishedAt: null,
    primaryCategory: null,
    doi: null,
  });
  assert.match(bib, /^@misc\{muller\w*,/);
  assert.match(
    bib,
    /title = \{\{100\\% of \\textbraceleft\{\}braces\\textbraceright\{\} \\& \\#tags\\_here\}\}/,
  );
});

test('a backslash, a lone brace or an author holding "and" cannot write LaTeX or split the entry', () => {
  const bib = toBibtex({
    arxivId: '2608.00001',
    title: 'A } title = {x} \\input{/etc/passwd} ~^',
    authors: ['} and {Bob', 'Ada Lovelace'],
    publishedAt: null,
    primaryCategory: null,
    doi: null,
  });
  assert.ok(
    bib.includes(
      'title = {{A \\textbraceright{} title = \\textbraceleft{}x\\textbraceright{} \\textbackslash{}input\\textbraceleft{}/etc/passwd\\textbraceright{} \\textasciitilde{}\\textasciicircum{}}},',
    ),
    bib,
  );
  assert.ok(bib.includes('author = {{\\textbraceright{} and \\textbraceleft{}Bob} and Ada Lovelace},'), bib);
});
