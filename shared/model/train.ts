/**
 * Trains a model with minibatch stochastic optimisation, reusing the update rules of
 * shared/optim (optimizerStep, learningRate) so a run on a real model behaves exactly like a
 * run on a drawn surface: full batch with `gd` is plain gradient descent on the full-data loss.
 *
 * Noise: on a surface, the `sgd` optimizer simulates stochastic gradients by adding Gaussian
 * noise. Here the stochasticity is real (it comes from sampling minibatches), so the optimizer is
 * always called with `noise: 0`; `sgd` then equals `gd` on the minibatch gradient.
 * Clipping, when set, is optimizerStep's: the Euclidean norm over all parameters, before the
 * update rule, Nesterov's look-ahead gradient included.
 */

import type { OptimizerParams, Point } from '../types.ts';
import { MAX_STEPS } from '../schema.ts';
import { OPTIMIZER_KINDS } from '../types.ts';
import { createState, optimizerStep } from '../optim/optimizers.ts';
import { learningRate } from '../optim/schedules.ts';
import type { Dataset } from './data.ts';
import { batchesPerEpoch, Minibatcher } from './minibatch.ts';
import type { Model } from './models.ts';

/** Options of {@link train}. */
export interface TrainOptions {
  /** Update rule and hyperparameters; `noise` is ignored (see the module comment). */
  optimizer: OptimizerParams;
  /** Minibatch size, integer in [1, n]; n is full-batch training. */
  batch: number;
  /** Number of passes over the data (integer ≥ 1). */
  epochs: number;
  /** Seed of the minibatch order; same seed, same run. */
  seed: number;
  /** Reshuffle the points every epoch (default true); false visits them in data order. */
  shuffle?: boolean;
  /** Stop after this many steps even if the epochs are not done (integer ≥ 0). */
  maxSteps?: number;
  /**
   * The full-data loss at θ (default: the model over every point). A 2-parameter model's
   * fullLossObjective is cheaper (linear regression's is O(1)), and it is what the surface shows.
   */
  fullLoss?: (theta: Float64Array) => number;
}

/** A training run. Row k describes θ_k (row 0 = θ_0) and the step that produced it. */
export interface TrainResult {
  /** Number of parameters. */
  dim: number;
  /** Steps taken (rows − 1). */
  steps: number;
  /** θ_k for k = 0..steps, row-major (steps + 1)×dim. All finite. */
  theta: Float64Array;
  /** Full-data loss at θ_k. */
  fullLoss: Float64Array;
  /**
   * Minibatch loss of step k at θ_{k−1} (the loss whose gradient produced θ_k).
   * Row 0 is NaN: no step produced θ_0.
   */
  batchLoss: Float64Array;
  /** Epoch (0-based) of the step that produced θ_k; −1 in row 0. */
  epoch: Int32Array;
  /** Batch index within its epoch (0-based) of the step that produced θ_k; −1 in row 0. */
  batch: Int32Array;
  /** Learning rate of the step that produced θ_k; NaN in row 0. */
  lr: Float64Array;
  /** 'diverged' when a step produced a non-finite θ, gradient or loss; 'done' otherwise. */
  status: 'done' | 'diverged';
  /** Index of the row the failed step would have written (steps + 1), or null. */
  divergedAt: number | null;
}

/** Number of steps a run of these options plans: epochs·⌈n/batch⌉, capped by maxSteps. */
export function plannedSteps(n: number, options: TrainOptions): number {
  const all = options.epochs * batchesPerEpoch(n, options.batch);
  return options.maxSteps === undefined ? all : Math.min(all, options.maxSteps);
}

