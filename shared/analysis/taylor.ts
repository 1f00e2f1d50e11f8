/**
 * First- and second-order Taylor estimates of f(b) from what is known at a: the picture behind
 * "gradient descent trusts a linear model of f, and the model's error grows like |b − a|²".
 */
import type { Objective } from '../types.ts';
import { evaluate, toPoint } from './internal.ts';
import { dot, matVec } from './linalg.ts';

/** Result of {@link taylorEstimate}. */
export interface TaylorEstimate {
  /** f(a) + ∇f(a)·(b − a). */
  linear: number;
  /** linear + ½ (b − a)ᵀ H(a) (b − a). */
  quadratic: number;
  /** f(b). */
  actual: number;
  /**
   * actual − linear. Positive means f(b) lies above the tangent (plane): always ≥ 0 for convex f,
   * and ≈ ½ (b − a)ᵀH(b − a) for small steps.
   */
  linearError: number;
  /** actual − quadratic. Exactly 0 (up to rounding) when f is quadratic. */
  quadraticError: number;
}

/**
 * Estimates f(to) by the linear and quadratic Taylor expansions of f about `at`.
 * Errors are signed, actual − estimate. Non-finite values propagate (NaN/∞ in, NaN/∞ out), so a
 * `to` outside f's domain gives a non-finite `actual` rather than an exception.
 * @throws RangeError if either point does not have `objective.dim` finite coordinates.
 */
export function taylorEstimate(
  objective: Objective,
  at: ArrayLike<number>,
  to: ArrayLike<number>,
): TaylorEstimate {
  const a = toPoint(objective, at, 'at');
  const b = toPoint(objective, to, 'to');
  const { value, gradient, hessian } = evaluate(objective, a);
  const step = b.map((bi, i) => bi - (a[i] ?? NaN));
  const linear = value + dot(gradient, step);
  const quadratic = linear + 0.5 * dot(step, matVec(hessian, step));
  const actual = objective.value(b);
  return {
    linear,
    quadratic,
    actual,
    linearError: actual - linear,
    quadraticError: actual - quadratic,
  };
}
