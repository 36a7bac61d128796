// The search syntax people already know from other engines, parsed into a typed query:
//   words                 every word must match (title, abstract or authors)
//   "exact phrase"        these words next to each other, in this order
//   -word  -"a phrase"    papers holding this word or phrase are left out
//   author:hinton  author:"geoffrey hinton"   an author's name holds these words
//   cat:cs.CL  cat:cs     an arXiv category (a bare archive such as cs means any of its categories)
//   year:2025  year:2023..2025  year:2023..  year:..2025
//   date:2025-01-01..2025-03-31  after:2025-01-31  before:2025-03-01  (after/before are strict)
// Unknown prefixes (`title:foo`) and known ones with a bad value (`year:soon`) are plain words. The
// parser never throws: whatever a person or a script types becomes some query.
import { addDays, isDay } from './days.js';

export interface ParsedQuery {
  /** Plain words as typed (the index tokenizes them), in order, without duplicates. */
  terms: string[];
  /** Quoted phrases, each as typed between the quotes (whitespace collapsed). */
  phrases: string[];
  /** Words and phrases that must not appear; a phrase holds a space. */
  excluded: string[];
  /** Each entry must match one author of the paper: every word of it in that author's name. */
  authors: string[];
  /** A paper matches when it is in any of these (an archive like `cs` covers its categories). */
  categories: string[];
  /** Published on or after this day. */
  from: string | null;
  /** Published on or before this day. */
  to: string | null;
}

/** Longest query we look at; the rest is ignored (forms cap at 500 characters anyway). */
const MAX_LENGTH = 1000;
const MAX_PARTS = 32;
const CATEGORY = /^[a-z-]+(\.[a-z-]+)?$/i;
const YEAR = /^\d{4}$/;

interface Part {
  value: string;
  quoted: boolean;
  negated: boolean;
  field: string | null;
}

/** Splits into parts: optional `-`, optional `field:`, then a bare word or a quoted string. */
function split(input: string): Part[] {
  const s = input
    .slice(0, MAX_LENGTH)
    .normalize('NFKC')
    .replace(/[“”„«»]/g, '"');
  const parts: Part[] = [];
  let i = 0;
  while (i < s.length && parts.length < MAX_PARTS) {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
    if (i >= s.length) break;
    let negated = false;
    if (s[i] === '-' && i + 1 < s.length && !/\s/.test(s[i + 1] as string)) {
      negated = true;
      i++;
    }
    let field: string | null = null;
    const prefix = /^([a-z]+):(?=\S)/i.exec(s.slice(i, i + 12));
    if (prefix?.[1]) {
      field = prefix[1].toLowerCase();
      i += prefix[0].length;
    }
    if (s[i] === '"') {
      const close = s.indexOf('"', i + 1);
      const end = close === -1 ? s.length : close;
      parts.push({ value: s.slice(i + 1, end), quoted: true, negated, field });
      i = end + 1;
    } else {
      let end = i;
      while (end < s.length && !/\s/.test(s[end] as string)) end++;
      parts.push({ value: s.slice(i, end), quoted: false, negated, field });
      i = end;
    }
  }
  return parts;
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function yearRange(value: string): [string | null, string | null] | null {
  const m = /^(\d{4})?(?:\.\.(\d{4})?)?$/.exec(value);
  if (!m || (!m[1] && !m[2])) return null;
  if (!value.includes('..')) return YEAR.test(value) ? [`${value}-01-01`, `${value}-12-31`] : null;
  return [m[1] ? `${m[1]}-01-01` : null, m[2] ? `${m[2]}-12-31` : null];
}

function dateRange(value: string): [string | null, string | null] | null {
  const [a = '', b, ...rest] = value.split('..');
  if (rest.length > 0) return null;
  if (b === undefined) return isDay(a) ? [a, a] : null;
  if ((a && !isDay(a)) || (b && !isDay(b)) || (!a && !b)) return null;
  return [a || null, b || null];
}

export function parseQuerySyntax(input: string): ParsedQuery {
  const q: ParsedQuery = {
    terms: [],
    phrases: [],
    excluded: [],
    authors: [],
    categories: [],
    from: null,
    to: null,
  };
  const narrow = (range: [string | null, string | null]) => {
    const [from, to] = range;
    if (from && (!q.from || from > q.from)) q.from = from;
    if (to && (!q.to || to < q.to)) q.to = to;
  };
  const addText = (part: Part) => {
    const value = clean(part.value);
    if (!value) return;
    if (part.negated) q.excluded.push(part.quoted ? value : value.toLowerCase());
    else if (part.quoted) q.phrases.push(value);
    else q.terms.push(value);
  };

  for (const part of split(input)) {
    const value = clean(part.value);
    const asText = () => addText(part.field ? { ...part, value: `${part.field}:${part.value}` } : part);
    // A negated filter (-cat:cs.CL) is not supported: read it as words to leave out.
    if (part.negated || part.field === null) {
      asText();
      continue;
    }
    switch (part.field) {
      case 'author':
      case 'au':
        // author:"" says nothing: drop it.
        if (value) q.authors.push(value);
        break;
      case 'cat':
      case 'category':
        if (CATEGORY.test(value)) q.categories.push(value);
        else asText();
        break;
      case 'year': {
        const range = yearRange(value);
        if (range) narrow(range);
        else asText();
        break;
      }
      case 'date': {
        const range = dateRange(value);
        if (range) narrow(range);
        else asText();
        break;
      }
      case 'after':
        if (isDay(value)) narrow([addDays(value, 1), null]);
        else asText();
        break;
      case 'before':
        if (isDay(value)) narrow([null, addDays(value, -1)]);
        else asText();
        break;
      default:
        asText();
    }
  }
  q.terms = [...new Set(q.terms)];
  q.phrases = [...new Set(q.phrases)];
  q.excluded = [...new Set(q.excluded)];
  q.categories = [...new Set(q.categories)];
  q.authors = [...new Set(q.authors)];
  return q;
}

/** The words and phrases of a query as free text: what an embedder or a title comparison sees. */
export function queryText(q: ParsedQuery): string {
  return [...q.terms, ...q.phrases].join(' ');
}

/** True when the query asks for nothing at all: no word, phrase, exclusion or filter. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.phrases.length === 0 && q.excluded.length === 0 && !hasFilters(q);
}

/** True when the query asks for something beyond its text: a filter, an exclusion. */
export function hasFilters(q: ParsedQuery): boolean {
  return q.authors.length > 0 || q.categories.length > 0 || q.from !== null || q.to !== null;
}
