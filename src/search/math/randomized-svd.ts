// Truncated SVD of a large sparse matrix by randomized range finding (Halko, Martinsson & Tropp 2011):
// project onto a few hundred random directions, sharpen with power iterations, then solve the small
// problem exactly. Seeded, so the same matrix always gives the same factors, bit for bit.
import { gaussian, seededRandom } from './random.js';
import { type CsrMatrix, multiplySteps, multiplyTransposedSteps } from './sparse.js';
import { runSteps, type Steps } from './steps.js';
import { symmetricEigenSteps } from './symmetric-eigen.js';

/** Multiply-adds between two yields: a few milliseconds. */
const WORK_PER_SLICE = 3_000_000;

export interface SvdOptions {
  rank: number;
  /** Extra random directions beyond `rank`; more gives a more accurate tail. */
  oversample?: number;
  /** Power iterations; each costs two passes over the matrix and sharpens a slowly decaying spectrum. */
  powerIterations?: number;
  seed?: number;
}

export interface TruncatedSvd {
  /** Number of factors found: min(rank, rows, cols). */
  rank: number;
  /** Singular values, largest first. */
  sigma: Float64Array;
  /** Right singular vectors: cols × rank, row-major (row j is the factor loadings of column j). */
  v: Float64Array;
}

export function randomizedSvd(a: CsrMatrix, options: SvdOptions): TruncatedSvd {
  return runSteps(randomizedSvdSteps(a, options));
}

/** The same computation, yielding between slices of a few milliseconds (math/steps.ts). */
export function* randomizedSvdSteps(a: CsrMatrix, options: SvdOptions): Steps<TruncatedSvd> {
  const rank = Math.min(options.rank, a.rows, a.cols);
  const width = Math.min(rank + (options.oversample ?? 20), a.rows, a.cols);
  const normal = gaussian(seededRandom(options.seed ?? 1));
  const omega = new Float64Array(a.cols * width);
  for (let i = 0; i < omega.length; i++) {
    if (i % 1_000_000 === 999_999) yield;
    omega[i] = normal();
  }

  let q = yield* orthonormalizeSteps(yield* multiplySteps(a, omega, width), a.rows, width);
  for (let it = 0; it < (options.powerIterations ?? 2); it++) {
    const z = yield* orthonormalizeSteps(yield* multiplyTransposedSteps(a, q, width), a.cols, width);
    q = yield* orthonormalizeSteps(yield* multiplySteps(a, z, width), a.rows, width);
  }
  // B = Qᵀ A, held transposed (cols × width). Its Gram matrix B Bᵀ is width × width.
  const bt = yield* multiplyTransposedSteps(a, q, width);
  const gram = new Float64Array(width * width);
  for (let r = 0; r < a.cols; r++) {
    if (r % 256 === 255) yield;
    const o = r * width;
    for (let i = 0; i < width; i++) {
      const bi = bt[o + i] as number;
      if (bi === 0) continue;
      for (let j = i; j < width; j++)
        gram[i * width + j] = (gram[i * width + j] as number) + bi * (bt[o + j] as number);
    }
  }
  for (let i = 0; i < width; i++)
    for (let j = 0; j < i; j++) gram[i * width + j] = gram[j * width + i] as number;
  const eig = yield* symmetricEigenSteps(gram, width);

  // V = Bᵀ U Σ⁻¹, keeping the top `rank` factors.
  const sigma = new Float64Array(rank);
  const v = new Float64Array(a.cols * rank);
  for (let f = 0; f < rank; f++) {
    if (f % 2 === 1) yield;
    const s = Math.sqrt(Math.max(eig.values[f] as number, 0));
    sigma[f] = s;
    if (s < 1e-10) continue;
    for (let r = 0; r < a.cols; r++) {
      let sum = 0;
      const o = r * width;
      for (let i = 0; i < width; i++) sum += (bt[o + i] as number) * (eig.vectors[i * width + f] as number);
      v[r * rank + f] = sum / s;
    }
    // Singular vectors have no intrinsic sign; fix one so factors compare across runs and machines.
    let largest = 0;
    for (let r = 0; r < a.cols; r++) {
      const x = v[r * rank + f] as number;
      if (Math.abs(x) > Math.abs(largest)) largest = x;
    }
    if (largest < 0) for (let r = 0; r < a.cols; r++) v[r * rank + f] = -(v[r * rank + f] as number);
  }
  return { rank, sigma, v };
}

/**
 * Modified Gram-Schmidt on the columns of a rows × width row-major matrix, returning a new matrix
 * whose columns are orthonormal. A column that is (numerically) dependent on earlier ones becomes zero.
 */
export function orthonormalizeColumns(m: Float64Array, rows: number, width: number): Float64Array {
  return runSteps(orthonormalizeSteps(m, rows, width));
}

function* orthonormalizeSteps(m: Float64Array, rows: number, width: number): Steps<Float64Array> {
  // Work column-major: each column is a contiguous array, which makes the inner loops cache friendly.
  // Yields after about WORK_PER_SLICE multiply-adds, wherever they fall.
  let work = 0;
  const spend = (n: number) => (work += n) >= WORK_PER_SLICE;
  const cols: Float64Array[] = [];
  for (let j = 0; j < width; j++) {
    const c = new Float64Array(rows);
    for (let r = 0; r < rows; r++) c[r] = m[r * width + j] as number;
    cols.push(c);
    if (spend(rows)) {
      work = 0;
      yield;
    }
  }
  for (let j = 0; j < width; j++) {
    const c = cols[j] as Float64Array;
    const before = Math.sqrt(sumSquares(c));
    for (let i = 0; i < j; i++) {
      const b = cols[i] as Float64Array;
      let d = 0;
      for (let r = 0; r < rows; r++) d += (b[r] as number) * (c[r] as number);
      if (d !== 0) for (let r = 0; r < rows; r++) c[r] = (c[r] as number) - d * (b[r] as number);
      if (spend(2 * rows)) {
        work = 0;
        yield;
      }
    }
    const n = Math.sqrt(sumSquares(c));
    if (n <= 1e-10 * Math.max(before, 1e-300)) c.fill(0);
    else for (let r = 0; r < rows; r++) c[r] = (c[r] as number) / n;
  }
  const out = new Float64Array(rows * width);
  for (let j = 0; j < width; j++) {
    const c = cols[j] as Float64Array;
    for (let r = 0; r < rows; r++) out[r * width + j] = c[r] as number;
    if (spend(rows)) {
      work = 0;
      yield;
    }
  }
  return out;
}

function sumSquares(c: Float64Array): number {
  let s = 0;
  for (let r = 0; r < c.length; r++) s += (c[r] as number) * (c[r] as number);
  return s;
}
