// Keeps the k best (id, score) pairs seen so far in a binary min-heap: O(log k) per candidate that
// beats the current k-th best, O(1) for the rest, which is nearly all of them.
import type { VectorHit } from '../contracts.js';

export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(Math.max(k, 0));
    this.scores = new Float64Array(Math.max(k, 0));
  }

  /** Pairs held so far, at most `capacity`. */
  get size(): number {
    return this.n;
  }

  get capacity(): number {
    return this.k;
  }

  /** The score a candidate must beat to get in. */
  get threshold(): number {
    return this.n < this.k ? -Infinity : (this.scores[0] as number);
  }

  push(id: number, score: number): void {
    if (this.k === 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.less(score, id, this.scores[parent] as number, this.ids[parent] as number)) break;
        this.ids[i] = this.ids[parent] as number;
        this.scores[i] = this.scores[parent] as number;
        i = parent;
      }
      this.ids[i] = id;
      this.scores[i] = score;
      return;
    }
    if (!this.less(this.scores[0] as number, this.ids[0] as number, score, id)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const r = l + 1;
      let c = l;
      if (
        r < this.n &&
        this.less(
          this.scores[r] as number,
          this.ids[r] as number,
          this.scores[l] as number,
          this.ids[l] as number,
        )
      )
        c = r;
      if (!this.less(this.scores[c] as number, this.ids[c] as number, score, id)) break;
      this.ids[i] = this.ids[c] as number;
      this.scores[i] = this.scores[c] as number;
      i = c;
    }
    this.ids[i] = id;
    this.scores[i] = score;
  }

  /** Best first; ties go to the smaller id so results are stable. */
  sorted(): VectorHit[] {
    const out: VectorHit[] = [];
    for (let i = 0; i < this.n; i++)
      out.push({ paperId: this.ids[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.paperId - b.paperId);
  }

  /** "Worse than": lower score, or the same score and a larger id. */
  private less(s1: number, id1: number, s2: number, id2: number): boolean {
    return s1 < s2 || (s1 === s2 && id1 > id2);
  }
}
