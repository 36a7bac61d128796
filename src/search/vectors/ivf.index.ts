// Approximate nearest neighbours by an inverted file (IVF): spherical k-means splits the vectors into
// about √n lists around unit centroids; a query scores the centroids, then only the vectors of the
// few lists nearest to it, exactly (float32). At 74.7k × 256 that is ~270 centroids and ~3k vectors a
// query instead of 74.7k (docs/search-quality.md has its recall against exact search and its cost).
//
// The vectors themselves live in the exact index (exact.index.ts), which keeps serving on its own:
// below `minVectors`, until the lists are built, and for filters that pass few papers. The lists are
// built by `build()`, in slices between which the event loop runs, so a process answers requests
// (exactly) while it builds. The build is deterministic: the vectors are taken in paper-id order,
// the k-means sample is drawn with a fixed seed, so the same vectors give the same lists however they
// arrived. A vector upserted after the build goes to the list of its nearest centroid, which is
// where a build with the same centroids would have put it.
import type { VectorHit, VectorIndex } from '../contracts.js';
import { seededRandom } from '../math/random.js';
import { ExactVectorIndex, FREE_SLOT } from './exact.index.js';
import { dotAt, dotRows, toQuery } from './kernels.js';
import { argmax, type Pause, pacer, trainCentroids } from './kmeans.js';
import { TopK } from './top-k.js';

export interface IvfOptions {
  /** Below this many vectors every search is exact (an exact scan of 10k × 256 takes ~2-3 ms). */
  minVectors: number;
  /** Lists per √n vectors. */
  listFactor: number;
  /** Lists a query scans; a filter that rejects candidates widens it (see `search`). */
  probes: number;
  /** k-means sample: this many vectors per list (at most all of them). */
  samplePerList: number;
  /** k-means rounds on the sample. */
  iterations: number;
  /** Seed of the sample. */
  seed: number;
  /** A filtered query that would scan more than this share of the vectors is answered exactly. */
  maxScanShare: number;
  /** `needsBuild` again once the index has grown by this fraction since the lists were built. */
  rebuildGrowth: number;
}

export const IVF_DEFAULTS: IvfOptions = {
  minVectors: 10_000,
  listFactor: 1,
  probes: 12,
  samplePerList: 40,
  iterations: 8,
  seed: 1,
  maxScanShare: 0.25,
  rebuildGrowth: 0.25,
};

/** How the index answers now: exact only (small, or not built yet), building its lists, or approximate. */
export type IvfState = 'exact' | 'building' | 'approximate';

interface Lists {
  count: number;
  /** count × dim unit centroids. */
  centroids: Float32Array;
  /**
   * List l was built as the slots offsets[l] .. offsets[l + 1] of the exact index, which the build
   * reorders so that each list lies together in memory.
   */
  offsets: Int32Array;
  /** The list each slot is in now (-1: none, e.g. a free slot). A slot in a list's range that is
   * in another list now (its vector changed, or its slot went to another paper) is skipped there. */
  listOf: Int32Array;
  /** Slots put into a list after the build, outside its range (a new paper, a changed vector). */
  added: number[][];
  /** Vectors when the lists were built. */
  builtSize: number;
}

export class IvfVectorIndex implements VectorIndex {
  readonly exact: ExactVectorIndex;
  private readonly options: IvfOptions;
  private lists: Lists | null = null;
  private building: Promise<void> | null = null;
  /** Slots changed while a build runs: placed again when it ends. */
  private changed: Set<number> | null = null;
  private scores = new Float64Array(0);
  private taken = new Uint8Array(0);

  constructor(dim: number, capacity = 1024, options: Partial<IvfOptions> = {}) {
    this.exact = new ExactVectorIndex(dim, capacity);
    this.options = { ...IVF_DEFAULTS, ...options };
  }

  get dim(): number {
    return this.exact.dim;
  }

  get size(): number {
    return this.exact.size;
  }

  get state(): IvfState {
    if (this.building) return 'building';
    return this.lists && this.size >= this.options.minVectors ? 'approximate' : 'exact';
  }

  /** Lists a query scans (before a filter widens it); benchmarks trade recall for time with it. */
  get probes(): number {
    return this.options.probes;
  }

  set probes(value: number) {
    this.options.probes = Math.max(1, Math.floor(value));
  }

  /** Lists in use (0 while the index answers exactly). */
  get listCount(): number {
    return this.lists?.count ?? 0;
  }

  has(paperId: number): boolean {
    return this.exact.has(paperId);
  }

  get(paperId: number): Float32Array | null {
    return this.exact.get(paperId);
  }

