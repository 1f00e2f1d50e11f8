/**
 * Loss landscapes sampled on a grid by research code (Li et al. 2018, "Visualizing the Loss
 * Landscape of Neural Nets", github tomgoldstein/loss-landscape): the common type every reader in
 * this folder produces, its validation, and an interpolating Objective over it.
 *
 * Layout. Values are stored row-major with y as the row: `values[iy * nx + ix]` is the value at
 * (xs[ix], ys[iy]); a 1D curve stores `values[ix]`. This is also the memory order of
 * loss-landscape's own arrays: they are declared with shape (len(x), len(y)) but filled through
 * `meshgrid(x, y).ravel()`, whose flat index is iy·nx + ix (see h5.ts).
 */

import type { Domain, Objective, Point } from '../types.ts';

/** One sampled quantity (train_loss, test_acc, …) over the landscape's grid. */
export interface LandscapeSurface {
  name: string;
  /** Row-major `[iy * nx + ix]`; for a 1D curve `[ix]`. May hold NaN/±∞ (see `nonFinite`). */
  values: Float64Array;
  /** How many of `values` are NaN or ±∞ (points where the evaluation diverged). */
  nonFinite: number;
}

/** A grid of sampled values: a surface over xs × ys, or a curve over xs when ys is null. */
export interface Landscape {
  /** Where it came from (file name), for messages and titles. */
  source: string;
  /** Strictly increasing, at least 2 points. */
  xs: Float64Array;
  /** Strictly increasing, at least 2 points; null for a 1D curve. */
  ys: Float64Array | null;
  /** At least one. */
  surfaces: LandscapeSurface[];
}

/** A projected optimizer path (loss-landscape's proj_xcoord / proj_ycoord). */
export interface LandscapeTrajectory {
  xs: Float64Array;
  ys: Float64Array;
}

/** Any problem with the input file: the message is meant for the user as it is. */
export class LandscapeError extends Error {
  override name = 'LandscapeError';
}

/** Raw input for `buildLandscape`: values in either memory order. */
export interface RawSurface {
  name: string;
  data: ArrayLike<number>;
  /** The array's shape as stored, for the shape check and its message. */
  shape: readonly number[];
}

export interface RawLandscape {
  source: string;
  xs: ArrayLike<number>;
  ys: ArrayLike<number> | null;
  surfaces: readonly RawSurface[];
  /**
   * Memory order of every surface's data. 'y-rows' (the default): data[iy * nx + ix]; a 2D
   * shape must be (nx, ny) — loss-landscape's declaration — or (ny, nx). 'x-rows': data[ix * ny
   * + iy] with shape (nx, ny) exactly, transposed on the way in.
   */
  order?: 'y-rows' | 'x-rows';
  /** Says where a coordinate array came from in messages ("dataset 'xcoordinates'"). */
  xName?: string;
  yName?: string;
}

/** A shape as Python prints it: (3, 4), (5,). */
export function describeShape(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/**
 * Checks a coordinate array: finite, at least 2 points, strictly monotonic. Returns it as an
 * increasing Float64Array and whether it had to be reversed.
 */
export function checkAxis(
  values: ArrayLike<number>,
  what: string,
): { axis: Float64Array; reversed: boolean } {
  const n = values.length;
  if (n < 2) {
    throw new LandscapeError(`${what} has ${n} point${n === 1 ? '' : 's'}; at least 2 are needed.`);
  }
  const axis = Float64Array.from(values);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(axis[i] as number)) {
      throw new LandscapeError(`${what}[${i}] is ${axis[i]}; coordinates must be finite.`);
    }
  }
  const reversed = (axis[1] as number) < (axis[0] as number);
  for (let i = 1; i < n; i++) {
    const a = axis[i - 1] as number;
    const b = axis[i] as number;
    if (reversed ? !(b < a) : !(b > a)) {
      throw new LandscapeError(
        `${what} is not strictly ${reversed ? 'decreasing' : 'increasing'}: ` +
          `[${i - 1}] = ${a}, [${i}] = ${b}.`,
      );
    }
  }
  if (reversed) axis.reverse();
  return { axis, reversed };
}

/** Number of NaN or ±∞ entries. */
export function countNonFinite(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) count++;
  return count;
}

/**
 * Validates raw arrays and returns a Landscape in the common layout: coordinates increasing (a
 * decreasing axis is reversed together with the values), shapes checked exactly, non-finite
 * values kept and counted.
 */
