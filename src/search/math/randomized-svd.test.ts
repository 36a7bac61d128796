import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orthonormalizeColumns, randomizedSvd } from './randomized-svd.js';
import { seededRandom } from './random.js';
import { csrFromRows } from './sparse.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** A random sparse rows × cols matrix, about a third of it nonzero. */
function randomSparse(rows: number, cols: number, seed: number) {
  const rnd = seededRandom(seed);
  return csrFromRows(
    Array.from({ length: rows }, () => {
      const c: number[] = [];
      const v: number[] = [];
      for (let j = 0; j < cols; j++) {
        if (rnd() >= 0.33) continue;
        c.push(j);
        v.push(rnd() * 2 - 1);
      }
      return { cols: c, values: v };
    }),
    cols,
  );
}

test('randomized SVD finds the singular values that the eigenvalues of AᵀA give', () => {
  const a = randomSparse(60, 25, 7);
  // Exact: eigenvalues of the 25 × 25 matrix AᵀA are the squared singular values.
  const ata = new Float64Array(25 * 25);
  for (let r = 0; r < a.rows; r++)
    for (let p = a.rowStart[r]!; p < a.rowStart[r + 1]!; p++)
      for (let q = a.rowStart[r]!; q < a.rowStart[r + 1]!; q++)
        ata[a.colIndex[p]! * 25 + a.colIndex[q]!]! += a.values[p]! * a.values[q]!;
  const exact = symmetricEigen(ata, 25).values.map(Math.sqrt);
  const svd = randomizedSvd(a, { rank: 5, powerIterations: 3, seed: 3 });
  assert.equal(svd.rank, 5);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(svd.sigma[i]! - exact[i]!) < 1e-6 * exact[0]!, `σ${i}`);
  // Right singular vectors are orthonormal.
  for (let i = 0; i < 5; i++)
    for (let j = 0; j < 5; j++) {
      let d = 0;
      for (let r = 0; r < 25; r++) d += svd.v[r * 5 + i]! * svd.v[r * 5 + j]!;
      assert.ok(Math.abs(d - (i === j ? 1 : 0)) < 1e-8);
    }
});

test('randomized SVD is deterministic for a seed, and the rank is capped by the matrix', () => {
  const a = randomSparse(8, 30, 1);
  const x = randomizedSvd(a, { rank: 20, seed: 9 });
  const y = randomizedSvd(a, { rank: 20, seed: 9 });
  assert.equal(x.rank, 8);
  assert.deepEqual(x.v, y.v);
  assert.deepEqual(x.sigma, y.sigma);
});

test('orthonormalizing zeroes a dependent column instead of dividing by zero', () => {
  // Columns: (1,0,0), (2,0,0), (0,1,0)
  const m = Float64Array.from([1, 2, 0, 0, 0, 1, 0, 0, 0]);
  const q = orthonormalizeColumns(m, 3, 3);
  assert.deepEqual([...q], [1, 0, 0, 0, 0, 1, 0, 0, 0]);
});
