/**
 * Lays a trajectory out in world space: one vertex per row (exact f), plus in 2D extra vertices
 * between rows so a step follows the surface (draping) instead of cutting through it. Paths stay
 * inside the plot box (plotBox.ts): where a run leaves it, the path ends on the box's edge and
 * nothing after that is drawn.
 */
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import { COL, STRIDE } from '../../../../shared/types.ts';
import type { ViewFrame } from './frame.ts';
import { worldX, worldY, worldZ } from './frame.ts';
import type { PlotExit } from './plotBox.ts';
import { sampleSurface } from './sampler.ts';

/** Where vertices go (a GPU line buffer in the app, an array in tests). */
export interface VertexSink {
  /** Makes room for n vertices, keeping those already written. */
  reserve(n: number): void;
  set(i: number, x: number, y: number, z: number): void;
}

/** Most vertices one step is split into. */
export const MAX_SUBDIVISIONS = 32;
/** Vertices closer than this (world units, L1) to the previous one are merged (≈ 0.3 px). */
export const MIN_SEGMENT = 0.0015;
/** Lift above the surface so the path is not hidden by it (world units). */
export const PATH_LIFT = 0.006;

/** Result of {@link layoutPath}. */
export interface PathLayout {
  /** Whole rows drawn (0..drawRows−1): the rows before the run leaves the plot box. */
  drawRows: number;
  /** Vertices written to the path sink. */
  vertexCount: number;
  /**
   * Share of the step after the last drawn row that is drawn, up to the box's edge (0 when the
   * run stays inside). The edge point is then the path's last vertex, `rowVertex[drawRows]`.
   */
  exitFraction: number;
}

/** Scratch arrays reused between layouts (grown on demand, never shrunk). */
export class PathScratch {
  /** rowVertex[k] = index of row k's vertex in the path (one more entry for the edge point). */
  rowVertex = new Int32Array(16);
  /** rowDot[k] = index of the drawn dot standing for row k (see {@link thinDots}). */
  rowDot = new Int32Array(16);
  /**
   * The last vertex written (x, y, z). Kept here, not in local variables the writing closure
   * captures: V8 boxes every double stored into a closure's variables, which made each layout
   * allocate a few hundred kilobytes (one number per vertex and coordinate) for the collector.
   */
  readonly lastVertex = new Float64Array(3);

  reserveRows(n: number): void {
    if (n > this.rowVertex.length) {
      const size = Math.max(n, this.rowVertex.length * 2);
      this.rowVertex = new Int32Array(size);
      this.rowDot = new Int32Array(size);
    }
  }
}

/**
 * Writes the path into `path` (draped vertices) and `dots` (one vertex per drawn row).
 * `surface` may be null (no draping: straight segments between rows), as for 1D curves.
 * `exit`: where the run leaves the plot box (see plotBox.ts), or null when it stays inside.
 */
export function layoutPath(
  data: Float64Array,
  count: number,
  frame: ViewFrame,
  surface: SurfaceResult | null,
  scratch: PathScratch,
  path: VertexSink,
  dots: VertexSink,
  exit: PlotExit | null = null,
): PathLayout {
  const drawRows = exit ? Math.min(count, exit.step) : count;
  // The partial step to the box edge (none when the start itself is outside).
  const partial = exit !== null && drawRows > 0 && drawRows < count ? exit.fraction : 0;
  const steps = partial > 0 ? drawRows : drawRows - 1;
  scratch.reserveRows(drawRows + 2);
  const drape = surface !== null && frame.dim === 2;
  const lift = drape ? PATH_LIFT : 0;
  const cell = drape
    ? (2 * Math.max(frame.halfX, frame.halfZ)) / Math.max(1, surface.nx - 1)
    : Infinity;

  // Pass 1: vertex index of every row (and of the edge point), so buffers are sized once.
  let vertices = 0;
  for (let k = 0; k <= steps && k >= 0; k++) {
    scratch.rowVertex[k] = vertices;
    if (k === steps) {
      vertices += 1;
      break;
    }
    vertices += subdivisions(data, k, k === drawRows - 1 ? partial : 1, frame, drape, cell);
  }
  path.reserve(vertices);
  dots.reserve(drawRows);

  // Pass 2: write. Vertices closer than MIN_SEGMENT to the last one kept are merged into it:
  // a converged run piles hundreds of sub-pixel segments onto one spot, and each fat-line
  // segment is a quad, so drawing them all costs a lot of overdraw for nothing visible.
  let written = 0;
  const prev = scratch.lastVertex;
  const emit = (x: number, y: number, z: number): void => {
    if (
      written > 0 &&
      Math.abs(x - prev[0]!) + Math.abs(y - prev[1]!) + Math.abs(z - prev[2]!) < MIN_SEGMENT
    ) {
      return;
    }
    path.set(written++, x, y, z);
    prev[0] = x;
    prev[1] = y;
    prev[2] = z;
  };
  for (let k = 0; k <= steps && k >= 0; k++) {
    const a = k * STRIDE;
    const isEdge = k === drawRows;
    // Every drawn row is inside the box: its f is on the surface (clamped like the surface).
    const x = isEdge ? exit!.x : data[a + COL.x]!;
    const y = isEdge ? exit!.y : data[a + COL.y]!;
    const f = isEdge ? edgeF(exit!, data, frame, surface) : data[a + COL.f]!;
    const h = worldY(frame, f) + lift;
    const wx = worldX(frame, x);
    const wz = worldZ(frame, y);
    const n = k === steps ? 0 : scratch.rowVertex[k + 1]! - scratch.rowVertex[k]!;
    emit(wx, h, wz);
    scratch.rowVertex[k] = written - 1;
    if (!isEdge) dots.set(k, wx, h, wz);
    if (n <= 1) continue;
    // Between this row and the next (or the edge point), over the surface.
    const last = k === drawRows - 1 && partial > 0;
    const b = (k + 1) * STRIDE;
    const x1 = last ? exit!.x : data[b + COL.x]!;
    const y1 = last ? exit!.y : data[b + COL.y]!;
    const f1 = last ? edgeF(exit!, data, frame, surface) : data[b + COL.f]!;
    for (let s = 1; s < n; s++) {
      const t = s / n;
      const sx = x + (x1 - x) * t;
      const sy = y + (y1 - y) * t;
      let sf = surface ? sampleSurface(surface, sx, sy) : NaN;
      if (Number.isNaN(sf)) sf = f + (f1 - f) * t;
      emit(worldX(frame, sx), worldY(frame, sf) + lift, worldZ(frame, sy));
    }
  }
  return { drawRows, vertexCount: written, exitFraction: partial };
}