export function buildLandscape(raw: RawLandscape): Landscape {
  const xName = raw.xName ?? 'x coordinates';
  const yName = raw.yName ?? 'y coordinates';
  const { axis: xs, reversed: flipX } = checkAxis(raw.xs, xName);
  const y = raw.ys === null ? null : checkAxis(raw.ys, yName);
  const nx = xs.length;
  const ny = y === null ? 1 : y.axis.length;
  const flipY = y?.reversed ?? false;
  const order = raw.order ?? 'y-rows';
  if (raw.surfaces.length === 0) {
    throw new LandscapeError(`${raw.source} has no values to draw.`);
  }
  const seen = new Set<string>();
  const surfaces = raw.surfaces.map((surface): LandscapeSurface => {
    if (seen.has(surface.name)) {
      throw new LandscapeError(`Two value arrays are named '${surface.name}'.`);
    }
    seen.add(surface.name);
    const shape = surface.shape;
    const expected = y === null ? [nx] : [nx, ny];
    const sameShape = (s: readonly number[]) =>
      s.length === shape.length && s.every((d, i) => shape[i] === d);
    const ok = sameShape(expected) || (y !== null && order === 'y-rows' && sameShape([ny, nx]));
    if (!ok) {
      const hint =
        y === null ? `${xName} has ${nx} points` : `${xName} has ${nx} points and ${yName} ${ny}`;
      throw new LandscapeError(
        `'${surface.name}' has shape ${describeShape(shape)}, expected ` +
          `${describeShape(expected)} (${hint}).`,
      );
    }
    if (surface.data.length !== nx * ny) {
      throw new LandscapeError(
        `'${surface.name}' holds ${surface.data.length} values, expected ${nx * ny}.`,
      );
    }
    const values = new Float64Array(nx * ny);
    for (let iy = 0; iy < ny; iy++) {
      const sy = flipY ? ny - 1 - iy : iy;
      for (let ix = 0; ix < nx; ix++) {
        const sx = flipX ? nx - 1 - ix : ix;
        const from = order === 'x-rows' ? sx * ny + sy : sy * nx + sx;
        values[iy * nx + ix] = Number(surface.data[from]);
      }
    }
    return { name: surface.name, values, nonFinite: countNonFinite(values) };
  });
  return { source: raw.source, xs, ys: y === null ? null : y.axis, surfaces };
}

/** Checks a trajectory: two finite coordinate arrays of the same length ≥ 1. */
export function buildTrajectory(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  source: string,
  names: readonly [string, string] = ['x', 'y'],
): LandscapeTrajectory {
  if (xs.length !== ys.length) {
    throw new LandscapeError(
      `${source}: '${names[0]}' has ${xs.length} points but '${names[1]}' has ${ys.length}.`,
    );
  }
  if (xs.length === 0) throw new LandscapeError(`${source}: the trajectory has no points.`);
  const outX = Float64Array.from(xs, Number);
  const outY = Float64Array.from(ys, Number);
  for (let i = 0; i < outX.length; i++) {
    if (!Number.isFinite(outX[i] as number) || !Number.isFinite(outY[i] as number)) {
      throw new LandscapeError(
        `${source}: trajectory point ${i} is (${outX[i]}, ${outY[i]}); points must be finite.`,
      );
    }
  }
  return { xs: outX, ys: outY };
}

/** Smallest and largest finite value, or null when there is none. */
export function finiteRange(values: ArrayLike<number>): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

/**
 * A copy with every NaN/±∞ replaced, for the GPU (which must never see NaN): by a number, or by
 * the largest ('max') or smallest ('min') finite value (0 when there is none). Diverged points of
 * a loss are best shown as 'max'.
 */
export function fillNonFinite(
  values: ArrayLike<number>,
  fill: number | 'max' | 'min',
): Float64Array {
  let replacement: number;
  if (typeof fill === 'number') {
    replacement = fill;
  } else {
    const range = finiteRange(values);
    replacement = range === null ? 0 : fill === 'max' ? range.max : range.min;
  }
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i] as number)) out[i] = replacement;
  return out;
}

/**
 * The surface called `name`; without a name `train_loss`, else the first whose name contains
 * 'loss', else the first.
 */
export function pickSurface(landscape: Landscape, name?: string): LandscapeSurface {
  const { surfaces } = landscape;
  if (name !== undefined) {
    const found = surfaces.find((s) => s.name === name);
    if (found) return found;
    throw new LandscapeError(
      `${landscape.source} has no values named '${name}'; available: ` +
        `${surfaces.map((s) => `'${s.name}'`).join(', ')}.`,
    );
  }
  const first = surfaces[0];
  if (first === undefined) throw new LandscapeError(`${landscape.source} has no values.`);
  return (
    surfaces.find((s) => s.name === 'train_loss') ??
    surfaces.find((s) => s.name.toLowerCase().includes('loss')) ??
    first
  );
}