  /** A paper's similarity to `query` (see `toQuery`), always exact, or null when it has no vector here. */
  similarity(query: Float64Array, paperId: number): number | null {
    return this.exact.similarity(query, paperId);
  }

  upsert(paperId: number, vector: Float32Array): void {
    const slot = this.exact.upsert(paperId, vector);
    this.changed?.add(slot);
    if (this.lists) this.place(this.lists, slot);
  }

  remove(paperId: number): void {
    const slot = this.exact.remove(paperId);
    if (slot < 0) return;
    this.changed?.add(slot);
    if (this.lists && slot < this.lists.listOf.length) this.lists.listOf[slot] = -1;
  }

  /** True when lists should be built: the index is large enough and has none, or has grown past them. */
  needsBuild(): boolean {
    if (this.building || this.size < this.options.minVectors) return false;
    return !this.lists || this.size > this.lists.builtSize * (1 + this.options.rebuildGrowth);
  }

  /**
   * Builds the lists from the vectors there are now, in slices (`pause` yields to the event loop),
   * while searches keep being answered, exactly or by the previous lists. One build at a time.
   */
  build(pause: Pause = pacer()): Promise<void> {
    if (!this.building) {
      this.changed = new Set();
      this.building = this.buildLists(pause).finally(() => {
        this.building = null;
        this.changed = null;
      });
    }
    return this.building;
  }

  /**
   * The k nearest papers that `accept` passes. Approximate once the lists are built: the `probes`
   * lists nearest the query are scanned. A filter that passes at most `maxScanShare` of the papers
   * and can list them (`candidates`: exactly the paper ids it passes) is answered by an exact scan
   * of those. Otherwise, when a filter rejects good candidates, more lists are scanned, in
   * proportion to the share it rejects, and a query that would then scan more than `maxScanShare`
   * of the vectors is answered exactly (over the listed papers, or over all, asking the filter).
   */
  search(
    query: Float32Array,
    k: number,
    accept?: (paperId: number) => boolean,
    candidates?: () => Iterable<number>,
  ): VectorHit[] {
    const lists = this.lists;
    const exact = this.exact;
    exact.checkQuery(query);
    const q = toQuery(query);
    if (!lists || exact.size < this.options.minVectors) return exact.scan(q, k, accept);
    const { count, centroids, offsets, listOf, added } = lists;
    const dim = exact.dim;
    const scores = this.scratch(count);
    for (let l = 0; l < count; l++) scores[l] = dotAt(q, centroids, l * dim, dim);
    // The lists nearest the query, one after another (a full sort costs more than the few taken).
    const taken = this.taken.subarray(0, count).fill(0);
    const nextList = (): number => {
      let best = 0;
      let bestScore = -Infinity;
      for (let l = 0; l < count; l++)
        if (taken[l] === 0 && (scores[l] as number) > bestScore) {
          bestScore = scores[l] as number;
          best = l;
        }
      taken[best] = 1;
      return best;
    };

    const { probes } = this.options;
    const maxScan = this.options.maxScanShare * exact.size;
    // A filter that can list its papers, and passes few: scan those exactly, without probing first.
    const listed = accept && candidates ? [...candidates()] : undefined;
    if (accept && listed && listed.length <= maxScan) return exact.searchFiltered(q, k, accept, listed);
    const data = exact.vectorData();
    const ids = exact.slotIds();
    const top = new TopK(Math.min(k, exact.size));
    let wanted = Math.min(probes, count);
    let scanned = 0;
    let asked = 0;
    let passed = 0;
    let threshold = -Infinity;
    for (let p = 0; p < wanted; p++) {
      const l = nextList();
      const start = offsets[l] as number;
      const end = offsets[l + 1] as number;
      const extra = added[l] as number[];
      const n = end - start + extra.length;
      for (let i = 0; i < n; i++) {
        const s = i < end - start ? start + i : (extra[i - end + start] as number);
        if (listOf[s] !== l) continue; // moved to another list, or removed, since the build
        const score = dotAt(q, data, s * dim, dim);
        // As in the exact scan, the filter is asked only about candidates that would enter the top k.
        if (score < threshold) continue;
        const id = ids[s] as number;
        if (accept) {
          asked++;
          if (!accept(id)) continue;
          passed++;
        }
        top.push(id, score);
        threshold = top.threshold;
      }
      scanned += n;
      if (accept && p + 1 >= probes) {
        // Widen by the share of good candidates the filter rejected, so about as many candidates
        // that pass are scanned as an unfiltered query scans.
        const share = asked === 0 ? 1 : passed / asked;
        wanted = Math.min(count, Math.ceil(probes / Math.max(share, 1e-6)));
        if (top.size < top.capacity) wanted = count;
        const perList = scanned / (p + 1);
        if (wanted > p + 1 && scanned + perList * (wanted - p - 1) > maxScan)
          return exact.searchFiltered(q, k, accept, listed);
      }
    }
    return top.sorted();
  }

