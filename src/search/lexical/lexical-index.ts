// The in-process keyword index: BM25F over title, abstract and authors, in typed arrays.
//
// Layout. Papers live in slots. The base segment holds the papers of the last full build, in paper
// id order, with postings packed in one CSR table (per term: a run of slot numbers and, beside each,
// a float "impact": the saturated BM25F term frequency, so a query multiplies it by the term's idf
// and adds). Papers added or changed since go to a small delta segment whose postings are rebuilt
// when it changes; the old slot of a changed paper is marked dead. Per-slot columns (paper id, day,
// votes, title hash, stream offsets) serve filters, sorts and pinning; token streams (varints) serve
// phrases and author names. When the delta grows past a tenth of the base, `needsCompaction` says
// so and the owner rebuilds from the database.
import {
  type AnalyzedDocument,
  analyze,
  type IndexDocument,
  titleHash,
  titleText,
  Vocabulary,
} from './analyzer.js';
import { ByteBuffer, ensureLength } from './growable.js';
import type { StemmerName } from './stemmer.js';
import { TypoIndex } from './typo-index.js';

export interface Bm25Params {
  k1: number;
  /** Field weights: title, abstract, authors. */
  weights: readonly [number, number, number];
  /** Length normalization per field: title, abstract, authors. */
  b: readonly [number, number, number];
}

/** Title words count three times an abstract word; author names twice (see docs/decisions.md). */
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, weights: [3, 1, 2], b: [0.5, 0.75, 0.3] };

export interface LexicalIndexOptions {
  stemmer?: StemmerName;
  bm25?: Bm25Params;
  /** Build the near-spelling table (typo tolerance). Default true. */
  typos?: boolean;
  /** Words seen in fewer papers are never offered as near spellings. Default 2. */
  typoMinDf?: number;
}

/** Publication time in ms since 1970 (dates sort and filter on it); NO_TIME for an undated paper. */
export const NO_TIME = -Infinity;
export function timeOf(publishedAt: string | null): number {
  if (!publishedAt) return NO_TIME;
  const ms = Date.parse(publishedAt.length === 10 ? `${publishedAt}T00:00:00Z` : publishedAt);
  return Number.isNaN(ms) ? NO_TIME : ms;
}

interface DeltaPostings {
  slots: Int32Array;
  impacts: Float32Array;
}

