/**
 * Parsing and validation of what people type into number fields, and the learning-rate slider's
 * log scale. A field never hands NaN (or an out-of-range value) to the scene: it either yields a
 * number or a message to show under the field.
 */

/** Limits a number field enforces. */
export interface NumberRule {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  min?: number;
  minExclusive?: boolean;
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  max?: number;
  maxExclusive?: boolean;
  /** Whole numbers only. */
  integer?: boolean;
}

export type NumberParse = { ok: true; value: number } | { ok: false; message: string };

/**
 * Parses a typed number. Accepts the usual JS forms (1e-3, .5, -2) and a decimal comma (0,5),
 * which many of our users' keyboards produce; refuses empty text, NaN, ±Infinity and values
 * outside the rule.
 */
export function parseNumber(text: string, rule: NumberRule = {}): NumberParse {
  const trimmed = text.trim().replace(/^(-?\d*),(\d+)$/, '$1.$2');
  if (trimmed === '') return { ok: false, message: 'Enter a number.' };
  // Number('') is 0 and Number('0x10') is 16: require a plain decimal literal.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    return { ok: false, message: `“${text.trim()}” is not a number.` };
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, message: 'The number is too large.' };
  if (rule.integer && !Number.isInteger(value)) {
    return { ok: false, message: 'Enter a whole number.' };
  }
  if (rule.min !== undefined) {
    if (rule.minExclusive ? !(value > rule.min) : !(value >= rule.min)) {
      return {
        ok: false,
        message: `Must be ${rule.minExclusive ? 'greater than' : 'at least'} ${rule.min}.`,
      };
    }
  }
  if (rule.max !== undefined) {
    if (rule.maxExclusive ? !(value < rule.max) : !(value <= rule.max)) {
      return {
        ok: false,
        message: `Must be ${rule.maxExclusive ? 'less than' : 'at most'} ${rule.max}.`,
      };
    }
  }
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** Range of the learning-rate slider: η from 10⁻⁴ to 10. */
export const LR_SLIDER_MIN = -4;
export const LR_SLIDER_MAX = 1;
/**
 * Slider resolution in log10 units (100 positions per decade, η × 1.023 per step). Coarser steps
 * would show as jumps in η; finer ones (0.001, η × 1.0023) round back to the same three-digit
 * η, so an arrow key from η = 0.1 did nothing. The pointer is coarser than this anyway (a
 * 250 px slider spans 5 decades).
 */
export const LR_SLIDER_STEP = 0.01;

/** Rounds to `digits` significant digits (0.050118 → 0.0501), so slider values read well. */
export function roundSignificant(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

/** The slider's value (log10 η) for a learning rate, clamped to the slider's range. */
export function lrToSlider(lr: number): number {
  const v = Math.log10(lr);
  if (!Number.isFinite(v)) return LR_SLIDER_MIN;
  return Math.min(LR_SLIDER_MAX, Math.max(LR_SLIDER_MIN, v));
}

/** The learning rate for a slider value, rounded to three significant digits. */
export function sliderToLr(value: number): number {
  const clamped = Math.min(LR_SLIDER_MAX, Math.max(LR_SLIDER_MIN, value));
  return roundSignificant(Math.pow(10, clamped), 3);
}

/** A compact display form for a hyperparameter: 0.1, 1.1, 1e-4, 0.000123 → 1.23e-4. */
export function formatParam(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e6) return String(roundSignificant(value, 6));
  return value
    .toExponential()
    .replace(/\.?0+e/, 'e')
    .replace('e+', 'e');
}