/** Vertices the step from row k covers (`share` of it: 1, or the part up to the box edge). */
function subdivisions(
  data: Float64Array,
  k: number,
  share: number,
  frame: ViewFrame,
  drape: boolean,
  cell: number,
): number {
  if (!drape) return 1;
  const a = k * STRIDE;
  const dx = data[a + COL.ux]! * frame.scale * share;
  const dz = data[a + COL.uy]! * frame.scale * share;
  // sqrt, not Math.hypot: hypot's result came back boxed (an allocation per step, 16 000 per
  // answer in a scene of 8 × 2000 steps), and these lengths are far from overflowing.
  return Math.min(MAX_SUBDIVISIONS, Math.max(1, Math.ceil(Math.sqrt(dx * dx + dz * dz) / cell)));
}

/** f drawn at the edge point: the surface there (2D), or the chord's value (a curve). */
function edgeF(
  exit: PlotExit,
  data: Float64Array,
  frame: ViewFrame,
  surface: SurfaceResult | null,
): number {
  if (frame.dim === 1) return exit.f;
  const sampled = surface ? sampleSurface(surface, exit.x, exit.y) : NaN;
  if (!Number.isNaN(sampled)) return sampled;
  // No grid value there: between the two rows' values.
  const a = (exit.step - 1) * STRIDE;
  const b = exit.step * STRIDE;
  return data[a + COL.f]! + (data[b + COL.f]! - data[a + COL.f]!) * exit.fraction;
}

/**
 * The playhead's place on a laid-out path: the last whole vertex before it and the fraction
 * towards the next, written into `out` ([vertex, fraction, past]) to avoid allocating per frame.
 * With `exitFraction` > 0 the path ends on the box edge that share of a step after the last
 * drawn row; from then on the position is the edge point and `past` is 1 (the run has left).
 */
