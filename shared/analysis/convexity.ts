/**
 * Sampled convexity check: f is convex on a convex set iff its Hessian is positive semidefinite
 * everywhere there, so we look for a sample with a clearly negative Hessian eigenvalue.
 */
import type { Domain, Objective } from '../types.ts';
import { allFinite, evaluate } from './internal.ts';
import { symmetricEigen } from './linalg.ts';

/** Options of {@link convexityVerdict}. */
export interface ConvexityOptions {
  /** Samples per axis (an integer ≥ 2), endpoints included. Default 41 (41² in 2D). */
  samples?: number;
  /**
   * Relative tolerance. A sample only counts against convexity when its smallest eigenvalue is
   * below −tolerance · S, where S is the largest |eigenvalue| seen over the whole grid (the
   * Hessian's scale on this domain). Relative, so rescaling f does not change the verdict;
   * global rather than per-sample, so a region of tiny but genuine negative curvature is not
   * excused just because the Hessian happens to be small there. Default 1e-6: far above the
   * ~1e-16·S rounding of exact symbolic Hessians (e.g. a PSD-singular Hessian such as that of
   * (x+y)² or log(eˣ+eʸ) computing to −1e-17), far below any negative curvature a picture shows.
   * Raise it (e.g. 1e-3) to ignore curvature that is negative but negligible for the picture.
   */
  tolerance?: number;
}

/** Verdict of {@link convexityVerdict}. */
export type ConvexityVerdict =
  | {
      convex: true;
      /** Number of grid samples whose Hessian was finite and therefore checked. */
      samples: number;
    }
  | {
      convex: false;
      witness: {
        /** The sample with the most negative Hessian eigenvalue. */
        point: number[];
        /** That eigenvalue (1D: f''). */
        eigenvalue: number;
      };
    };

/** Default samples per axis. */
export const DEFAULT_CONVEXITY_SAMPLES = 41;
/** Default relative tolerance of {@link convexityVerdict}. */
export const DEFAULT_CONVEXITY_TOLERANCE = 1e-6;

function axis(range: readonly [number, number], n: number, name: string): number[] {
  const [lo, hi] = range;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
    throw new RangeError(`domain.${name} must be finite with min < max`);
  }
  // The last sample is set to `hi` exactly so the domain edge itself is checked.
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}

/**
 * Checks convexity of f on `domain` by sampling the Hessian's smallest eigenvalue on a regular
 * grid (1D objectives: only the x range). Evidence, not proof: a grid cannot see negative
 * curvature between samples, and kinks (abs, relu, max, min) carry a zero Hessian by convention,
 * so e.g. min(x, y) is reported convex. Samples where the Hessian is not finite (outside f's
 * natural domain) are skipped.
 * @throws RangeError for a bad domain, sample count or tolerance, or if no sample had a finite
 *   Hessian (f is undefined on the whole grid, so there is nothing to judge).
 */
export function convexityVerdict(
  objective: Objective,
  domain: Domain,
  options: ConvexityOptions = {},
): ConvexityVerdict {
  const n = options.samples ?? DEFAULT_CONVEXITY_SAMPLES;
  if (!Number.isInteger(n) || n < 2) throw new RangeError('samples must be an integer ≥ 2');
  const tolerance = options.tolerance ?? DEFAULT_CONVEXITY_TOLERANCE;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError('tolerance must be finite and ≥ 0');
  }
  const xs = axis(domain.x, n, 'x');
  const ys = objective.dim === 2 ? axis(domain.y, n, 'y') : [NaN];

  let checked = 0;
  let scale = 0;
  let worst = Infinity;
  let worstPoint: number[] = [];
  for (const y of ys) {
    for (const x of xs) {
      const p = objective.dim === 2 ? [x, y] : [x];
      const { hessian } = evaluate(objective, p);
      if (!allFinite(hessian)) continue;
      const { values } = symmetricEigen(hessian);
      checked++;
      for (const l of values) scale = Math.max(scale, Math.abs(l));
      const min = values[0] ?? NaN;
      if (min < worst) {
        worst = min;
        worstPoint = p;
      }
    }
  }
  if (checked === 0) throw new RangeError('the Hessian is not finite anywhere on the grid');
  // Strict `<` so an all-zero Hessian (affine f, scale 0) is convex.
  if (worst < -tolerance * scale) {
    return { convex: false, witness: { point: worstPoint, eigenvalue: worst } };
  }
  return { convex: true, samples: checked };
}
