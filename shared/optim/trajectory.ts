/**
 * Runs an optimizer for a fixed number of steps and packs every row into one Float64Array
 * (layout: STRIDE/COL in types.ts), ready for the renderer to animate without further work.
 */

import {
  COL,
  STRIDE,
  type Domain,
  type Objective,
  type OptimizerParams,
  type Trajectory,
} from '../types.ts';
import { norm2 } from './clip.ts';
import { MAX_STEPS } from '../schema.ts';
import { createState, optimizerStep } from './optimizers.ts';
import { learningRate } from './schedules.ts';

/** Default gradient-norm tolerance for `convergedAt` and status 'converged'. */
export const DEFAULT_TOLERANCE = 1e-6;

/** Options of {@link runTrajectory}. */
export interface TrajectoryOptions {
  /** Gradient-norm tolerance: |∇f| < tolerance counts as converged. Default 1e-6. */
  tolerance?: number;
  /**
   * Divergence bound: a step that makes any |θ_i| exceed it ends the run as diverged.
   * Default {@link defaultBound}.
   */
  bound?: number;
  /** Viewing box, only used to derive the default bound. */
  domain?: Domain;
  /** Preallocated buffer of length ≥ (steps + 1)·STRIDE to reuse instead of allocating one. */
  out?: Float64Array;
}

/**
 * Default divergence bound: 1000 × the largest of 1, |start_i| and the domain edges (x edges
 * only for 1D). Far enough out that no sensible run hits it, close enough that a blown-up
 * iterate is caught long before it overflows.
 */
export function defaultBound(dim: 1 | 2, start: ArrayLike<number>, domain?: Domain): number {
  let r = 1;
  for (let i = 0; i < dim; i++) r = Math.max(r, Math.abs(start[i] as number));
  if (domain) {
    r = Math.max(r, Math.abs(domain.x[0]), Math.abs(domain.x[1]));
    if (dim === 2) r = Math.max(r, Math.abs(domain.y[0]), Math.abs(domain.y[1]));
  }
  return 1000 * r;
}

/**
 * Runs `steps` optimizer updates from `start` and records rows 0..count−1 (row k: θ_k, f(θ_k),
 * exact ∇f(θ_k), the optimizer's Δ_k with θ_{k+1} = θ_k + Δ_k, and η_k from the schedule).
 * The last valid row has Δ = 0 and the learning rate the next step would have used.
 *
 * - Does not stop at convergence: all `steps` updates run (the animation then sits still).
 *   `convergedAt` is the first row with |∇f| < tolerance; status is 'converged' when the last
 *   row's |∇f| < tolerance, else 'running'.
 * - Divergence: when step k would give a non-finite θ, f or ∇f, or some |θ_i| > bound, the run
 *   stops; rows 0..k are kept (count = k + 1), `divergedAt` = k + 1 (the row that would have
 *   been written) and status is 'diverged'. Valid rows never hold a non-finite number (a
 *   non-finite η in the last row is written as 0).
 * - Rows past `count` are 0 (cleared when `options.out` is reused).
 * - Allocates nothing inside the step loop.
 *
 * @throws RangeError if `steps` is not an integer in [0, MAX_STEPS], the buffer is too short,
 *   `params.lr` is not finite, or the start cannot be row 0: fewer than `dim` coordinates, a
 *   non-finite coordinate, a coordinate beyond the bound, or non-finite f/∇f at the start.
 */
