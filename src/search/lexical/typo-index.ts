// Near spellings of a word that is not in the vocabulary, fast: a deletion neighbourhood. Every
// vocabulary word is stored under the hash of itself and of each one-letter deletion; a typed word
// looks up its own deletions (one or two letters), and the candidates found are checked with a real
// edit distance. Only words seen in at least two papers are stored: a word seen once is as likely
// to be a typo itself, and skipping them halves the table.

import { fnv1a as hash } from '../../domain/fnv.js';

function deletions(word: string, out: Set<string>): void {
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
}

/** Optimal string alignment distance (adjacent swaps cost 1), or max + 1 once it exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/** Edits allowed for a word of this length: none for short words (too many neighbours). */
export function maxEditsFor(word: string): number {
  if (word.length < 5) return 0;
  return word.length >= 9 ? 2 : 1;
}

const ID_LIMIT = 2 ** 21;

export class TypoIndex {
  /** Sorted hashes and, beside each, the term id stored under it. */
  private readonly hashes: Uint32Array;
  private readonly termIds: Uint32Array;

  constructor(
    terms: readonly { id: number; text: string }[],
    private readonly textOf: (id: number) => string,
  ) {
    // Each entry packs hash * 2^21 + term id into one float64, so one native numeric sort orders
    // them; terms past the 2M-th (all rare) are left out of the table.
    const packed: number[] = [];
    const keys = new Set<string>();
    for (const t of terms) {
      if (t.id >= ID_LIMIT) continue;
      keys.clear();
      keys.add(t.text);
      deletions(t.text, keys);
      for (const k of keys) packed.push(hash(k) * ID_LIMIT + t.id);
    }
    const sorted = Float64Array.from(packed).sort();
    this.hashes = new Uint32Array(sorted.length);
    this.termIds = new Uint32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const v = sorted[i] as number;
      this.termIds[i] = v % ID_LIMIT;
      this.hashes[i] = Math.floor(v / ID_LIMIT);
    }
  }

  get bytes(): number {
    return this.hashes.byteLength + this.termIds.byteLength;
  }

  /** Vocabulary terms within the allowed edits of `word`, closest first, each with its distance. */
  near(word: string): { id: number; distance: number }[] {
    const max = maxEditsFor(word);
    if (max === 0) return [];
    const keys = new Set<string>([word]);
    deletions(word, keys);
    if (max >= 2) for (const k of [...keys]) deletions(k, keys);
    const found = new Map<number, number>();
    for (const k of keys) {
      const h = hash(k);
      for (let i = this.lowerBound(h); i < this.hashes.length && this.hashes[i] === h; i++) {
        const id = this.termIds[i] as number;
        if (found.has(id)) continue;
        const d = editDistance(word, this.textOf(id), max);
        found.set(id, d);
      }
    }
    return [...found]
      .filter(([, d]) => d > 0 && d <= max)
      .map(([id, distance]) => ({ id, distance }))
      .sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  private lowerBound(h: number): number {
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.hashes[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
