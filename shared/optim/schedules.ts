/**
 * Learning-rate schedules. Pure functions of the step index so a trajectory can be recomputed
 * from any point and the UI can plot η_t without running the optimizer.
 */

import type { OptimizerParams } from '../types.ts';

/**
 * Cosine interpolation from `from` (progress 0) to `to` (progress 1):
 * to + (from − to)·(1 + cos(π·p))/2.
 */
function cosineBetween(from: number, to: number, p: number): number {
  return to + ((from - to) * (1 + Math.cos(Math.PI * p))) / 2;
}

/** Progress t/T clamped to [0, 1]; a span ≤ 0 counts as already finished. */
function progress(t: number, span: number): number {
  return t >= span ? 1 : t / span;
}

/**
 * Learning rate η_t for the update taken at step `step` (t = 0 is the first update) of a run of
 * `totalSteps` (T) updates, with η = `params.lr` and s = `params.schedule`:
 *
 * - `constant`: η_t = η.
 * - `step`: η_t = η·s.stepFactor^⌊t / k⌋ with k = ⌊s.stepEvery⌋ (1 if stepEvery < 1) (piecewise constant).
 * - `exp`: η_t = η·s.gamma^t.
 * - `cosine`: η_t = m + (η − m)·(1 + cos(π·p))/2 with m = s.minLr and p = min(t/T, 1), so
 *   η_0 = η and η_T = m (PyTorch's CosineAnnealingLR with T_max = T); T ≤ 0 gives m.
 * - `warmup-cosine`: with W = max(0, ⌊s.warmup⌋): for t < W, η_t = η·(t + 1)/W (linear warm-up
 *   that reaches η at t = W − 1, never 0 so the first step moves); for t ≥ W, cosine from η to m
 *   over the remaining steps: p = min((t − W)/(T − W), 1), so η_W = η and η_T = m.
 *
 * Steps past T keep the end value for the cosine schedules. `step` is assumed to be a
 * non-negative integer.
 */
export function learningRate(params: OptimizerParams, step: number, totalSteps: number): number {
  const lr = params.lr;
  const s = params.schedule;
  switch (s.kind) {
    case 'constant':
      return lr;
    case 'step': {
      // NaN or < 1 would make ⌊t/k⌋ meaningless; treat it as "decay every step".
      const every = s.stepEvery >= 1 ? Math.floor(s.stepEvery) : 1;
      return lr * Math.pow(s.stepFactor, Math.floor(step / every));
    }
    case 'exp':
      return lr * Math.pow(s.gamma, step);
    case 'cosine':
      return cosineBetween(lr, s.minLr, progress(step, totalSteps));
    case 'warmup-cosine': {
      const w = Math.max(0, Math.floor(s.warmup));
      if (step < w) return (lr * (step + 1)) / w;
      return cosineBetween(lr, s.minLr, progress(step - w, totalSteps - w));
    }
  }
}
