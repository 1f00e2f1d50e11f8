/**
 * §1's secant that turns into a tangent: the line through (x₀, f(x₀)) and (x₀ + h, f(x₀ + h)),
 * whose slope, the difference quotient, settles on f′(x₀) as the gap h shrinks to 0. The
 * figure shrinks h along its timeline; these are the numbers it draws and reads out. Pure
 * TypeScript.
 */
import { compileExpression } from '../expr/index.ts';

/** f of one variable with its exact derivative, compiled once per source. */
export interface CurveFunction {
  /** The user's text, trimmed. */
  readonly source: string;
  /** The variable's name (x unless f names another). */
  readonly variable: string;
  /** f′ as the compiler writes it, e.g. "2 * x". */
  readonly derivativeText: string;
  /** f″ as the compiler writes it. */
  readonly secondText: string;
  readonly f: (x: number) => number;
  readonly df: (x: number) => number;
  readonly d2f: (x: number) => number;
}

const compiled = new Map<string, CurveFunction>();

/**
 * Compiles f of one variable, memoised by its text (a figure redraws every frame, compiling
 * once). Throws the compiler's ExpressionError for a bad expression.
 */
export function curveFunction(source: string): CurveFunction {
  let entry = compiled.get(source);
  if (entry !== undefined) return entry;
  const e = compileExpression(source);
  if (e.dim !== 1) {
    throw new Error(`f must have one variable, it has ${e.variables.length}`);
  }
  const p = new Float64Array(1);
  const out = new Float64Array(1);
  entry = Object.freeze({
    source: e.source,
    variable: e.variables[0]!,
    derivativeText: e.derivatives.gradient[0]!,
    secondText: e.derivatives.hessian[0]![0]!,
    f: (x: number) => {
      p[0] = x;
      return e.value(p);
    },
    df: (x: number) => {
      p[0] = x;
      e.gradient(p, out);
      return out[0]!;
    },
    d2f: (x: number) => {
      p[0] = x;
      e.hessian(p, out);
      return out[0]!;
    },
  });
  if (compiled.size > 32) compiled.clear();
  compiled.set(source, entry);
  return entry;
}

/** The gap at playhead `position` of a timeline ending at `end`: h shrinks linearly to 0. */
export function secantGap(h: number, position: number, end: number): number {
  if (!(end > 0)) return h;
  const t = Math.min(Math.max(position / end, 0), 1);
  // Exactly 0 at the end, so the last frame is the tangent itself.
  return t === 1 ? 0 : h * (1 - t);
}

/**
 * The difference quotient (f(x₀ + h) − f(x₀)) / h; at h = 0, where the quotient is 0/0, the
 * limit it tends to: f′(x₀).
 */
export function secantSlope(curve: CurveFunction, x0: number, h: number): number {
  if (h === 0) return curve.df(x0);
  return (curve.f(x0 + h) - curve.f(x0)) / h;
}

/** One picture of the secant: both points, the run and the rise, the slopes. */
export interface SecantState {
  x0: number;
  h: number;
  /** f(x₀) and f(x₀ + h). */
  y0: number;
  y1: number;
  /** f(x₀ + h) − f(x₀). */
  rise: number;
  /** The secant's slope (f′(x₀) at h = 0). */
  slope: number;
  /** f′(x₀), the tangent's slope. */
  derivative: number;
}

export function secantState(curve: CurveFunction, x0: number, h: number): SecantState {
  const y0 = curve.f(x0);
  const y1 = curve.f(x0 + h);
  return {
    x0,
    h,
    y0,
    y1,
    rise: y1 - y0,
    slope: secantSlope(curve, x0, h),
    derivative: curve.df(x0),
  };
}

/** The gaps of the limit table: a decade at a time towards 0, from both sides. */
export const LIMIT_GAPS: readonly number[] = [1, 0.1, 0.01, 0.001, -1, -0.1, -0.01, -0.001];

/** One row of the limit table: the gap, the quotient, and how far it is from f′(x₀). */
export interface LimitRow {
  h: number;
  slope: number;
  /** slope − f′(x₀). */
  gap: number;
}

/** The difference quotients for {@link LIMIT_GAPS}: they close in on f′(x₀). */
export function limitTable(curve: CurveFunction, x0: number): LimitRow[] {
  const derivative = curve.df(x0);
  return LIMIT_GAPS.map((h) => {
    const slope = secantSlope(curve, x0, h);
    return { h, slope, gap: slope - derivative };
  });
}
