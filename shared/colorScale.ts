/**
 * How heights become colours: the scene's colour scale (linear, log, or auto) resolved for one
 * grid into a {@link ColorMapping} from f to a position t ∈ [0, 1] on the colour map. The mesh's
 * shape never changes with the scale; only its colours, the contour levels and the colour bar's
 * ticks do.
 *
 * The log scale logs f shifted by the grid's minimum, f − lo + floor, so it copes with f ≤ 0.
 * The floor is where the lowest 1 % of the grid lies above the minimum, kept between 10⁻⁶ and
 * 10⁻² of the range: the deepest part of a valley gets the first colour and every decade above it
 * its own band (Rosenbrock: about four decades, Beale: five).
 *
 * Pure numbers, shared by the view (renderer/src/view/surface/colorScale.ts) and the solver,
 * which contours a grid on the log scale the view will colour it with (off the main thread).
 */
import type { ColorScale } from './scene/document.ts';

/** The p-quantile (0 ≤ p ≤ 1) of already sorted numbers. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const at = Math.min(n - 1, Math.max(0, Math.floor(p * (n - 1))));
  return sorted[at]!;
}

/**
 * The f range drawn in the view's box, from the finite heights in ascending order. Uses
 * [min, max] unless the top is a thin spike: when the top 2 % of samples reach further than
 * 1.5 × the rest of the range, the 98th percentile becomes the top and the spike is clamped. A
 * constant f gets a unit range.
 */
export function heightRangeOfSorted(sorted: ArrayLike<number>): [number, number] {
  if (sorted.length === 0) return [0, 1];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (!(max > min)) return [min, min + 1];
  const p98 = quantileSorted(sorted, 0.98);
  const top = max - p98 > 1.5 * (p98 - min) && p98 > min ? p98 : max;
  return [min, top];
}

/** A scale once `auto` has been decided. */
export type ResolvedScale = 'linear' | 'log';

/**
 * `auto` picks log when the grid's median height lies in the lowest tenth of the drawn range:
 * more than half of the surface would then share the bottom tenth of the colours. Built-in
 * surfaces: Rosenbrock 6 %, Beale 0.2 % (log); Himmelblau 13 %, x² + xy 19 %, bowl 32 %,
 * saddle 50 % (linear; Himmelblau is log by its own flag).
 */
export const AUTO_LOG_MEDIAN = 0.1;

/** Bounds of the log floor, as shares of the range (see the file comment). */
const FLOOR_MIN = 1e-6;
const FLOOR_MAX = 1e-2;
/** Share of the grid the floor leaves below the first colour band. */
const FLOOR_QUANTILE = 0.01;

/** From f to a position on the colour map. */
export interface ColorMapping {
  scale: ResolvedScale;
  /** f at t = 0 and t = 1 (the view frame's range; values outside are clamped). */
  lo: number;
  hi: number;
  /** Log scale: the shift added to f − lo before taking the log (0 for linear). */
  floor: number;
  /** ln(1 + (hi − lo) / floor) for log, hi − lo for linear: t's denominator. */
  span: number;
}

/** A mapping from explicit parts (tests, and the colour bar of a grid). */
export function makeMapping(scale: ResolvedScale, lo: number, hi: number, floor = 0): ColorMapping {
  const range = hi > lo ? hi - lo : 1;
  if (scale === 'linear') return { scale, lo, hi: lo + range, floor: 0, span: range };
  const f = floor > 0 ? floor : range * FLOOR_MIN;
  return { scale, lo, hi: lo + range, floor: f, span: Math.log1p(range / f) };
}

/** Position of f on the colour map, clamped to [0, 1]; NaN maps to 0. Allocates nothing. */
export function colorT(m: ColorMapping, f: number): number {
  if (!(f > m.lo)) return 0;
  const t = m.scale === 'log' ? Math.log1p((f - m.lo) / m.floor) / m.span : (f - m.lo) / m.span;
  return t < 1 ? t : 1;
}

/** The f at position t (the inverse of {@link colorT} inside the range). */
export function colorF(m: ColorMapping, t: number): number {
  return m.scale === 'log' ? m.lo + m.floor * Math.expm1(t * m.span) : m.lo + t * m.span;
}

/** The `auto` rule on sorted heights and the drawn range (see {@link AUTO_LOG_MEDIAN}). */
export function autoScale(sorted: ArrayLike<number>, lo: number, hi: number): ResolvedScale {
  if (sorted.length === 0 || !(hi > lo)) return 'linear';
  const median = quantileSorted(sorted, 0.5);
  return (median - lo) / (hi - lo) < AUTO_LOG_MEDIAN ? 'log' : 'linear';
}

/** The log floor for sorted heights over [lo, hi] (see the file comment). */
export function logFloor(sorted: ArrayLike<number>, lo: number, hi: number): number {
  const range = hi > lo ? hi - lo : 1;
  const q = sorted.length > 0 ? quantileSorted(sorted, FLOOR_QUANTILE) - lo : 0;
  return Math.min(range * FLOOR_MAX, Math.max(range * FLOOR_MIN, q));
}

/**
 * Resolves the scene's setting for sorted heights over [lo, hi]: `auto` takes the surface's own
 * preference (`preferred`, from ProblemInfo.colorScale) when it has one, else the height rule.
 */
export function resolveMapping(
  setting: ColorScale,
  preferred: 'log' | null,
  sorted: ArrayLike<number>,
  lo: number,
  hi: number,
): ColorMapping {
  const scale: ResolvedScale =
    setting === 'auto' ? (preferred ?? autoScale(sorted, lo, hi)) : setting;
  return makeMapping(scale, lo, hi, scale === 'log' ? logFloor(sorted, lo, hi) : 0);
}

/**
 * `count` contour levels evenly spaced in colour (t = k / (count + 1)), so on a log scale every
 * decade gets its share of rings and a deep valley shows rings instead of one colour.
 */
export function contourLevels(m: ColorMapping, count: number): number[] {
  const n = Math.floor(count);
  const out: number[] = [];
  for (let k = 1; k <= n; k++) out.push(colorF(m, k / (n + 1)));
  return out;
}
