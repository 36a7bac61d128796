// Exact nearest neighbours by brute force over one contiguous Float32Array: every query scores every
// vector. At 100k × 256 that is 25.6M multiply-adds per query; bench/embeddings.bench.ts measures
// what it costs here (docs/search-quality.md, beside a one-off HNSW measurement). Exact results need
// no tuning, no native code, and match what the quality bench measures.
import type { VectorHit, VectorIndex } from '../contracts.js';
import { TopK } from './top-k.js';

export class ExactVectorIndex implements VectorIndex {
  private data: Float32Array;
  private ids: Int32Array;
  private readonly slotOf = new Map<number, number>();
  private count = 0;

  constructor(
    readonly dim: number,
    capacity = 1024,
  ) {
    this.data = new Float32Array(capacity * dim);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(paperId: number): boolean {
    return this.slotOf.has(paperId);
  }

  /** A copy of the stored vector of a paper, or null. */
  get(paperId: number): Float32Array | null {
    const slot = this.slotOf.get(paperId);
    if (slot === undefined) return null;
    return this.data.slice(slot * this.dim, (slot + 1) * this.dim);
  }

  upsert(paperId: number, vector: Float32Array): void {
    if (vector.length !== this.dim)
      throw new Error(`expected a vector of ${this.dim} dimensions, got ${vector.length}`);
    let slot = this.slotOf.get(paperId);
    if (slot === undefined) {
      if (this.count === this.ids.length) this.grow();
      slot = this.count++;
      this.slotOf.set(paperId, slot);
      this.ids[slot] = paperId;
    }
    this.data.set(vector, slot * this.dim);
  }

  remove(paperId: number): void {
    const slot = this.slotOf.get(paperId);
    if (slot === undefined) return;
    // Move the last vector into the hole so the data stays contiguous.
    const last = --this.count;
    if (slot !== last) {
      const movedId = this.ids[last] as number;
      this.data.copyWithin(slot * this.dim, last * this.dim, (last + 1) * this.dim);
      this.ids[slot] = movedId;
      this.slotOf.set(movedId, slot);
    }
    this.slotOf.delete(paperId);
  }

  search(query: Float32Array, k: number, accept?: (paperId: number) => boolean): VectorHit[] {
    if (query.length !== this.dim)
      throw new Error(`expected a query of ${this.dim} dimensions, got ${query.length}`);
    const top = new TopK(Math.min(k, this.count));
    const { data, dim, ids } = this;
    const q = query;
    // Four independent sums let the CPU overlap the multiply-adds (about 2x over one running sum).
    const tail = dim & ~3;
    for (let s = 0; s < this.count; s++) {
      const o = s * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < tail; j += 4) {
        s0 += (q[j] as number) * (data[o + j] as number);
        s1 += (q[j + 1] as number) * (data[o + j + 1] as number);
        s2 += (q[j + 2] as number) * (data[o + j + 2] as number);
        s3 += (q[j + 3] as number) * (data[o + j + 3] as number);
      }
      for (let j = tail; j < dim; j++) s0 += (q[j] as number) * (data[o + j] as number);
      const score = s0 + s1 + s2 + s3;
      // Check the filter only for candidates good enough to enter the top k: most never are.
      if (score < top.threshold) continue;
      const id = ids[s] as number;
      if (accept && !accept(id)) continue;
      top.push(id, score);
    }
    return top.sorted();
  }

  private grow(): void {
    const capacity = Math.max(1024, this.ids.length * 2);
    const data = new Float32Array(capacity * this.dim);
    data.set(this.data.subarray(0, this.count * this.dim));
    const ids = new Int32Array(capacity);
    ids.set(this.ids.subarray(0, this.count));
    this.data = data;
    this.ids = ids;
  }
}
