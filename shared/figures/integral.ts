/**
 * §9's integral as area: the Riemann slices of f over [a, b] that the figure draws, their sum
 * against the exact area (from an antiderivative where one is known, else adaptive quadrature),
 * and how fast each rule closes in as the slices multiply. Pure TypeScript.
 */
import {
  adaptiveQuadrature,
  compileIntegrand,
  riemannSum,
  RIEMANN_RULES,
} from '../integrate/index.ts';
import type { Integrand, RiemannRule } from '../integrate/index.ts';

/** The value a Riemann sum is measured against. */
export interface AreaReference {
  value: number;
  /** 'antiderivative': F(b) − F(a); 'quadrature': adaptive Gauss–Kronrod. */
  kind: 'antiderivative' | 'quadrature';
  /** The antiderivative's text (e.g. "x ^ 3 / 3"), when that is where the value comes from. */
  antiderivative: string | null;
}

/** What the integral figure computes once per (f, a, b). */
export interface AreaModel {
  integrand: Integrand;
  a: number;
  b: number;
  /** Null when f is undefined or infinite somewhere the quadrature needs it. */
  reference: AreaReference | null;
  /** Why there is no reference (a sentence), or null. */
  problem: string | null;
}

const models = new Map<string, AreaModel>();

/** The area model of f over [a, b], memoised (quadrature runs once per settings). */
export function areaModel(source: string, a: number, b: number): AreaModel {
  const key = `${source}\u0000${a}\u0000${b}`;
  let model = models.get(key);
  if (model !== undefined) return model;
  const integrand = compileIntegrand(source);
  let reference: AreaReference | null = null;
  let problem: string | null = null;
  const exact = integrand.exact(a, b);
  if (exact !== null) {
    reference = { value: exact, kind: 'antiderivative', antiderivative: integrand.antiderivative };
  } else {
    try {
      const q = adaptiveQuadrature(integrand.f, a, b);
      reference = { value: q.value, kind: 'quadrature', antiderivative: null };
    } catch {
      problem = `f is undefined or infinite somewhere in [${a}, ${b}], so the area has no value.`;
    }
  }
  model = { integrand, a, b, reference, problem };
  if (models.size > 32) models.clear();
  models.set(key, model);
  return model;
}

/** Slices shown at playhead `position`: one more per step, all n at the end (n_p = 1 + ⌊p⌋). */
export function slicesAt(position: number, n: number): number {
  const p = Number.isFinite(position) ? position : 0;
  return Math.min(Math.max(1 + Math.floor(p + 1e-9), 1), n);
}

/** One slice of a Riemann sum: its interval, where f is sampled and its top edge. */
export interface Slice {
  x0: number;
  x1: number;
  /** Heights at the slice's left and right edges (equal but for the trapezoid rule). */
  top0: number;
  top1: number;
  /** Where f was sampled (both ends for the trapezoid rule). */
  samples: readonly number[];
}

/** The n slices of `rule` over [a, b] (heights NaN where f is undefined). */
export function riemannSlices(
  f: (x: number) => number,
  a: number,
  b: number,
  n: number,
  rule: RiemannRule,
): Slice[] {
  const w = (b - a) / n;
  const at = (i: number): number => (i === n ? b : a + i * w);
  const slices: Slice[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = at(i);
    const x1 = at(i + 1);
    if (rule === 'trapezoid') {
      slices.push({ x0, x1, top0: f(x0), top1: f(x1), samples: [x0, x1] });
      continue;
    }
    const s = rule === 'left' ? x0 : rule === 'right' ? x1 : a + (i + 0.5) * w;
    const y = f(s);
    slices.push({ x0, x1, top0: y, top1: y, samples: [s] });
  }
  return slices;
}

/** The Riemann sum, or NaN when f is undefined or infinite at a sample point. */
export function areaEstimate(model: AreaModel, n: number, rule: RiemannRule): number {
  return riemannSum(model.integrand.f, model.a, model.b, n, rule);
}

/** Slice counts of the convergence table: each doubles the last. */
export const CONVERGENCE_NS: readonly number[] = [1, 2, 4, 8, 16, 32];

export interface ConvergenceRow {
  n: number;
  estimate: number;
  /** estimate − reference. */
  error: number;
  /** error(n/2) / error(n): about 2 for a first-order rule, 4 for a second-order one. */
  ratio: number | null;
}

/** The estimates and errors of `rule` for {@link CONVERGENCE_NS}. */
export function convergenceTable(model: AreaModel, rule: RiemannRule): ConvergenceRow[] {
  const reference = model.reference?.value ?? NaN;
  const rows: ConvergenceRow[] = [];
  for (const n of CONVERGENCE_NS) {
    const estimate = areaEstimate(model, n, rule);
    const error = estimate - reference;
    const previous = rows[rows.length - 1];
    // No ratio where an error is (nearly) zero: the rule is exact there, or the sum crossed it.
    const ratio =
      previous && Math.abs(error) > 1e-13 * Math.max(1, Math.abs(reference))
        ? previous.error / error
        : null;
    rows.push({ n, estimate, error, ratio });
  }
  return rows;
}

/**
 * The observed order of `rule`: log₂ of the last error ratio of the convergence table (1 for
 * left and right sums, 2 for midpoint and trapezoid on smooth f), or null when it is not
 * defined (an exact rule).
 */
export function observedOrder(rows: readonly ConvergenceRow[]): number | null {
  const last = rows[rows.length - 1];
  if (!last || last.ratio === null || !(last.ratio > 0)) return null;
  return Math.log2(last.ratio);
}

/** Human names of the rules, for text in the figure and the panel. */
export const RULE_NAMES: Record<RiemannRule, string> = {
  left: 'left endpoints',
  right: 'right endpoints',
  mid: 'midpoints',
  trapezoid: 'trapezoids',
};

export { RIEMANN_RULES };
export type { RiemannRule };
