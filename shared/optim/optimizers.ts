/**
 * Optimizer update rules as pure step functions over explicit state. Conventions follow PyTorch
 * (`torch.optim`) wherever PyTorch has the same optimizer: buffers exclude the learning rate, so a
 * schedule can change η between steps without rescaling them.
 *
 * One step, for every kind:
 * 1. the gradient the optimizer sees, g, starts as the exact ∇f(θ) — except Nesterov, which uses
 *    ∇f at its look-ahead point;
 * 2. kind `sgd` only: g ← g + σ·z with z ~ N(0, 1) per component from the seeded PRNG (the other
 *    kinds are deterministic by design, so the noise knob cannot silently change them);
 * 3. every kind: if `params.clip` is set and |g| > clip then g ← g·clip/|g| (Euclidean norm);
 * 4. the kind's rule below turns g into the update Δ, θ_{t+1} = θ_t + Δ.
 */

import type { Objective, OptimizerParams, Point } from '../types.ts';
import { clipByNorm } from './clip.ts';
import { createRng, nextGaussian, type RngState } from './rng.ts';

/**
 * Everything an optimizer carries between steps. Vectors have length `dim`. Mutated in place by
 * {@link optimizerStep}; buffers a kind does not use stay 0.
 */
export interface OptimizerState {
  /** Number of parameters: 1 or 2 for surfaces, more for models trained in shared/model. */
  readonly dim: number;
  /** Number of steps taken so far; Adam's bias correction uses t after increment (1 on step 1). */
  t: number;
  /** Velocity (momentum, nesterov). */
  v: Float64Array;
  /** First moment (adam). */
  m: Float64Array;
  /** Second moment (rmsprop, adam) or sum of squared gradients (adagrad). */
  s: Float64Array;
  /** Noise generator (sgd). */
  rng: RngState;
  /** Scratch: the gradient as the optimizer sees it after look-ahead, noise and clipping. */
  readonly g: Float64Array;
  /** Scratch: Nesterov's look-ahead point. */
  readonly look: Float64Array;
}

/** Fresh state for a run: zero buffers, t = 0, PRNG seeded from `params.seed`. */
export function createState(params: OptimizerParams, dim: number): OptimizerState {
  return {
    dim,
    t: 0,
    v: new Float64Array(dim),
    m: new Float64Array(dim),
    s: new Float64Array(dim),
    rng: createRng(params.seed),
    g: new Float64Array(dim),
    look: new Float64Array(dim),
  };
}

/**
 * Computes the update Δ for one step at θ and writes it to `out[0..dim)`. `grad` must be the
 * exact ∇f(θ); `lr` is this step's learning rate (from the schedule — `params.lr` is not read
 * here). Allocates nothing. Rules, with g the processed gradient (see module comment):
 *
 * - `gd`: Δ = −η g.
 * - `sgd`: Δ = −η g̃ with g̃ = g + σ·N(0, 1); σ = 0 draws nothing and equals `gd` bit for bit.
 * - `momentum` (heavy ball, PyTorch SGD with momentum, dampening 0): v ← β v + g; Δ = −η v.
 * - `nesterov` (Sutskever et al. 2013, look-ahead form): g = ∇f(θ − η β v) (gradient at the point
 *   the momentum alone would reach, clipped like any gradient); v ← β v + g; Δ = −η v.
 * - `adagrad`: s ← s + g²; Δ = −η g/(√s + ε).
 * - `rmsprop`: s ← ρ s + (1 − ρ) g²; Δ = −η g/(√s + ε).
 * - `adam`: m ← β₁ m + (1 − β₁) g; s ← β₂ s + (1 − β₂) g²; with bias correction
 *   m̂ = m/(1 − β₁ᵗ), ŝ = s/(1 − β₂ᵗ) (t = 1 on the first step), without it m̂ = m, ŝ = s;
 *   Δ = −η m̂/(√ŝ + ε).
 *
 * Hyperparameters are taken as given (no validation): nonsense values produce non-finite updates,
 * which the trajectory runner reports as divergence.
 */
export function optimizerStep(
  params: OptimizerParams,
  state: OptimizerState,
  objective: Pick<Objective, 'gradient'>,
  theta: Point,
  grad: Point,
  lr: number,
  out: Float64Array,
): void {
  const dim = state.dim;
  const g = state.g;
  const v = state.v;
  state.t += 1;

  if (params.kind === 'nesterov') {
    const look = state.look;
    const shift = lr * params.momentum;
    for (let i = 0; i < dim; i++) look[i] = (theta[i] as number) - shift * (v[i] as number);
    objective.gradient(look, g);
  } else {
    for (let i = 0; i < dim; i++) g[i] = grad[i] as number;
  }
  // Skipping the draw at σ = 0 (rather than adding 0·z) keeps signed zeros identical to gd.
  if (params.kind === 'sgd' && params.noise !== 0) {
    for (let i = 0; i < dim; i++) g[i] = (g[i] as number) + params.noise * nextGaussian(state.rng);
  }
  if (params.clip !== null) clipByNorm(g, dim, params.clip);

  switch (params.kind) {
    case 'gd':
    case 'sgd':
      for (let i = 0; i < dim; i++) out[i] = -lr * (g[i] as number);
      return;
    case 'momentum':
    case 'nesterov': {
      const beta = params.momentum;
      for (let i = 0; i < dim; i++) {
        const vi = beta * (v[i] as number) + (g[i] as number);
        v[i] = vi;
        out[i] = -lr * vi;
      }
      return;
    }
    case 'adagrad': {
      const s = state.s;
      for (let i = 0; i < dim; i++) {
        const gi = g[i] as number;
        const si = (s[i] as number) + gi * gi;
        s[i] = si;
        out[i] = (-lr * gi) / (Math.sqrt(si) + params.eps);
      }
      return;
    }
    case 'rmsprop': {
      const s = state.s;
      const rho = params.rho;
      for (let i = 0; i < dim; i++) {
        const gi = g[i] as number;
        const si = rho * (s[i] as number) + (1 - rho) * gi * gi;
        s[i] = si;
        out[i] = (-lr * gi) / (Math.sqrt(si) + params.eps);
      }
      return;
    }
    case 'adam': {
      const m = state.m;
      const s = state.s;
      const b1 = params.beta1;
      const b2 = params.beta2;
      const c1 = params.biasCorrection ? 1 - Math.pow(b1, state.t) : 1;
      const c2 = params.biasCorrection ? 1 - Math.pow(b2, state.t) : 1;
      for (let i = 0; i < dim; i++) {
        const gi = g[i] as number;
        const mi = b1 * (m[i] as number) + (1 - b1) * gi;
        const si = b2 * (s[i] as number) + (1 - b2) * gi * gi;
        m[i] = mi;
        s[i] = si;
        out[i] = (-lr * (mi / c1)) / (Math.sqrt(si / c2) + params.eps);
      }
      return;
    }
  }
}
