// Exact nearest neighbours by brute force over one contiguous Float32Array: every query scores every
// vector. At 100k × 256 that is 25.6M multiply-adds per query, about 25-30 ms here
// (bench/embeddings.bench.ts, docs/search-quality.md), which is why large indexes answer through the
// approximate index (ivf.index.ts) that reads its vectors from this one. Exact results need no tuning
// and no native code, and are what the approximate index is measured against.
// A paper keeps its slot for as long as it is in the index (a removed paper's slot is reused by a
// later one), so other structures may refer to vectors by slot.
import type { VectorHit, VectorIndex } from '../contracts.js';
import { dotAt, toQuery } from './kernels.js';
import { TopK } from './top-k.js';

/** The id of a free slot in `slotIds()`. */
export const FREE_SLOT = -1;

export class ExactVectorIndex implements VectorIndex {
  private data: Float32Array;
  private ids: Int32Array;
  private slots = new Map<number, number>();
  /** Upserts and removals so far, so a copy made in slices can tell whether it is stale. */
  private writes = 0;
  private readonly free: number[] = [];
  /** Slots ever handed out: the live ones plus the free ones below it. */
  private high = 0;

  constructor(
    readonly dim: number,
    capacity = 1024,
  ) {
    this.data = new Float32Array(capacity * dim);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.slots.size;
  }

  /** One past the highest slot in use; slots below it whose id is FREE_SLOT are free. */
  get slotCount(): number {
    return this.high;
  }

  has(paperId: number): boolean {
    return this.slots.has(paperId);
  }

  /** A copy of the stored vector of a paper, or null. */
  get(paperId: number): Float32Array | null {
    const slot = this.slots.get(paperId);
    if (slot === undefined) return null;
    return this.data.slice(slot * this.dim, (slot + 1) * this.dim);
  }

  /** The dot product of `query` with a paper's vector (its cosine: both are unit vectors), or null. */
  similarity(query: Float64Array, paperId: number): number | null {
    const slot = this.slots.get(paperId);
    return slot === undefined ? null : dotAt(query, this.data, slot * this.dim, this.dim);
  }

  /** The slot holding a paper's vector, or -1. */
  slotOf(paperId: number): number {
    return this.slots.get(paperId) ?? -1;
  }

  /** The vectors, slot after slot. The array is replaced when the index grows: ask again after an upsert. */
  vectorData(): Float32Array {
    return this.data;
  }

  /** The paper id in each slot (FREE_SLOT for a free one). Replaced when the index grows, like vectorData. */
  slotIds(): Int32Array {
    return this.ids;
  }

  /** Stores (or replaces) a paper's vector; returns its slot. */
  upsert(paperId: number, vector: Float32Array): number {
    if (vector.length !== this.dim)
      throw new Error(`expected a vector of ${this.dim} dimensions, got ${vector.length}`);
    this.writes++;
    let slot = this.slots.get(paperId);
    if (slot === undefined) {
      slot = this.free.pop();
      if (slot === undefined) {
        if (this.high === this.ids.length) this.grow();
        slot = this.high++;
      }
      this.slots.set(paperId, slot);
      this.ids[slot] = paperId;
    }
    this.data.set(vector, slot * this.dim);
    return slot;
  }

  /** Forgets a paper's vector; returns the slot it had, or -1. */
  remove(paperId: number): number {
    const slot = this.slots.get(paperId);
    if (slot === undefined) return -1;
    this.writes++;
    this.slots.delete(paperId);
    this.ids[slot] = FREE_SLOT;
    this.data.fill(0, slot * this.dim, (slot + 1) * this.dim);
    this.free.push(slot);
    return slot;
  }

  search(query: Float32Array, k: number, accept?: (paperId: number) => boolean): VectorHit[] {
    this.checkQuery(query);
    return this.scan(toQuery(query), k, accept);
  }

