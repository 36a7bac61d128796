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

const entry = (fields: Partial<Parameters<typeof toBibtex>[0]>) =>
  toBibtex({
    arxivId: '2603.00001',
    title: 'A title',
    authors: ['Ada Lovelace'],
    publishedAt: '2026-03-01T00:00:00.000Z',
    primaryCategory: 'cs.LG',
    doi: null,
    ...fields,
  });

test('a backslash is \\textbackslash{}, not \\textbackslash\\{\\}', () => {
  assert.match(
    entry({ title: 'C:\\path and a \\ alone' }),
    /title = \{\{C:\\textbackslash\{\}path and a \\textbackslash\{\} alone\}\}/,
  );
});

test('Greek and symbols become math, accents become commands: the entry is plain ASCII', () => {
  const bib = entry({
    title: 'π-StepNFT: Δ-rules → ≤ 2× faster — “fast” α…ω, naïve Ψ',
    authors: ['Xin Wang', 'José Müller', 'Łukasz Kaiser', 'Zoë Dvořák'],
  });
  assert.match(bib, /^[\n -~]*$/, bib);
  assert.match(bib, /^@misc\{wang2026pistepnft,/);
  assert.match(
    bib,
    /\{\\ensuremath\{\\pi\}\}-StepNFT: \{\\ensuremath\{\\Delta\}\}-rules \{\\ensuremath\{\\rightarrow\}\}/,
  );
  assert.match(bib, /\{\\ensuremath\{\\leq\}\} 2\{\\ensuremath\{\\times\}\} faster --- ``fast'' /);
  assert.match(bib, /na\{\\"\\i\}ve/);
  assert.ok(
    bib.includes(
      `author = {Xin Wang and Jos{\\'e} M{\\"u}ller and {\\L}ukasz Kaiser and Zo{\\"e} Dvo{\\v{r}}{\\'a}k}`,
    ),
    bib,
  );
});

test('keys are ASCII whatever the names and titles hold', () => {
  // A name in a script TeX cannot print is left out rather than written as an empty author.
  const cjk = entry({ title: 'Ωmega: 日本語 models', authors: ['李 小龍'] });
  assert.match(
    cjk,
    /^@misc\{anonymous2026omegamega,\n {2}title = \{\{\{\\ensuremath\{\\Omega\}\}mega: models\}\},\n {2}year/,
  );
  assert.match(entry({ authors: ['Émile Ödön'], title: 'Über alles' }), /^@misc\{odon2026uber,/);
});

test('corporate authors are braced so BibTeX keeps them whole', () => {
  const bib = entry({
    authors: ['Kling Team', 'Ada Lovelace', 'Google DeepMind', 'Research and Development'],
  });
  assert.match(
    bib,
    /author = \{\{Kling Team\} and Ada Lovelace and \{Google DeepMind\} and \{Research and Development\}\}/,
  );
  assert.match(bib, /^@misc\{kling2026title,/);
});

test("a title's inline math is kept when it is safe, escaped when it is not", () => {
  assert.match(
    entry({ title: 'Attention in $\\mathcal{O}(n \\log n)$ time' }),
    /\{\{Attention in \$\\mathcal\{O\}\(n \\log n\)\$ time\}\}/,
  );
  assert.match(
    entry({ title: 'Bad $\\input{/etc/passwd}$ math' }),
    /\{\{Bad \\\$\\textbackslash\{\}input\\textbraceleft\{\}\/etc\/passwd\\textbraceright\{\}\\\$ math\}\}/,
  );
  assert.match(
    entry({ title: 'Odd $50% off$ and $a}{b$' }),
    /\{\{Odd \\\$50\\% off\\\$ and \\\$a\\textbraceright\{\}\\textbraceleft\{\}b\\\$\}\}/,
  );
});

test('primaryClass is written whenever a category is known', () => {
  assert.match(entry({ primaryCategory: 'cs.CL' }), /primaryClass = \{cs\.CL\}/);
  assert.doesNotMatch(entry({ primaryCategory: null }), /primaryClass/);
});
