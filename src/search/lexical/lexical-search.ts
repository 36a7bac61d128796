// Query execution over a LexicalIndex: term-at-a-time BM25F accumulation into per-slot scratch
// arrays (stamped with a query generation, so nothing is cleared between queries), filters as stamp
// passes over filter postings, phrases checked on the token streams of candidates only, and the best
// k kept in a bounded heap. One searcher per index; a search runs synchronously start to end, so two
// requests never share the scratch arrays halfway.
import { authorKey, categoryKey } from './analyzer.js';
import { BoundedHeap } from './bounded-heap.js';
import { decodeVarints, ensureLength } from './growable.js';
import { idf, type LexicalIndex, NO_TIME, timeOf } from './lexical-index.js';
import { foldText, words } from './text.js';

export type LexicalSort = 'relevance' | 'date' | 'votes';

export interface LexicalQuery {
  terms: readonly string[];
  phrases: readonly string[];
  excluded: readonly string[];
  authors: readonly string[];
  categories: readonly string[];
  from: string | null;
  to: string | null;
  /** all: every word must match (phrases and filters always must); any: at least one word. */
  mode: 'all' | 'any';
  sort: LexicalSort;
  /** How many of the best to return. */
  limit: number;
  /** Near spellings for unknown words in queries of at most two words. Default true. */
  typos?: boolean;
  /** A query of nothing lists every paper, in the order asked, instead of none. */
  everything?: boolean;
  /**
   * Stems that add weight × their BM25F to papers the query's words already match (query
   * expansion: feedback terms, related words). They reorder what matches, never widen it.
   */
  expansion?: readonly ExpansionTerm[];
}

export interface ExpansionTerm {
  stem: string;
  weight: number;
}

export interface LexicalHit {
  paperId: number;
  /** BM25F score; 0 for a query of filters only. */
  score: number;
}

export interface Correction {
  from: string;
  to: string;
}

export interface LexicalResult {
  hits: LexicalHit[];
  total: number;
  /** Scoring words of the query (after stopwords), 0 for a query of filters only. */
  words: number;
  /** Stems that matched, near spellings included, for highlighting. */
  highlight: string[];
  corrections: Correction[];
  /** Whether a paper matched (words, phrases, filters). Valid until the next search. */
  matches(paperId: number): boolean;
  /** Whether a paper passes the filters, exclusions and phrases (not the words). Stays valid. */
  accepts(paperId: number): boolean;
}

/** Filters, exclusions and phrases of one query, on per-query bitmaps: valid across later searches. */
export interface CompiledFilter {
  /** False when some filter can match nothing (an unknown author or category). */
  possible: boolean;
  /** Filter groups (authors, categories); 0 when none. */
  groups: number;
  /** Slots passing every group, when there are groups. */
  passing: number[] | null;
  acceptsSlot(slot: number): boolean;
  accepts(paperId: number): boolean;
  /**
   * The paper ids `accepts` passes, listed when asked; null when the query has no author, category
   * or date filter (without one, the list would be nearly every paper). A vector index scans them
   * when the filter is selective.
   */
  candidates: (() => number[]) | null;
}

/** Typo tolerance only for short queries: in long ones a stray word is better left to `any` mode. */
const TYPO_MAX_WORDS = 2;
/** Score weight of a near spelling by edit distance. */
const TYPO_WEIGHT = [1, 0.5, 0.3];
const MAX_CLAUSES = 16;

interface Clause {
  word: string;
  terms: { id: number; weight: number }[];
  df: number;
}

interface FilterGroup {
  /** Estimated size, to run the smallest first. */
  size: number;
  visit(each: (slot: number) => void): void;
}

export class LexicalSearcher {
  private gen = 0;
  private scoreStamp = new Uint32Array(0);
  private scores = new Float64Array(0);
  private masks = new Uint32Array(0);
  private matchStamp = new Uint32Array(0);
  private touched = new Int32Array(0);
  private tokens = new Uint32Array(8192);

