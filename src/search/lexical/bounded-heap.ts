// The best k of a stream of candidates without sorting all of them: a min-heap of size k whose root
// is the worst kept candidate. Order: key1, then key2, then paper id, all descending, so ties break
// the same way on every run.

export class BoundedHeap {
  private readonly key1: Float64Array;
  private readonly key2: Float64Array;
  private readonly ids: Int32Array;
  private size = 0;

  constructor(readonly capacity: number) {
    this.key1 = new Float64Array(Math.max(1, capacity));
    this.key2 = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  /** True when a is worse than b. */
  private worse(a: number, b: number): boolean {
    const k1 = this.key1;
    const k2 = this.key2;
    if (k1[a] !== k1[b]) return (k1[a] as number) < (k1[b] as number);
    if (k2[a] !== k2[b]) return (k2[a] as number) < (k2[b] as number);
    return (this.ids[a] as number) < (this.ids[b] as number);
  }

  /** Whether a candidate with these keys would be kept (cheap check before computing more). */
  wouldKeep(key1: number, key2: number, id: number): boolean {
    if (this.size < this.capacity) return true;
    const r1 = this.key1[0] as number;
    if (key1 !== r1) return key1 > r1;
    const r2 = this.key2[0] as number;
    if (key2 !== r2) return key2 > r2;
    return id > (this.ids[0] as number);
  }

  push(key1: number, key2: number, id: number): void {
    if (this.capacity === 0 || !this.wouldKeep(key1, key2, id)) return;
    let i: number;
    if (this.size < this.capacity) {
      i = this.size++;
      this.set(i, key1, key2, id);
      this.up(i);
    } else {
      this.set(0, key1, key2, id);
      this.down(0);
    }
  }

  /** The kept ids, best first. Empties the heap. */
  drain(): { id: number; key1: number; key2: number }[] {
    const out: { id: number; key1: number; key2: number }[] = new Array(this.size);
    for (let n = this.size - 1; n >= 0; n--) {
      out[n] = { id: this.ids[0] as number, key1: this.key1[0] as number, key2: this.key2[0] as number };
      this.size--;
      if (this.size > 0) {
        this.move(this.size, 0);
        this.down(0);
      }
    }
    return out;
  }

  private set(i: number, key1: number, key2: number, id: number): void {
    this.key1[i] = key1;
    this.key2[i] = key2;
    this.ids[i] = id;
  }

  private move(from: number, to: number): void {
    this.set(to, this.key1[from] as number, this.key2[from] as number, this.ids[from] as number);
  }

  private swap(a: number, b: number): void {
    const k1 = this.key1[a] as number;
    const k2 = this.key2[a] as number;
    const id = this.ids[a] as number;
    this.move(b, a);
    this.set(b, k1, k2, id);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < this.size && this.worse(l, worst)) worst = l;
      if (r < this.size && this.worse(r, worst)) worst = r;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