  /** `search` for a query already in float64. */
  scan(q: Float64Array, k: number, accept?: (paperId: number) => boolean): VectorHit[] {
    const top = new TopK(Math.min(k, this.size));
    const { data, dim, ids } = this;
    let threshold = -Infinity;
    for (let s = 0; s < this.high; s++) {
      const score = dotAt(q, data, s * dim, dim);
      // Check the filter only for candidates good enough to enter the top k: most never are.
      if (score < threshold) continue;
      const id = ids[s] as number;
      if (id === FREE_SLOT || (accept && !accept(id))) continue;
      top.push(id, score);
      threshold = top.threshold;
    }
    return top.sorted();
  }

  /**
   * Exact search when the filter passes few papers. With `candidates` (exactly the paper ids the
   * filter passes, e.g. those of a category or a month), only those are scored, in slot order (the
   * order vectors lie in memory); without, every vector is scored and the filter asked about those
   * good enough.
   */
  searchFiltered(
    q: Float64Array,
    k: number,
    accept: (paperId: number) => boolean,
    candidates?: Iterable<number>,
  ): VectorHit[] {
    if (!candidates) return this.scan(q, k, accept);
    const marked = new Uint8Array(this.high);
    let count = 0;
    for (const id of candidates) {
      const s = this.slots.get(id);
      if (s !== undefined && marked[s] === 0) {
        marked[s] = 1;
        count++;
      }
    }
    const top = new TopK(Math.min(k, count));
    const { data, dim, ids } = this;
    let threshold = -Infinity;
    for (let s = 0; s < this.high; s++) {
      if (marked[s] === 0) continue;
      const score = dotAt(q, data, s * dim, dim);
      if (score < threshold) continue;
      top.push(ids[s] as number, score);
      threshold = top.threshold;
    }
    return top.sorted();
  }

  checkQuery(query: Float32Array): void {
    if (query.length !== this.dim)
      throw new Error(`expected a query of ${this.dim} dimensions, got ${query.length}`);
  }

  /**
   * Moves the vectors so that the slots of `order` come first, in that order, then the other papers;
   * free slots go. Returns the new slot of each old one (-1: was free). Vectors read together (a list
   * of the approximate index) then lie together in memory, which makes scanning them about twice as
   * fast as gathering them from all over (measured here). The copy (about 0.1 s at 75k × 256) is
   * made in slices when `pause` is given, searches reading the old arrays meanwhile; if a vector is
   * written during it, it is made again at once, in one piece.
   */
  async reorder(order: ArrayLike<number>, pause?: () => Promise<void>): Promise<Int32Array> {
    const writes = this.writes;
    let copy = this.startCopy();
    for (let i = 0; i < order.length; i++) {
      this.copySlot(copy, order[i] as number);
      if (pause && (i & 1023) === 1023) await pause();
    }
    if (this.writes !== writes) {
      copy = this.startCopy();
      for (let i = 0; i < order.length; i++) this.copySlot(copy, order[i] as number);
    }
    // From here on nothing awaits: the rest, and the swap, happen before any other write.
    for (let s = 0; s < this.high; s++) this.copySlot(copy, s);
    this.data = copy.data;
    this.ids = copy.ids;
    this.high = copy.next;
    this.free.length = 0;
    this.slots = copy.slots;
    return copy.moved;
  }

  private startCopy() {
    const capacity = this.ids.length;
    return {
      moved: new Int32Array(this.high).fill(-1),
      data: new Float32Array(capacity * this.dim),
      ids: new Int32Array(capacity),
      slots: new Map<number, number>(),
      next: 0,
    };
  }

  private copySlot(copy: ReturnType<ExactVectorIndex['startCopy']>, s: number): void {
    if (s >= copy.moved.length || copy.moved[s] !== -1 || this.ids[s] === FREE_SLOT) return;
    const id = this.ids[s] as number;
    const to = copy.next++;
    copy.moved[s] = to;
    copy.ids[to] = id;
    copy.slots.set(id, to);
    copy.data.set(this.data.subarray(s * this.dim, (s + 1) * this.dim), to * this.dim);
  }

  private grow(): void {
    const capacity = Math.max(1024, this.ids.length * 2);
    const data = new Float32Array(capacity * this.dim);
    data.set(this.data.subarray(0, this.high * this.dim));
    const ids = new Int32Array(capacity);
    ids.set(this.ids.subarray(0, this.high));
    this.data = data;
    this.ids = ids;
  }
}
