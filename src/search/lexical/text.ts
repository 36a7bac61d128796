// Words of paper text and queries, the same way on both sides: accents folded, lowercased, split on
// anything that is not a letter or a digit. English function words are kept in the token stream (so
// "attention is all you need" is a phrase) but get no postings: they would cost memory and time and
// rank nothing.

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can for from has have if in into is it its no not of on or our ' +
    'such that the their then there these they this to was we were which will with'
  ).split(' '),
);

export const MAX_TOKEN_LENGTH = 40;

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const NON_ASCII = /[^\u0020-\u007e\s]/;
const MARKS = /\p{M}+/gu;

/** Lowercase with accents folded ("Émile Müller" → "emile muller"); ASCII text takes a fast path. */
export function foldText(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of `text`, folded, in order, repeats kept; overlong "words" (hashes, URLs) dropped. */
export function words(text: string): string[] {
  const folded = foldText(text);
  // Most paper text is ASCII once folded: a char-code scan is about five times the regex's speed.
  const out = NON_ASCII.test(folded) ? (folded.match(WORD) ?? []) : asciiWords(folded);
  return out.length > 0 && out.some((w) => w.length > MAX_TOKEN_LENGTH)
    ? out.filter((w) => w.length <= MAX_TOKEN_LENGTH)
    : out;
}

/** wordSpans for ASCII text: a char-code scan, several times faster than the Unicode regex. */
function asciiSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) | 0x20 : 0;
    const isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (isWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start <= MAX_TOKEN_LENGTH)
        out.push({ word: text.slice(start, i).toLowerCase(), start, end: i });
      start = -1;
    }
  }
  return out;
}

/** Runs of [a-z0-9] in lowercase ASCII text. */
function asciiWords(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0;
    const isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (isWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
  }
  return out;
}

const HYPHENATED = /([\p{L}\p{N}]+)-(?=([\p{L}\p{N}]+))/gu;

/**
 * The pairs of words a hyphen joins ("fine-tuning" → ["fine", "tuning"]; "state-of-the-art" gives
 * each adjacent pair), folded. The analyzer marks each pair as a compound, so "fine-tuning",
 * "finetuning" and "fine tuning" find one another (Vocabulary.compound and .split).
 */
export function hyphenPairs(text: string): [string, string][] {
  if (!text.includes('-')) return [];
  const out: [string, string][] = [];
  for (const m of foldText(text).matchAll(HYPHENATED)) {
    const a = m[1] as string;
    const b = m[2] as string;
    if (a.length + b.length <= MAX_TOKEN_LENGTH) out.push([a, b]);
  }
  return out;
}

export interface WordSpan {
  /** Folded word. */
  word: string;
  /** Offsets in the original text. */
  start: number;
  end: number;
}

/**
 * Words with their place in the original text, for highlighting. Folding can change a word's length
 * (ligatures, ß), so each word is folded alone and mapped back to the span it came from.
 */
export function wordSpans(text: string): WordSpan[] {
  if (!NON_ASCII.test(text)) return asciiSpans(text);
  const out: WordSpan[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = NON_ASCII.test(m[0]) ? foldText(m[0]).replace(/[^\p{L}\p{N}]+/gu, '') : m[0].toLowerCase();
    if (word && word.length <= MAX_TOKEN_LENGTH)
      out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