export function idf(docs: number, df: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

/** BM25F: weighted, length-normalized frequencies summed over fields, then saturated once. */
export function impactOf(
  tf: readonly number[],
  offset: number,
  lengths: readonly number[],
  averages: readonly number[],
  p: Bm25Params,
): { pseudoTf: number; impact: number } {
  let pseudoTf = 0;
  for (let f = 0; f < 3; f++) {
    const n = tf[offset + f] as number;
    if (n === 0) continue;
    const avg = (averages[f] as number) || 1;
    const norm = 1 - (p.b[f] as number) + ((p.b[f] as number) * (lengths[f] as number)) / avg;
    pseudoTf += ((p.weights[f] as number) * n) / norm;
  }
  return { pseudoTf, impact: (pseudoTf * (p.k1 + 1)) / (p.k1 + pseudoTf) };
}

export class LexicalIndex {
  readonly vocab: Vocabulary;
  readonly params: Bm25Params;
  /** Field length averages of the base build; delta papers are normalized against them. */
  readonly averages: [number, number, number];

  // Base segment (CSR): postings of term t are [offsets[t], offsets[t + 1]).
  private readonly baseTerms: number;
  private readonly offsets: Uint32Array;
  private readonly postSlots: Uint32Array;
  private readonly postImpacts: Float32Array;
  readonly baseCount: number;

  // Per-slot columns.
  paperIds: Int32Array;
  times: Float64Array;
  votes: Int32Array;
  versions: Float64Array;
  titleHashes: Uint32Array;
  alive: Uint8Array;
  /** Token streams: text in [streamStart, authorStart), author names in [authorStart, streamEnd). */
  streamStart: Uint32Array;
  authorStart: Uint32Array;
  streamEnd: Uint32Array;
  readonly streams: ByteBuffer;
  slotCount: number;
  liveCount: number;

  // Delta segment.
  private readonly deltaSlotOf = new Map<number, number>();
  private readonly deltaDocs = new Map<number, AnalyzedDocument>();
  private deltaPostings = new Map<number, DeltaPostings>();
  private deltaDirty = false;
  private deadCount = 0;

  private typos: TypoIndex | null;
  /** Base slots ordered by title hash, made at the first exact-title lookup. */
  private titleOrder: Uint32Array | null = null;

  /** Use LexicalIndexBuilder. */
  constructor(parts: {
    vocab: Vocabulary;
    params: Bm25Params;
    averages: [number, number, number];
    offsets: Uint32Array;
    postSlots: Uint32Array;
    postImpacts: Float32Array;
    columns: {
      paperIds: Int32Array;
      times: Float64Array;
      votes: Int32Array;
      versions: Float64Array;
      titleHashes: Uint32Array;
      streamStart: Uint32Array;
      authorStart: Uint32Array;
      streamEnd: Uint32Array;
    };
    streams: ByteBuffer;
    count: number;
    typoMinDf: number | null;
  }) {
    this.vocab = parts.vocab;
    this.params = parts.params;
    this.averages = parts.averages;
    this.offsets = parts.offsets;
    this.postSlots = parts.postSlots;
    this.postImpacts = parts.postImpacts;
    this.baseTerms = parts.offsets.length - 1;
    this.paperIds = parts.columns.paperIds;
    this.times = parts.columns.times;
    this.votes = parts.columns.votes;
    this.versions = parts.columns.versions;
    this.titleHashes = parts.columns.titleHashes;
    this.streamStart = parts.columns.streamStart;
    this.authorStart = parts.columns.authorStart;
    this.streamEnd = parts.columns.streamEnd;
    this.streams = parts.streams;
    this.baseCount = parts.count;
    this.slotCount = parts.count;
    this.liveCount = parts.count;
    this.alive = new Uint8Array(Math.max(64, parts.count)).fill(1);
    this.typos = parts.typoMinDf === null ? null : this.buildTypos(parts.typoMinDf);
  }

  get size(): number {
    return this.liveCount;
  }

  /** Changed or added papers since the build are a tenth of it: time to rebuild. */
  get needsCompaction(): boolean {
    return this.deadCount + this.deltaSlotOf.size > Math.max(1000, this.baseCount / 10);
  }

  /** Typed-array bytes held (the vocabulary's strings come on top). */
  get bytes(): number {
    return (
      this.offsets.byteLength +
      this.postSlots.byteLength +
      this.postImpacts.byteLength +
      this.paperIds.byteLength * 4 +
      this.times.byteLength +
      this.versions.byteLength * 2 +
      this.alive.byteLength +
      this.streams.bytes.byteLength +
      (this.typos?.bytes ?? 0)
    );
  }

  /** The live slot of a paper, or -1. */
  slotOf(paperId: number): number {
    const d = this.deltaSlotOf.get(paperId);
    if (d !== undefined) return d;
    let lo = 0;
    let hi = this.baseCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.paperIds[mid] as number;
      if (v < paperId) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.baseCount && this.paperIds[lo] === paperId && this.alive[lo] === 1 ? lo : -1;
  }

  versionOf(paperId: number): number | null {
    const slot = this.slotOf(paperId);
    return slot < 0 ? null : (this.versions[slot] as number);
  }

  /** Every live paper id with its version, for reconciling with the database. */
  *livePapers(): Generator<{ paperId: number; version: number }> {
    for (let s = 0; s < this.slotCount; s++)
      if (this.alive[s] === 1)
        yield { paperId: this.paperIds[s] as number, version: this.versions[s] as number };
  }

  /** Adds or replaces a paper (into the delta segment). Idempotent. */
  upsert(doc: IndexDocument): void {
    this.remove(doc.paperId);
    const slot = this.slotCount++;
    this.growColumns(this.slotCount);
    const start = this.streams.length;
    const { analyzed, textEnd } = analyze(doc, this.vocab, this.streams);
    this.setColumns(slot, doc, start, textEnd, this.streams.length);
    this.alive[slot] = 1;
    this.liveCount++;
    this.deltaSlotOf.set(doc.paperId, slot);
    this.deltaDocs.set(slot, analyzed);
    this.deltaDirty = true;
  }

  remove(paperId: number): void {
    const slot = this.slotOf(paperId);
    if (slot < 0) return;
    this.alive[slot] = 0;
    this.liveCount--;
    this.deadCount++;
    if (this.deltaSlotOf.get(paperId) === slot) {
      this.deltaSlotOf.delete(paperId);
      this.deltaDocs.delete(slot);
      this.deltaDirty = true;
    }
  }

  // ---- reading postings (used by LexicalSearcher) ----------------------------------------------

  /** Papers holding a term, in base and delta (dead slots included; callers check `alive`). */
  df(termId: number): number {
    this.refreshDelta();
    const base =
      termId < this.baseTerms ? (this.offsets[termId + 1] as number) - (this.offsets[termId] as number) : 0;
    return base + (this.deltaPostings.get(termId)?.slots.length ?? 0);
  }

  /** Calls `visit(slot, impact)` for every posting of a term. */
  forEachPosting(termId: number, visit: (slot: number, impact: number) => void): void {
    this.refreshDelta();
    if (termId < this.baseTerms) {
      const end = this.offsets[termId + 1] as number;
      for (let i = this.offsets[termId] as number; i < end; i++)
        visit(this.postSlots[i] as number, this.postImpacts[i] as number);
    }
    const delta = this.deltaPostings.get(termId);
    if (delta)
      for (let i = 0; i < delta.slots.length; i++)
        visit(delta.slots[i] as number, delta.impacts[i] as number);
  }

  /** Direct access to a term's base postings, for the hot loop. */
  basePostings(termId: number): { slots: Uint32Array; impacts: Float32Array; start: number; end: number } {
    if (termId >= this.baseTerms)
      return { slots: this.postSlots, impacts: this.postImpacts, start: 0, end: 0 };
    return {
      slots: this.postSlots,
      impacts: this.postImpacts,
      start: this.offsets[termId] as number,
      end: this.offsets[termId + 1] as number,
    };
  }

  deltaPostingsOf(termId: number): DeltaPostings | undefined {
    this.refreshDelta();
    return this.deltaPostings.get(termId);
  }

  /** Stemmed vocabulary words near a misspelled one (never filter keys), closest first. */
  nearTerms(stem: string): { id: number; distance: number }[] {
    return this.typos?.near(stem) ?? [];
  }

  /** Live slots whose title equals this text once normalized (by hash; the caller confirms). */
  slotsWithTitle(text: string): number[] {
    const h = titleHash(titleText(text));
    const out: number[] = [];
    // Base slots through the hash-sorted order (binary search), delta slots one by one.
    const order = (this.titleOrder ??= Uint32Array.from({ length: this.baseCount }, (_, i) => i).sort(
      (a, b) => (this.titleHashes[a] as number) - (this.titleHashes[b] as number) || a - b,
    ));
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.titleHashes[order[mid] as number] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < order.length && this.titleHashes[order[i] as number] === h; i++) {
      const s = order[i] as number;
      if (this.alive[s] === 1) out.push(s);
    }
    for (let s = this.baseCount; s < this.slotCount; s++)
      if (this.titleHashes[s] === h && this.alive[s] === 1) out.push(s);
    return out;
  }

  // ---- internals -------------------------------------------------------------------------------

  private buildTypos(minDf: number): TypoIndex {
    const terms: { id: number; text: string }[] = [];
    for (let id = 0; id < this.baseTerms; id++) {
      const text = this.vocab.texts[id] as string;
      if (text.includes(':') || text.length < 4 || /\d/.test(text)) continue;
      if ((this.offsets[id + 1] as number) - (this.offsets[id] as number) >= minDf) terms.push({ id, text });
    }
    return new TypoIndex(terms, (id) => this.vocab.texts[id] as string);
  }

  private growColumns(n: number): void {
    growColumns(this, n);
    this.alive = ensureLength(this.alive, n);
  }

  private setColumns(slot: number, doc: IndexDocument, start: number, textEnd: number, end: number): void {
    setColumns(this, slot, doc, start, textEnd, end);
  }

  /** Rebuilds the delta postings from the live delta papers, in slot order. */
  private refreshDelta(): void {
    if (!this.deltaDirty) return;
    this.deltaDirty = false;
    const lists = new Map<number, { slots: number[]; impacts: number[] }>();
    const slots = [...this.deltaDocs.keys()].sort((a, b) => a - b);
    for (const slot of slots) {
      const a = this.deltaDocs.get(slot) as AnalyzedDocument;
      a.termIds.forEach((id, i) => {
        let l = lists.get(id);
        if (!l) lists.set(id, (l = { slots: [], impacts: [] }));
        l.slots.push(slot);
        l.impacts.push(impactOf(a.fieldTf, i * 3, a.lengths, this.averages, this.params).impact);
      });
      for (const id of a.filterIds) {
        let l = lists.get(id);
        if (!l) lists.set(id, (l = { slots: [], impacts: [] }));
        l.slots.push(slot);
        l.impacts.push(0);
      }
    }
    this.deltaPostings = new Map(
      [...lists].map(([id, l]) => [
        id,
        { slots: Int32Array.from(l.slots), impacts: Float32Array.from(l.impacts) },
      ]),
    );
  }
}