  private scratch(count: number): Float64Array {
    if (this.scores.length < count) {
      this.scores = new Float64Array(count);
      this.taken = new Uint8Array(count);
    }
    return this.scores;
  }

  /** Puts a slot into the list of its nearest centroid (or none when it is free). */
  private place(lists: Lists, slot: number): void {
    if (slot >= lists.listOf.length) {
      const grown = new Int32Array(Math.max(slot + 1, lists.listOf.length * 2)).fill(-1);
      grown.set(lists.listOf);
      lists.listOf = grown;
    }
    const ids = this.exact.slotIds();
    let list = -1;
    if (slot < this.exact.slotCount && ids[slot] !== FREE_SLOT) {
      const scores = this.scratch(lists.count);
      dotRows(this.exact.vectorData(), slot * this.dim, lists.centroids, lists.count, this.dim, scores);
      list = argmax(scores, lists.count);
    }
    if (lists.listOf[slot] === list) return;
    lists.listOf[slot] = list;
    if (list < 0) return;
    const inRange = slot >= (lists.offsets[list] as number) && slot < (lists.offsets[list + 1] as number);
    const moved = lists.added[list] as number[];
    if (!inRange && !moved.includes(slot)) moved.push(slot);
  }

  private async buildLists(pause: Pause): Promise<void> {
    const exact = this.exact;
    const dim = exact.dim;
    const o = this.options;
    // The live slots in paper-id order: the same vectors give the same lists, whatever their slots.
    let ids = exact.slotIds();
    const slots: number[] = [];
    for (let s = 0; s < exact.slotCount; s++) if (ids[s] !== FREE_SLOT) slots.push(s);
    slots.sort((a, b) => (ids[a] as number) - (ids[b] as number));
    const n = slots.length;
    if (n < o.minVectors || n === 0) return;
    const count = Math.max(1, Math.min(n, Math.round(o.listFactor * Math.sqrt(n))));

    // A seeded sample (a partial Fisher-Yates shuffle), copied so that upserts cannot change it.
    const m = Math.min(n, count * o.samplePerList);
    const picked = slots.slice();
    const random = seededRandom(o.seed);
    const sample = new Float32Array(m * dim);
    let data = exact.vectorData();
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(random() * (n - i));
      const s = picked[j] as number;
      picked[j] = picked[i] as number;
      picked[i] = s;
      sample.set(data.subarray(s * dim, (s + 1) * dim), i * dim);
    }
    const centroids = await trainCentroids(sample, m, dim, count, o.iterations, pause);

    // Every vector into the list of its nearest centroid.
    const listOf = new Int32Array(exact.slotCount).fill(-1);
    const scores = new Float64Array(count);
    for (let i = 0; i < n; i++) {
      if ((i & 15) === 15) await pause();
      const s = slots[i] as number;
      ids = exact.slotIds();
      data = exact.vectorData();
      if (s >= listOf.length || ids[s] === FREE_SLOT) continue; // removed meanwhile
      dotRows(data, s * dim, centroids, count, dim, scores);
      listOf[s] = argmax(scores, count);
    }
    const offsets = new Int32Array(count + 1);
    for (const s of slots) if ((listOf[s] as number) >= 0) offsets[(listOf[s] as number) + 1]!++;
    for (let l = 0; l < count; l++) offsets[l + 1]! += offsets[l] as number;
    // The slots in list order (paper-id order within a list), and the exact index moved to match.
    const inOrder = new Int32Array(offsets[count] as number);
    const fill = offsets.slice(0, count);
    for (const s of slots) {
      const l = listOf[s] as number;
      if (l >= 0) inOrder[fill[l]!++] = s;
    }
    const moved = await exact.reorder(inOrder, pause);
    const built = offsets[count] as number;
    const current = new Int32Array(Math.max(exact.slotCount, 1024)).fill(-1);
    for (let l = 0; l < count; l++) current.fill(l, offsets[l] as number, offsets[l + 1] as number);
    const lists: Lists = {
      count,
      centroids,
      offsets,
      listOf: current,
      added: Array.from({ length: count }, () => []),
      builtSize: n,
    };
    this.lists = lists;
    // Place what changed while the build ran, and papers that arrived meanwhile (after the lists'
    // ranges); upserts go to the new lists from here.
    for (const s of this.changed ?? []) {
      const now = s < moved.length ? (moved[s] as number) : -1;
      if (now >= 0) this.place(lists, now);
    }
    for (let s = built; s < exact.slotCount; s++) this.place(lists, s);
    this.changed?.clear();
  }
}
