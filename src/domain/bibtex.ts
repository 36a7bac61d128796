// BibTeX for a paper, in the form arXiv itself suggests for preprints (@misc with eprint fields),
// written for every BibTeX reader: plain ASCII (domain/latex-text.ts), an ASCII key that \cite
// accepts, corporate authors braced so they are not split into first and last names.
import { GREEK_NAMES, latexText, latexTitle } from './latex-text.js';

export interface BibtexInput {
  arxivId: string;
  title: string;
  authors: string[];
  publishedAt: string | null;
  primaryCategory: string | null;
  doi: string | null;
}

/** Words that end the name of a team, lab or company rather than a person ("Kling Team", "Google DeepMind"). */
const CORPORATE = new Set([
  'team',
  'teams',
  'group',
  'lab',
  'labs',
  'laboratory',
  'consortium',
  'collaboration',
  'project',
  'inc',
  'ltd',
  'llc',
  'corp',
  'corporation',
  'company',
  'institute',
  'university',
  'center',
  'centre',
  'foundation',
  'initiative',
  'committee',
  'council',
  'ai',
  'research',
  'deepmind',
  'openai',
  'anthropic',
  'community',
  'contributors',
  'authors',
]);

/**
 * A name BibTeX must take whole: a corporate name, or one holding the word "and" (which BibTeX reads
 * as the separator of two authors).
 */
function isCorporate(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean);
  return words.includes('and') || words.some((w) => CORPORATE.has(w.replace(/[^a-z]/g, '')));
}

/** Authors joined by "and"; a name with nothing TeX can print (written in a script it lacks) is left out. */
function authorField(authors: readonly string[]): string {
  return authors
    .map((a) => ({ corporate: isCorporate(a), text: squeeze(latexText(a)) }))
    .filter((a) => a.text !== '')
    .map((a) => (a.corporate ? `{${a.text}}` : a.text))
    .join(' and ');
}

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A word in plain ASCII letters and digits, Greek letters by name ("π" → "pi", "Müller" → "muller"). */
function asciiWord(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFC')) {
    const name = GREEK_NAMES.get(ch);
    out += name ? name.toLowerCase() : ch === 'ß' ? 'ss' : ch;
  }
  return out
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const KEY_SKIP = new Set(['with', 'from', 'towards', 'toward', 'into', 'that', 'this', 'what', 'when']);

/** `lastname` + year + first meaningful title word, in ASCII only (\cite and BibTeX keys need it). */
export function citationKey(p: BibtexInput): string {
  const first = (p.authors[0] ?? '').trim();
  // A corporate author's key is its first word ("Kling Team" → kling), a person's their last name.
  const nameWords = first.split(/\s+/);
  const who = asciiWord((isCorporate(first) ? nameWords[0] : nameWords.at(-1)) ?? '') || 'anonymous';
  const year = p.publishedAt?.slice(0, 4) ?? '';
  const word =
    p.title
      .split(/\s+/)
      .map(asciiWord)
      .find((w) => w.length > 3 && !KEY_SKIP.has(w)) ?? '';
  const key = `${who}${year}${word}`;
  return key === 'anonymous' ? `arxiv${p.arxivId.replace(/[^a-zA-Z0-9]/g, '')}` : key;
}

export function toBibtex(p: BibtexInput): string {
  const fields: [string, string][] = [
    // Double braces keep the title's capitals (BibTeX styles lowercase what is not braced).
    ['title', `{${squeeze(latexTitle(p.title))}}`],
  ];
  const authors = authorField(p.authors);
  if (authors) fields.push(['author', authors]);
  if (p.publishedAt) fields.push(['year', p.publishedAt.slice(0, 4)]);
  fields.push(['eprint', p.arxivId], ['archivePrefix', 'arXiv']);
  if (p.primaryCategory) fields.push(['primaryClass', p.primaryCategory]);
  // Biblatex reads doi verbatim (an escape would be part of the link): only what would break the entry goes.
  if (p.doi) fields.push(['doi', p.doi.replace(/[^\x21-\x7e]|[{}\\]/g, '')]);
  fields.push(['url', `https://arxiv.org/abs/${p.arxivId}`]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@misc{${citationKey(p)},\n${body}\n}`;
}
