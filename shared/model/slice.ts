/**
 * 2D slices of a high-dimensional loss, after Li et al. 2018 ("Visualizing the Loss Landscape
 * of Neural Nets"): the loss is drawn over the plane θ* + α d1 + β d2 through a trained θ*.
 * The directions are either random and filter-normalised (each filter of the direction gets the
 * norm of the same filter of θ*, so the picture does not depend on the weights' scale) or the
 * first two principal components of the training path (so the path lies close to the plane and
 * can be drawn on it by projection).
 */

import { createRng, nextGaussian } from '../optim/rng.ts';
import type { Dataset } from './data.ts';
import type { Model } from './models.ts';

function dot(a: ArrayLike<number>, b: ArrayLike<number>, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * Two random directions for the plane through θ*, filter-normalised: each component is N(0, 1)
 * from the seeded PRNG, then every filter f (a group of parameter indices, e.g. from mlpFilters)
 * is rescaled so that ‖d_f‖ = ‖θ*_f‖. Parameters that belong to no filter get 0 (they stay at θ*),
 * and so does a filter whose θ* part is zero.
 * @throws RangeError when θ* has the wrong length or a filter names an index outside θ.
 */
export function filterNormalizedDirections(
  model: Model,
  thetaStar: ArrayLike<number>,
  filters: readonly (readonly number[])[],
  seed: number,
): [Float64Array, Float64Array] {
  const dim = model.dim;
  if (thetaStar.length !== dim) {
    throw new RangeError(`θ* needs ${dim} parameter(s), got ${thetaStar.length}`);
  }
  for (const f of filters) {
    for (const q of f) {
      if (!Number.isInteger(q) || q < 0 || q >= dim) {
        throw new RangeError(`filter index ${q} is outside the parameter vector [0, ${dim})`);
      }
    }
  }
  const rng = createRng(seed);
  const make = (): Float64Array => {
    const raw = new Float64Array(dim);
    for (let i = 0; i < dim; i++) raw[i] = nextGaussian(rng);
    const d = new Float64Array(dim);
    for (const f of filters) {
      let sd = 0;
      let st = 0;
      for (const q of f) {
        sd += (raw[q] as number) ** 2;
        st += (thetaStar[q] as number) ** 2;
      }
      const scale = sd > 0 ? Math.sqrt(st / sd) : 0;
      for (const q of f) d[q] = (raw[q] as number) * scale;
    }
    return d;
  };
  const d1 = make();
  const d2 = make();
  return [d1, d2];
}

/** Result of {@link pcaDirections}. */
export interface PcaDirections {
  /** First principal direction (unit length). */
  d1: Float64Array;
  /** Second principal direction (unit length, orthogonal to d1). */
  d2: Float64Array;
  /** Share of Σ‖θ_t − θ*‖² along d1 and d2 (each in [0, 1], sum ≤ 1), for the figure label. */
  explained: [number, number];
}

/** Largest eigenpair of the symmetric k×k matrix `a` by power iteration; writes the vector. */
function powerIteration(a: Float64Array, k: number, v: Float64Array, seed: number): number {
  const rng = createRng(seed);
  for (let i = 0; i < k; i++) v[i] = nextGaussian(rng);
  let nv = Math.sqrt(dot(v, v, k));
  for (let i = 0; i < k; i++) v[i] = (v[i] as number) / nv;
  const w = new Float64Array(k);
  let lambda = 0;
  for (let iter = 0; iter < 20000; iter++) {
    for (let r = 0; r < k; r++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += (a[r * k + c] as number) * (v[c] as number);
      w[r] = s;
    }
    lambda = dot(v, w, k);
    nv = Math.sqrt(dot(w, w, k));
    if (nv === 0) return 0;
    let change = 0;
    for (let i = 0; i < k; i++) {
      const t = (w[i] as number) / nv;
      change = Math.max(change, Math.abs(t - (v[i] as number)));
      v[i] = t;
    }
    if (change < 1e-13) break;
  }
  return Math.max(lambda, 0);
}

/**
 * The first two principal directions of the path θ_t − θ* (rows t = 0..steps of `thetas`,
 * (steps + 1)×dim row-major, as in TrainResult.theta). Uncentred on purpose: the plane must pass
 * through θ*, and the uncentred components span the plane through θ* that the path stays closest
 * to (least squares). Computed by power iteration with deflation on the smaller of the two Gram
 * matrices: MᵀM (dim×dim) or MMᵀ ((steps + 1)², mapped back through Mᵀ), M the matrix of rows.
 * When the path is one-dimensional, d2 is any unit vector orthogonal to d1 (explained ≈ 0).
 * @throws RangeError when the path never leaves θ* or the sizes do not match.
 */
export function pcaDirections(
  thetas: Float64Array,
  steps: number,
  dim: number,
  thetaStar: ArrayLike<number>,
): PcaDirections {
  const rows = steps + 1;
  if (!Number.isInteger(steps) || steps < 0 || thetas.length < rows * dim) {
    throw new RangeError(
      `thetas holds ${thetas.length} numbers, needs (steps + 1)·dim = ${rows * dim}`,
    );
  }
  if (thetaStar.length !== dim)
    throw new RangeError(`θ* needs ${dim} parameter(s), got ${thetaStar.length}`);
  if (dim < 2) throw new RangeError('a plane needs at least 2 parameters');
  const m = new Float64Array(rows * dim);
  let total = 0;
  for (let t = 0; t < rows; t++) {
    for (let i = 0; i < dim; i++) {
      const v = (thetas[t * dim + i] as number) - (thetaStar[i] as number);
      m[t * dim + i] = v;
      total += v * v;
    }
  }
  if (!(total > 0) || !Number.isFinite(total)) {
    throw new RangeError('the path never leaves θ*: there are no principal directions');
  }

  const useCov = dim <= rows;
  const k = useCov ? dim : rows;
  const g = new Float64Array(k * k);
  if (useCov) {
    for (let t = 0; t < rows; t++) {
      for (let r = 0; r < dim; r++) {
        const a = m[t * dim + r] as number;
        if (a === 0) continue;
        for (let c = r; c < dim; c++)
          g[r * k + c] = (g[r * k + c] as number) + a * (m[t * dim + c] as number);
      }
    }
  } else {
    for (let r = 0; r < rows; r++) {
      for (let c = r; c < rows; c++)
        g[r * k + c] = dot(m.subarray(r * dim), m.subarray(c * dim), dim);
    }
  }
  for (let r = 0; r < k; r++) for (let c = 0; c < r; c++) g[r * k + c] = g[c * k + r] as number;

  /** Eigenvector of g (length k) → direction in parameter space (length dim), normalised. */
  const toParam = (u: Float64Array): Float64Array => {
    if (useCov) return u.slice();
    const d = new Float64Array(dim);
    for (let t = 0; t < rows; t++) {
      const ut = u[t] as number;
      for (let i = 0; i < dim; i++) d[i] = (d[i] as number) + ut * (m[t * dim + i] as number);
    }
    const nd = Math.sqrt(dot(d, d, dim));
    if (nd > 0) for (let i = 0; i < dim; i++) d[i] = (d[i] as number) / nd;
    return d;
  };

  const u = new Float64Array(k);
  const l1 = powerIteration(g, k, u, 1);
  const d1 = toParam(u);
  // Deflate: g ← g − λ1 u uᵀ.
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++)
      g[r * k + c] = (g[r * k + c] as number) - l1 * (u[r] as number) * (u[c] as number);
  }
  const l2 = powerIteration(g, k, u, 2);
  let d2 = toParam(u);
  // Gram–Schmidt against d1 for exact orthogonality; fall back to a basis vector if d2 vanishes.
  const orthogonalise = (d: Float64Array): number => {
    const p = dot(d, d1, dim);
    for (let i = 0; i < dim; i++) d[i] = (d[i] as number) - p * (d1[i] as number);
    return Math.sqrt(dot(d, d, dim));
  };
  let n2 = orthogonalise(d2);
  if (!(n2 > 1e-8)) {
    let best = 0;
    for (let i = 1; i < dim; i++)
      if (Math.abs(d1[i] as number) < Math.abs(d1[best] as number)) best = i;
    d2 = new Float64Array(dim);
    d2[best] = 1;
    n2 = orthogonalise(d2);
  }
  for (let i = 0; i < dim; i++) d2[i] = (d2[i] as number) / n2;
  const r1 = Math.min(1, l1 / total);
  const r2 = Math.min(1 - r1, Math.max(0, l2 / total));
  return { d1, d2, explained: [r1, r2] };
}

