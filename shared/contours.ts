/**
 * Contour (level-set) lines of a 2D objective for the top-down view: sample f on a grid, run
 * d3-contour's marching squares, and turn its filled polygons back into plain line segments in
 * world coordinates.
 */
import { contours } from 'd3-contour';
import type { Domain, Objective } from './types.ts';

/** Contour lines for several levels. */
export interface ContourSet {
  /** The levels, as given. */
  levels: number[];
  /** Per level, packed line segments in world coordinates: [x0, y0, x1, y1, ...]. */
  segments: Float64Array[];
}

/** f sampled on a regular grid, row-major: `values[j*nx + i] = f(x_i, y_j)`. */
export interface Grid {
  values: Float64Array;
  nx: number;
  ny: number;
}

function checkDomain(domain: Domain): void {
  for (const [name, [lo, hi]] of [
    ['x', domain.x],
    ['y', domain.y],
  ] as const) {
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
      throw new RangeError(`domain.${name} must be finite with min < max`);
    }
  }
}

function checkSize(nx: number, ny: number): void {
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 2 || ny < 2) {
    throw new RangeError('grid size must be integers nx, ny ≥ 2');
  }
}

/** x_i = lo + i·(hi − lo)/(n − 1), with the last sample pinned to `hi` exactly. */
function gridCoord(lo: number, hi: number, n: number, i: number): number {
  return i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1);
}

/**
 * Samples f on an nx × ny grid spanning the domain, endpoints included:
 * x_i = xmin + i·(xmax − xmin)/(nx − 1), y_j likewise, `values[j*nx + i] = f(x_i, y_j)`.
 * Non-finite values of f are stored as they are. A 1D objective just ignores y.
 * @throws RangeError for nx or ny < 2 or an empty/non-finite domain.
 */
export function sampleGrid(objective: Objective, domain: Domain, nx: number, ny: number): Grid {
  checkSize(nx, ny);
  checkDomain(domain);
  const values = new Float64Array(nx * ny);
  // One reused point buffer: Objective.value must not allocate, neither should we per sample.
  const p = new Float64Array(2);
  for (let j = 0; j < ny; j++) {
    p[1] = gridCoord(domain.y[0], domain.y[1], ny, j);
    for (let i = 0; i < nx; i++) {
      p[0] = gridCoord(domain.x[0], domain.x[1], nx, i);
      values[j * nx + i] = objective.value(p);
    }
  }
  return { values, nx, ny };
}

/**
 * Stand-in for non-finite samples while d3 contours. Large enough to sit above any sensible
 * level, small enough that differences of two of them (d3's interpolation) cannot overflow.
 * Which value it is does not matter for the output: cells touching such a sample are dropped.
 */
const NON_FINITE_STAND_IN = 1e300;

/**
 * Contour lines of a sampled grid at the given levels, as line segments in world coordinates.
 *
 * Coordinates: d3-contour puts sample i at grid coordinate i + 0.5 and pads the grid with a frame
 * of virtual "below every level" samples, so its polygons run from 0 to nx. We map grid
 * coordinate g to world x = xmin + (g − 0.5)·(xmax − xmin)/(nx − 1), which puts sample i exactly at
 * x_i of {@link sampleGrid}; the line then interpolates linearly between samples.
 *
 * Dropped segments: (1) those touching the frame (grid coordinate 0 or nx / ny), which are d3
 * closing a polygon along the border or the half-cell stub joining that closure to the real line;
 * every kept segment lies inside the sampled domain and ends on its edge, not beyond. (2) Those
 * in a grid cell with a non-finite corner (before contouring such samples are replaced by a huge
 * finite stand-in so d3 only sees numbers): f is undefined there, and any line would be an
 * artefact of the stand-in (e.g. a stack of lines along x = 0 for log(x)). So a level whose true
 * line runs through such a cell loses that piece. (3) Zero-length segments, which arise where a
 * level equals a sample value exactly. Output is always finite.
 *
 * A non-finite level gets an empty segment array. Segments come unordered (not joined into
 * polylines); a renderer can draw them as one line-segment list per level.
 * @throws RangeError for a grid whose size does not match `values` or an invalid domain.
 */