interface ColumnTarget {
  paperIds: Int32Array;
  times: Float64Array;
  votes: Int32Array;
  versions: Float64Array;
  titleHashes: Uint32Array;
  streamStart: Uint32Array;
  authorStart: Uint32Array;
  streamEnd: Uint32Array;
}

function growColumns(t: ColumnTarget, n: number): void {
  t.paperIds = ensureLength(t.paperIds, n);
  t.times = ensureLength(t.times, n);
  t.votes = ensureLength(t.votes, n);
  t.versions = ensureLength(t.versions, n);
  t.titleHashes = ensureLength(t.titleHashes, n);
  t.streamStart = ensureLength(t.streamStart, n);
  t.authorStart = ensureLength(t.authorStart, n);
  t.streamEnd = ensureLength(t.streamEnd, n);
}

function setColumns(
  t: ColumnTarget,
  slot: number,
  doc: IndexDocument,
  start: number,
  textEnd: number,
  end: number,
): void {
  t.paperIds[slot] = doc.paperId;
  t.times[slot] = timeOf(doc.publishedAt);
  t.votes[slot] = doc.votes;
  t.versions[slot] = doc.version;
  t.titleHashes[slot] = titleHash(titleText(doc.title));
  t.streamStart[slot] = start;
  t.authorStart[slot] = textEnd;
  t.streamEnd[slot] = end;
}

