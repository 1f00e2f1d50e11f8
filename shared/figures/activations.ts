/**
 * The activations figure's model (§3): five activation functions with their exact derivatives,
 * ReLU's kink with its subgradient interval, and the vanishing-gradient product of stacked
 * sigmoid slopes. GELU needs the normal CDF, so this file carries its own erf, accurate to
 * about 1e-15 (a series near 0, a continued fraction for erfc in the tails). Pure TypeScript.
 */
import type { Activation } from '../scene/figure.ts';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * erf by the everywhere-positive series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)),
 * which has no cancellation, for |x| < 3 (the terms fall below 1e-17 of the sum within 80).
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x ≥ 3 by Laplace's continued fraction
 * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated with
 * the modified Lentz method; at x ≥ 3 it converges to full precision in a few dozen terms.
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 3) return erfSeries(x);
  const tail = erfcFraction(Math.abs(x));
  return x > 0 ? 1 - tail : tail - 1;
}

/** The complementary error function 1 − erf(x), without cancellation for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 3) return erfcFraction(x);
  if (x <= -3) return 2 - erfcFraction(-x);
  return 1 - erfSeries(x);
}

/** Standard normal CDF Φ(x) = ½·erfc(−x/√2) (accurate in the lower tail too). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Slope of leaky ReLU on its negative half (PyTorch's default). */
export const LEAKY_SLOPE = 0.01;
/** The largest slope of the sigmoid, σ′(0) = ¼: the most a sigmoid layer passes back. */
export const SIGMOID_MAX_SLOPE = 0.25;

/** σ(z), computed without overflow for either sign of z. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** σ′(z) = σ(z)(1 − σ(z)). */
export function sigmoidSlope(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}

/**
 * The left and right slopes of a piecewise-linear activation at its kink z = 0: every value in
 * between is a subgradient, and `chosen` is the one frameworks return.
 */
export interface Kink {
  at: number;
  left: number;
  right: number;
  chosen: number;
}

export interface ActivationSpec {
  id: Activation;
  /** Name for people, e.g. 'leaky ReLU'. */
  label: string;
  /** Short symbol used in formulas: σ, tanh, ReLU, … */
  symbol: string;
  value: (z: number) => number;
  /** The derivative; at a kink, the framework's choice. */
  slope: (z: number) => number;
  /** The formula of the value and of the slope, as plain text. */
  formula: string;
  slopeFormula: string;
  kink?: Kink;
}

export const ACTIVATION_SPECS: Readonly<Record<Activation, ActivationSpec>> = {
  sigmoid: {
    id: 'sigmoid',
    label: 'sigmoid',
    symbol: 'σ',
    value: sigmoid,
    slope: sigmoidSlope,
    formula: 'σ(z) = 1/(1 + e⁻ᶻ)',
    slopeFormula: 'σ′ = σ(1 − σ)',
  },
  tanh: {
    id: 'tanh',
    label: 'tanh',
    symbol: 'tanh',
    value: Math.tanh,
    slope: (z) => {
      const t = Math.tanh(z);
      return 1 - t * t;
    },
    formula: 'tanh z',
    slopeFormula: 'tanh′ = 1 − tanh²',
  },
  relu: {
    id: 'relu',
    label: 'ReLU',
    symbol: 'ReLU',
    value: (z) => (z > 0 ? z : 0),
    // Frameworks take 0 at the kink (and so does the expression compiler's relu).
    slope: (z) => (z > 0 ? 1 : 0),
    formula: 'ReLU(z) = max(0, z)',
    slopeFormula: 'ReLU′ = 0 or 1',
    kink: { at: 0, left: 0, right: 1, chosen: 0 },
  },
  'leaky-relu': {
    id: 'leaky-relu',
    label: 'leaky ReLU',
    symbol: 'leaky',
    value: (z) => (z > 0 ? z : LEAKY_SLOPE * z),
    // PyTorch's backward uses the negative slope unless z > 0, so 0.01 at the kink.
    slope: (z) => (z > 0 ? 1 : LEAKY_SLOPE),
    formula: 'max(0.01z, z)',
    slopeFormula: 'slope 0.01 or 1',
    kink: { at: 0, left: LEAKY_SLOPE, right: 1, chosen: LEAKY_SLOPE },
  },
  gelu: {
    id: 'gelu',
    label: 'GELU',
    symbol: 'GELU',
    value: (z) => z * normalCdf(z),
    slope: (z) => normalCdf(z) + z * normalPdf(z),
    formula: 'GELU(z) = z·Φ(z)',
    slopeFormula: 'GELU′ = Φ(z) + z·φ(z)',
  },
};

/** The focus activation's value and slope at z. */
export function activationAt(activation: Activation, z: number): { value: number; slope: number } {
  const spec = ACTIVATION_SPECS[activation];
  return { value: spec.value(z), slope: spec.slope(z) };
}

/** One layer k of the vanishing-gradient bars. */
export interface LayerProduct {
  /** 1 … n. */
  k: number;
  /** σ′(z)ᵏ: what k stacked sigmoid layers at pre-activation z pass back. */
  sigmoid: number;
  /** The bound 0.25ᵏ (σ′ at its peak, z = 0). */
  bound: number;
  /** ReLU on its live half: 1ᵏ = 1. */
  relu: number;
}

/**
 * The products of k per-layer sigmoid slopes at z for k = 1 … depth, with the bound 0.25ᵏ and
 * ReLU's 1ᵏ. Computed as repeated products (as back-propagation does), so 0.25ᵏ is exact.
 */
export function layerProducts(z: number, depth: number): LayerProduct[] {
  const slope = sigmoidSlope(z);
  const rows: LayerProduct[] = [];
  let product = 1;
  let bound = 1;
  for (let k = 1; k <= depth; k++) {
    product *= slope;
    bound *= SIGMOID_MAX_SLOPE;
    rows.push({ k, sigmoid: product, bound, relu: 1 });
  }
  return rows;
}

/** σ′(z)ⁿ: the gradient share that reaches the first of n stacked sigmoid layers. */
export function vanishingProduct(z: number, depth: number): number {
  return layerProducts(z, depth).at(-1)?.sigmoid ?? 1;
}

/**
 * 0.25ᵏ written as a fraction 1/4ᵏ while that is short (k ≤ 8, up to 1/65536), else null.
 * Used to label the bars with the chapter's 1/16, 1/256, 1/1024.
 */
export function quarterPowerFraction(k: number): string | null {
  return Number.isInteger(k) && k >= 0 && k <= 8 ? `1/${4 ** k}` : null;
}

/**
 * How far the bars of layer k have grown at playhead `position` (0 … depth): 0 before layer k
 * starts, 1 once the playhead reached k, the fraction in between, so layer ⌈p⌉ grows.
 */
export function layerGrowth(k: number, position: number): number {
  return Math.min(1, Math.max(0, position - (k - 1)));
}
