/**
 * Run names that follow their settings. A run's name may hold placeholders such as `η = {lr}`
 * or `Momentum β = {momentum}`; everything that shows a name (legend, run list, editor, tables,
 * export caption) shows it expanded, so a name never contradicts the controls. A name the user
 * types is literal text and stays as typed.
 */
import type { OptimizerKind } from '../types.ts';
import type { RunDoc } from './document.ts';

/** The parts of a run its label is made from. */
export type RunLabelSource = Pick<RunDoc, 'name' | 'params' | 'start' | 'steps' | 'batch'>;

/** Short optimizer names, as a legend on a slide says them. */
export const OPTIMIZER_SHORT_NAMES: Readonly<Record<OptimizerKind, string>> = {
  gd: 'GD',
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSProp',
  adam: 'Adam',
};

/**
 * The optimizer as a run's label names it. Plain gradient descent with a minibatch size trains
 * on sampled minibatches (solve.ts), which is stochastic gradient descent, so it reads 'SGD';
 * without one, and for every other optimizer, the short name above.
 */
export function optimizerLabel(run: Pick<RunDoc, 'params' | 'batch'>): string {
  if (run.params.kind === 'gd' && run.batch !== undefined) return OPTIMIZER_SHORT_NAMES.sgd;
  return OPTIMIZER_SHORT_NAMES[run.params.kind];
}

const MINUS = '−';

/**
 * A number as a label shows it: 4 significant digits without trailing zeros, a real minus sign,
 * and scientific notation only for very small or very large magnitudes (0.0001 stays 0.0001,
 * 1e-7 reads 1e−7). -0 reads 0.
 */
export function formatLabelNumber(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : `${MINUS}∞`;
  if (value === 0) return '0';
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 1e-4 && abs < 1e6) {
    // Number() drops the trailing zeros toPrecision keeps (0.1000 → 0.1, 1.235e+4 → 12350).
    text = String(Number(abs.toPrecision(4)));
  } else {
    text = exponential(abs);
  }
  return value < 0 ? MINUS + text : text;
}

/** 1.500e-7 → 1.5e−7, 2.000e+8 → 2e8. */
function exponential(abs: number): string {
  const [mantissa = '', exponent = '0'] = abs.toExponential(3).split('e');
  const m = mantissa.replace(/\.?0+$/, '');
  const e = Number(exponent);
  return `${m}e${e < 0 ? MINUS : ''}${Math.abs(e)}`;
}

/** A point as labels write it: `(2.5, −0.05)`; one coordinate alone, without brackets. */
function formatPoint(point: readonly number[]): string {
  if (point.length === 1) return formatLabelNumber(point[0] ?? NaN);
  return `(${point.map(formatLabelNumber).join(', ')})`;
}

/** What each placeholder stands for. */
const PLACEHOLDERS: Readonly<Record<string, (run: RunLabelSource) => string>> = {
  lr: (r) => formatLabelNumber(r.params.lr),
  /** The optimizer's short name; plain GD on minibatches reads 'SGD' (see optimizerLabel). */
  optimizer: optimizerLabel,
  momentum: (r) => formatLabelNumber(r.params.momentum),
  beta1: (r) => formatLabelNumber(r.params.beta1),
  beta2: (r) => formatLabelNumber(r.params.beta2),
  rho: (r) => formatLabelNumber(r.params.rho),
  eps: (r) => formatLabelNumber(r.params.eps),
  noise: (r) => formatLabelNumber(r.params.noise),
  seed: (r) => String(r.params.seed),
  clip: (r) => (r.params.clip === null ? 'off' : formatLabelNumber(r.params.clip)),
  warmup: (r) => String(r.params.schedule.warmup),
  minLr: (r) => formatLabelNumber(r.params.schedule.minLr),
  stepEvery: (r) => String(r.params.schedule.stepEvery),
  stepFactor: (r) => formatLabelNumber(r.params.schedule.stepFactor),
  gamma: (r) => formatLabelNumber(r.params.schedule.gamma),
  steps: (r) => String(r.steps),
  /** A model run's minibatch size ("full" when every step uses the whole data set). */
  batch: (r) => (r.batch === undefined ? 'full' : String(r.batch)),
  start: (r) => formatPoint(r.start),
  x0: (r) => formatLabelNumber(r.start[0] ?? NaN),
  y0: (r) => formatLabelNumber(r.start[1] ?? NaN),
};

/** The placeholder names a run name may use, e.g. `lr` for `{lr}`. */
export const RUN_NAME_PLACEHOLDERS: readonly string[] = Object.keys(PLACEHOLDERS);

const PATTERN = /\{([A-Za-z0-9]+)\}/g;

/** Whether `name` holds at least one known placeholder (so it follows the run's settings). */
export function isTemplateName(name: string): boolean {
  for (const m of name.matchAll(PATTERN)) if (m[1]! in PLACEHOLDERS) return true;
  return false;
}

/** Whether the name quotes η through `{lr}` (so its label always states the current η). */
export function nameShowsLr(name: string): boolean {
  return name.includes('{lr}');
}

/**
 * The label of a run: its name with every known placeholder replaced by the run's current
 * setting. Unknown placeholders (`{foo}`) are left as written.
 */
export function runLabel(run: RunLabelSource): string {
  return run.name.replace(PATTERN, (whole, key: string) => {
    const expand = PLACEHOLDERS[key];
    return expand ? expand(run) : whole;
  });
}

/**
 * The name a run gets when the user clears its name: a template that says the optimizer and
 * η, and so follows them.
 */
export const FOLLOWING_NAME = '{optimizer} η = {lr}';
