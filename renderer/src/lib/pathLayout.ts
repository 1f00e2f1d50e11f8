/**
 * Lays a trajectory out in world space: one vertex per row (exact f), plus in 2D extra vertices
 * between rows so a step follows the surface (draping) instead of cutting through it. Rows after
 * the path leaves the drawing box (a diverging run) are not drawn.
 */
import type { SurfaceResult } from '../../../shared/protocol.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import type { ViewFrame } from './frame.ts';
import {
  HEIGHT,
  insidePathBox,
  PATH_CEILING,
  PATH_MARGIN,
  worldX,
  worldY,
  worldZ,
} from './frame.ts';
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
  /** Rows drawn (0..drawRows−1); fewer than `count` when the path leaves the drawing box. */
  drawRows: number;
  /** Vertices written to the path sink. */
  vertexCount: number;
}

/** Scratch arrays reused between layouts (grown on demand, never shrunk). */
export class PathScratch {
  /** rowVertex[k] = index of row k's vertex in the path. */
  rowVertex = new Int32Array(16);

  reserveRows(n: number): void {
    if (n > this.rowVertex.length)
      this.rowVertex = new Int32Array(Math.max(n, this.rowVertex.length * 2));
  }
}

/**
 * Writes the path into `path` (draped vertices) and `dots` (one vertex per row).
 * `surface` may be null (no draping: straight segments between rows), as for 1D curves.
 */
export function layoutPath(
  data: Float64Array,
  count: number,
  frame: ViewFrame,
  surface: SurfaceResult | null,
  scratch: PathScratch,
  path: VertexSink,
  dots: VertexSink,
  /** Drawing box margin in domain widths (see PATH_MARGIN / DIVERGED_MARGIN in frame.ts). */
  margin = PATH_MARGIN,
): PathLayout {
  // Rows inside the drawing box.
  let drawRows = 0;
  while (drawRows < count) {
    const b = drawRows * STRIDE;
    if (!insidePathBox(frame, data[b + COL.x]!, data[b + COL.y]!, margin)) break;
    drawRows++;
  }
  scratch.reserveRows(drawRows + 1);
  const drape = surface !== null && frame.dim === 2;
  const lift = drape ? PATH_LIFT : 0;
  const cell = drape
    ? (2 * Math.max(frame.halfX, frame.halfZ)) / Math.max(1, surface.nx - 1)
    : Infinity;

  // Pass 1: vertex index of every row, so buffers can be sized once.
  let vertices = 0;
  for (let k = 0; k < drawRows; k++) {
    scratch.rowVertex[k] = vertices;
    if (k === drawRows - 1) {
      vertices += 1;
      break;
    }
    let n = 1;
    if (drape) {
      const a = k * STRIDE;
      const dx = data[a + COL.ux]! * frame.scale;
      const dz = data[a + COL.uy]! * frame.scale;
      n = Math.min(MAX_SUBDIVISIONS, Math.max(1, Math.ceil(Math.hypot(dx, dz) / cell)));
    }
    vertices += n;
  }
  path.reserve(vertices);
  dots.reserve(drawRows);

  // Pass 2: write. Vertices closer than MIN_SEGMENT to the last one kept are merged into it:
  // a converged run piles hundreds of sub-pixel segments onto one spot, and each fat-line
  // segment is a quad, so drawing them all costs a lot of overdraw for nothing visible.
  let written = 0;
  let lx = NaN;
  let ly = NaN;
  let lz = NaN;
  const emit = (x: number, y: number, z: number): void => {
    if (written > 0 && Math.abs(x - lx) + Math.abs(y - ly) + Math.abs(z - lz) < MIN_SEGMENT) return;
    path.set(written++, x, y, z);
    lx = x;
    ly = y;
    lz = z;
  };
  for (let k = 0; k < drawRows; k++) {
    const a = k * STRIDE;
    const x = data[a + COL.x]!;
    const y = data[a + COL.y]!;
    const f = data[a + COL.f]!;
    const inside = insideDomain(frame, x, y);
    const h = worldY(frame, f, 0, inside ? HEIGHT : PATH_CEILING) + lift;
    const wx = worldX(frame, x);
    const wz = worldZ(frame, y);
    const n = k === drawRows - 1 ? 0 : scratch.rowVertex[k + 1]! - scratch.rowVertex[k]!;
    emit(wx, h, wz);
    scratch.rowVertex[k] = written - 1;
    dots.set(k, wx, h, wz);
    if (n <= 1) continue;
    const b = (k + 1) * STRIDE;
    const x1 = data[b + COL.x]!;
    const y1 = data[b + COL.y]!;
    const f1 = data[b + COL.f]!;
    for (let s = 1; s < n; s++) {
      const t = s / n;
      const sx = x + (x1 - x) * t;
      const sy = y + (y1 - y) * t;
      let sf = surface ? sampleSurface(surface, sx, sy) : NaN;
      const on = !Number.isNaN(sf);
      if (!on) sf = f + (f1 - f) * t;
      const sh = worldY(frame, sf, 0, on ? HEIGHT : PATH_CEILING) + lift;
      emit(worldX(frame, sx), sh, worldZ(frame, sy));
    }
  }
  return { drawRows, vertexCount: written };
}

function insideDomain(frame: ViewFrame, x: number, y: number): boolean {
  const { domain } = frame;
  return (
    x >= domain.x[0] &&
    x <= domain.x[1] &&
    (frame.dim === 1 || (y >= domain.y[0] && y <= domain.y[1]))
  );
}

/**
 * The playhead's place on a laid-out path: the last whole vertex before it and the fraction
 * towards the next. Written into `out` ([vertex, fraction]) to avoid allocating per frame.
 */
export function locateOnPath(
  position: number,
  drawRows: number,
  rowVertex: Int32Array,
  out: Float64Array,
): void {
  if (drawRows <= 0) {
    out[0] = 0;
    out[1] = 0;
    return;
  }
  let k = Math.floor(position + 1e-9);
  if (k < 0) k = 0;
  if (k >= drawRows - 1) {
    out[0] = rowVertex[drawRows - 1]!;
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
