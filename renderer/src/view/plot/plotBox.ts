/**
 * The plot box: the part of (x, y, f) space a function plot shows. For a surface that is the
 * domain in x and y (heights inside it are drawn on the surface, clamped like the surface
 * itself); for a curve, the domain in x and the f range up to the frame's top. Paths are clipped
 * to the box; where a run leaves it the view draws an off-plot marker and the panels say "left
 * the plot at step k".
 *
 * Computed once per trajectory and frame ({@link plotExitOf} caches it), in math coordinates.
 */
import type { TrajectoryResult } from '../../../../shared/protocol.ts';
import { COL, STRIDE } from '../../../../shared/types.ts';
import type { Domain } from '../../../../shared/types.ts';
import type { ViewFrame } from './frame.ts';

/** Where a run leaves the plot box. */
export interface PlotExit {
  /** First row outside the box (0 when the start itself is outside). */
  step: number;
  /**
   * How far along the step from row `step − 1` to row `step` the path reaches the box edge
   * (0 < fraction ≤ 1); 0 when the start is outside.
   */
  fraction: number;
  /** The crossing point on the box edge (math coordinates; y is 0 for a curve). */
  x: number;
  y: number;
  /** For a curve: f at the crossing (on the chord between the rows). NaN for a surface. */
  f: number;
  /**
   * Direction the run was going, unit length, in the plot's plane and world proportions:
   * (x, y) for a surface, (x, f) scaled by the frame for a curve.
   */
  dirX: number;
  dirY: number;
}

/** Whether row `k` of a trajectory lies inside the frame's plot box. */
export function rowInside(frame: ViewFrame, data: Float64Array, k: number): boolean {
  const b = k * STRIDE;
  return pointInside(frame, data[b + COL.x]!, data[b + COL.y]!, data[b + COL.f]!);
}

/** Whether (x, y, f) lies inside the plot box (see the file comment). */
export function pointInside(frame: ViewFrame, x: number, y: number, f: number): boolean {
  const { domain } = frame;
  if (!(x >= domain.x[0] && x <= domain.x[1])) return false;
  if (frame.dim === 2) return y >= domain.y[0] && y <= domain.y[1];
  // A curve's box ends at the frame's top; below its bottom the path is drawn on the floor.
  return f <= topOf(frame);
}

/** Highest f inside a curve's box (a hair above the frame's top, against rounding). */
function topOf(frame: ViewFrame): number {
  return frame.fHigh + (frame.fHigh - frame.fLow) * 1e-9;
}

/**
 * The first place a trajectory leaves the plot box, or null when it stays inside. Only the
 * first exit counts: a run that comes back has still left the figure once.
 */
export function findPlotExit(data: Float64Array, count: number, frame: ViewFrame): PlotExit | null {
  let k = 0;
  while (k < count && rowInside(frame, data, k)) k++;
  if (k >= count) return null;
  const b = k * STRIDE;
  const x1 = data[b + COL.x]!;
  const y1 = frame.dim === 2 ? data[b + COL.y]! : 0;
  const f1 = data[b + COL.f]!;
  if (k === 0) {
    // Started outside: mark the nearest point of the box, pointing from its centre outwards.
    const x = clamp(x1, frame.domain.x);
    const y = frame.dim === 2 ? clamp(y1, frame.domain.y) : 0;
    const f = frame.dim === 2 ? NaN : Math.min(f1, frame.fHigh);
    const dx = (x1 - frame.cx) * frame.scale;
    const dy = frame.dim === 2 ? (y1 - frame.cy) * frame.scale : (f1 - f) * frame.fScale;
    return { step: 0, fraction: 0, x, y, f, ...unit(dx, dy) };
  }
  const a = (k - 1) * STRIDE;
  const x0 = data[a + COL.x]!;
  const y0 = frame.dim === 2 ? data[a + COL.y]! : 0;
  const f0 = data[a + COL.f]!;
  const { domain } = frame;
  // Largest t in (0, 1] for which the chord from row k−1 to row k is still in the box.
  let t = 1;
  t = Math.min(t, exitAlong(x0, x1, domain.x[0], domain.x[1]));
  if (frame.dim === 2) t = Math.min(t, exitAlong(y0, y1, domain.y[0], domain.y[1]));
  else if (f1 > f0) t = Math.min(t, (topOf(frame) - f0) / (f1 - f0));
  t = t > 0 ? (t <= 1 ? t : 1) : 0;
  const x = clamp(x0 + (x1 - x0) * t, domain.x);
  const y = frame.dim === 2 ? clamp(y0 + (y1 - y0) * t, domain.y) : 0;
  const f = frame.dim === 2 ? NaN : Math.min(f0 + (f1 - f0) * t, frame.fHigh);
  const direction =
    frame.dim === 2
      ? unit(x1 - x0, y1 - y0)
      : unit((x1 - x0) * frame.scale, (f1 - f0) * frame.fScale);
  return { step: k, fraction: t, x, y, f, ...direction };
}

/** Parameter where v0 + (v1 − v0)·t leaves [lo, hi] (Infinity when it does not). */
function exitAlong(v0: number, v1: number, lo: number, hi: number): number {
  if (v1 > hi && v1 > v0) return (hi - v0) / (v1 - v0);
  if (v1 < lo && v1 < v0) return (lo - v0) / (v1 - v0);
  return Infinity;
}

function clamp(v: number, range: readonly [number, number]): number {
  return v < range[0] ? range[0] : v > range[1] ? range[1] : v;
}

function unit(dx: number, dy: number): { dirX: number; dirY: number } {
  const n = Math.hypot(dx, dy);
  return n > 0 ? { dirX: dx / n, dirY: dy / n } : { dirX: 0, dirY: 1 };
}

// Trajectories and frames are replaced, never mutated: one answer per pair.
const exits = new WeakMap<TrajectoryResult, { frame: ViewFrame; exit: PlotExit | null }>();

/** {@link findPlotExit} for a computed trajectory, remembered per trajectory and frame. */
export function plotExitOf(
  trajectory: TrajectoryResult | undefined,
  frame: ViewFrame | null,
): PlotExit | null {
  if (!trajectory || !frame || trajectory.count === 0 || trajectory.dim !== frame.dim) return null;
  const cached = exits.get(trajectory);
  if (cached && cached.frame === frame) return cached.exit;
  const exit = findPlotExit(trajectory.data, trajectory.count, frame);
  exits.set(trajectory, { frame, exit });
  return exit;
}

/** The step at which a run leaves the plot, or null when it stays inside. */
export function leftPlotAt(
  trajectory: TrajectoryResult | undefined,
  frame: ViewFrame | null,
): number | null {
  return plotExitOf(trajectory, frame)?.step ?? null;
}

/** A point (one coordinate per variable) pulled into the domain, e.g. a start picked on the view. */
export function clampToDomain(point: readonly number[], domain: Domain): number[] {
  return point.map((v, i) => clamp(v, i === 0 ? domain.x : domain.y));
}
