/**
 * A model's loss as a problem the app draws and solves like any surface: the full-data loss over
 * the model's two parameters (linear regression's (w, b), logistic regression's (w1, w2)), with
 * exact derivatives, the true minimum where there is a closed form, and a viewing box around it.
 * The model and its data ride along (`training`) so that runs with a minibatch size train on
 * sampled minibatches (./trajectory.ts).
 */
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import type { DataSpec, ProblemSpec } from '../schema.ts';
import type { Domain, KnownMinimum, Objective } from '../types.ts';
import { builtinDataset, datasetFromJson } from './data.ts';
import type { Dataset } from './data.ts';
import { fullLossObjective, linearClosedForm, linearModel, logisticModel } from './models.ts';
import type { Model } from './models.ts';

type ModelSpec = Extract<ProblemSpec, { kind: 'model' }>;

/** The data set a spec names: generated from its recipe, or its inline points. */
export function datasetOf(spec: DataSpec): Dataset {
  if (spec.kind === 'builtin') {
    return builtinDataset(spec.name, { n: spec.n, seed: spec.seed, noise: spec.noise });
  }
  return datasetFromJson({
    name: spec.name,
    task: spec.task,
    features: spec.features,
    x: spec.x,
    y: spec.y,
  });
}

/** "the noisy line (200 points, seed 1)", "moons.csv (120 points)". */
export function dataLabel(spec: DataSpec, n: number): string {
  if (spec.kind === 'builtin') {
    const names = { line: 'the noisy line', blobs: 'two blobs', moons: 'two moons' } as const;
    return `${names[spec.name]} (${n} points, seed ${spec.seed})`;
  }
  return `${spec.name || 'imported data'} (${n} points)`;
}

const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));

/** A box of half-width `half` around `center`, rounded so axis ticks look tidy. */
function boxAround(center: readonly number[], half: number): Domain {
  const c = center.map((v) => Math.round(v * 2) / 2);
  return {
    x: [c[0]! - half, c[0]! + half],
    y: [c[1]! - half, c[1]! + half],
  };
}

function linear(spec: ModelSpec, data: Dataset, label: string): Problem {
  if (data.task !== 'regression' || data.features !== 1) {
    throw new ProblemError(
      `Linear regression needs a regression data set with one input column; ${label} is ${data.task} with ${data.features}.`,
    );
  }
  const model = linearModel(1);
  const best = linearClosedForm(data);
  const minimum: KnownMinimum = {
    point: [best.theta[0]!, best.theta[1]!],
    value: best.loss,
    kind: 'global',
  };
  const w = round(minimum.point[0]!);
  const b = round(minimum.point[1]!);
  return {
    objective: fullLossObjective(model, data),
    dim: 2,
    variables: model.paramNames,
    expression: `mean((w*x + b - y)^2) over ${label}`,
    latex: String.raw`L(w,b)=\frac{1}{n}\sum_{i=1}^{n}\left(w\,x_i+b-y_i\right)^2`,
    derivatives: {
      gradient: ['(2/n) Σ (w*x_i + b - y_i) * x_i', '(2/n) Σ (w*x_i + b - y_i)'],
      hessian: [
        ['(2/n) Σ x_i^2', '(2/n) Σ x_i'],
        ['(2/n) Σ x_i', '2'],
      ],
    },
    // MSE is a quadratic in (w, b): the stability limit η < 2/λmax holds exactly.
    quadratic: true,
    domain: boxAround([w, b], Math.max(4, Math.abs(w), Math.abs(b))),
    minima: [minimum],
    colorScale: null,
    training: { model, data, spec },
  };
}

/**
 * The lowest point of a convex two-parameter loss, by Newton's method with backtracking from the
 * origin; null when there is none to mark (separable classes: the loss keeps falling as the
 * weights grow, so they run off instead of converging).
 */
