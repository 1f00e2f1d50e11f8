/**
 * Small models with exact (analytic) gradients: linear regression, logistic regression without
 * bias, and a one-hidden-layer perceptron. They turn a data set into a loss over a parameter
 * vector θ, on the full data or on a minibatch, so that train.ts can run the optimizers of
 * shared/optim on real losses and slice.ts can draw them.
 *
 * Every model preallocates its scratch at construction: `loss` and `lossAndGradient` allocate
 * nothing, they run once per training step and once per grid cell of a slice.
 *
 * Cross-entropy is computed from the logit z in the stable form
 *   −[y log σ(z) + (1 − y) log(1 − σ(z))] = softplus(z) − y·z,
 *   softplus(z) = max(z, 0) + log(1 + e^(−|z|)),
 * which is finite for every finite z (no log 0, no exp overflow).
 */

import type { Objective, Point } from '../types.ts';
import { createRng, nextGaussian } from '../optim/rng.ts';
import type { Dataset } from './data.ts';

/** Model kinds, as used in scene files. */
export type ModelKind = 'linear' | 'logistic' | 'mlp';

/**
 * A differentiable loss L(θ) over a data set. `idx`/`count` select a minibatch: the points
 * idx[0..count) (count defaults to idx.length); without `idx` the loss is over all n points.
 * The loss is always a mean over the selected points.
 */
export interface Model {
  readonly kind: ModelKind;
  /** Number of parameters (length of θ). */
  readonly dim: number;
  /** Name of each parameter, in θ order. */
  readonly paramNames: readonly string[];
  /** Number of input features the model expects. */
  readonly features: number;
  /** Mean loss over the selected points. */
  loss(theta: Point, data: Dataset, idx?: ArrayLike<number>, count?: number): number;
  /** Mean loss over the selected points; writes ∇L(θ) into out[0..dim). */
  lossAndGradient(
    theta: Point,
    data: Dataset,
    out: Float64Array,
    idx?: ArrayLike<number>,
    count?: number,
  ): number;
}

/** log(1 + e^z) without overflow or loss of precision for large |z|. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Logistic sigmoid 1/(1 + e^(−z)), evaluated so that exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Binary cross-entropy of label y ∈ {0, 1} at logit z: softplus(z) − y·z. */
export function crossEntropyFromLogit(z: number, y: number): number {
  return softplus(z) - y * z;
}

/** Number of selected points; checks the model's feature count against the data. */
function batchSize(
  model: Model,
  data: Dataset,
  idx: ArrayLike<number> | undefined,
  count: number | undefined,
): number {
  if (data.features !== model.features) {
    throw new RangeError(
      `${model.kind} model expects ${model.features} feature(s), the data set has ${data.features}`,
    );
  }
  if (!idx) return data.y.length;
  const m = count ?? idx.length;
  if (!(m >= 1 && m <= idx.length)) {
    throw new RangeError(`minibatch count must be in [1, ${idx.length}], got ${m}`);
  }
  return m;
}

function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

// ---------------------------------------------------------------------------------------------
// Linear regression

/**
 * Linear regression ŷ = w·x + b with θ = (w_1 … w_d, b) and loss MSE = mean (ŷ − y)².
 * Parameter names: ['w', 'b'] for one feature, ['w1', …, 'wd', 'b'] otherwise.
 * ∂L/∂w_k = (2/m) Σ (ŷ − y) x_k, ∂L/∂b = (2/m) Σ (ŷ − y).
 */