export function contourLines(
  grid: { values: ArrayLike<number>; nx: number; ny: number },
  domain: Domain,
  levels: readonly number[],
): ContourSet {
  const { values, nx, ny } = grid;
  checkSize(nx, ny);
  checkDomain(domain);
  if (values.length !== nx * ny) {
    throw new RangeError(`grid has ${values.length} values, expected nx·ny = ${nx * ny}`);
  }
  const bad = new Uint8Array(nx * ny);
  const clean: number[] = new Array<number>(nx * ny);
  for (let k = 0; k < nx * ny; k++) {
    const v = values[k] ?? NaN;
    if (Number.isFinite(v)) {
      clean[k] = v;
    } else {
      bad[k] = 1;
      clean[k] = v === -Infinity ? -NON_FINITE_STAND_IN : NON_FINITE_STAND_IN;
    }
  }
  const hasBad = bad.includes(1);

  /**
   * True when a cell the segment a–b may come from has a non-finite corner. In sample indices
   * (s = g − 0.5) a marching-squares segment spans at most one cell, so the samples from
   * floor(min s) to ceil(max s) are that cell's corners; a segment lying exactly on a grid line
   * (a level equal to sample values, or d3 snapping to a sample next to a huge stand-in) could
   * come from either neighbouring cell, so both are checked.
   */
  const touchesBad = (ax: number, ay: number, bx: number, by: number): boolean => {
    const range = (u: number, v: number, n: number): [number, number] => {
      let lo = Math.floor(Math.min(u, v) - 0.5);
      let hi = Math.ceil(Math.max(u, v) - 0.5);
      if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
      return [Math.max(0, lo), Math.min(n - 1, hi)];
    };
    const [i0, i1] = range(ax, bx, nx);
    const [j0, j1] = range(ay, by, ny);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) if (bad[j * nx + i] === 1) return true;
    }
    return false;
  };

  const [xmin, xmax] = domain.x;
  const [ymin, ymax] = domain.y;
  const sx = (xmax - xmin) / (nx - 1);
  const sy = (ymax - ymin) / (ny - 1);
  // Real endpoints lie in [0.5, n − 0.5]; frame points at exactly 0 or n. Half a cell separates
  // them, so a quarter-cell margin is a safe test that rounding cannot flip.
  const onFrame = (gx: number, gy: number): boolean =>
    gx < 0.25 || gx > nx - 0.25 || gy < 0.25 || gy > ny - 0.25;

  const generator = contours().size([nx, ny]);
  const segments = levels.map((level) => {
    if (!Number.isFinite(level)) return new Float64Array(0);
    const out: number[] = [];
    for (const polygon of generator.contour(clean, level).coordinates) {
      for (const ring of polygon) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const a = ring[k];
          const b = ring[k + 1];
          if (!a || !b) continue;
          const [ax = NaN, ay = NaN] = a;
          const [bx = NaN, by = NaN] = b;
          if (onFrame(ax, ay) || onFrame(bx, by)) continue;
          // A level equal to a sample value collapses crossings into one point: nothing to draw.
          if (ax === bx && ay === by) continue;
          if (hasBad && touchesBad(ax, ay, bx, by)) continue;
          const x0 = xmin + (ax - 0.5) * sx;
          const y0 = ymin + (ay - 0.5) * sy;
          const x1 = xmin + (bx - 0.5) * sx;
          const y1 = ymin + (by - 0.5) * sy;
          // Belt and braces for the "never NaN" contract (e.g. a level of ±1e300).
          if (Number.isFinite(x0 + y0 + x1 + y1)) out.push(x0, y0, x1, y1);
        }
      }
    }
    return Float64Array.from(out);
  });
  return { levels: [...levels], segments };
}

/**
 * `count` contour levels strictly between the smallest finite value and a robust top (the 98th
 * percentile, so a spike such as 1/r near 0 does not push every level to the bottom), with
 * quadratic spacing: level_k = lo + (top − lo)·t_k², t_k = k/(count + 1). For a bowl f ≈ r² this
 * gives rings equally spaced in r instead of crowding at the rim; near the minimum, where GD
 * trajectories end, levels are denser. Non-finite values are ignored. Returns [] when there are
 * no finite values, the surface is constant, or count < 1.
 */
export function defaultLevels(values: Float64Array, count: number): number[] {
  const n = Math.floor(count);
  if (!(n >= 1)) return [];
  const finite = Float64Array.from(values).filter(Number.isFinite).sort();
  return defaultLevelsOfSorted(finite, n);
}

/** {@link defaultLevels} of heights that are already finite and sorted ascending. */
export function defaultLevelsOfSorted(finite: ArrayLike<number>, count: number): number[] {
  const n = Math.floor(count);
  if (!(n >= 1)) return [];
  const lo = finite[0];
  if (lo === undefined) return [];
  const top = finite[Math.floor(0.98 * (finite.length - 1))] ?? lo;
  if (!(top > lo)) return [];
  const levels: number[] = [];
  for (let k = 1; k <= n; k++) {
    const t = k / (n + 1);
    levels.push(lo + (top - lo) * t * t);
  }
  return levels;
}