export function runTrajectory(
  objective: Objective,
  params: OptimizerParams,
  start: ArrayLike<number>,
  steps: number,
  options: TrajectoryOptions = {},
): Trajectory {
  const dim = objective.dim;
  const two = dim === 2;
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_STEPS) {
    throw new RangeError(`steps must be an integer in [0, ${MAX_STEPS}], got ${steps}`);
  }
  if (!Number.isFinite(params.lr)) {
    throw new RangeError(`learning rate must be finite, got ${params.lr}`);
  }
  if (start.length < dim) {
    throw new RangeError(`start needs ${dim} coordinate(s), got ${start.length}`);
  }
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(start[i])) {
      throw new RangeError(`start coordinate ${i} is not finite (${start[i]})`);
    }
  }
  const tol = options.tolerance ?? DEFAULT_TOLERANCE;
  const bound = options.bound ?? defaultBound(dim, start, options.domain);
  const rows = steps + 1;
  let data: Float64Array;
  if (options.out) {
    if (options.out.length < rows * STRIDE) {
      throw new RangeError(
        `out buffer holds ${options.out.length} numbers, needs ${rows * STRIDE} for ${steps} steps`,
      );
    }
    data = options.out;
  } else {
    data = new Float64Array(rows * STRIDE);
  }

  // Current and candidate iterates; swapped by reference so the loop allocates nothing.
  let theta = new Float64Array(dim);
  let grad = new Float64Array(dim);
  let nextTheta = new Float64Array(dim);
  let nextGrad = new Float64Array(dim);
  const delta = new Float64Array(dim);
  for (let i = 0; i < dim; i++) theta[i] = start[i] as number;

  for (let i = 0; i < dim; i++) {
    if (Math.abs(theta[i] as number) > bound) {
      throw new RangeError(`start coordinate ${i} (${theta[i]}) lies beyond the bound ${bound}`);
    }
  }
  let f = objective.value(theta);
  objective.gradient(theta, grad);
  if (!Number.isFinite(f)) {
    throw new RangeError(`f is not finite at the start ${pointText(theta)}: ${whyNot(f)}`);
  }
  const badGrad = [...grad].find((g) => !Number.isFinite(g));
  if (badGrad !== undefined) {
    throw new RangeError(
      `the gradient of f is not finite at the start ${pointText(theta)}: ${whyNot(badGrad)}`,
    );
  }

  const state = createState(params, dim);
  let convergedAt: number | null = null;
  let divergedAt: number | null = null;
  let k = 0;
  let gx = grad[0] as number;
  let gy = two ? (grad[1] as number) : 0;

  // Row offsets as locals: under tsx (the CLI) each read of an imported binding is a getter
  // call, and this loop writes eight per step.
  const stride = STRIDE;
  const { x: cx, y: cy, f: cf, gx: cgx, gy: cgy, ux: cux, uy: cuy, lr: clr } = COL;
  for (;;) {
    // Row k: θ_k, f_k, ∇f_k are known to be finite here.
    const base = k * stride;
    data[base + cx] = theta[0] as number;
    data[base + cy] = two ? (theta[1] as number) : 0;
    data[base + cf] = f;
    data[base + cgx] = gx;
    data[base + cgy] = gy;
    const gnorm = norm2(gx, gy);
    if (convergedAt === null && gnorm < tol) convergedAt = k;

    const lr = learningRate(params, k, steps);
    if (k < steps) {
      // A schedule can overflow (exp with γ > 1); a non-finite η is a divergence, not a row.
      let ok = Number.isFinite(lr);
      if (ok) {
        optimizerStep(params, state, objective, theta, grad, lr, delta);
        for (let i = 0; i < dim; i++) {
          const t = (theta[i] as number) + (delta[i] as number);
          nextTheta[i] = t;
          // Written as !(… <= …) so that NaN fails too.
          if (!(Math.abs(t) <= bound)) ok = false;
        }
      }
      let nf = NaN;
      if (ok) {
        nf = objective.value(nextTheta);
        objective.gradient(nextTheta, nextGrad);
        ok =
          Number.isFinite(nf) &&
          Number.isFinite(nextGrad[0]) &&
          (!two || Number.isFinite(nextGrad[1]));
      }
      if (ok) {
        data[base + cux] = delta[0] as number;
        data[base + cuy] = two ? (delta[1] as number) : 0;
        data[base + clr] = lr;
        const tt = theta;
        theta = nextTheta;
        nextTheta = tt;
        const tg = grad;
        grad = nextGrad;
        nextGrad = tg;
        f = nf;
        gx = grad[0] as number;
        gy = two ? (grad[1] as number) : 0;
        k++;
        continue;
      }
      divergedAt = k + 1;
    }
    // Last valid row: no step is taken from here.
    data[base + cux] = 0;
    data[base + cuy] = 0;
    data[base + clr] = Number.isFinite(lr) ? lr : 0;
    break;
  }

  const count = k + 1;
  if (options.out) data.fill(0, count * STRIDE);
  const lastGrad = norm2(gx, gy);
  return {
    dim,
    data,
    count,
    status: divergedAt !== null ? 'diverged' : lastGrad < tol ? 'converged' : 'running',
    divergedAt,
    convergedAt,
  };
}

/** A point as people write it: (3) or (2.5, -1). */
function pointText(p: ArrayLike<number>): string {
  return `(${Array.from(p, String).join(', ')})`;
}

/** Why a non-finite number is not a value, in words. */
function whyNot(v: number): string {
  if (Number.isNaN(v)) return 'it is undefined there';
  return `it overflows to ${v > 0 ? '+' : '-'}infinity there`;
}