  constructor(readonly index: LexicalIndex) {}

  search(q: LexicalQuery): LexicalResult {
    const ix = this.index;
    this.prepare();
    const gen = this.gen;
    const corrections: Correction[] = [];
    const highlight = new Set<string>();

    // ---- words and phrases -> clauses ----
    const clauses: Clause[] = [];
    const seen = new Set<string>();
    let unmatchable = false;
    const queryWords = q.terms.flatMap((t) => ix.vocab.terms(t)).filter((t) => !t.stop);
    const typos = (q.typos ?? true) && queryWords.length <= TYPO_MAX_WORDS;
    const addClause = (stem: string, original: string, allowTypos: boolean) => {
      if (seen.has(stem) || clauses.length >= MAX_CLAUSES) return;
      seen.add(stem);
      const id = ix.vocab.idOf(stem);
      if (id !== undefined && ix.df(id) > 0) {
        clauses.push({ word: stem, terms: [{ id, weight: 1 }], df: ix.df(id) });
        highlight.add(stem);
        return;
      }
      const near = allowTypos ? ix.nearTerms(stem) : [];
      const best = near.filter((n) => n.distance === near[0]?.distance).slice(0, 3);
      if (best.length === 0) {
        clauses.push({ word: stem, terms: [], df: 0 });
        return;
      }
      const terms = best.map((n) => ({ id: n.id, weight: TYPO_WEIGHT[n.distance] ?? 0.3 }));
      clauses.push({ word: stem, terms, df: terms.reduce((s, t) => s + ix.df(t.id), 0) });
      for (const n of best) {
        const text = ix.vocab.texts[n.id] as string;
        highlight.add(text);
        corrections.push({ from: original, to: text });
      }
    };
    // A compound in any spelling ("fine tuning", "fine-tuning", "finetuning") becomes two clauses,
    // each its part or the solid form, so every spelling matches every other: the hyphenated and the
    // spaced forms hold both parts, the solid form stands for both (and counts in both clauses).
    const addCompound = (stemA: string, stemB: string, joined: string) => {
      const jid = ix.vocab.idOf(joined);
      const jdf = jid === undefined ? 0 : ix.df(jid);
      seen.add(joined);
      if (jdf > 0) highlight.add(joined);
      for (const part of [stemA, stemB]) {
        if (seen.has(part) || clauses.length >= MAX_CLAUSES) continue;
        seen.add(part);
        const terms: Clause['terms'] = [];
        const pid = ix.vocab.idOf(part);
        if (pid !== undefined && ix.df(pid) > 0) {
          terms.push({ id: pid, weight: 1 });
          highlight.add(part);
        }
        if (jid !== undefined && jdf > 0) terms.push({ id: jid, weight: 1 });
        clauses.push({ word: part, terms, df: terms.reduce((sum, t) => sum + ix.df(t.id), 0) });
      }
    };
    const scoring = q.terms.flatMap((t) =>
      ix.vocab
        .terms(t)
        .filter((w) => !w.stop)
        .map((w) => ({ ...w, original: t })),
    );
    for (let i = 0; i < scoring.length; i++) {
      const w = scoring[i] as (typeof scoring)[number];
      const next = scoring[i + 1];
      const joined = next ? ix.vocab.compound(w.word, next.word) : null;
      if (next && joined) {
        addCompound(w.stem, next.stem, joined);
        i++;
        continue;
      }
      const parts = ix.vocab.split(w.word);
      if (parts) addCompound(ix.vocab.stem(parts[0]), ix.vocab.stem(parts[1]), w.stem);
      else addClause(w.stem, w.original, typos);
    }
    const phrases = this.phraseRuns(q.phrases);
    for (const p of q.phrases) for (const t of ix.vocab.terms(p)) if (!t.stop) addClause(t.stem, p, false);
    if (q.mode === 'all' && clauses.some((c) => c.terms.length === 0)) unmatchable = true;

    // ---- filters ----
    const filter = this.compileFilter(q, phrases);
    if (!filter.possible) unmatchable = true;
    const empty = this.result([], 0, clauses.length, highlight, corrections, gen, filter);
    const hasDates = q.from !== null || q.to !== null;
    const nothing = clauses.length === 0 && filter.groups === 0 && !hasDates && phrases.length === 0;
    if (unmatchable || (nothing && q.everything !== true)) return empty;
    const accept = (s: number) => filter.acceptsSlot(s);
    const { matchStamp } = this;

    // ---- score ----
    let nTouched = 0;
    const { scores, masks, scoreStamp } = this;
    const touched = this.touched;
    if (clauses.length > 0) {
      clauses.sort((a, b) => a.df - b.df || (a.word < b.word ? -1 : 1));
      const docs = ix.liveCount;
      const all = q.mode === 'all';
      clauses.forEach((clause, ci) => {
        const bit = 1 << ci;
        const skipNew = all && ci > 0;
        for (const term of clause.terms) {
          const w = idf(docs, ix.df(term.id)) * term.weight;
          const scratch = { scoreStamp, scores, masks, touched, gen };
          const base = ix.basePostings(term.id);
          nTouched = accumulate(
            scratch,
            base.slots,
            base.impacts,
            base.start,
            base.end,
            w,
            bit,
            skipNew,
            nTouched,
          );
          const delta = ix.deltaPostingsOf(term.id);
          if (delta)
            nTouched = accumulate(
              scratch,
              delta.slots,
              delta.impacts,
              0,
              delta.slots.length,
              w,
              bit,
              skipNew,
              nTouched,
            );
        }
      });
      // Expansion terms touch only papers a word already reached, and set no clause bit.
      for (const e of q.expansion ?? []) {
        const id = ix.vocab.idOf(e.stem);
        if (id === undefined || ix.df(id) === 0 || seen.has(e.stem)) continue;
        const w = idf(docs, ix.df(id)) * e.weight;
        const scratch = { scoreStamp, scores, masks, touched, gen };
        const base = ix.basePostings(id);
        nTouched = accumulate(scratch, base.slots, base.impacts, base.start, base.end, w, 0, true, nTouched);
        const delta = ix.deltaPostingsOf(id);
        if (delta)
          nTouched = accumulate(
            scratch,
            delta.slots,
            delta.impacts,
            0,
            delta.slots.length,
            w,
            0,
            true,
            nTouched,
          );
      }
    } else {
      // Filters only (or a phrase of stopwords): the candidates are the filtered papers.
      const candidates: Iterable<number> = filter.passing ?? range(ix.slotCount);
      for (const s of candidates) {
        scoreStamp[s] = gen;
        scores[s] = 0;
        masks[s] = 0;
        touched[nTouched++] = s;
      }
    }

    // ---- collect ----
    const full = clauses.length === 0 ? 0 : clauses.length >= 32 ? 0xffffffff : (1 << clauses.length) - 1;
    const heap = new BoundedHeap(Math.max(0, q.limit));
    let total = 0;
    for (let k = 0; k < nTouched; k++) {
      const s = touched[k] as number;
      const m = masks[s] as number;
      if (q.mode === 'all' ? m >>> 0 !== full >>> 0 : clauses.length > 0 && m === 0) continue;
      if (!accept(s)) continue;
      matchStamp[s] = gen;
      total++;
      const score = scores[s] as number;
      const id = ix.paperIds[s] as number;
      switch (q.sort) {
        case 'relevance':
          heap.push(score, ix.times[s] as number, id);
          break;
        case 'date':
          heap.push(ix.times[s] as number, score, id);
          break;
        case 'votes':
          heap.push(ix.votes[s] as number, score, id);
          break;
      }
    }
    const hits = heap.drain().map((h) => ({
      paperId: h.id,
      score: q.sort === 'relevance' ? h.key1 : h.key2,
    }));
    return this.result(hits, total, clauses.length, highlight, corrections, gen, filter);
  }

