// Spherical k-means for the approximate index's lists: unit centroids, each point assigned to the
// centroid with the largest dot product, so a list holds the vectors nearest its centroid by cosine.
// Deterministic: the caller hands in the sample in a seeded order, the first `count` points seed the
// centroids, ties go to the lower centroid, and a centroid left empty is moved to the sample point its
// own centroid fits worst.
import { dotRows } from './kernels.js';

/** Called between slices of work; resolves when the event loop has had a turn (or at once). */
export type Pause = () => Promise<void>;

/** A pause that yields to the event loop once `sliceMs` of work has passed since the last one. */
export function pacer(sliceMs = 8): Pause {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/** The index of the largest of the first `count` scores (the first one on ties). */
export function argmax(scores: Float64Array, count: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < count; i++) {
    const s = scores[i] as number;
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

/**
 * `count` unit centroids (count × dim floats) trained on `points` (n × dim, unit vectors, n ≥ count)
 * by `iterations` rounds of assignment and averaging.
 */
export async function trainCentroids(
  points: Float32Array,
  n: number,
  dim: number,
  count: number,
  iterations: number,
  pause: Pause,
): Promise<Float32Array> {
  if (count < 1 || n < count) throw new Error(`k-means needs at least ${count} points, got ${n}`);
  const centroids = points.slice(0, count * dim);
  const assigned = new Int32Array(n);
  const fit = new Float64Array(n);
  const scores = new Float64Array(count);
  const sums = new Float64Array(count * dim);
  const sizes = new Int32Array(count);
  for (let round = 0; round < iterations; round++) {
    for (let i = 0; i < n; i++) {
      dotRows(points, i * dim, centroids, count, dim, scores);
      const c = argmax(scores, count);
      assigned[i] = c;
      fit[i] = scores[c] as number;
      if ((i & 15) === 15) await pause();
    }
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assigned[i] as number;
      sizes[c]!++;
      const o = i * dim;
      const co = c * dim;
      for (let j = 0; j < dim; j++) sums[co + j]! += points[o + j] as number;
    }
    // An empty centroid takes the point that fits its own centroid worst (each point once).
    let worst: number[] | null = null;
    for (let c = 0; c < count; c++) {
      if (sizes[c] !== 0) continue;
      worst ??= [...Array(n).keys()].sort((a, b) => (fit[a] as number) - (fit[b] as number) || a - b);
      const i = worst.shift();
      if (i === undefined) break;
      for (let j = 0; j < dim; j++) sums[c * dim + j] = points[i * dim + j] as number;
    }
    for (let c = 0; c < count; c++) {
      const co = c * dim;
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += (sums[co + j] as number) ** 2;
      // A zero sum (opposite points) keeps the old centroid.
      if (norm === 0) continue;
      const inv = 1 / Math.sqrt(norm);
      for (let j = 0; j < dim; j++) centroids[co + j] = (sums[co + j] as number) * inv;
    }
    await pause();
  }
  return centroids;
}
