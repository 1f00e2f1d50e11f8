/**
 * Core types shared by every part of the solver. Pure data and interfaces only.
 */

/** A point or vector in parameter space; length equals the problem's dimension (1 or 2). */
export type Point = ArrayLike<number>;

/** Dimension of a problem: f of one variable (a curve) or of two (a surface). */
export type Dim = 1 | 2;

/**
 * A differentiable objective f: R^dim → R with exact first and second derivatives.
 * Implementations must not allocate in `value`, `gradient` or `hessian`: they run in the
 * trajectory inner loop.
 */
export interface Objective {
  /** Number of variables (1 or 2). */
  readonly dim: Dim;
  /** Variable names in order (for built-ins `['x']` or `['x', 'y']`). */
  readonly variables: readonly string[];
  /** f(p). May return a non-finite number outside f's natural domain (e.g. log of a negative). */
  value(p: Point): number;
  /** Writes ∇f(p) into `out` (length ≥ dim). */
  gradient(p: Point, out: Float64Array): void;
  /** Writes the Hessian at p into `out`, row-major dim×dim (length ≥ dim²). Symmetric. */
  hessian(p: Point, out: Float64Array): void;
  /**
   * True when p sits on a kink (relu/abs at 0, max/min at a tie) where the derivative took the
   * frameworks' convention (relu'(0) = 0, abs'(0) = 0) instead of a true derivative.
   */
  isKink(p: Point): boolean;
}

/** Axis-aligned rectangle the surface is drawn over. For 1D problems only `x` is used. */
export interface Domain {
  /** [min, max] of the first variable. */
  x: readonly [number, number];
  /** [min, max] of the second variable (ignored for 1D problems). */
  y: readonly [number, number];
}

/** A known minimum of a built-in surface. */
export interface KnownMinimum {
  /** Location, length = dim. */
  point: readonly number[];
  /** f at the point. */
  value: number;
  /** Whether it is the lowest point anywhere or only in its neighbourhood. */
  kind: 'global' | 'local';
}

/** Optimizer names as used in scene files, the CLI and the UI. */
export const OPTIMIZER_KINDS = [
  'gd',
  'sgd',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

/** Learning-rate schedule names. */
export const SCHEDULE_KINDS = ['constant', 'step', 'exp', 'cosine', 'warmup-cosine'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/**
 * Learning-rate schedule. Flat on purpose (every field always present) so that scene files,
 * sliders and CLI flags map one-to-one; a kind ignores the fields it does not use.
 */
export interface ScheduleParams {
  kind: ScheduleKind;
  /** step: multiply η by `stepFactor` every `stepEvery` steps. */
  stepEvery: number;
  /** step: factor applied every `stepEvery` steps (0 < factor ≤ 1). */
  stepFactor: number;
  /** exp: η_t = η·gamma^t. */
  gamma: number;
  /** warmup-cosine: number of linear warm-up steps from 0 to η. */
  warmup: number;
  /** cosine / warmup-cosine: the floor η decays to at the last step. */
  minLr: number;
}

/** Every hyperparameter of one run. Fields an optimizer does not use are ignored. */
export interface OptimizerParams {
  kind: OptimizerKind;
  /** Base learning rate η (> 0). */
  lr: number;
  /** Momentum β for heavy-ball and Nesterov (0 ≤ β < 1). */
  momentum: number;
  /** Adam β₁ (first-moment decay). */
  beta1: number;
  /** Adam β₂ (second-moment decay). */
  beta2: number;
  /** RMSProp squared-gradient decay ρ. */
  rho: number;
  /** ε added to denominators (AdaGrad, RMSProp, Adam). */
  eps: number;
  /** Adam bias correction on/off. */
  biasCorrection: boolean;
  /** SGD: standard deviation σ of the Gaussian noise added to each gradient component. */
  noise: number;
  /** SGD: seed of the noise generator; the same seed gives the same trajectory. */
  seed: number;
  /** Clip the gradient to this Euclidean norm before the optimizer sees it; null = off. */
  clip: number | null;
  /** Learning-rate schedule. */
  schedule: ScheduleParams;
}

/** Defaults that match PyTorch where PyTorch has the same knob. */
export const DEFAULT_SCHEDULE: ScheduleParams = {
  kind: 'constant',
  stepEvery: 100,
  stepFactor: 0.5,
  gamma: 0.99,
  warmup: 10,
  minLr: 0,
};

export const DEFAULT_OPTIMIZER: OptimizerParams = {
  kind: 'gd',
  lr: 0.1,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  rho: 0.9,
  eps: 1e-8,
  biasCorrection: true,
  noise: 0,
  seed: 1,
  clip: null,
  schedule: DEFAULT_SCHEDULE,
};

/**
 * Trajectory rows are packed in one Float64Array, STRIDE numbers per row.
 * Row k describes θ_k (row 0 is the start): position, f(θ_k), ∇f(θ_k) (the exact gradient, before
 * noise or clipping), the update θ_{k+1} − θ_k, and the learning rate in force for that update.
 * For 1D problems the y, gy and uy slots are 0. The last valid row has update 0 (no step taken).
 */
export const STRIDE = 8;
export const COL = { x: 0, y: 1, f: 2, gx: 3, gy: 4, ux: 5, uy: 6, lr: 7 } as const;

/** How a trajectory ended. */
export type TrajectoryStatus = 'converged' | 'diverged' | 'running';

export interface Trajectory {
  /** Problem dimension. */
  dim: Dim;
  /** Packed rows, see STRIDE/COL. Only the first `count` rows are meaningful; the rest are 0. */
  data: Float64Array;
  /** Number of valid rows (steps taken + 1). Every number in them is finite. */
  count: number;
  /**
   * converged: |∇f| fell below the tolerance and stayed there until the last step taken;
   * diverged: a step produced a non-finite value or left the divergence bound;
   * running: neither (more steps might still converge).
   */
  status: TrajectoryStatus;
  /** Index of the step whose result left the bound or was non-finite (rows stop before it). */
  divergedAt: number | null;
  /** First row index whose gradient norm was below the tolerance, if any. */
  convergedAt: number | null;
}
