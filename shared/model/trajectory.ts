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
import { train } from './train.ts';

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
 * defaultBound) or turns non-finite stops there, as a surface run does.
 */
export function minibatchTrajectory(run: MinibatchRun): Trajectory & {
  minibatch: MinibatchColumns;
} {
  const n = run.data.y.length;
  const size = Math.min(run.batch, n);
  const epochs = Math.max(1, Math.ceil(run.steps / batchesPerEpoch(n, size)));
  const result = train(run.model, run.data, run.start, {
    optimizer: run.params,
    batch: size,
    epochs,
    seed: run.params.seed,
    maxSteps: run.steps,
    fullLoss: (theta) => run.objective.value(theta),
  });
  const bound = defaultBound(2, run.start, run.domain);
  let count = result.steps + 1;
  let divergedAt = result.divergedAt;
  for (let k = 0; k < count; k++) {
    const a = result.theta[2 * k]!;
    const b = result.theta[2 * k + 1]!;
    if (Math.abs(a) > bound || Math.abs(b) > bound) {
      count = k;
      divergedAt = k;
      break;
    }
  }
  const data = new Float64Array((run.steps + 1) * STRIDE);
  const loss = new Float64Array(count).fill(NaN);
  const epoch = new Int32Array(count).fill(-1);
  const batch = new Int32Array(count).fill(-1);
  const g = new Float64Array(2);
  const at = new Float64Array(2);
  for (let k = 0; k < count; k++) {
    const row = k * STRIDE;
    const x = result.theta[2 * k]!;
    const y = result.theta[2 * k + 1]!;
    data[row + COL.x] = x;
    data[row + COL.y] = y;
    data[row + COL.f] = result.fullLoss[k]!;
    at[0] = x;
    at[1] = y;
    run.objective.gradient(at, g);
    data[row + COL.gx] = g[0]!;
    data[row + COL.gy] = g[1]!;
    if (k + 1 < count) {
      data[row + COL.ux] = result.theta[2 * (k + 1)]! - x;
      data[row + COL.uy] = result.theta[2 * (k + 1) + 1]! - y;
      data[row + COL.lr] = result.lr[k + 1]!;
      loss[k] = result.batchLoss[k + 1]!;
      epoch[k] = result.epoch[k + 1]!;
      batch[k] = result.batch[k + 1]!;
    } else {
      // The last row takes no step; η is the one in force (0 if none is known).
      data[row + COL.lr] = Number.isFinite(result.lr[k]) ? result.lr[k]! : 0;
    }
  }
  return {
    dim: 2,
    data,
    count,
    status: divergedAt !== null ? 'diverged' : 'running',
    divergedAt,
    convergedAt: null,
    minibatch: { size, points: n, loss, epoch, batch },
  };
}