export function locateOnPath(
  position: number,
  drawRows: number,
  rowVertex: Int32Array,
  out: Float64Array,
  exitFraction = 0,
): void {
  out[2] = 0;
  if (drawRows <= 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  let k = Math.floor(position + 1e-9);
  if (k < 0) k = 0;
  const lastRow = drawRows - 1;
  if (k >= lastRow && exitFraction > 0) {
    const t = (position - lastRow) / exitFraction;
    if (t >= 1 - 1e-9) {
      out[0] = rowVertex[drawRows]!;
      out[1] = 0;
      out[2] = 1;
      return;
    }
    const v0 = rowVertex[lastRow]!;
    const sub = (rowVertex[drawRows]! - v0) * (t > 0 ? t : 0);
    const whole = Math.floor(sub);
    out[0] = v0 + whole;
    out[1] = sub - whole;
    return;
  }
  if (k >= lastRow) {
    out[0] = rowVertex[lastRow]!;
    out[1] = 0;
    return;
  }
  const t = Math.min(1, Math.max(0, position - k));
  const v0 = rowVertex[k]!;
  const sub = (rowVertex[k + 1]! - v0) * t;
  const whole = Math.floor(sub);
  out[0] = v0 + whole;
  out[1] = sub - whole;
}

/**
 * Largest distance (world units) a drawn path may stray from the laid-out one: about 0.4 px of
 * a 1080p view at the default camera, 2 px when zoomed in 4×. Software renderers pay for every
 * fat-line segment, and a 2000-step run is mostly segments far below a pixel.
 */
export const SIMPLIFY_TOLERANCE = 0.0008;
/**
 * Most laid-out vertices one drawn segment may stand for. The view redraws the part between
 * the last kept vertex and the ball at full resolution, in a buffer of this size.
 */
export const MAX_GAP = 48;

/** Result of {@link simplifyPath}, in arrays reused between calls. */
export class Simplified {
  /** Indices (into the laid-out path) of the vertices kept, ascending; `count` are valid. */
  kept = new Int32Array(16);
  /** For every laid-out vertex v, the index into `kept` of the last kept vertex ≤ v. */
  keptBefore = new Int32Array(16);
  count = 0;

  reserve(n: number): void {
    if (n > this.kept.length) {
      const size = Math.max(n, this.kept.length * 2);
      this.kept = new Int32Array(size);
      this.keptBefore = new Int32Array(size);
    }
  }
}

/** Squared distance from point i to the segment a→b, all in `p` (x, y, z per vertex). */
function segmentDistance2(p: Float32Array, i: number, a: number, b: number): number {
  const ax = p[a * 3]!;
  const ay = p[a * 3 + 1]!;
  const az = p[a * 3 + 2]!;
  const dx = p[b * 3]! - ax;
  const dy = p[b * 3 + 1]! - ay;
  const dz = p[b * 3 + 2]! - az;
  const px = p[i * 3]! - ax;
  const py = p[i * 3 + 1]! - ay;
  const pz = p[i * 3 + 2]! - az;
  const len2 = dx * dx + dy * dy + dz * dz;
  let t = len2 > 0 ? (px * dx + py * dy + pz * dz) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - t * dx;
  const ey = py - t * dy;
  const ez = pz - t * dz;
  return ex * ex + ey * ey + ez * ez;
}

/**
 * Chooses the vertices of a laid-out path worth drawing: greedily extends a chord from the
 * last kept vertex while every vertex it skips stays within `tolerance` of it (and it skips
 * fewer than `maxGap`). The first and last vertices are always kept. Linear in the vertex
 * count for zigzags, at most maxGap² per kept vertex for smooth curves.
 */
export function simplifyPath(
  positions: Float32Array,
  count: number,
  out: Simplified,
  tolerance = SIMPLIFY_TOLERANCE,
  maxGap = MAX_GAP,
): void {
  out.reserve(count);
  const { kept, keptBefore } = out;
  out.count = 0;
  if (count <= 0) return;
  const tol2 = tolerance * tolerance;
  let m = 0;
  let a = 0;
  kept[m++] = 0;
  let e = 2;
  while (e < count) {
    let fits = e - a <= maxGap;
    for (let i = a + 1; fits && i < e; i++) fits = segmentDistance2(positions, i, a, e) <= tol2;
    if (fits) {
      e++;
    } else {
      a = e - 1;
      kept[m++] = a;
      e = a + 2;
    }
  }
  if (count > 1) kept[m++] = count - 1;
  out.count = m;
  let k = 0;
  for (let v = 0; v < count; v++) {
    while (k + 1 < m && kept[k + 1]! <= v) k++;
    keptBefore[v] = k;
  }
}

/**
 * Picks the step dots worth drawing: a dot closer than `spacing` (world units, L1) to the last
 * one kept would only thicken the blob it overlaps, and a converged run piles hundreds onto one
 * spot. `rowDot[k]` gets the number of dots kept up to row k, minus one. Writes the kept dots
 * to the front of `dots` (x, y, z per dot) and returns how many there are.
 */
export function thinDots(
  dots: Float32Array,
  rows: number,
  spacing: number,
  rowDot: Int32Array,
): number {
  let n = 0;
  for (let k = 0; k < rows; k++) {
    const x = dots[k * 3]!;
    const y = dots[k * 3 + 1]!;
    const z = dots[k * 3 + 2]!;
    const last = (n - 1) * 3;
    const far =
      n === 0 ||
      Math.abs(x - dots[last]!) + Math.abs(y - dots[last + 1]!) + Math.abs(z - dots[last + 2]!) >=
        spacing;
    if (far) {
      dots[n * 3] = x;
      dots[n * 3 + 1] = y;
      dots[n * 3 + 2] = z;
      n++;
    }
    rowDot[k] = n - 1;
  }
  return n;
}