  private result(
    hits: LexicalHit[],
    total: number,
    wordCount: number,
    highlight: Set<string>,
    corrections: Correction[],
    gen: number,
    filter: CompiledFilter,
  ): LexicalResult {
    const ix = this.index;
    return {
      hits,
      total,
      words: wordCount,
      highlight: [...highlight],
      corrections,
      matches: (paperId) => {
        if (this.gen !== gen) throw new Error('a lexical result was read after the next search');
        const slot = ix.slotOf(paperId);
        return slot >= 0 && this.matchStamp[slot] === gen;
      },
      accepts: (paperId) => filter.accepts(paperId),
    };
  }

  /**
   * Compiles the filters of a query (authors, categories, dates, exclusions, phrases) into a
   * predicate of its own, so it can be handed to a vector search that finishes after other queries.
   */
  compileFilter(
    q: LexicalQuery,
    phrases: readonly Uint32Array[] = this.phraseRuns(q.phrases),
  ): CompiledFilter {
    const ix = this.index;
    const n = ix.slotCount;
    const groups = this.filterGroups(q);
    // Days are whole UTC days: `to` takes in its last millisecond.
    const fromTime = q.from ? timeOf(q.from) : -Infinity;
    const toTime = q.to ? timeOf(q.to) + 86_399_999 : Infinity;
    const hasDates = q.from !== null || q.to !== null;
    const G = groups?.length ?? 0;
    let counts: Uint8Array | null = null;
    let passing: number[] | null = null;
    if (groups && G > 0) {
      const c = new Uint8Array(n);
      counts = c;
      const lastPass: number[] = [];
      groups
        .sort((a, b) => a.size - b.size)
        .forEach((g, gi) =>
          g.visit((s) => {
            if (s < n && c[s] === gi) {
              c[s] = gi + 1;
              if (gi === G - 1) lastPass.push(s);
            }
          }),
        );
      passing = lastPass;
    }
    const excluded = this.excludedSlots(q.excluded, n);
    const acceptsSlot = (s: number): boolean => {
      if (ix.alive[s] !== 1) return false;
      if (counts && (s >= n || counts[s] !== G)) return false;
      if (excluded && s < n && excluded[s] === 1) return false;
      if (hasDates) {
        const t = ix.times[s] as number;
        if (t === NO_TIME || t < fromTime || t > toTime) return false;
      }
      for (const p of phrases) if (!this.streamHas(s, p)) return false;
      return true;
    };
    const candidates = (): number[] => {
      const out: number[] = [];
      if (passing) {
        for (const s of passing) if (acceptsSlot(s)) out.push(ix.paperIds[s] as number);
      } else for (let s = 0; s < n; s++) if (acceptsSlot(s)) out.push(ix.paperIds[s] as number);
      return out;
    };
    return {
      possible: groups !== null,
      groups: G,
      passing,
      acceptsSlot,
      accepts: (paperId) => {
        const slot = ix.slotOf(paperId);
        return slot >= 0 && acceptsSlot(slot);
      },
      candidates: passing || hasDates ? candidates : null,
    };
  }

