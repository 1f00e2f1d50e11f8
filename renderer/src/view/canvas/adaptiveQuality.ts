/**
 * Adaptive quality while interacting, the decision alone (no three.js, no DOM): frame times in,
 * the render resolution out.
 *
 * While the user drags (a slider, the start point, the camera), each drawn frame's time is fed
 * to {@link afterFrame}. When the typical (median) time of the last few frames exceeds the frame
 * budget, quality steps down one level (first the static layer cache, staticLayer.ts: the
 * surface and its contours drawn once and reused while they do not change; then 1 → 0.75 → 0.5
 * of the full pixel ratio; then the surface mesh with every other grid line, a quarter of its
 * triangles); it
 * steps back up only when frames take less than half the budget, far enough below it that the
 * finer level does not at once prove too slow again. A machine that keeps up never leaves full
 * resolution. On release {@link targetRatio} is the full ratio again: the next frame, a still,
 * is drawn at full quality; the next interaction starts at the level this one reached
 * ({@link resumeFrom}).
 */
import type { InteractionQuality } from '../../store/types.ts';

/**
 * One step of quality: whether the static layer is drawn from its cache, a fraction of the full
 * pixel ratio and the surface mesh's grid stride.
 */
export interface Level {
  staticCache: boolean;
  ratio: number;
  /** 1: every grid vertex; 2: every other grid line (a quarter of the triangles). */
  meshStride: 1 | 2;
}

/**
 * The steps, finest first. The cache comes first because it changes next to nothing on screen;
 * the mesh is thinned only once the resolution is at its lowest.
 */
export const LEVELS: readonly Level[] = [
  { staticCache: false, ratio: 1, meshStride: 1 },
  { staticCache: true, ratio: 1, meshStride: 1 },
  { staticCache: true, ratio: 0.75, meshStride: 1 },
  { staticCache: true, ratio: 0.5, meshStride: 1 },
  { staticCache: true, ratio: 0.5, meshStride: 2 },
];

/**
 * A frame slower than this (ms) is too slow for a live feel: 40 frames a second. Above a
 * 60 Hz display's 16.7 ms with room for its jitter, so a machine that keeps up with the display
 * is never made to lower anything.
 */
export const FRAME_BUDGET_MS = 25;

/** Frames judged together: one slow frame (a shader compiled, a big answer) decides nothing. */
export const WINDOW = 4;

/** Frames must be below this share of the budget before a finer level is tried. */
const RAISE_BELOW = 0.5;

/** Where the controller stands: the level (index into {@link LEVELS}) and recent frame times. */
export interface Quality {
  level: number;
  samples: readonly number[];
}

/** Full resolution, nothing measured: the state at rest and after every release. */
export const FULL: Quality = Object.freeze({ level: 0, samples: Object.freeze([]) });

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The state after a frame that took `frameMs` while interacting. Changing level forgets the
 * samples: frames at the old resolution say nothing about the new one.
 */
export function afterFrame(
  quality: Quality,
  frameMs: number,
  budget: number = FRAME_BUDGET_MS,
): Quality {
  if (!Number.isFinite(frameMs) || frameMs < 0) return quality;
  const samples = [...quality.samples, frameMs].slice(-WINDOW);
  if (samples.length < WINDOW) return { level: quality.level, samples };
  const typical = median(samples);
  if (typical > budget && quality.level < LEVELS.length - 1) {
    return { level: quality.level + 1, samples: [] };
  }
  if (typical < budget * RAISE_BELOW && quality.level > 0) {
    return { level: quality.level - 1, samples: [] };
  }
  return { level: quality.level, samples };
}

/**
 * The state the next interaction starts in, given the one the last ended in: at the level it
 * had reached, with nothing measured. A machine's speed rarely changes from one drag to the
 * next, so each drag after the first does not pay again for the slow frames that found the
 * level; where frames turn out fast (a lighter scene) it steps back up as usual.
 */
export function resumeFrom(last: Quality): Quality {
  return last.level === 0 ? FULL : { level: last.level, samples: [] };
}

/**
 * The pixel ratio to draw at: `full` (the canvas's own ratio) unless the setting is `auto` and
 * the user is interacting, then the controller's level of it.
 */
export function targetRatio(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
  full: number,
): number {
  if (setting !== 'auto' || !interacting) return full;
  return full * (LEVELS[quality.level]?.ratio ?? 1);
}

/** The surface mesh's grid stride to draw with, under the same rule as {@link targetRatio}. */
export function targetMeshStride(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
): 1 | 2 {
  if (setting !== 'auto' || !interacting) return 1;
  return LEVELS[quality.level]?.meshStride ?? 1;
}

/** Whether the static layer is drawn from its cache, under the same rule as {@link targetRatio}. */
export function targetStaticCache(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
): boolean {
  if (setting !== 'auto' || !interacting) return false;
  return LEVELS[quality.level]?.staticCache ?? false;
}

/**
 * Key in a geometry's `userData` of its {@link MeshDetail}: a surface mesh that adaptive quality
 * may thin carries one (SurfaceMesh); the on-screen canvas swaps the index through it.
 */
export const MESH_DETAIL = 'descentMeshDetail';

/** The index to draw a geometry with at a mesh stride (the same attribute each time asked). */
export type MeshDetail<Index> = (stride: 1 | 2) => Index;