/**
 * Builds the base segment from papers given in ascending paper id order (the same rows always give
 * the same index: term ids follow first appearance, postings follow slots).
 */
export class LexicalIndexBuilder {
  private readonly vocab: Vocabulary;
  private readonly params: Bm25Params;
  private readonly streams = new ByteBuffer();
  private readonly columns: ColumnTarget = {
    paperIds: new Int32Array(1024),
    times: new Float64Array(1024),
    votes: new Int32Array(1024),
    versions: new Float64Array(1024),
    titleHashes: new Uint32Array(1024),
    streamStart: new Uint32Array(1024),
    authorStart: new Uint32Array(1024),
    streamEnd: new Uint32Array(1024),
  };
  // Pass 1 output: per paper, its terms and field frequencies, flattened.
  private termIds = new Uint32Array(1 << 16);
  private fieldTf = new Uint16Array(1 << 16).fill(0);
  private docEnd = new Uint32Array(1024);
  private lengths = new Uint32Array(3 * 1024);
  private postingsUsed = 0;
  private count = 0;
  private lastPaperId = -Infinity;
  private readonly typoMinDf: number | null;

  constructor(options: LexicalIndexOptions = {}) {
    this.vocab = new Vocabulary(options.stemmer ?? 'light');
    this.params = options.bm25 ?? DEFAULT_BM25;
    this.typoMinDf = (options.typos ?? true) ? (options.typoMinDf ?? 2) : null;
  }