function allFinite(v: Float64Array, dim: number): boolean {
  for (let i = 0; i < dim; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/**
 * Receives θ_k as training reaches it: row k, the minibatch loss of the step that produced it
 * (at θ_{k−1}), that step's epoch, batch and η (NaN/−1/−1/NaN for row 0). Returns false to
 * reject the row: the run then ends as diverged there (row 0: train fails). θ is scratch: copy it.
 */
export type TrainVisitor = (
  k: number,
  theta: Float64Array,
  batchLoss: number,
  epoch: number,
  batch: number,
  lr: number,
) => boolean;

/**
 * Runs minibatch training from θ_0 = `theta0`. Each step takes the next minibatch (see
 * Minibatcher), evaluates the minibatch loss and gradient at θ_k and applies ONE optimizer update
 * with η_k = learningRate(optimizer, k, plannedSteps). Nesterov evaluates its look-ahead gradient
 * on the same minibatch. After each step the full-data loss is recorded.
 *
 * Divergence: when a step gives a non-finite gradient, θ or loss, the run stops; rows 0..k stay
 * (all finite), `steps` = k, `divergedAt` = k + 1 and the arrays are trimmed to the kept rows.
 *
 * Deterministic: the same model, data, θ_0 and options give the same numbers bit for bit.
 *
 * @throws RangeError for bad options (batch not an integer in [1, n], epochs not an integer ≥ 1,
 *   non-finite learning rate or seed, unknown optimizer, maxSteps not an integer ≥ 0, more than
 *   MAX_STEPS steps), a θ_0 of the wrong length or not finite, or a non-finite loss at θ_0.
 */
export function train(
  model: Model,
  data: Dataset,
  theta0: ArrayLike<number>,
  options: TrainOptions,
): TrainResult {
  const dim = model.dim;
  // Sized on row 0, once trainWith has checked the options.
  let thetaRows = new Float64Array(0);
  let fullLoss = thetaRows;
  let batchLoss = thetaRows;
  let lrCol = thetaRows;
  let epochCol = new Int32Array(0);
  let batchCol = epochCol;
  const fullLossAt = options.fullLoss ?? ((t: Float64Array) => model.loss(t, data));
  let f0 = NaN;
  const { steps, divergedAt } = trainWith(
    model,
    data,
    theta0,
    options,
    (k, theta, bl, e, b, lr) => {
      const fl = fullLossAt(theta);
      if (k === 0) {
        f0 = fl;
        const rows = plannedSteps(data.y.length, options) + 1;
        thetaRows = new Float64Array(rows * dim);
        fullLoss = new Float64Array(rows);
        batchLoss = new Float64Array(rows);
        lrCol = new Float64Array(rows);
        epochCol = new Int32Array(rows);
        batchCol = new Int32Array(rows);
      }
      if (!Number.isFinite(fl)) return false;
      for (let i = 0; i < dim; i++) thetaRows[k * dim + i] = theta[i] as number;
      fullLoss[k] = fl;
      batchLoss[k] = bl;
      epochCol[k] = e;
      batchCol[k] = b;
      lrCol[k] = lr;
      return true;
    },
  );
  if (steps < 0) throw new RangeError(`the loss is not finite at θ0 (${f0})`);
  const kept = steps + 1;
  const trim = divergedAt !== null;
  return {
    dim,
    steps,
    theta: trim ? thetaRows.slice(0, kept * dim) : thetaRows,
    fullLoss: trim ? fullLoss.slice(0, kept) : fullLoss,
    batchLoss: trim ? batchLoss.slice(0, kept) : batchLoss,
    epoch: trim ? epochCol.slice(0, kept) : epochCol,
    batch: trim ? batchCol.slice(0, kept) : batchCol,
    lr: trim ? lrCol.slice(0, kept) : lrCol,
    status: trim ? 'diverged' : 'done',
    divergedAt,
  };
}

/**
 * The training loop of {@link train}, handing each θ_k to `visit` instead of keeping rows, so a
 * caller that packs rows its own way (model/trajectory.ts) does it in the same pass. Returns the
 * steps taken (−1 when `visit` rejected θ_0) and the row a rejected or non-finite step would have
 * written (null when every planned step was kept).
 * @throws RangeError for bad options or θ_0, as {@link train}.
 */
export function trainWith(
  model: Model,
  data: Dataset,
  theta0: ArrayLike<number>,
  options: TrainOptions,
  visit: TrainVisitor,
): { steps: number; divergedAt: number | null } {
  const n = data.y.length;
  const dim = model.dim;
  const opt = options.optimizer;
  if (n < 1) throw new RangeError('the data set has no points');
  if (!Number.isInteger(options.batch) || options.batch < 1 || options.batch > n) {
    throw new RangeError(
      `batch must be an integer in [1, ${n}] (the data size), got ${options.batch}`,
    );
  }
  if (!Number.isInteger(options.epochs) || options.epochs < 1) {
    throw new RangeError(`epochs must be an integer ≥ 1, got ${options.epochs}`);
  }
  if (!Number.isFinite(options.seed)) {
    throw new RangeError(`seed must be a finite number, got ${options.seed}`);
  }
  if (
    options.maxSteps !== undefined &&
    (!Number.isInteger(options.maxSteps) || options.maxSteps < 0)
  ) {
    throw new RangeError(`maxSteps must be an integer ≥ 0, got ${options.maxSteps}`);
  }
  if (!(OPTIMIZER_KINDS as readonly string[]).includes(opt.kind)) {
    throw new RangeError(
      `unknown optimizer '${String(opt.kind)}'; known: ${OPTIMIZER_KINDS.join(', ')}`,
    );
  }
  if (!Number.isFinite(opt.lr)) {
    throw new RangeError(`learning rate must be finite, got ${opt.lr}`);
  }
  if (opt.clip !== null && !(opt.clip >= 0)) {
    throw new RangeError(`clip must be null or a number ≥ 0, got ${opt.clip}`);
  }
  if (theta0.length !== dim) {
    throw new RangeError(
      `θ0 needs ${dim} parameter(s) for this ${model.kind} model, got ${theta0.length}`,
    );
  }
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(theta0[i])) {
      throw new RangeError(`θ0[${i}] (${model.paramNames[i]}) is not finite (${theta0[i]})`);
    }
  }
  const total = plannedSteps(n, options);
  if (total > MAX_STEPS) {
    throw new RangeError(
      `this run would take ${total} steps, more than ${MAX_STEPS}; lower epochs or set maxSteps`,
    );
  }

  const theta = new Float64Array(dim);
  const grad = new Float64Array(dim);
  const delta = new Float64Array(dim);
  for (let i = 0; i < dim; i++) theta[i] = theta0[i] as number;
  if (!visit(0, theta, NaN, -1, -1, NaN)) return { steps: -1, divergedAt: 0 };

  // Real minibatches supply the noise.
  const params: OptimizerParams = { ...opt, noise: 0 };
  const state = createState(params, dim);
  const batcher = new Minibatcher(n, options.batch, options.seed, options.shuffle ?? true);
  // Nesterov asks for the gradient at its look-ahead point: on the same minibatch.
  const batchObjective = {
    gradient(p: Point, out: Float64Array): void {
      model.lossAndGradient(p, data, out, batcher.idx, batcher.count);
    },
  };

  let k = 0;
  while (k < total) {
    batcher.next();
    const lr = learningRate(params, k, total);
    const bl = model.lossAndGradient(theta, data, grad, batcher.idx, batcher.count);
    let ok = Number.isFinite(lr) && Number.isFinite(bl) && allFinite(grad, dim);
    if (ok) {
      optimizerStep(params, state, batchObjective, theta, grad, lr, delta);
      for (let i = 0; i < dim; i++) theta[i] = (theta[i] as number) + (delta[i] as number);
      ok = allFinite(theta, dim) && visit(k + 1, theta, bl, batcher.epoch, batcher.batch, lr);
    }
    if (!ok) return { steps: k, divergedAt: k + 1 };
    k++;
  }
  return { steps: k, divergedAt: null };
}
