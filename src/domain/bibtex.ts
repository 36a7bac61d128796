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

/** Escapes the characters that change meaning in BibTeX values. */
function escapeBibtex(s: string): string {
  return s
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}&%$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}');
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
    ['author', escapeBibtex(p.authors.join(' and '))],
  ];
  if (p.publishedAt) fields.push(['year', p.publishedAt.slice(0, 4)]);
  fields.push(['eprint', p.arxivId], ['archivePrefix', 'arXiv']);
  if (p.primaryCategory) fields.push(['primaryClass', p.primaryCategory]);
  if (p.doi) fields.push(['doi', escapeBibtex(p.doi)]);
  fields.push(['url', `https://arxiv.org/abs/${p.arxivId}`]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@misc{${citationKey(p)},\n${body}\n}`;
}