  /** Phrases as runs of (term id + 1); a phrase with a word the index never saw can match nothing. */
  private phraseRuns(phrases: readonly string[]): Uint32Array[] {
    const ix = this.index;
    return phrases.flatMap((p) => {
      const ids = ix.vocab.terms(p).map((t) => ix.vocab.idOf(t.stem));
      if (ids.some((id) => id === undefined)) return [new Uint32Array([0xffffffff])];
      return ids.length > 1 ? [Uint32Array.from(ids as number[], (id) => id + 1)] : [];
    });
  }

  /**
   * Pseudo-relevance feedback (RM3's term model): the stems that weigh most in the title and abstract
   * of the given papers (the best hits of a first search), each paper counted by its share of their
   * scores and each stem by its frequency in the paper times its idf, the query's own stems left out.
   * Weights sum to 1.
   */
  feedbackTerms(hits: readonly LexicalHit[], count: number, exclude: ReadonlySet<string>): ExpansionTerm[] {
    const ix = this.index;
    const total = hits.reduce((s, h) => s + h.score, 0);
    if (total <= 0 || count <= 0) return [];
    const weight = new Map<number, number>();
    const docs = ix.liveCount;
    for (const h of hits) {
      const slot = ix.slotOf(h.paperId);
      if (slot < 0) continue;
      const n = decodeVarints(
        ix.streams.bytes,
        ix.streamStart[slot] as number,
        ix.authorStart[slot] as number,
        (this.tokens = ensureLength(
          this.tokens,
          (ix.authorStart[slot] as number) - (ix.streamStart[slot] as number),
        )),
      );
      const tf = new Map<number, number>();
      let length = 0;
      for (let i = 0; i < n; i++) {
        const id = (this.tokens[i] as number) - 1;
        // 0 separates the fields; stopwords are in the stream but have no postings.
        if (id < 0 || ix.df(id) === 0) continue;
        tf.set(id, (tf.get(id) ?? 0) + 1);
        length++;
      }
      const share = h.score / total;
      for (const [id, f] of tf)
        weight.set(id, (weight.get(id) ?? 0) + share * (f / length) * idf(docs, ix.df(id)));
    }
    const ranked = [...weight]
      .filter(([id, w]) => w > 0 && !exclude.has(ix.vocab.texts[id] as string) && ix.df(id) > 1)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, count);
    const sum = ranked.reduce((s, [, w]) => s + w, 0);
    return ranked.map(([id, w]) => ({ stem: ix.vocab.texts[id] as string, weight: w / sum }));
  }

  /** Stems of a query's words (stopwords left out), as its clauses use them. */
  queryStems(terms: readonly string[]): string[] {
    return [
      ...new Set(
        terms
          .flatMap((t) => this.index.vocab.terms(t))
          .filter((t) => !t.stop)
          .map((t) => t.stem),
      ),
    ];
  }

  /** Sizes the scratch arrays to the index and starts a new generation. */
  private prepare(): void {
    const n = this.index.slotCount;
    this.scoreStamp = ensureLength(this.scoreStamp, n);
    this.scores = ensureLength(this.scores, n);
    this.masks = ensureLength(this.masks, n);
    this.matchStamp = ensureLength(this.matchStamp, n);
    this.touched = ensureLength(this.touched, n);
    if (this.gen >= 0xfffffffe) {
      for (const a of [this.scoreStamp, this.matchStamp]) a.fill(0);
      this.gen = 0;
    }
    this.gen++;
  }

  /** One group per author entry and one for all categories; null when one can match nothing. */
  private filterGroups(q: LexicalQuery): FilterGroup[] | null {
    const ix = this.index;
    const groups: FilterGroup[] = [];
    if (q.categories.length > 0) {
      const ids = new Set<number>();
      for (const c of q.categories) {
        const key = categoryKey(foldText(c));
        const exact = ix.vocab.idOf(key);
        if (exact !== undefined) ids.add(exact);
        // A bare archive (cs, math) covers its categories (cs.CL, math.AG).
        if (!c.includes('.'))
          for (const [k, id] of ix.vocab.categories) if (k.startsWith(`${key}.`)) ids.add(id);
      }
      if (ids.size === 0) return null;
      groups.push({
        size: [...ids].reduce((s, id) => s + ix.df(id), 0),
        visit: (each) => {
          for (const id of ids) ix.forEachPosting(id, (s) => each(s));
        },
      });
    }
    for (const entry of q.authors) {
      const ids = words(entry).map((w) => ix.vocab.idOf(authorKey(w)));
      if (ids.length === 0) continue;
      if (ids.some((id) => id === undefined)) return null;
      const wanted = ids as number[];
      const rarest = wanted.reduce((a, b) => (ix.df(a) <= ix.df(b) ? a : b));
      groups.push({
        size: ix.df(rarest),
        visit: (each) => ix.forEachPosting(rarest, (s) => (this.authorHas(s, wanted) ? each(s) : undefined)),
      });
    }
    return groups;
  }

  /** The papers holding an excluded word or phrase, as a bitmap; null when nothing is excluded. */
  private excludedSlots(excluded: readonly string[], n: number): Uint8Array | null {
    const ix = this.index;
    let out: Uint8Array | null = null;
    for (const e of excluded) {
      const terms = ix.vocab.terms(e);
      const ids = terms.map((t) => ix.vocab.idOf(t.stem));
      if (terms.length === 0 || ids.some((id) => id === undefined)) continue;
      const known = ids as number[];
      const content = known.filter((_, i) => !terms[i]?.stop);
      if (content.length === 0) continue;
      const rarest = content.reduce((a, b) => (ix.df(a) <= ix.df(b) ? a : b));
      const phrase = terms.length > 1 ? Uint32Array.from(known, (id) => id + 1) : null;
      const bits = (out ??= new Uint8Array(n));
      ix.forEachPosting(rarest, (s) => {
        if (s < n && (!phrase || this.streamHas(s, phrase))) bits[s] = 1;
      });
    }
    return out;
  }

  /** Whether the title-and-abstract stream of a slot holds this run of (term id + 1)s. */
  private streamHas(slot: number, run: Uint32Array): boolean {
    const ix = this.index;
    const n = decodeVarints(
      ix.streams.bytes,
      ix.streamStart[slot] as number,
      ix.authorStart[slot] as number,
      this.tokens,
    );
    const t = this.tokens;
    const first = run[0] as number;
    outer: for (let i = 0; i + run.length <= n; i++) {
      if (t[i] !== first) continue;
      for (let j = 1; j < run.length; j++) if (t[i + j] !== run[j]) continue outer;
      return true;
    }
    return false;
  }

  /** Whether one author of a slot has every one of these name-word ids. */
  private authorHas(slot: number, ids: readonly number[]): boolean {
    const ix = this.index;
    const n = decodeVarints(
      ix.streams.bytes,
      ix.authorStart[slot] as number,
      ix.streamEnd[slot] as number,
      this.tokens,
    );
    let start = 0;
    for (let i = 0; i <= n; i++) {
      if (i < n && this.tokens[i] !== 0) continue;
      let all = true;
      for (const id of ids) {
        let found = false;
        for (let j = start; j < i; j++) if (this.tokens[j] === id + 1) found = true;
        if (!found) {
          all = false;
          break;
        }
      }
      if (all) return true;
      start = i + 1;
    }
    return false;
  }
}

interface Scratch {
  scoreStamp: Uint32Array;
  scores: Float64Array;
  masks: Uint32Array;
  touched: Int32Array;
  gen: number;
}

/**
 * The hot loop: adds w × impact for each posting in [start, end) and sets the clause bit; with
 * `skipNew` (every word must match, and this is not the rarest) papers not seen yet are skipped.
 * A plain function over typed arrays, so V8 compiles it once, tight. Returns the new touched count.
 */
function accumulate(
  x: Scratch,
  slots: Uint32Array | Int32Array,
  impacts: Float32Array,
  start: number,
  end: number,
  w: number,
  bit: number,
  skipNew: boolean,
  nTouched: number,
): number {
  const { scoreStamp, scores, masks, touched, gen } = x;
  let n = nTouched;
  for (let i = start; i < end; i++) {
    const s = slots[i] as number;
    if (scoreStamp[s] !== gen) {
      if (skipNew) continue;
      scoreStamp[s] = gen;
      scores[s] = 0;
      masks[s] = 0;
      touched[n++] = s;
    }
    scores[s] = (scores[s] as number) + w * (impacts[i] as number);
    masks[s] = (masks[s] as number) | bit;
  }
  return n;
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}