/** An Objective over a landscape, with the rectangle its grid covers. */
export interface GridObjective extends Objective {
  readonly domain: Domain;
}

/**
 * 1D interpolation weights at one coordinate: `w[k]` multiplies the sample at `index[k]`, `dw`
 * and `d2w` are the weights of the first and second derivative. Four slots (cells k-1 … k+2);
 * slots outside the grid get weight 0 and a clamped index.
 */
interface Weights {
  index: Int32Array;
  w: Float64Array;
  dw: Float64Array;
  d2w: Float64Array;
  /** The coordinate lay outside the grid and was clamped to its edge. */
  clamped: boolean;
}

function newWeights(): Weights {
  return {
    index: new Int32Array(4),
    w: new Float64Array(4),
    dw: new Float64Array(4),
    d2w: new Float64Array(4),
    clamped: false,
  };
}

/** Index of the cell [axis[k], axis[k+1]] holding x (axis increasing, x inside). */
function findCell(axis: Float64Array, x: number): number {
  let lo = 0;
  let hi = axis.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((axis[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Cubic Hermite interpolation on a possibly non-uniform axis, with node slopes from centred
 * differences (one-sided at the two ends): the Catmull-Rom spline generalised to uneven spacing.
 * It is linear in the samples, so the weights fully describe it. The slope at node k is the same
 * from both neighbouring cells, so the interpolant is C1; at nodes it equals the sample.
 */
function fillWeights(axis: Float64Array, x: number, out: Weights): void {
  const n = axis.length;
  const first = axis[0] as number;
  const last = axis[n - 1] as number;
  out.clamped = x < first || x > last || Number.isNaN(x);
  const xc = Number.isNaN(x) ? first : Math.min(Math.max(x, first), last);
  const k = findCell(axis, xc);
  const x0 = axis[k] as number;
  const x1 = axis[k + 1] as number;
  const h = x1 - x0;
  const t = (xc - x0) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  // Hermite basis, its t-derivatives, second t-derivatives.
  const h00 = 2 * t3 - 3 * t2 + 1;
  const h10 = t3 - 2 * t2 + t;
  const h01 = -2 * t3 + 3 * t2;
  const h11 = t3 - t2;
  const d00 = 6 * t2 - 6 * t;
  const d10 = 3 * t2 - 4 * t + 1;
  const d01 = -6 * t2 + 6 * t;
  const d11 = 3 * t2 - 2 * t;
  const s00 = 12 * t - 6;
  const s10 = 6 * t - 4;
  const s01 = -12 * t + 6;
  const s11 = 6 * t - 2;
  // Slopes at nodes k and k+1 as weights on samples (k-1, k, k+1) and (k, k+1, k+2): centred
  // differences inside, one-sided at the two ends. Written out so that nothing is allocated.
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  if (k === 0) {
    a1 = -1 / h;
    a2 = 1 / h;
  } else {
    a0 = -1 / (x1 - (axis[k - 1] as number));
    a2 = -a0;
  }
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  if (k + 1 === n - 1) {
    b0 = -1 / h;
    b1 = 1 / h;
  } else {
    b0 = -1 / ((axis[k + 2] as number) - x0);
    b2 = -b0;
  }
  // f(t) = h00 f_k + h01 f_{k+1} + h (h10 m_k + h11 m_{k+1}); d/dx = (1/h) d/dt.
  const hh = h * h;
  // slot 0: sample k-1 (only through m_k)
  out.w[0] = h * a0 * h10;
  out.dw[0] = a0 * d10;
  out.d2w[0] = (a0 * s10) / h;
  // slot 1: sample k
  out.w[1] = h00 + h * (a1 * h10 + b0 * h11);
  out.dw[1] = d00 / h + a1 * d10 + b0 * d11;
  out.d2w[1] = s00 / hh + (a1 * s10 + b0 * s11) / h;
  // slot 2: sample k+1
  out.w[2] = h01 + h * (a2 * h10 + b1 * h11);
  out.dw[2] = d01 / h + a2 * d10 + b1 * d11;
  out.d2w[2] = s01 / hh + (a2 * s10 + b1 * s11) / h;
  // slot 3: sample k+2 (only through m_{k+1})
  out.w[3] = h * b2 * h11;
  out.dw[3] = b2 * d11;
  out.d2w[3] = (b2 * s11) / h;
  for (let s = 0; s < 4; s++) out.index[s] = Math.min(Math.max(k - 1 + s, 0), n - 1);
  // Slots that fall off the grid carry zero weight already (a0 = 0 at k = 0, b2 = 0 at k = n-2).
  if (out.clamped) {
    // Constant beyond the edge: the derivatives along this axis vanish there.
    out.dw.fill(0);
    out.d2w.fill(0);
  }
}

/**
 * The named surface (default as in `pickSurface`) as a smooth Objective: piecewise-bicubic
 * (Catmull-Rom-style cubic Hermite in each axis, tensor product), C1 across cells and exact at
 * grid nodes. A 1D curve gives a dim-1 Objective with the 1D version of the same spline.
 *
 * - Variables are named ['x', 'y'] (['x'] for a curve), like the built-in surfaces, so starting
 *   points, scene files and CLI flags work unchanged. In the paper's terms x is α, y is β.
 * - Gradient and Hessian are analytic derivatives of the interpolant. The interpolant is only
 *   C1, so the Hessian jumps across cell boundaries (on a boundary the right/upper cell is used).
 * - Outside the grid the point is clamped to the nearest edge: the value is continued
 *   constantly and the derivative along a clamped axis is 0. `isKink` is true there, since that
 *   zero is a convention rather than a derivative; inside the grid it is always false.
 * - Non-finite samples are not filled: near them value/gradient are NaN, which the trajectory
 *   code treats as divergence. Use `fillNonFinite` first if that is not wanted.
 * - `domain` is [xs first, xs last] × [ys first, ys last] (for a curve y repeats the x range and
 *   is ignored).
 */
export function gridObjective(landscape: Landscape, surfaceName?: string): GridObjective {
  const surface = pickSurface(landscape, surfaceName);
  const { xs, ys } = landscape;
  const values = surface.values;
  const nx = xs.length;
  const xRange = [xs[0] as number, xs[nx - 1] as number] as const;
  const wx = newWeights();
  if (ys === null) {
    const sum = (w: Float64Array) => {
      let s = 0;
      for (let i = 0; i < 4; i++) {
        const c = w[i] as number;
        if (c !== 0) s += c * (values[wx.index[i] as number] as number);
      }
      return s;
    };
    return {
      dim: 1,
      variables: ['x'],
      domain: { x: xRange, y: xRange },
      value(p: Point) {
        fillWeights(xs, p[0] as number, wx);
        return sum(wx.w);
      },
      gradient(p: Point, out: Float64Array) {
        fillWeights(xs, p[0] as number, wx);
        out[0] = sum(wx.dw);
      },
      hessian(p: Point, out: Float64Array) {
        fillWeights(xs, p[0] as number, wx);
        out[0] = sum(wx.d2w);
      },
      isKink(p: Point) {
        const x = p[0] as number;
        return x < xRange[0] || x > xRange[1];
      },
    };
  }
  const ny = ys.length;
  const yRange = [ys[0] as number, ys[ny - 1] as number] as const;
  const wy = newWeights();
  // Σ_ij a[i] b[j] f[iy_j, ix_i]
  const sum = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let j = 0; j < 4; j++) {
      const bj = b[j] as number;
      if (bj === 0) continue;
      const row = (wy.index[j] as number) * nx;
      let r = 0;
      for (let i = 0; i < 4; i++) {
        const ai = a[i] as number;
        if (ai !== 0) r += ai * (values[row + (wx.index[i] as number)] as number);
      }
      s += bj * r;
    }
    return s;
  };
  const at = (p: Point) => {
    fillWeights(xs, p[0] as number, wx);
    fillWeights(ys, p[1] as number, wy);
  };
  return {
    dim: 2,
    variables: ['x', 'y'],
    domain: { x: xRange, y: yRange },
    value(p: Point) {
      at(p);
      return sum(wx.w, wy.w);
    },
    gradient(p: Point, out: Float64Array) {
      at(p);
      out[0] = sum(wx.dw, wy.w);
      out[1] = sum(wx.w, wy.dw);
    },
    hessian(p: Point, out: Float64Array) {
      at(p);
      const xy = sum(wx.dw, wy.dw);
      out[0] = sum(wx.d2w, wy.w);
      out[1] = xy;
      out[2] = xy;
      out[3] = sum(wx.w, wy.d2w);
    },
    isKink(p: Point) {
      const x = p[0] as number;
      const y = p[1] as number;
      return x < xRange[0] || x > xRange[1] || y < yRange[0] || y > yRange[1];
    },
  };
}
