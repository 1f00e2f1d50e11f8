/**
 * The view frame: how math coordinates (x, y, f) map to three.js world coordinates.
 *
 * World axes: math x → world +X, math y → world −Z, f → world +Y (so (x, y, f) stays a
 * right-handed system with "up" being up). The domain is scaled uniformly into a box of half-width
 * {@link BOX_HALF}: x and y share one scale so angles survive — the gradient really looks
 * perpendicular to the contour lines. Heights are normalised so the visible range of f spans
 * [0, {@link HEIGHT}]; values above a robust top are clamped, so one huge corner (Beale reaches
 * 10⁵) does not flatten everything else.
 */
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import type { Dim, Domain } from '../../../../shared/types.ts';
import { heightRangeOfSorted, quantileSorted } from '../../../../shared/colorScale.ts';

// Shared with the solver, which sorts the heights and contours log scales off the main thread.
export { heightRangeOfSorted, quantileSorted };

/** Half the world width of the longer domain side. */
export const BOX_HALF = 1;
/** World height of the visible f range. */
export const HEIGHT = 1.2;
/** World height of the floor plane that carries the projected contours (below the surface). */
export const FLOOR_Y = -0.35;
/** Everything needed to convert between math and world coordinates. */
export interface ViewFrame {
  /** 1: a curve y = f(x) in the XY plane; 2: a surface over the XZ plane. */
  dim: Dim;
  /** The domain the frame was built for. */
  domain: Domain;
  /** Centre of the domain (math units). */
  cx: number;
  cy: number;
  /** World units per math unit, the same for x and y. */
  scale: number;
  /** The f value drawn at height 0. */
  fLow: number;
  /** The f value drawn at height HEIGHT; larger values are clamped. */
  fHigh: number;
  /** World units per unit of f. */
  fScale: number;
  /** World half-extent of the domain along X and Z. */
  halfX: number;
  halfZ: number;
}

/**
 * Chooses the f range drawn in the box. Uses [min, max] unless the top is a thin spike: when
 * the top 2 % of samples reach further than 1.5 × the rest of the range, the 98th percentile
 * becomes the top and the spike is clamped. A constant f gets a unit range.
 */
export function heightRange(values: ArrayLike<number>, valid: ArrayLike<number>): [number, number] {
  const finite: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (valid[k] === 1 && Number.isFinite(v)) finite.push(v);
  }
  return heightRangeOfSorted(Float64Array.from(finite).sort());
}

/** Builds the frame for a domain and an f range. */
export function makeFrame(dim: Dim, domain: Domain, fLow: number, fHigh: number): ViewFrame {
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const spanX = x1 - x0;
  const spanY = dim === 2 ? y1 - y0 : 0;
  const scale = (2 * BOX_HALF) / Math.max(spanX, spanY);
  const range = fHigh > fLow ? fHigh - fLow : 1;
  return {
    dim,
    domain,
    cx: (x0 + x1) / 2,
    cy: dim === 2 ? (y0 + y1) / 2 : 0,
    scale,
    fLow,
    fHigh: fLow + range,
    fScale: HEIGHT / range,
    halfX: (spanX * scale) / 2,
    halfZ: (spanY * scale) / 2,
  };
}

// Grids are replaced, never mutated, so each one's frame is built once and shared by every
// piece of the view that draws it.
const frames = new WeakMap<SurfaceResult, ViewFrame>();

/** The frame for a computed grid (a curve when it has one row), or null before there is one. */
export function frameOf(surface: SurfaceResult | null): ViewFrame | null {
  if (!surface) return null;
  let frame = frames.get(surface);
  if (!frame) {
    const [low, high] = surface.sorted
      ? heightRangeOfSorted(surface.sorted)
      : heightRange(surface.values, surface.valid);
    frame = makeFrame(surface.ny === 1 ? 1 : 2, surface.domain, low, high);
    frames.set(surface, frame);
  }
  return frame;
}

/** World X of math x. */
export function worldX(frame: ViewFrame, x: number): number {
  return (x - frame.cx) * frame.scale;
}

/** World Z of math y (math y points into the screen in the default view, i.e. world −Z). */
export function worldZ(frame: ViewFrame, y: number): number {
  return frame.dim === 2 ? -(y - frame.cy) * frame.scale : 0;
}

/** Unclamped world height of f (may leave the box). */
export function rawWorldY(frame: ViewFrame, f: number): number {
  return (f - frame.fLow) * frame.fScale;
}

/** World height of f clamped to [lo, hi] (default: the box). NaN maps to `hi`. */
export function worldY(frame: ViewFrame, f: number, lo = 0, hi = HEIGHT): number {
  const y = rawWorldY(frame, f);
  return y >= lo ? (y <= hi ? y : hi) : y < lo ? lo : hi;
}

/** Math x of world X. */
export function mathX(frame: ViewFrame, wx: number): number {
  return wx / frame.scale + frame.cx;
}

/** Math y of world Z. */
export function mathY(frame: ViewFrame, wz: number): number {
  return -wz / frame.scale + frame.cy;
}

/** f value at a world height (inverse of rawWorldY). */
export function mathF(frame: ViewFrame, wy: number): number {
  return wy / frame.fScale + frame.fLow;
}