/**
 * Coordinates (α_t, β_t) of each θ_t in the plane center + α d1 + β d2, by least squares: the
 * 2×2 normal equations [d1·d1 d1·d2; d1·d2 d2·d2](α, β) = (d1·r, d2·r) with r = θ_t − center,
 * so the directions need not be orthogonal or unit length. Returns [α_0, β_0, α_1, β_1, …].
 * @throws RangeError when d1 and d2 are parallel (or zero) or the sizes do not match.
 */
export function projectPath(
  thetas: Float64Array,
  steps: number,
  dim: number,
  center: ArrayLike<number>,
  d1: ArrayLike<number>,
  d2: ArrayLike<number>,
): Float64Array {
  const rows = steps + 1;
  if (!Number.isInteger(steps) || steps < 0 || thetas.length < rows * dim) {
    throw new RangeError(
      `thetas holds ${thetas.length} numbers, needs (steps + 1)·dim = ${rows * dim}`,
    );
  }
  if (center.length !== dim || d1.length !== dim || d2.length !== dim) {
    throw new RangeError(`center and directions need ${dim} component(s) each`);
  }
  const a = dot(d1, d1, dim);
  const b = dot(d1, d2, dim);
  const c = dot(d2, d2, dim);
  const det = a * c - b * b;
  if (!(det > 1e-12 * a * c)) {
    throw new RangeError('the two directions are parallel (or zero): they do not span a plane');
  }
  const out = new Float64Array(2 * rows);
  for (let t = 0; t < rows; t++) {
    let p = 0;
    let q = 0;
    for (let i = 0; i < dim; i++) {
      const r = (thetas[t * dim + i] as number) - (center[i] as number);
      p += (d1[i] as number) * r;
      q += (d2[i] as number) * r;
    }
    out[2 * t] = (c * p - b * q) / det;
    out[2 * t + 1] = (a * q - b * p) / det;
  }
  return out;
}