  add(doc: IndexDocument): void {
    if (doc.paperId <= this.lastPaperId)
      throw new Error(`papers must come in ascending id order (${doc.paperId} after ${this.lastPaperId})`);
    this.lastPaperId = doc.paperId;
    const slot = this.count++;
    const c = this.columns;
    growColumns(c, this.count);
    const start = this.streams.length;
    const { analyzed, textEnd } = analyze(doc, this.vocab, this.streams);
    setColumns(c, slot, doc, start, textEnd, this.streams.length);

    const n = analyzed.termIds.length + analyzed.filterIds.length;
    this.termIds = ensureLength(this.termIds, this.postingsUsed + n);
    this.fieldTf = ensureLength(this.fieldTf, (this.postingsUsed + n) * 3);
    analyzed.termIds.forEach((id, i) => {
      const p = this.postingsUsed++;
      this.termIds[p] = id;
      // Frequencies above 65535 in one field do not happen in titles or abstracts; cap anyway.
      for (let f = 0; f < 3; f++)
        this.fieldTf[p * 3 + f] = Math.min(65535, analyzed.fieldTf[i * 3 + f] as number);
    });
    for (const id of analyzed.filterIds) {
      const p = this.postingsUsed++;
      this.termIds[p] = id;
      this.fieldTf[p * 3] = this.fieldTf[p * 3 + 1] = this.fieldTf[p * 3 + 2] = 0;
    }
    this.docEnd = ensureLength(this.docEnd, this.count);
    this.docEnd[slot] = this.postingsUsed;
    this.lengths = ensureLength(this.lengths, this.count * 3);
    for (let f = 0; f < 3; f++) this.lengths[slot * 3 + f] = analyzed.lengths[f] as number;
  }

  finish(): LexicalIndex {
    const n = this.count;
    const sums = [0, 0, 0];
    for (let s = 0; s < n; s++)
      for (let f = 0; f < 3; f++) sums[f] = (sums[f] as number) + (this.lengths[s * 3 + f] as number);
    const avg = (f: number) => (n > 0 ? (sums[f] as number) / n : 0);
    const averages: [number, number, number] = [avg(0), avg(1), avg(2)];

    // Counting sort of (term, slot) pairs into CSR; slots come in order, so each run is sorted.
    const terms = this.vocab.size;
    const offsets = new Uint32Array(terms + 1);
    for (let p = 0; p < this.postingsUsed; p++) {
      const t = (this.termIds[p] as number) + 1;
      offsets[t] = (offsets[t] as number) + 1;
    }
    for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const fill = offsets.slice(0, terms);
    const postSlots = new Uint32Array(this.postingsUsed);
    const postImpacts = new Float32Array(this.postingsUsed);
    const tf = [0, 0, 0];
    const lengths = [0, 0, 0];
    let p = 0;
    for (let s = 0; s < n; s++) {
      for (let f = 0; f < 3; f++) lengths[f] = this.lengths[s * 3 + f] as number;
      for (const end = this.docEnd[s] as number; p < end; p++) {
        const t = this.termIds[p] as number;
        for (let f = 0; f < 3; f++) tf[f] = this.fieldTf[p * 3 + f] as number;
        const at = fill[t] as number;
        fill[t] = at + 1;
        postSlots[at] = s;
        postImpacts[at] =
          tf[0] || tf[1] || tf[2] ? impactOf(tf, 0, lengths, averages, this.params).impact : 0;
      }
    }
    // Let the pass-1 arrays go, and trim what the index keeps to its size (doubling left slack).
    this.termIds = new Uint32Array(0);
    this.fieldTf = new Uint16Array(0);
    this.lengths = new Uint32Array(0);
    this.docEnd = new Uint32Array(0);
    this.streams.bytes = this.streams.trimmed();
    const c = this.columns;
    const columns: ColumnTarget = {
      paperIds: c.paperIds.slice(0, n),
      times: c.times.slice(0, n),
      votes: c.votes.slice(0, n),
      versions: c.versions.slice(0, n),
      titleHashes: c.titleHashes.slice(0, n),
      streamStart: c.streamStart.slice(0, n),
      authorStart: c.authorStart.slice(0, n),
      streamEnd: c.streamEnd.slice(0, n),
    };
    return new LexicalIndex({
      vocab: this.vocab,
      params: this.params,
      averages,
      offsets,
      postSlots,
      postImpacts,
      columns,
      streams: this.streams,
      count: n,
      typoMinDf: this.typoMinDf,
    });
  }
}

/** Builds an index from papers in any order (sorted here by paper id). */
export function buildLexicalIndex(
  docs: readonly IndexDocument[],
  options: LexicalIndexOptions = {},
): LexicalIndex {
  const b = new LexicalIndexBuilder(options);
  for (const d of [...docs].sort((x, y) => x.paperId - y.paperId)) b.add(d);
  return b.finish();
}
