/**
 * Small dense linear algebra for 1×1 and 2×2 symmetric matrices (Hessians of f: R → R or
 * R² → R). Closed forms only: no iteration, no allocation beyond the returned arrays.
 */

/** Eigen-decomposition of a symmetric matrix. */
export interface EigenDecomposition {
  /** Eigenvalues in ascending order. */
  values: number[];
  /**
   * Unit eigenvectors; `vectors[i]` belongs to `values[i]`. Mutually orthogonal. Sign convention:
   * the first non-zero component is positive, so equal matrices always give equal vectors.
   */
  vectors: number[][];
}

/** Flips v so its first non-zero component is positive; `+ 0` turns −0 into 0 for clean output. */
function canonicalSign(v: [number, number]): number[] {
  const lead = v[0] !== 0 ? v[0] : v[1];
  return lead < 0 ? [-v[0] + 0, -v[1] + 0] : [v[0] + 0, v[1] + 0];
}

/**
 * Eigen-decomposition of the symmetric 2×2 matrix [[a, b], [b, c]].
 *
 * With m = (a+c)/2, d = (a−c)/2 and r = hypot(d, b) the eigenvalues are m ∓ r. When one of them is
 * much smaller in magnitude than the other, m ∓ r cancels catastrophically, so it is computed as
 * det/λ_big instead (the LAPACK `dlaev2` trick); that matters for nearly singular Hessians, where
 * the sign of the small eigenvalue decides bowl vs saddle.
 *
 * Eigenvector of m + r: (d + r, b) if d ≥ 0, else (b, r − d). Both are sums of non-negative terms,
 * so no cancellation; b = 0 gives exact axis vectors, and a multiple of the identity (d = b = 0)
 * gives the axes. The other eigenvector is its 90° rotation, so the pair is orthonormal.
 */
export function symmetricEigen2(a: number, b: number, c: number): EigenDecomposition {
  const m = (a + c) / 2;
  const d = (a - c) / 2;
  const r = Math.hypot(d, b);
  let lo = m - r;
  let hi = m + r;
  // det/λ written as in dlaev2 to avoid overflow in a*c for huge entries.
  const det = (big: number): number => (Math.max(a, c) / big) * Math.min(a, c) - (b / big) * b;
  if (m > 0 && Math.abs(lo) < 0.5 * hi) lo = det(hi);
  else if (m < 0 && Math.abs(hi) < 0.5 * -lo) hi = det(lo);
  // Rounding in det/λ may in extreme cases swap the order; the contract is ascending.
  if (lo > hi) [lo, hi] = [hi, lo];

  // Scale first so d + r cannot overflow for entries near the float limit.
  const s = Math.max(Math.abs(d), Math.abs(b));
  let v0 = 1;
  let v1 = 0;
  if (s > 0) {
    const ds = d / s;
    const bs = b / s;
    const rs = Math.hypot(ds, bs);
    [v0, v1] = ds >= 0 ? [ds + rs, bs] : [bs, rs - ds];
    const len = Math.hypot(v0, v1);
    v0 /= len;
    v1 /= len;
  }
  return {
    values: [lo + 0, hi + 0],
    vectors: [canonicalSign([-v1, v0]), canonicalSign([v0, v1])],
  };
}

/**
 * Eigen-decomposition of a symmetric 1×1 or 2×2 matrix given as rows. A 2×2 input that is not
 * exactly symmetric (rounding in a Hessian) is symmetrised by averaging the off-diagonal entries.
 * @throws RangeError for any other shape.
 */
export function symmetricEigen(matrix: readonly (readonly number[])[]): EigenDecomposition {
  const n = matrix.length;
  if (n === 1 && matrix[0]?.length === 1) {
    return { values: [matrix[0][0] ?? NaN], vectors: [[1]] };
  }
  const r0 = matrix[0];
  const r1 = matrix[1];
  if (n === 2 && r0?.length === 2 && r1?.length === 2) {
    const [a = NaN, b01 = NaN] = r0;
    const [b10 = NaN, c = NaN] = r1;
    return symmetricEigen2(a, (b01 + b10) / 2, c);
  }
  throw new RangeError(`symmetricEigen: expected a 1×1 or 2×2 matrix, got ${n} rows`);
}

/** Dot product of two vectors of equal length. */
export function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] ?? NaN) * (v[i] ?? NaN);
  return s;
}

/** Euclidean norm, overflow-safe via `Math.hypot`. */
export function norm(v: ArrayLike<number>): number {
  return Math.hypot(...Array.from(v));
}

/** Matrix–vector product M·v for a square matrix given as rows. */
export function matVec(matrix: readonly (readonly number[])[], v: ArrayLike<number>): number[] {
  return matrix.map((row) => dot(row, v));
}

/** Unpacks a row-major n×n Float64Array (as written by `Objective.hessian`) into rows. */
export function unpackSquare(packed: ArrayLike<number>, n: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(packed[i * n + j] ?? NaN);
    rows.push(row);
  }
  return rows;
}
