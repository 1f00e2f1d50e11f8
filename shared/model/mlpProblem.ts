/**
 * A tiny network's loss as a surface the app can draw: train the MLP the spec describes, take the
 * plane through its trained weights θ* (Li et al. 2018: the first two principal components of
 * the training path, or two filter-normalised random directions), sample the full-data loss on
 * that plane and hand the samples to the grid problem (smooth interpolation, exact derivatives of
 * the interpolant). The training path, projected onto the same plane, rides along as `slice` so
 * the view can draw the actual training on the slice.
 *
 * Sampling is the slow part (a few hundred ms at 64×64): `onProgress` is called after every row
 * so the worker can report it.
 */
import { gridProblem } from '../landscape/problem.ts';
import type { Problem, SliceInfo } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import { MAX_MLP_STEPS } from '../schema.ts';
import type { Dataset } from './data.ts';
import { batchesPerEpoch } from './minibatch.ts';
import { mlpDomain, mlpPlannedSteps, mlpShape, planeLabel, SLICE_RESOLUTION } from './mlpSpec.ts';
import type { MlpSpec } from './mlpSpec.ts';
import { mlpFilters, mlpInit, mlpModel } from './models.ts';
import { datasetOf, dataLabel } from './problem.ts';
import {
  filterNormalizedDirections,
  pcaDirections,
  projectPath,
  sliceCoordinate,
  sliceRows,
} from './slice.ts';
import type { SliceSpec } from './slice.ts';
import { train } from './train.ts';
import type { TrainResult } from './train.ts';
import type { Model } from './models.ts';
import { COL, STRIDE } from '../types.ts';

/**
 * Scales d1 and d2 (in place) so that the path's coordinates along each reach ±1 at most: the
 * second component of a training path is often a hundredth of the first, and on a box of equal
 * sides it would be a flat line. Returns the scaled coordinates.
 */
function scaleToPath(path: Float64Array, d1: Float64Array, d2: Float64Array): Float64Array {
  const reach = [0, 0];
  for (let k = 0; k < path.length; k++) reach[k % 2] = Math.max(reach[k % 2]!, Math.abs(path[k]!));
  // A path with no spread along d2 (a straight line): keep the first axis's scale.
  const s1 = reach[0]! > 0 ? reach[0]! : 1;
  const s2 = reach[1]! > 1e-9 * s1 ? reach[1]! : s1;
  for (let q = 0; q < d1.length; q++) {
    d1[q] = d1[q]! * s1;
    d2[q] = d2[q]! * s2;
  }
  const out = new Float64Array(path.length);
  for (let k = 0; k < path.length; k++) out[k] = path[k]! / (k % 2 === 0 ? s1 : s2);
  return out;
}

/**
 * The training as the step table reads a run (types.ts STRIDE/COL): row k is θ_k on the plane
 * (x, y), the full loss L(θ_k), the rate of change of L at θ_k along each plane axis (∇L(θ_k)·d1,
 * ∇L(θ_k)·d2: the true weights lie off the plane, so this is not the slice's own slope), the
 * step to the next point and its η, with the minibatch that step used.
 */
function trainingRows(
  model: Model,
  data: Dataset,
  result: TrainResult,
  path: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  size: number,
): SliceInfo['rows'] {
  const dim = model.dim;
  const count = result.steps + 1;
  const rows = new Float64Array(count * STRIDE);
  const loss = new Float64Array(count).fill(NaN);
  const epoch = new Int32Array(count).fill(-1);
  const batch = new Int32Array(count).fill(-1);
  const g = new Float64Array(dim);
  for (let k = 0; k < count; k++) {
    const theta = result.theta.subarray(k * dim, (k + 1) * dim);
    model.lossAndGradient(theta, data, g);
    let gx = 0;
    let gy = 0;
    for (let q = 0; q < dim; q++) {
      gx += g[q]! * d1[q]!;
      gy += g[q]! * d2[q]!;
    }
    const row = k * STRIDE;
    rows[row + COL.x] = path[2 * k]!;
    rows[row + COL.y] = path[2 * k + 1]!;
    rows[row + COL.f] = result.fullLoss[k]!;
    rows[row + COL.gx] = gx;
    rows[row + COL.gy] = gy;
    if (k + 1 < count) {
      rows[row + COL.ux] = path[2 * (k + 1)]! - path[2 * k]!;
      rows[row + COL.uy] = path[2 * (k + 1) + 1]! - path[2 * k + 1]!;
      rows[row + COL.lr] = result.lr[k + 1]!;
      loss[k] = result.batchLoss[k + 1]!;
      epoch[k] = result.epoch[k + 1]!;
      batch[k] = result.batch[k + 1]!;
    } else {
      rows[row + COL.lr] = Number.isFinite(result.lr[k]) ? result.lr[k]! : 0;
    }
  }
  return {
    data: rows,
    count,
    minibatch: { size, points: data.y.length, loss, epoch, batch },
  };
}

