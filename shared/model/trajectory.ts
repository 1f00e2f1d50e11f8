/**
 * A run on a model's loss with a minibatch size: trained on sampled minibatches (train.ts) and
 * packed as the trajectory rows every view and table reads (types.ts STRIDE/COL), so the path
 * draws like any other. Row k: θ_k, the FULL loss and its exact gradient at θ_k (what the surface
 * shows), the update actually taken from θ_k and its η; beside the rows, which minibatch that
 * step sampled (epoch, batch) and that minibatch's own loss at θ_k.
 */
import { defaultBound } from '../optim/trajectory.ts';
import { COL, STRIDE } from '../types.ts';
import type { Domain, Objective, OptimizerParams, Trajectory } from '../types.ts';
import type { Dataset } from './data.ts';
import { batchesPerEpoch } from './minibatch.ts';
import type { Model } from './models.ts';
import { trainWith } from './train.ts';

/** The minibatch side of a run: per row k, the step taken from θ_k (last row: none, NaN/−1). */
export interface MinibatchColumns {
  /** Minibatch size and data size. */
  size: number;
  points: number;
  /** Loss of the minibatch the step from θ_k used, at θ_k. */
  loss: Float64Array;
  /** Epoch and batch (0-based) of that step. */
  epoch: Int32Array;
  batch: Int32Array;
}

export interface MinibatchRun {
  model: Model;
  data: Dataset;
  /** The full-data loss (draws the surface; gives each row's f and gradient). */
  objective: Objective;
  params: OptimizerParams;
  start: readonly number[];
  steps: number;
  batch: number;
  domain?: Domain;
}

/**
 * Trains `steps` minibatch steps of size `batch` (shuffled every epoch from `params.seed`) from
 * `start`. A run that leaves the divergence bound of a surface run (optim/trajectory.ts
 * defaultBound) or turns non-finite stops there, as a surface run does. Rows are packed while
 * training runs (one pass: a drag recomputes eight of these per input event).
 */
export function minibatchTrajectory(run: MinibatchRun): Trajectory & {
  minibatch: MinibatchColumns;
} {
  const n = run.data.y.length;
  const size = Math.min(run.batch, n);
  const epochs = Math.max(1, Math.ceil(run.steps / batchesPerEpoch(n, size)));
  const rows = run.steps + 1;
  const bound = defaultBound(2, run.start, run.domain);
  const data = new Float64Array(rows * STRIDE);
  const loss = new Float64Array(rows).fill(NaN);
  const epoch = new Int32Array(rows).fill(-1);
  const batch = new Int32Array(rows).fill(-1);
  const g = new Float64Array(2);
  // Row offsets as locals: the visitor below runs once per step.
  const stride = STRIDE;
  const { x: cx, y: cy, f: cf, gx: cgx, gy: cgy, ux: cux, uy: cuy, lr: clr } = COL;
  // The full loss and its gradient in one call: logistic's are one pass over the data together,
  // linear's objective is O(1) from centred sums (and the surface's own numbers).
  const { model, objective } = run;
  const full =
    model.kind === 'logistic'
      ? (t: Float64Array) => model.lossAndGradient(t, run.data, g)
      : (t: Float64Array) => {
          objective.gradient(t, g);
          return objective.value(t);
        };
  const { steps, divergedAt } = trainWith(
    model,
    run.data,
    run.start,
    {
      optimizer: run.params,
      batch: size,
      epochs,
      seed: run.params.seed,
      maxSteps: run.steps,
    },
    (k, theta, bl, e, b, lr) => {
      const x = theta[0]!;
      const y = theta[1]!;
      if (!(Math.abs(x) <= bound && Math.abs(y) <= bound)) return false;
      const f = full(theta);
      if (!(Number.isFinite(f) && Number.isFinite(g[0]) && Number.isFinite(g[1]))) return false;
      const row = k * stride;
      data[row + cx] = x;
      data[row + cy] = y;
      data[row + cf] = f;
      data[row + cgx] = g[0]!;
      data[row + cgy] = g[1]!;
      // η in force at the last row (0 if none is known); the next row overwrites it.
      data[row + clr] = Number.isFinite(lr) ? lr : 0;
      if (k > 0) {
        // Row k − 1's step is the one that made θ_k.
        const prev = row - stride;
        data[prev + cux] = x - data[prev + cx]!;
        data[prev + cuy] = y - data[prev + cy]!;
        data[prev + clr] = lr;
        loss[k - 1] = bl;
        epoch[k - 1] = e;
        batch[k - 1] = b;
      }
      return true;
    },
  );
  if (steps < 0) throw new RangeError('the loss is not finite at the start');
  const count = steps + 1;
  const cut = <T extends Float64Array | Int32Array>(a: T): T =>
    count < rows ? (a.slice(0, count) as T) : a;
  return {
    dim: 2,
    data,
    count,
    status: divergedAt !== null ? 'diverged' : 'running',
    divergedAt,
    convergedAt: null,
    minibatch: { size, points: n, loss: cut(loss), epoch: cut(epoch), batch: cut(batch) },
  };
}
