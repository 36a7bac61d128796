// BibTeX for a paper, in the form arXiv itself suggests for preprints (@misc with eprint fields).
import { slugify } from './slug.js';

export interface BibtexInput {
  arxivId: string;
  title: string;
  authors: string[];
  publishedAt: string | null;
  primaryCategory: string | null;
  doi: string | null;
}

/**
 * LaTeX for each character that changes meaning in a BibTeX value, in one pass (escaping the
 * backslash first and the braces after would break the braces of \textbackslash{}). Braces become
 * text commands, not \{ and \}: BibTeX counts every brace, escaped or not, so a lone one in a
 * title would end the field early and let the rest of the title write fields of its own.
 */
const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
};

/** Escapes the characters that change meaning in BibTeX values: the data is text, never LaTeX. */
function escapeBibtex(s: string): string {
  return s.replace(/[\\{}~^&%$#_]/g, (ch) => LATEX[ch] ?? ch);
}

/**
 * An author for the `and`-separated list: a name that itself holds the word "and" is one brace
 * group, or BibTeX would read it as two authors.
 */
function bibtexAuthor(name: string): string {
  const escaped = escapeBibtex(name);
  return /(^|\s)and(\s|$)/i.test(name) ? `{${escaped}}` : escaped;
}

export function citationKey(p: BibtexInput): string {
  const last = (p.authors[0] ?? 'anonymous').trim().split(/\s+/).pop() ?? 'anonymous';
  const year = p.publishedAt?.slice(0, 4) ?? '';
  const word =
    p.title
      .split(/\s+/)
      .map((w) => slugify(w).replace(/-/g, ''))
      .find(
        (w) => w.length > 3 && !['with', 'from', 'towards', 'toward', 'into', 'that', 'this'].includes(w),
      ) ?? '';
  return `${slugify(last).replace(/-/g, '')}${year}${word}` || `arxiv${p.arxivId.replace(/\W/g, '')}`;
}

export function toBibtex(p: BibtexInput): string {
  const fields: [string, string][] = [
    ['title', `{${escapeBibtex(p.title)}}`],
    ['author', p.authors.map(bibtexAuthor).join(' and ')],
  ];
  if (p.publishedAt) fields.push(['year', p.publishedAt.slice(0, 4)]);
  fields.push(['eprint', p.arxivId], ['archivePrefix', 'arXiv']);
  if (p.primaryCategory) fields.push(['primaryClass', p.primaryCategory]);
  if (p.doi) fields.push(['doi', escapeBibtex(p.doi)]);
  fields.push(['url', `https://arxiv.org/abs/${p.arxivId}`]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@misc{${citationKey(p)},\n${body}\n}`;
}