export function newtonMinimum(objective: Objective): KnownMinimum | null {
  const p = new Float64Array(2);
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  const trial = new Float64Array(2);
  const curvature = (): number => {
    // Smaller eigenvalue of the symmetric 2×2 Hessian in h.
    const tr = h[0]! + h[3]!;
    const det = h[0]! * h[3]! - h[1]! * h[2]!;
    return (tr - Math.sqrt(Math.max(0, tr * tr - 4 * det))) / 2;
  };
  objective.hessian(p, h);
  const bend = curvature();
  for (let iteration = 0; iteration < 100; iteration++) {
    objective.gradient(p, g);
    objective.hessian(p, h);
    if (Math.hypot(g[0]!, g[1]!) < 1e-12) {
      // Separable classes flatten out as the weights grow: a vanishing gradient there, where
      // the loss has lost its curvature, is not a minimum.
      if (!(curvature() > 1e-6 * bend)) return null;
      return { point: [p[0]!, p[1]!], value: objective.value(p), kind: 'global' };
    }
    const det = h[0]! * h[3]! - h[1]! * h[2]!;
    if (!(det > 0)) return null;
    const sx = -(h[3]! * g[0]! - h[1]! * g[1]!) / det;
    const sy = -(-h[2]! * g[0]! + h[0]! * g[1]!) / det;
    const f = objective.value(p);
    const slope = g[0]! * sx + g[1]! * sy;
    let t = 1;
    for (;;) {
      trial[0] = p[0]! + t * sx;
      trial[1] = p[1]! + t * sy;
      // Near the minimum f changes below its rounding: a step that does not raise f is taken.
      const enough = f + 1e-4 * t * slope + 1e-14 * Math.abs(f);
      if (objective.value(trial) <= enough || t < 1e-12) break;
      t /= 2;
    }
    p.set(trial);
    if (Math.hypot(p[0]!, p[1]!) > 1e4) return null;
  }
  return null;
}

function logistic(spec: ModelSpec, data: Dataset, label: string): Problem {
  if (data.task !== 'classification' || data.features !== 2) {
    throw new ProblemError(
      `Logistic regression needs a classification data set (labels 0/1) with two input columns; ${label} is ${data.task} with ${data.features}.`,
    );
  }
  const model: Model = logisticModel(2);
  const objective = fullLossObjective(model, data);
  // Cross-entropy is convex in the weights: a point where the gradient vanishes is the minimum.
  const minimum = newtonMinimum(objective);
  return {
    objective,
    dim: 2,
    variables: model.paramNames,
    expression: `mean(-y*log(p) - (1-y)*log(1-p)), p = σ(w1*x1 + w2*x2), over ${label}`,
    latex: String.raw`L(w_1,w_2)=-\frac{1}{n}\sum_{i=1}^{n}\Big[y_i\log p_i+(1-y_i)\log(1-p_i)\Big],\quad p_i=\sigma(w_1x_{i1}+w_2x_{i2})`,
    derivatives: {
      gradient: ['(1/n) Σ (p_i - y_i) * x_i1', '(1/n) Σ (p_i - y_i) * x_i2'],
      hessian: [
        ['(1/n) Σ p_i(1-p_i) x_i1^2', '(1/n) Σ p_i(1-p_i) x_i1 x_i2'],
        ['(1/n) Σ p_i(1-p_i) x_i1 x_i2', '(1/n) Σ p_i(1-p_i) x_i2^2'],
      ],
    },
    quadratic: false,
    domain: { x: [-4, 6], y: [-4, 6] },
    minima: minimum ? [minimum] : [],
    colorScale: null,
    training: { model, data, spec },
  };
}

/** The problem of a model spec. @throws ProblemError when the data set does not suit the model. */
export function modelProblem(spec: ModelSpec): Problem {
  let data: Dataset;
  try {
    data = datasetOf(spec.data);
  } catch (error) {
    throw new ProblemError(
      `The data set cannot be used: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const label = dataLabel(spec.data, data.y.length);
  return spec.model === 'linear' ? linear(spec, data, label) : logistic(spec, data, label);
}