export function linearModel(features = 1): Model {
  if (!Number.isInteger(features) || features < 1) {
    throw new RangeError(`linear model: features must be an integer ≥ 1, got ${features}`);
  }
  const d = features;
  const model: Model = {
    kind: 'linear',
    dim: d + 1,
    paramNames: d === 1 ? ['w', 'b'] : [...names('w', d), 'b'],
    features: d,
    loss(theta, data, idx, count) {
      const m = batchSize(model, data, idx, count);
      const x = data.x;
      const y = data.y;
      const b = theta[d] as number;
      let sum = 0;
      for (let t = 0; t < m; t++) {
        const i = idx ? (idx[t] as number) : t;
        let r = b - (y[i] as number);
        for (let k = 0; k < d; k++) r += (theta[k] as number) * (x[i * d + k] as number);
        sum += r * r;
      }
      return sum / m;
    },
    lossAndGradient(theta, data, out, idx, count) {
      const m = batchSize(model, data, idx, count);
      const x = data.x;
      const y = data.y;
      const b = theta[d] as number;
      if (d === 1) {
        // One feature (every built-in regression set): the loop a minibatch step runs most.
        const w = theta[0] as number;
        let sum = 0;
        let gw = 0;
        let gb = 0;
        for (let t = 0; t < m; t++) {
          const i = idx ? (idx[t] as number) : t;
          const xi = x[i] as number;
          const r = b - (y[i] as number) + w * xi;
          sum += r * r;
          gw += r * xi;
          gb += r;
        }
        out[0] = gw * (2 / m);
        out[1] = gb * (2 / m);
        return sum / m;
      }
      for (let k = 0; k <= d; k++) out[k] = 0;
      let sum = 0;
      for (let t = 0; t < m; t++) {
        const i = idx ? (idx[t] as number) : t;
        let r = b - (y[i] as number);
        for (let k = 0; k < d; k++) r += (theta[k] as number) * (x[i * d + k] as number);
        sum += r * r;
        for (let k = 0; k < d; k++) out[k] = (out[k] as number) + r * (x[i * d + k] as number);
        out[d] = (out[d] as number) + r;
      }
      const s = 2 / m;
      for (let k = 0; k <= d; k++) out[k] = (out[k] as number) * s;
      return sum / m;
    },
  };
  return model;
}

/**
 * The exact least-squares fit of linear regression on the full data: solves the normal equations
 * (AᵀA) θ = Aᵀy with A = [x 1] by Gaussian elimination with partial pivoting.
 * @throws RangeError when AᵀA is singular (e.g. all x equal, or fewer points than parameters).
 */
export function linearClosedForm(data: Dataset): { theta: Float64Array; loss: number } {
  const d = data.features;
  const p = d + 1;
  const n = data.y.length;
  // Augmented matrix [AᵀA | Aᵀy], p rows of p + 1.
  const a = new Float64Array(p * (p + 1));
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) row[k] = data.x[i * d + k] as number;
    row[d] = 1;
    const yi = data.y[i] as number;
    for (let r = 0; r < p; r++) {
      const ar = row[r] as number;
      for (let c = 0; c < p; c++)
        a[r * (p + 1) + c] = (a[r * (p + 1) + c] as number) + ar * (row[c] as number);
      a[r * (p + 1) + p] = (a[r * (p + 1) + p] as number) + ar * yi;
    }
  }
  const theta = solveAugmented(a, p);
  if (!theta) {
    throw new RangeError(
      'linear regression has no unique least-squares fit: the features are collinear or constant',
    );
  }
  return { theta, loss: linearModel(d).loss(theta, data) };
}

