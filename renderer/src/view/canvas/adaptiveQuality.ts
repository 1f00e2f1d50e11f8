/**
 * Adaptive quality while interacting, the decision alone (no three.js, no DOM): frame times in,
 * the render resolution out.
 *
 * While the user drags (a slider, the start point, the camera), each drawn frame's time is fed
 * to {@link afterFrame}. When the typical (median) time of the last few frames exceeds the frame
 * budget, quality steps down one level (first the static layer cache, staticLayer.ts: the
 * surface and its contours drawn once and reused while they do not change; then 1 → 0.75 → 0.5
 * of the full pixel ratio; then the surface mesh with every other grid line, a quarter of its
 * triangles, and the moving objects in their light forms, see {@link LIGHT_DETAIL}; last 0.35
 * of the full ratio); it steps back up only when frames take less than half the budget, far
 * enough below it that the finer level does not at once prove too slow again. A machine that
 * keeps up never leaves full resolution. On release {@link targetRatio} is the full ratio
 * again: the next frame, a still, is drawn at full quality; the next interaction starts at the
 * level this one reached ({@link resumeFrom}).
 */
import type { InteractionQuality } from '../../store/types.ts';

/**
 * One step of quality: whether the static layer is drawn from its cache, a fraction of the full
 * pixel ratio, the surface mesh's grid stride, and whether the moving objects are drawn light.
 */
export interface Level {
  staticCache: boolean;
  ratio: number;
  /** 1: every grid vertex; 2: every other grid line (a quarter of the triangles). */
  meshStride: 1 | 2;
  /** The moving objects' light forms (see {@link LIGHT_DETAIL}). */
  light: boolean;
}

/**
 * The steps, finest first. The cache comes first because it changes next to nothing on screen;
 * geometry is thinned only once the resolution is at 0.5; 0.35, where the view's text turns
 * soft, is the last resort. (A fast η drag of the latency benchmark's scene on a software
 * renderer reaches it: its frames stay at two to three times the budget; BENCHMARKS.md.)
 */
export const LEVELS: readonly Level[] = [
  { staticCache: false, ratio: 1, meshStride: 1, light: false },
  { staticCache: true, ratio: 1, meshStride: 1, light: false },
  { staticCache: true, ratio: 0.75, meshStride: 1, light: false },
  { staticCache: true, ratio: 0.5, meshStride: 1, light: false },
  { staticCache: true, ratio: 0.5, meshStride: 2, light: true },
  { staticCache: true, ratio: 0.35, meshStride: 2, light: true },
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
 * The level to draw at: the controller's while the setting is `auto` and the user is
 * interacting, else full quality (at rest, and always with "Always full").
 */
export function drawnLevel(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
): Level {
  if (setting !== 'auto' || !interacting) return LEVELS[0]!;
  return LEVELS[quality.level] ?? LEVELS[0]!;
}

/** The pixel ratio to draw at: that of {@link drawnLevel} times `full`, the canvas's own. */
export function targetRatio(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
  full: number,
): number {
  return full * drawnLevel(setting, interacting, quality).ratio;
}

/** The surface mesh's grid stride to draw with (see {@link drawnLevel}). */
export function targetMeshStride(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
): 1 | 2 {
  return drawnLevel(setting, interacting, quality).meshStride;
}

/** Whether the static layer is drawn from its cache (see {@link drawnLevel}). */
export function targetStaticCache(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
): boolean {
  return drawnLevel(setting, interacting, quality).staticCache;
}

/** Whether the moving objects are drawn light (see {@link drawnLevel}). */
export function targetLight(
  setting: InteractionQuality,
  interacting: boolean,
  quality: Quality,
): boolean {
  return drawnLevel(setting, interacting, quality).light;
}

/**
 * Key in an object's `userData` of its {@link LightDetail}: an object with a lighter form that
 * looks the same at a lowered resolution carries one (a run's ball: a sphere of fewer facets;
 * an opaque fat line: a plain 1 px line where it is that thin, else no duplicate round cap at
 * each joint, see fatLines.ts). The on-screen canvas switches it before each frame.
 */
export const LIGHT_DETAIL = 'descentLightDetail';

/**
 * Switches an object to its light form (true) or back to its full one; `pixelRatio` is the
 * canvas's pixel ratio for the frame (a form may depend on how many pixels it covers).
 */
export type LightDetail = (light: boolean, pixelRatio: number) => void;

/**
 * Key in a geometry's `userData` of its {@link MeshDetail}: a surface mesh that adaptive quality
 * may thin carries one (SurfaceMesh); the on-screen canvas swaps the index through it.
 */
export const MESH_DETAIL = 'descentMeshDetail';

/** The index to draw a geometry with at a mesh stride (the same attribute each time asked). */
export type MeshDetail<Index> = (stride: 1 | 2) => Index;
