/**
 * Local analysis of f at one point: value, gradient, Hessian, its eigen-decomposition and what
 * the surface looks like there (bowl, cap, saddle or flat).
 */
import type { Objective } from '../types.ts';
import { allFinite, evaluate, toPoint } from './internal.ts';
import { dot, norm, symmetricEigen } from './linalg.ts';

/**
 * Shape of f near a point, from the Hessian's eigenvalues:
 * bowl = positive definite, cap = negative definite, saddle = indefinite,
 * flat = singular (some eigenvalue ≈ 0, see {@link AnalyzeOptions.curvatureTolerance}).
 * In 1D the Hessian is [[f'']], so 'saddle' cannot occur.
 */
export type CurvatureClass = 'bowl' | 'cap' | 'saddle' | 'flat';

/** Everything {@link analyzePoint} reports about f at one point. */
export interface PointAnalysis {
  /** The point analysed (copy of the input). */
  point: number[];
  /** f(point). */
  value: number;
  /** ∇f(point). */
  gradient: number[];
  /** |∇f(point)| (Euclidean). */
  gradientNorm: number;
  /** Hessian as rows (1D: [[f'']]). */
  hessian: number[][];
  /** Hessian eigenvalues, ascending. */
  eigenvalues: number[];
  /** Unit eigenvectors; `eigenvectors[i]` goes with `eigenvalues[i]`. */
  eigenvectors: number[][];
  /** Shape of f here, from the eigenvalue signs. */
  curvature: CurvatureClass;
  /** |∇f| ≤ tolerance. */
  critical: boolean;
  /** The point is on a kink (relu/abs at 0, max/min tie) where derivatives are a convention. */
  kink: boolean;
  /** ∇f·d̂ for the requested direction, with d̂ the normalised direction actually used. */
  directionalDerivative?: { direction: number[]; value: number };
}

/** Options of {@link analyzePoint}. */
export interface AnalyzeOptions {
  /** Direction for the directional derivative; normalised before use. Must be non-zero. */
  direction?: ArrayLike<number>;
  /** Absolute threshold on |∇f| below which the point counts as critical. Default 1e-6. */
  tolerance?: number;
  /**
   * An eigenvalue λ counts as zero ('flat') when |λ| ≤ curvatureTolerance · max(1, max|λᵢ|).
   * Relative to the largest eigenvalue so a steep but singular Hessian is still seen as flat
   * despite rounding; the floor of 1 makes it absolute for tiny Hessians, which is what 1D needs
   * (a single eigenvalue has nothing to be relative to). Default 1e-9: exact symbolic Hessians
   * round at ~1e-16 relative, while genuine bowls stay 'bowl' up to a condition number of 1e9.
   */
  curvatureTolerance?: number;
}

/** Default |∇f| threshold for 'critical'. */
export const DEFAULT_GRADIENT_TOLERANCE = 1e-6;
/** Default relative threshold for a zero eigenvalue. */
export const DEFAULT_CURVATURE_TOLERANCE = 1e-9;

/**
 * Classifies a symmetric matrix by its eigenvalues (any order). See {@link AnalyzeOptions} for
 * the meaning of `tolerance`.
 */
export function classifyCurvature(
  eigenvalues: readonly number[],
  tolerance = DEFAULT_CURVATURE_TOLERANCE,
): CurvatureClass {
  const scale = Math.max(1, ...eigenvalues.map(Math.abs));
  const zero = tolerance * scale;
  if (eigenvalues.some((l) => Math.abs(l) <= zero)) return 'flat';
  if (eigenvalues.every((l) => l > 0)) return 'bowl';
  if (eigenvalues.every((l) => l < 0)) return 'cap';
  return 'saddle';
}

function checkTolerance(name: string, t: number): number {
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`${name} must be finite and ≥ 0`);
  return t;
}

/**
 * Analyses f at `at`: value, gradient, Hessian, eigen-decomposition, curvature class, whether
 * the point is critical or a kink, and optionally the directional derivative ∇f·d̂.
 * @throws RangeError if `at` (or `direction`) does not have `objective.dim` finite coordinates,
 *   if the direction is zero, or if f or a derivative is not finite there (outside f's domain),
 *   because no curvature statement means anything at such a point.
 */
export function analyzePoint(
  objective: Objective,
  at: ArrayLike<number>,
  options: AnalyzeOptions = {},
): PointAnalysis {
  const tolerance = checkTolerance('tolerance', options.tolerance ?? DEFAULT_GRADIENT_TOLERANCE);
  const curvatureTolerance = checkTolerance(
    'curvatureTolerance',
    options.curvatureTolerance ?? DEFAULT_CURVATURE_TOLERANCE,
  );
  const point = toPoint(objective, at);
  const { value, gradient, hessian } = evaluate(objective, point);
  if (!Number.isFinite(value) || !allFinite(gradient) || !allFinite(hessian)) {
    throw new RangeError(`f or its derivatives are not finite at (${point.join(', ')})`);
  }
  const { values: eigenvalues, vectors: eigenvectors } = symmetricEigen(hessian);
  const gradientNorm = norm(gradient);
  const result: PointAnalysis = {
    point,
    value,
    gradient,
    gradientNorm,
    hessian,
    eigenvalues,
    eigenvectors,
    curvature: classifyCurvature(eigenvalues, curvatureTolerance),
    critical: gradientNorm <= tolerance,
    kink: objective.isKink(point),
  };
  if (options.direction !== undefined) {
    const d = toPoint(objective, options.direction, 'direction');
    const len = norm(d);
    if (len === 0) throw new RangeError('direction must be non-zero');
    const direction = d.map((c) => c / len);
    result.directionalDerivative = { direction, value: dot(gradient, direction) };
  }
  return result;
}