/** Grid of a slice: `resolution` points per axis, α from alpha[0] to alpha[1] inclusive. */
export interface SliceSpec {
  /** Points per axis (integer ≥ 2). */
  resolution: number;
  alpha: readonly [number, number];
  beta: readonly [number, number];
}

/** Coordinate of grid point i (0..resolution − 1) on the axis `range`. */
export function sliceCoordinate(
  range: readonly [number, number],
  resolution: number,
  i: number,
): number {
  return range[0] + ((range[1] - range[0]) * i) / (resolution - 1);
}

function checkSpec(
  model: Model,
  center: ArrayLike<number>,
  d1: ArrayLike<number>,
  d2: ArrayLike<number>,
  spec: SliceSpec,
): void {
  const dim = model.dim;
  if (center.length !== dim || d1.length !== dim || d2.length !== dim) {
    throw new RangeError(`center and directions need ${dim} component(s) each`);
  }
  if (!Number.isInteger(spec.resolution) || spec.resolution < 2 || spec.resolution > 4096) {
    throw new RangeError(`resolution must be an integer in [2, 4096], got ${spec.resolution}`);
  }
  for (const [name, r] of [
    ['alpha', spec.alpha],
    ['beta', spec.beta],
  ] as const) {
    if (!Number.isFinite(r[0]) || !Number.isFinite(r[1]) || !(r[0] < r[1])) {
      throw new RangeError(
        `${name} must be a finite range [min, max] with min < max, got [${r[0]}, ${r[1]}]`,
      );
    }
  }
}

/**
 * Computes rows j ∈ [rowStart, rowEnd) of a slice into `out` (length resolution², layout as in
 * {@link sliceGrid}), so a worker can fill a grid a few rows at a time and report progress.
 * Allocates one θ scratch vector.
 */
export function sliceRows(
  model: Model,
  data: Dataset,
  center: ArrayLike<number>,
  d1: ArrayLike<number>,
  d2: ArrayLike<number>,
  spec: SliceSpec,
  rowStart: number,
  rowEnd: number,
  out: Float64Array,
): void {
  checkSpec(model, center, d1, d2, spec);
  const res = spec.resolution;
  if (out.length < res * res)
    throw new RangeError(`out holds ${out.length} numbers, needs ${res * res}`);
  if (
    !Number.isInteger(rowStart) ||
    !Number.isInteger(rowEnd) ||
    rowStart < 0 ||
    rowEnd > res ||
    rowStart > rowEnd
  ) {
    throw new RangeError(
      `rows must satisfy 0 ≤ rowStart ≤ rowEnd ≤ ${res}, got [${rowStart}, ${rowEnd})`,
    );
  }
  const dim = model.dim;
  const theta = new Float64Array(dim);
  for (let j = rowStart; j < rowEnd; j++) {
    const beta = sliceCoordinate(spec.beta, res, j);
    for (let i = 0; i < res; i++) {
      const alpha = sliceCoordinate(spec.alpha, res, i);
      for (let q = 0; q < dim; q++) {
        theta[q] = (center[q] as number) + alpha * (d1[q] as number) + beta * (d2[q] as number);
      }
      out[j * res + i] = model.loss(theta, data);
    }
  }
}

/**
 * Full-data loss over the plane: value [j·res + i] = L(center + α_i d1 + β_j d2), α_i and β_j from
 * {@link sliceCoordinate}. Calls `onRow(done, total)` after every row (done rows of total).
 * Values may be non-finite only where the loss itself overflows.
 */
export function sliceGrid(
  model: Model,
  data: Dataset,
  center: ArrayLike<number>,
  d1: ArrayLike<number>,
  d2: ArrayLike<number>,
  spec: SliceSpec,
  onRow?: (done: number, total: number) => void,
): Float64Array {
  checkSpec(model, center, d1, d2, spec);
  const res = spec.resolution;
  const out = new Float64Array(res * res);
  for (let j = 0; j < res; j++) {
    sliceRows(model, data, center, d1, d2, spec, j, j + 1, out);
    onRow?.(j + 1, res);
  }
  return out;
}
