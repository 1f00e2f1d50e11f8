/**
 * Timeline arithmetic. The animation is a pure function of the timeline position (in steps,
 * fractional between rows), never of wall time, so the same position always draws the same
 * picture — which is what frame-exact export needs later.
 */
import { COL, STRIDE } from '../../../shared/types.ts';

/** The row at or before a fractional position, clamped to the rows that exist. */
export function rowAt(position: number, count: number): number {
  if (count <= 0) return 0;
  // The small epsilon keeps 2.9999999 (accumulated float error while playing) on row 3.
  const k = Math.floor(position + 1e-9);
  return k < 0 ? 0 : k > count - 1 ? count - 1 : k;
}

/**
 * Writes θ(position) = linear interpolation between rows ⌊position⌋ and ⌊position⌋+1 into out
 * as [x, y, f]. Past the last row it holds the last row. Allocates nothing (runs every frame).
 */
export function interpolateRow(
  data: Float64Array,
  count: number,
  position: number,
  out: Float64Array,
): void {
  if (count <= 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const k = rowAt(position, count);
  const next = k + 1 < count ? k + 1 : k;
  let t = position - k;
  if (t < 0 || next === k) t = 0;
  if (t > 1) t = 1;
  const a = k * STRIDE;
  const b = next * STRIDE;
  out[0] = data[a + COL.x]! + (data[b + COL.x]! - data[a + COL.x]!) * t;
  out[1] = data[a + COL.y]! + (data[b + COL.y]! - data[a + COL.y]!) * t;
  out[2] = data[a + COL.f]! + (data[b + COL.f]! - data[a + COL.f]!) * t;
}

/**
 * Moves the playhead by speed·dt steps. At the end it either wraps to the start (loop) or stays
 * there; a non-looping caller stops playing once the result equals `end`. Returns a number (not
 * an object) because it runs every frame.
 */
export function advance(
  position: number,
  dt: number,
  speed: number,
  end: number,
  loop: boolean,
): number {
  if (end <= 0) return 0;
  const next = position + speed * dt;
  if (next < end) return next < 0 ? 0 : next;
  if (loop && next > end) return (next - end) % end;
  return end;
}

/** Clamps a position to [0, end]. */
export function clampPosition(position: number, end: number): number {
  if (!(position > 0)) return 0;
  return position > end ? end : position;
}
