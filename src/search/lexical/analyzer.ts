// From a paper to what the index stores: the vocabulary (one id per stemmed word, author-name word and
// category), per-field term frequencies and lengths for BM25F, and two token streams per paper: its
// title and abstract in order (for phrases) and its authors' name words (for author: filters).
import type { ByteBuffer } from './growable.js';
import { type StemmerName, stemmerFor } from './stemmer.js';
import { fnv1a } from '../../domain/fnv.js';
import { foldText, hyphenPairs, isStopword, words } from './text.js';

export interface IndexDocument {
  paperId: number;
  title: string;
  abstract: string;
  authors: readonly string[];
  categories: readonly string[];
  /** ISO timestamp or `YYYY-MM-DD` of publication, or null when the paper has no date. */
  publishedAt: string | null;
  votes: number;
  /** Opaque version the caller compares to know what changed (the refresher passes modified_at in ms). */
  version: number;
}

/** Fields of BM25F, in the order of the per-field arrays. */
export const FIELDS = ['title', 'abstract', 'authors'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Vocabulary keys: stemmed words as they are; author-name words and categories in their own
 * namespaces (a `:` never occurs in a word), so one postings table serves words and filters.
 */
export const authorKey = (word: string) => `a:${word}`;
export const categoryKey = (category: string) => `c:${category.toLowerCase()}`;
/**
 * A marker, with no postings, that the catalogue writes `a` and `b` joined by a hyphen somewhere: the
 * evidence that "ab" and "a b" are spellings of one compound ("fine-tuning", "pre-training",
 * "multi-modal", "self-supervised"), and not an accident of letters ("under" + "stand").
 */
export const compoundKey = (a: string, b: string) => `h:${a}-${b}`;

const WORD_CACHE = 200_000;

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  /** Category keys (`c:cs.cl`) and their ids, for archive prefixes (`cat:cs`). */
  readonly categories = new Map<string, number>();
  private readonly stemWord: (w: string) => string;
  private readonly codes = new Map<string, number>();

  constructor(readonly stemmer: StemmerName) {
    const stem = stemmerFor(stemmer);
    // Numbers and words with digits ("gpt4", "3d") are names, not English: never stemmed.
    this.stemWord = (w) => (/\d/.test(w) ? w : stem(w));
  }

  get size(): number {
    return this.texts.length;
  }

  /** The id of a key, adding it when new. */
  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(key, id);
      this.texts.push(key);
      if (key.startsWith('c:')) this.categories.set(key, id);
    }
    return id;
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  stem(word: string): string {
    return this.stemWord(word);
  }

  /**
   * The term id of a word's stem (interned), times two, plus one for a stopword. Cached by word:
   * text repeats its words, and stemming and interning each occurrence was most of a build's time.
   * The cache is cleared when full, so its memory stays bounded on any input.
   */
  wordCode(word: string): number {
    let code = this.codes.get(word);
    if (code === undefined) {
      if (this.codes.size >= WORD_CACHE) this.codes.clear();
      code = this.intern(this.stemWord(word)) * 2 + (isStopword(word) ? 1 : 0);
      this.codes.set(word, code);
    }
    return code;
  }

  /** Words of a query or text, stemmed, stopwords marked. */
  terms(text: string): { word: string; stem: string; stop: boolean }[] {
    return words(text).map((w) => ({ word: w, stem: this.stem(w), stop: isStopword(w) }));
  }

  /** The stem of `a` and `b` joined, when the catalogue writes them hyphenated somewhere. */
  compound(a: string, b: string): string | null {
    return this.ids.has(compoundKey(a, b)) ? this.stem(a + b) : null;
  }

  /** A known compound's two parts, when `word` is one written solid ("finetuning" → fine, tuning). */
  split(word: string): [string, string] | null {
    for (let i = 2; i <= word.length - 2; i++) {
      const a = word.slice(0, i);
      const b = word.slice(i);
      if (this.ids.has(compoundKey(a, b))) return [a, b];
    }
    return null;
  }
}

/** What one paper contributes; term ids are unique and each carries its frequency in every field. */
export interface AnalyzedDocument {
  termIds: number[];
  /** Per term: [title tf, abstract tf, authors tf] flattened. */
  fieldTf: number[];
  /** Tokens per field (stopwords excluded), for length normalization. */
  lengths: [number, number, number];
  /** Filter terms: author-name words and categories (no frequencies, no scores). */
  filterIds: number[];
}

/** Normalized title for exact-title pinning: folded words joined by one space. */
export function titleText(title: string): string {
  return words(title).join(' ');
}

/** FNV-1a of a normalized title; equal titles hash equal, the caller confirms on the stored text. */
export function titleHash(normalized: string): number {
  return fnv1a(normalized);
}

/**
 * Analyzes a paper, interning its words, and appends its two streams to `streams`: the title and
 * abstract term ids + 1 in order (0 between the fields, so no phrase spans them), then the
 * author-name word ids + 1 (0 between authors).
 */
export function analyze(
  doc: IndexDocument,
  vocab: Vocabulary,
  streams: ByteBuffer,
): {
  analyzed: AnalyzedDocument;
  textEnd: number;
} {
  const slotOf = new Map<number, number>();
  const termIds: number[] = [];
  const fieldTf: number[] = [];
  const lengths: [number, number, number] = [0, 0, 0];
  const count = (id: number, field: 0 | 1 | 2) => {
    let s = slotOf.get(id);
    if (s === undefined) {
      s = termIds.length;
      slotOf.set(id, s);
      termIds.push(id);
      fieldTf.push(0, 0, 0);
    }
    fieldTf[s * 3 + field] = (fieldTf[s * 3 + field] as number) + 1;
    lengths[field] = (lengths[field] as number) + 1;
  };

  const texts: [string, 0 | 1][] = [
    [doc.title, 0],
    [doc.abstract, 1],
  ];
  for (const [text, field] of texts) {
    if (field > 0) streams.pushVarint(0);
    for (const w of words(text)) {
      const code = vocab.wordCode(w);
      const id = code >>> 1;
      streams.pushVarint(id + 1);
      if ((code & 1) === 0) count(id, field);
    }
    // "fine-tuning" marks fine + tuning as a compound (a vocabulary entry, no postings), so a query
    // can join "fine tuning" or split "finetuning" and match every spelling (lexical-search.ts).
    for (const [a, b] of hyphenPairs(text))
      if (!isStopword(a) && !isStopword(b)) vocab.intern(compoundKey(a, b));
  }
  const textEnd = streams.length;

  const filterIds = new Set<number>();
  doc.authors.forEach((name, i) => {
    if (i > 0) streams.pushVarint(0);
    for (const w of words(name)) {
      const id = vocab.intern(authorKey(w));
      filterIds.add(id);
      streams.pushVarint(id + 1);
      // Names are also searchable as plain words ("Chengsong Huang" finds his papers).
      if (!isStopword(w)) count(vocab.intern(vocab.stem(w)), 2);
    }
  });
  for (const c of doc.categories) filterIds.add(vocab.intern(categoryKey(foldText(c))));
  return { analyzed: { termIds, fieldTf, lengths, filterIds: [...filterIds] }, textEnd };
}