function refuse(message: string): never {
  throw new ProblemError(message);
}

/** The data set of a spec, checked for the network. @throws ProblemError */
function mlpData(spec: MlpSpec): { data: Dataset; label: string } {
  let data: Dataset;
  try {
    data = datasetOf(spec.data);
  } catch (error) {
    refuse(
      `The data set cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const n = data.y.length;
  const label = dataLabel(spec.data, n);
  if (data.task !== 'classification' || data.features !== 2) {
    refuse(
      `The network classifies points with two inputs (labels 0/1); ${label} is ${data.task} with ${data.features} input column(s).`,
    );
  }
  const planned = mlpPlannedSteps(spec);
  if (planned > MAX_MLP_STEPS) {
    refuse(
      `Training would take ${planned} steps (${spec.epochs} epochs of ${batchesPerEpoch(n, Math.min(spec.batch, n))} batches); at most ${MAX_MLP_STEPS} are drawn. Use fewer epochs or a larger batch.`,
    );
  }
  return { data, label };
}

/**
 * Whether a spec can be built, without training (cheap enough for the main thread when a scene
 * is opened): null, or why not.
 */
export function checkMlpSpec(spec: MlpSpec): string | null {
  try {
    mlpData(spec);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The problem of an MLP spec: the interpolated slice plus `slice` (plane, projected path).
 * `resolution` (samples per axis) is lower only for a sketch.
 * @throws ProblemError when the data does not suit the network or training cannot run.
 */
export function mlpProblem(
  spec: MlpSpec,
  onProgress?: (done: number, total: number) => void,
  resolution = SLICE_RESOLUTION,
): Problem {
  const { data, label } = mlpData(spec);
  const n = data.y.length;
  const model = mlpModel({ hidden: spec.hidden, activation: spec.activation });
  const theta0 = mlpInit(spec.hidden, spec.seed, spec.activation);
  let result;
  try {
    result = train(model, data, theta0, {
      optimizer: spec.params,
      batch: Math.min(spec.batch, n),
      epochs: spec.epochs,
      seed: spec.seed,
    });
  } catch (error) {
    refuse(
      `The network cannot be trained: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const dim = model.dim;
  const steps = result.steps;
  const center = result.theta.slice(steps * dim, (steps + 1) * dim);
  let d1: Float64Array;
  let d2: Float64Array;
  let explained: [number, number] | null = null;
  if (spec.plane === 'pca') {
    if (steps < 2)
      refuse('The training path is too short to have principal components: train for more steps.');
    try {
      ({ d1, d2, explained } = pcaDirections(result.theta, steps, dim, center));
    } catch (error) {
      refuse(
        `No plane through the training path: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  } else {
    [d1, d2] = filterNormalizedDirections(model, center, mlpFilters(spec.hidden), spec.seed);
  }
  let path = projectPath(result.theta, steps, dim, center, d1, d2);
  if (spec.plane === 'pca') path = scaleToPath(path, d1, d2);
  const domain = mlpDomain(spec.plane);
  const box: SliceSpec = { resolution, alpha: domain.x, beta: domain.y };
  const res = box.resolution;
  const values = new Float64Array(res * res);
  for (let j = 0; j < res; j++) {
    sliceRows(model, data, center, d1, d2, box, j, j + 1, values);
    onProgress?.(j + 1, res);
  }
  const axis = (range: readonly [number, number]): number[] =>
    Array.from({ length: res }, (_, i) => sliceCoordinate(range, res, i));
  const shape = mlpShape(spec);
  const name = `${shape} network on ${label}`;
  const grid = gridProblem({
    kind: 'grid',
    name,
    xs: axis(box.alpha),
    ys: axis(box.beta),
    values: Array.from(values, (v) => (Number.isFinite(v) ? v : null)),
  });
  const slice: SliceInfo = {
    plane: spec.plane,
    label: planeLabel(spec.plane, explained),
    explained,
    parameters: dim,
    path: Array.from(path),
    loss: Array.from(result.fullLoss),
    status: result.status,
    rows: trainingRows(model, data, result, path, d1, d2, Math.min(spec.batch, n)),
  };
  return {
    ...grid,
    // Short: an export burns it in as the formula. The panel and caption describe the network.
    expression: 'L(θ* + x·d1 + y·d2)',
    latex: String.raw`L(\theta^{*}+x\,d_1+y\,d_2)`,
    // The trained weights sit at the origin of the plane.
    minima: [{ point: [0, 0], value: result.fullLoss[steps]!, kind: 'local' }],
    colorScale: null,
    slice,
  };
}
