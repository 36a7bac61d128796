// A sparse matrix in compressed-row form (CSR), and the two products randomized SVD needs:
// A·M and Aᵀ·M with M dense and row-major. Corpus matrices are ~1% dense, so this is where the time goes.
import { runSteps, type Steps } from './steps.js';

/** Rows of a product between two yields: a few milliseconds of work at 256 columns. */
const ROWS_PER_SLICE = 512;

export interface CsrMatrix {
  rows: number;
  cols: number;
  /** rowStart[r]..rowStart[r+1] index into colIndex/values; length rows + 1. */
  rowStart: Uint32Array;
  colIndex: Uint32Array;
  values: Float64Array;
}

/** Builds a CSR matrix from per-row (column, value) lists; columns within a row must be distinct. */
export function csrFromRows(
  rows: readonly { cols: ArrayLike<number>; values: ArrayLike<number> }[],
  cols: number,
): CsrMatrix {
  let nnz = 0;
  for (const r of rows) nnz += r.cols.length;
  const rowStart = new Uint32Array(rows.length + 1);
  const colIndex = new Uint32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  rows.forEach((r, i) => {
    rowStart[i] = k;
    for (let j = 0; j < r.cols.length; j++) {
      colIndex[k] = r.cols[j] as number;
      values[k] = r.values[j] as number;
      k++;
    }
  });
  rowStart[rows.length] = k;
  return { rows: rows.length, cols, rowStart, colIndex, values };
}

/** A·M, M being cols × width (row-major); returns rows × width. */
export function multiply(a: CsrMatrix, m: Float64Array, width: number): Float64Array {
  return runSteps(multiplySteps(a, m, width));
}

export function* multiplySteps(a: CsrMatrix, m: Float64Array, width: number): Steps<Float64Array> {
  const out = new Float64Array(a.rows * width);
  for (let r = 0; r < a.rows; r++) {
    if (r % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) yield;
    const o = r * width;
    for (let k = a.rowStart[r] as number; k < (a.rowStart[r + 1] as number); k++) {
      const v = a.values[k] as number;
      const src = (a.colIndex[k] as number) * width;
      for (let j = 0; j < width; j++) out[o + j] = (out[o + j] as number) + v * (m[src + j] as number);
    }
  }
  return out;
}

/** Aᵀ·M, M being rows × width (row-major); returns cols × width. */
export function multiplyTransposed(a: CsrMatrix, m: Float64Array, width: number): Float64Array {
  return runSteps(multiplyTransposedSteps(a, m, width));
}

export function* multiplyTransposedSteps(a: CsrMatrix, m: Float64Array, width: number): Steps<Float64Array> {
  const out = new Float64Array(a.cols * width);
  for (let r = 0; r < a.rows; r++) {
    if (r % ROWS_PER_SLICE === ROWS_PER_SLICE - 1) yield;
    const src = r * width;
    for (let k = a.rowStart[r] as number; k < (a.rowStart[r + 1] as number); k++) {
      const v = a.values[k] as number;
      const o = (a.colIndex[k] as number) * width;
      for (let j = 0; j < width; j++) out[o + j] = (out[o + j] as number) + v * (m[src + j] as number);
    }
  }
  return out;
}
