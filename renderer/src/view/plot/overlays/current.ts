/**
 * The selected run's current row (the point the overlays and the readout describe), read from
 * the store into a reusable object so overlays can call it every frame without allocating.
 */
import { COL, STRIDE } from '../../../../../shared/types.ts';
import { frameOf, makeFrame } from '../frame.ts';
import type { ViewFrame } from '../frame.ts';
import { rowAt } from '../../../store/timeline.ts';
import type { AppState } from '../../../store/types.ts';

/** θ_k and what the trajectory recorded there. */
export interface CurrentRow {
  runId: string;
  /** Row index k. */
  row: number;
  /** Rows in the trajectory. */
  count: number;
  x: number;
  y: number;
  f: number;
  gx: number;
  gy: number;
  /** The update θ_{k+1} − θ_k (0 on the last row). */
  ux: number;
  uy: number;
  /** Trajectory version the row was read from (changes when the run is recomputed). */
  version: number;
  frame: ViewFrame;
}

const PLACEHOLDER_FRAME = makeFrame(2, { x: [-1, 1], y: [-1, 1] }, 0, 1);

/** A reusable CurrentRow (filled by {@link readCurrentRow}). */
export function emptyRow(): CurrentRow {
  return {
    runId: '',
    row: -1,
    count: 0,
    x: 0,
    y: 0,
    f: 0,
    gx: 0,
    gy: 0,
    ux: 0,
    uy: 0,
    version: -1,
    frame: PLACEHOLDER_FRAME,
  };
}

/**
 * Fills `out` with the selected run's row at the playhead; returns false when there is nothing
 * to show (no selection, hidden run, no trajectory or no frame).
 */
export function readCurrentRow(state: AppState, out: CurrentRow): boolean {
  const { scene, trajectories } = state;
  const frame = frameOf(state.surface);
  const id = scene.selectedRunId;
  if (!id || !frame) return false;
  const t = trajectories[id];
  if (!t || t.count === 0) return false;
  // A loop, not runs.find(callback): this runs every frame and must not allocate a closure.
  let visible = false;
  for (let i = 0; i < scene.runs.length; i++) {
    const run = scene.runs[i]!;
    if (run.id === id) {
      visible = run.visible;
      break;
    }
  }
  if (!visible) return false;
  const k = rowAt(state.runtime.playhead.position, t.count);
  const b = k * STRIDE;
  out.runId = id;
  out.row = k;
  out.count = t.count;
  out.x = t.data[b + COL.x]!;
  out.y = t.data[b + COL.y]!;
  out.f = t.data[b + COL.f]!;
  out.gx = t.data[b + COL.gx]!;
  out.gy = t.data[b + COL.gy]!;
  out.ux = t.data[b + COL.ux]!;
  out.uy = t.data[b + COL.uy]!;
  out.version = state.trajectoryVersion;
  out.frame = frame;
  return true;
}