/** Solves the p×p system held as augmented rows [M | v]; null when M is (numerically) singular. */
function solveAugmented(a: Float64Array, p: number): Float64Array | null {
  const w = p + 1;
  let scale = 0;
  for (let i = 0; i < p * w; i++) scale = Math.max(scale, Math.abs(a[i] as number));
  for (let col = 0; col < p; col++) {
    let piv = col;
    for (let r = col + 1; r < p; r++) {
      if (Math.abs(a[r * w + col] as number) > Math.abs(a[piv * w + col] as number)) piv = r;
    }
    const pv = a[piv * w + col] as number;
    if (!(Math.abs(pv) > 1e-12 * scale)) return null;
    if (piv !== col) {
      for (let c = 0; c < w; c++) {
        const t = a[col * w + c] as number;
        a[col * w + c] = a[piv * w + c] as number;
        a[piv * w + c] = t;
      }
    }
    for (let r = col + 1; r < p; r++) {
      const f = (a[r * w + col] as number) / pv;
      if (f === 0) continue;
      for (let c = col; c < w; c++)
        a[r * w + c] = (a[r * w + c] as number) - f * (a[col * w + c] as number);
    }
  }
  const out = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let s = a[r * w + p] as number;
    for (let c = r + 1; c < p; c++) s -= (a[r * w + c] as number) * (out[c] as number);
    out[r] = s / (a[r * w + r] as number);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Logistic regression

/**
 * Logistic regression without bias: p = σ(w·x), θ = (w_1 … w_d) (default d = 2, names
 * ['w1', 'w2']), loss = mean cross-entropy (stable form, see the module comment).
 * ∂L/∂w_k = (1/m) Σ (σ(z) − y) x_k.
 */
export function logisticModel(features = 2): Model {
  if (!Number.isInteger(features) || features < 1) {
    throw new RangeError(`logistic model: features must be an integer ≥ 1, got ${features}`);
  }
  const d = features;
  const model: Model = {
    kind: 'logistic',
    dim: d,
    paramNames: names('w', d),
    features: d,
    loss(theta, data, idx, count) {
      const m = batchSize(model, data, idx, count);
      const x = data.x;
      let sum = 0;
      for (let t = 0; t < m; t++) {
        const i = idx ? (idx[t] as number) : t;
        let z = 0;
        for (let k = 0; k < d; k++) z += (theta[k] as number) * (x[i * d + k] as number);
        sum += crossEntropyFromLogit(z, data.y[i] as number);
      }
      return sum / m;
    },
    lossAndGradient(theta, data, out, idx, count) {
      const m = batchSize(model, data, idx, count);
      const x = data.x;
      for (let k = 0; k < d; k++) out[k] = 0;
      let sum = 0;
      for (let t = 0; t < m; t++) {
        const i = idx ? (idx[t] as number) : t;
        let z = 0;
        for (let k = 0; k < d; k++) z += (theta[k] as number) * (x[i * d + k] as number);
        const yi = data.y[i] as number;
        sum += crossEntropyFromLogit(z, yi);
        const r = sigmoid(z) - yi;
        for (let k = 0; k < d; k++) out[k] = (out[k] as number) + r * (x[i * d + k] as number);
      }
      for (let k = 0; k < d; k++) out[k] = (out[k] as number) / m;
      return sum / m;
    },
  };
  return model;
}

// ---------------------------------------------------------------------------------------------
// MLP

/** Hidden-layer activation of the MLP. relu′(0) is taken as 0 (the frameworks' convention). */
export type Activation = 'tanh' | 'relu';

/** Options of {@link mlpModel}. */
export interface MlpOptions {
  /** Hidden units H (integer ≥ 1). Default 8. */
  hidden?: number;
  /** Default 'tanh'. */
  activation?: Activation;
  /** Input features d. Default 2. */
  inputs?: number;
}

/** An MLP model; also says its shape so callers can build filters and initial weights. */
export interface MlpModel extends Model {
  readonly kind: 'mlp';
  readonly hidden: number;
  readonly activation: Activation;
}

/**
 * Offsets of each block in the MLP parameter vector θ (length H·d + 2H + 1):
 * - W1 at [0, H·d): hidden-layer weights, row-major H×d (row j = the weights into hidden unit j);
 * - b1 at [H·d, H·d + H): hidden biases;
 * - W2 at [H·d + H, H·d + 2H): output weights (one per hidden unit);
 * - b2 at H·d + 2H: output bias.
 */
export function mlpLayout(
  hidden: number,
  inputs = 2,
): { w1: number; b1: number; w2: number; b2: number; dim: number } {
  const w1 = 0;
  const b1 = hidden * inputs;
  const w2 = b1 + hidden;
  const b2 = w2 + hidden;
  return { w1, b1, w2, b2, dim: b2 + 1 };
}

/**
 * A d–H–1 perceptron (default 2–8–1): h = act(W1 x + b1), z = W2·h + b2, p = σ(z), loss = mean
 * cross-entropy (stable form). Layout of θ: see {@link mlpLayout}. Gradients by backpropagation:
 * δ = σ(z) − y; ∂/∂W2_j = δ h_j; ∂/∂b2 = δ; δ_j = δ W2_j act′(a_j); ∂/∂W1_jk = δ_j x_k;
 * ∂/∂b1_j = δ_j (each averaged over the batch).
 */
export function mlpModel(options: MlpOptions = {}): MlpModel {
  const H = options.hidden ?? 8;
  const act = options.activation ?? 'tanh';
  const d = options.inputs ?? 2;
  if (!Number.isInteger(H) || H < 1 || H > 4096) {
    throw new RangeError(`mlp: hidden must be an integer in [1, 4096], got ${H}`);
  }
  if (!Number.isInteger(d) || d < 1) {
    throw new RangeError(`mlp: inputs must be an integer ≥ 1, got ${d}`);
  }
  if (act !== 'tanh' && act !== 'relu') {
    throw new RangeError(`mlp: activation must be 'tanh' or 'relu', got '${String(act)}'`);
  }
  const L = mlpLayout(H, d);
  const relu = act === 'relu';
  const pre = new Float64Array(H); // a_j = W1_j·x + b1_j
  const hid = new Float64Array(H); // h_j = act(a_j)
  const paramNames: string[] = [];
  for (let j = 0; j < H; j++) for (let k = 0; k < d; k++) paramNames.push(`W1[${j + 1},${k + 1}]`);
  for (let j = 0; j < H; j++) paramNames.push(`b1[${j + 1}]`);
  for (let j = 0; j < H; j++) paramNames.push(`W2[${j + 1}]`);
  paramNames.push('b2');

  /** Forward pass for point i: fills pre/hid and returns the logit z. */
  const forward = (theta: Point, x: Float64Array, i: number): number => {
    let z = theta[L.b2] as number;
    for (let j = 0; j < H; j++) {
      let a = theta[L.b1 + j] as number;
      for (let k = 0; k < d; k++)
        a += (theta[L.w1 + j * d + k] as number) * (x[i * d + k] as number);
      pre[j] = a;
      const h = relu ? (a > 0 ? a : 0) : Math.tanh(a);
      hid[j] = h;
      z += (theta[L.w2 + j] as number) * h;
    }
    return z;
  };

  const model: MlpModel = {
    kind: 'mlp',
    dim: L.dim,
    paramNames,
    features: d,
    hidden: H,
    activation: act,
    loss(theta, data, idx, count) {
      const m = batchSize(model, data, idx, count);
      let sum = 0;
      for (let t = 0; t < m; t++) {
        const i = idx ? (idx[t] as number) : t;
        sum += crossEntropyFromLogit(forward(theta, data.x, i), data.y[i] as number);
      }
      return sum / m;
    },
    lossAndGradient(theta, data, out, idx, count) {
      const m = batchSize(model, data, idx, count);
      const x = data.x;
      for (let p = 0; p < L.dim; p++) out[p] = 0;
      let sum = 0;
      for (let t = 0; t < m; t++) {
        const i = idx ? (idx[t] as number) : t;
        const z = forward(theta, x, i);
        const yi = data.y[i] as number;
        sum += crossEntropyFromLogit(z, yi);
        const delta = sigmoid(z) - yi;
        out[L.b2] = (out[L.b2] as number) + delta;
        for (let j = 0; j < H; j++) {
          const h = hid[j] as number;
          out[L.w2 + j] = (out[L.w2 + j] as number) + delta * h;
          const slope = relu ? ((pre[j] as number) > 0 ? 1 : 0) : 1 - h * h;
          const dj = delta * (theta[L.w2 + j] as number) * slope;
          if (dj === 0) continue;
          out[L.b1 + j] = (out[L.b1 + j] as number) + dj;
          for (let k = 0; k < d; k++) {
            const q = L.w1 + j * d + k;
            out[q] = (out[q] as number) + dj * (x[i * d + k] as number);
          }
        }
      }
      for (let p = 0; p < L.dim; p++) out[p] = (out[p] as number) / m;
      return sum / m;
    },
  };
  return model;
}

/**
 * Seeded initial weights for {@link mlpModel}: W1 ~ N(0, s1²) with s1 = √(1/d) for tanh
 * (Xavier/LeCun) or √(2/d) for relu (He); W2 ~ N(0, 1/H); biases 0. Same seed, same θ.
 */
export function mlpInit(
  hidden: number,
  seed: number,
  activation: Activation = 'tanh',
  inputs = 2,
): Float64Array {
  const L = mlpLayout(hidden, inputs);
  const rng = createRng(seed);
  const theta = new Float64Array(L.dim);
  const s1 = Math.sqrt((activation === 'relu' ? 2 : 1) / inputs);
  for (let q = L.w1; q < L.b1; q++) theta[q] = s1 * nextGaussian(rng);
  const s2 = Math.sqrt(1 / hidden);
  for (let q = L.w2; q < L.b2; q++) theta[q] = s2 * nextGaussian(rng);
  return theta;
}

/**
 * Parameter groups ("filters") for filter normalisation (Li et al. 2018, "Visualizing the Loss
 * Landscape of Neural Nets"). For a fully connected net the analogue of a convolution filter is
 * a neuron: filter j < H holds hidden unit j's incoming weights W1[j, ·] and its bias b1_j; the
 * last filter is the output neuron: all of W2 and b2. (Li et al. leave biases out of the random
 * direction; here each bias travels with its neuron, so every parameter lies in exactly one
 * filter and the plane moves the whole network.)
 */
export function mlpFilters(hidden: number, inputs = 2): number[][] {
  const L = mlpLayout(hidden, inputs);
  const filters: number[][] = [];
  for (let j = 0; j < hidden; j++) {
    const f: number[] = [];
    for (let k = 0; k < inputs; k++) f.push(L.w1 + j * inputs + k);
    f.push(L.b1 + j);
    filters.push(f);
  }
  const out: number[] = [];
  for (let j = 0; j < hidden; j++) out.push(L.w2 + j);
  out.push(L.b2);
  filters.push(out);
  return filters;
}

/**
 * Default filters of any model: {@link mlpFilters} for an MLP; for linear and logistic
 * regression the whole θ is one filter (there are no neurons to tell apart).
 */
export function modelFilters(model: Model): number[][] {
  if (model.kind === 'mlp') return mlpFilters((model as MlpModel).hidden, model.features);
  return [Array.from({ length: model.dim }, (_, i) => i)];
}

// ---------------------------------------------------------------------------------------------
// Full-data loss as a surface

/**
 * The full-data loss of a 2-parameter model (linear regression on one feature, logistic
 * regression on two) as an {@link Objective}, so the existing surface code can draw it and
 * runTrajectory can descend it. Variables are the model's parameter names ('w', 'b' or 'w1',
 * 'w2'). The Hessian is exact: linear, (2/n)[Σx² Σx; Σx n] (constant); logistic,
 * (1/n) Σ σ(z)σ(−z) x xᵀ. There are no kinks.
 * @throws RangeError when the model does not have exactly 2 parameters.
 */
export function fullLossObjective(model: Model, data: Dataset): Objective {
  if (model.dim !== 2 || model.kind === 'mlp') {
    throw new RangeError(
      `only 2-parameter linear or logistic models can be drawn as a surface; this ${model.kind} model has ${model.dim}`,
    );
  }
  if (data.features !== model.features) {
    throw new RangeError(
      `${model.kind} model expects ${model.features} feature(s), the data set has ${data.features}`,
    );
  }
  if (model.kind === 'linear') return linearLossObjective(model, data);
  const n = data.y.length;
  const x = data.x;
  const scratch = new Float64Array(2);
  // Logistic: (1/n) Σ σ(z)σ(−z) x xᵀ.
  const hessian = (p: Point, out: Float64Array): void => {
    const w1 = p[0] as number;
    const w2 = p[1] as number;
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    for (let i = 0; i < n; i++) {
      const a = x[2 * i] as number;
      const b = x[2 * i + 1] as number;
      const z = w1 * a + w2 * b;
      const s = sigmoid(z) * sigmoid(-z);
      h11 += s * a * a;
      h12 += s * a * b;
      h22 += s * b * b;
    }
    out[0] = h11 / n;
    out[1] = h12 / n;
    out[2] = h12 / n;
    out[3] = h22 / n;
  };
  return {
    dim: 2,
    variables: model.paramNames,
    value: (p) => model.loss(p, data),
    gradient: (p, out) => {
      model.lossAndGradient(p, data, scratch);
      out[0] = scratch[0] as number;
      out[1] = scratch[1] as number;
    },
    hessian,
    isKink: () => false,
  };
}

/**
 * Linear regression's full-data MSE in O(1) per call, from centred sums (the loss is a quadratic
 * in (w, b)): with c = w·x̄ + b − ȳ, L = w²·Vxx − 2w·Cxy + Vyy + c², where Vxx, Cxy, Vyy are the
 * centred (co)variances. Centring keeps it accurate when x or y sit far from 0; a slider drag
 * then recomputes 8 runs × 2000 minibatch steps without touching every point each step.
 */
function linearLossObjective(model: Model, data: Dataset): Objective {
  const n = data.y.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += data.x[i] as number;
    my += data.y[i] as number;
  }
  mx /= n;
  my /= n;
  let vxx = 0;
  let cxy = 0;
  let vyy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (data.x[i] as number) - mx;
    const dy = (data.y[i] as number) - my;
    vxx += dx * dx;
    cxy += dx * dy;
    vyy += dy * dy;
  }
  vxx /= n;
  cxy /= n;
  vyy /= n;
  // Hessian: 2·[mean x², mean x; mean x, 1], with mean x² = Vxx + x̄².
  const hxx = 2 * (vxx + mx * mx);
  const hxb = 2 * mx;
  return {
    dim: 2,
    variables: model.paramNames,
    value: (p) => {
      const w = p[0] as number;
      const c = w * mx + (p[1] as number) - my;
      return w * w * vxx - 2 * w * cxy + vyy + c * c;
    },
    gradient: (p, out) => {
      const w = p[0] as number;
      const c = w * mx + (p[1] as number) - my;
      out[0] = 2 * (w * vxx - cxy) + 2 * c * mx;
      out[1] = 2 * c;
    },
    hessian: (_p, out) => {
      out[0] = hxx;
      out[1] = hxb;
      out[2] = hxb;
      out[3] = 2;
    },
    isKink: () => false,
  };
}
