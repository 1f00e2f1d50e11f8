/**
 * §2's picture of f with its derivatives: where f′ is zero (the critical points, where the
 * tangent is flat) and what f″ says there (peak, valley or flat). Pure TypeScript.
 */
import { curveFunction } from './secant.ts';
import type { CurveFunction } from './secant.ts';

/** What f″ says at a critical point: f curves down (peak), up (valley), or neither (flat). */
export type CriticalKind = 'peak' | 'valley' | 'flat';

export interface CriticalPoint {
  x: number;
  /** f(x). */
  f: number;
  /** f″(x). */
  second: number;
  kind: CriticalKind;
  /** True when f′ touches 0 without changing sign (as x³ at 0). */
  touch: boolean;
}

/** Grid intervals of the search (f′ is sampled at GRID + 1 points). */
const GRID = 2000;

/** Kind of a critical point from f″ (relative to the size of f″ around it). */
function kindOf(second: number, scale: number): CriticalKind {
  if (!Number.isFinite(second) || Math.abs(second) <= 1e-9 * Math.max(1, scale)) return 'flat';
  return second < 0 ? 'peak' : 'valley';
}

/**
 * The critical points of f on [lo, hi], left to right: f′ is sampled on a fine grid, each sign
 * change is narrowed by bisection (a jump of f′ across a pole, where |f′| grows instead of
 * vanishing, is not one), and a grid point where |f′| dips to (nearly) 0 without a sign change
 * is refined by a ternary search and kept when f′ is 0 there to rounding.
 */
export function criticalPoints(curve: CurveFunction, lo: number, hi: number): CriticalPoint[] {
  if (!(hi > lo)) return [];
  const xs = new Float64Array(GRID + 1);
  const gs = new Float64Array(GRID + 1);
  let scale = 0;
  let secondScale = 0;
  for (let i = 0; i <= GRID; i++) {
    const x = i === GRID ? hi : lo + ((hi - lo) * i) / GRID;
    xs[i] = x;
    gs[i] = curve.df(x);
    if (Number.isFinite(gs[i]!)) scale = Math.max(scale, Math.abs(gs[i]!));
    const s = curve.d2f(x);
    if (Number.isFinite(s)) secondScale = Math.max(secondScale, Math.abs(s));
  }
  const roots: number[] = [];
  const push = (x: number): void => {
    const last = roots[roots.length - 1];
    // One point per root, even when a grid point lands on it (0 at x[i], sign change after).
    if (last !== undefined && Math.abs(x - last) <= ((hi - lo) / GRID) * 1.5) return;
    roots.push(x);
  };
  for (let i = 0; i <= GRID; i++) {
    const g = gs[i]!;
    if (!Number.isFinite(g)) continue;
    if (g === 0) {
      push(xs[i]!);
      continue;
    }
    if (i < GRID) {
      const next = gs[i + 1]!;
      if (Number.isFinite(next) && next !== 0 && Math.sign(next) !== Math.sign(g)) {
        const x = bisect(curve.df, xs[i]!, xs[i + 1]!, g);
        const at = Math.abs(curve.df(x));
        if (at <= Math.max(Math.abs(g), Math.abs(next))) push(x);
        continue;
      }
    }
    // A touch: |f′| has a local minimum at this grid point with no sign change around it.
    if (i > 0 && i < GRID) {
      const before = gs[i - 1]!;
      const after = gs[i + 1]!;
      if (
        Number.isFinite(before) &&
        Number.isFinite(after) &&
        Math.sign(before) === Math.sign(g) &&
        Math.sign(after) === Math.sign(g) &&
        Math.abs(g) <= Math.abs(before) &&
        Math.abs(g) < Math.abs(after)
      ) {
        const x = ternaryMinAbs(curve.df, xs[i - 1]!, xs[i + 1]!);
        if (Math.abs(curve.df(x)) <= 1e-7 * Math.max(1, scale)) push(x);
      }
    }
  }
  return roots.map((x) => {
    const second = curve.d2f(x);
    const left = curve.df(x - (hi - lo) / GRID);
    const right = curve.df(x + (hi - lo) / GRID);
    const touch = sameSide(left, right);
    return { x, f: curve.f(x), second, kind: kindOf(second, secondScale), touch };
  });
}

/** f′ keeps its sign on both sides (a touch, not a crossing). */
function sameSide(left: number, right: number): boolean {
  return left !== 0 && right !== 0 && Math.sign(left) === Math.sign(right);
}

/** A root of g in [a, b] where g changes sign (g(a) = ga), to the last bit. */
function bisect(g: (x: number) => number, a: number, b: number, ga: number): number {
  let lo = a;
  let hi = b;
  let glo = ga;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    const gm = g(mid);
    if (gm === 0) return mid;
    if (!Number.isFinite(gm)) break;
    if (Math.sign(gm) === Math.sign(glo)) {
      lo = mid;
      glo = gm;
    } else {
      hi = mid;
    }
  }
  return Math.abs(g(lo)) <= Math.abs(g(hi)) ? lo : hi;
}

/** Where |g| is smallest in [a, b] (g of one sign there, |g| with one dip). */
function ternaryMinAbs(g: (x: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  for (let k = 0; k < 100 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (Math.abs(g(m1)) <= Math.abs(g(m2))) hi = m2;
    else lo = m1;
  }
  return (lo + hi) / 2;
}

/** Everything the derivatives figure computes for a function and an x range, memoised. */
export interface DerivativesModel {
  curve: CurveFunction;
  lo: number;
  hi: number;
  critical: readonly CriticalPoint[];
}

const models = new Map<string, DerivativesModel>();

/** The model of f on [lo, hi]; compiled and searched once per (f, range). */
export function derivativesModel(source: string, lo: number, hi: number): DerivativesModel {
  const key = `${source}\u0000${lo}\u0000${hi}`;
  let model = models.get(key);
  if (model === undefined) {
    const curve = curveFunction(source);
    model = { curve, lo, hi, critical: criticalPoints(curve, lo, hi) };
    if (models.size > 32) models.clear();
    models.set(key, model);
  }
  return model;
}

/** The sweeping marker's x at playhead `position` (lo at 0, hi at `end`). */
export function sweepX(lo: number, hi: number, position: number, end: number): number {
  if (!(end > 0)) return lo;
  const t = Math.min(Math.max(position / end, 0), 1);
  return t === 1 ? hi : lo + (hi - lo) * t;
}
