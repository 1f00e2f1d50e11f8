/**
 * Learning-rate stability limit of plain gradient descent on a quadratic.
 *
 * On f(θ) = ½ θᵀHθ + bᵀθ + c the GD error evolves as e ← (I − ηH) e, so along the eigenvector of
 * eigenvalue λ it is multiplied by (1 − ηλ) each step. Convergence needs |1 − ηλ| < 1 for every
 * λ > 0, i.e. η < 2/λmax. For non-quadratic f this is only the local limit near a minimum.
 */
import { symmetricEigen } from './linalg.ts';

/** Result of {@link stabilityLimit}. */
export interface StabilityLimit {
  /** Largest Hessian eigenvalue. */
  lambdaMax: number;
  /**
   * 2/λmax: GD is stable iff 0 < η < etaMax. `Infinity` when λmax ≤ 0: then no step size makes
   * the iteration blow up along a curved direction, but there is no minimum to converge to either
   * (f is flat or curves down in every direction), so GD never converges to a minimum anyway.
   */
  etaMax: number;
}

/**
 * Stability limit from a Hessian (1×1 or 2×2, as rows) or directly from its eigenvalues.
 * @throws RangeError for an empty input, a bad matrix shape or non-finite entries.
 */
export function stabilityLimit(
  input: readonly number[] | readonly (readonly number[])[],
): StabilityLimit {
  if (input.length === 0) throw new RangeError('stabilityLimit: empty input');
  const eigenvalues = input.every((e) => typeof e === 'number')
    ? (input as readonly number[])
    : symmetricEigen(input as readonly (readonly number[])[]).values;
  if (!eigenvalues.every(Number.isFinite)) {
    throw new RangeError('stabilityLimit: non-finite eigenvalue');
  }
  const lambdaMax = Math.max(...eigenvalues);
  return { lambdaMax, etaMax: lambdaMax > 0 ? 2 / lambdaMax : Infinity };
}
