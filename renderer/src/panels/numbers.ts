/**
 * Parsing and validation of what people type into number fields, and the learning-rate slider's
 * log scale: its range (a window of a few decades around η, widened on demand) and its key steps
 * (ten readable values per decade). A field never hands NaN (or an out-of-range value) to the scene: it either yields a
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

/** Widest range of the learning-rate slider: η from 10⁻⁴ to 10 (the slider's window is inside). */
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

/**
 * The part of the η scale the slider spans, in log10 η (whole decades). Five decades in a
 * 250 px slider leave 50 px per decade, too coarse to aim at 0.5 or 1.1, so the slider shows a
 * window of {@link LR_WINDOW_DECADES} decades around η, widened on demand.
 */
export interface LrRange {
  min: number;
  max: number;
}

/** Decades the η slider spans by default. */
export const LR_WINDOW_DECADES = 2;

/** The default window for η: two decades with η in their middle half (0.1 → 0.01…1). */
export function lrRangeAround(lr: number): LrRange {
  const centre = Math.round(lrToSlider(lr));
  let min = centre - LR_WINDOW_DECADES / 2;
  min = Math.max(LR_SLIDER_MIN, Math.min(LR_SLIDER_MAX - LR_WINDOW_DECADES, min));
  return { min, max: min + LR_WINDOW_DECADES };
}

/** Decades a window may grow to by itself (a step or a typed value just past an end). */
const LR_WINDOW_MAX_DECADES = 3;

/**
 * A window that shows η: `range` itself when η is inside; one decade more on that side when
 * that is enough (a key step or a typed value just past the end) and keeps the window at most
 * three decades wide; else a new window around η.
 */
export function lrRangeWith(range: LrRange, lr: number): LrRange {
  const v = lrToSlider(lr);
  if (v >= range.min && v <= range.max) return range;
  const roomy = range.max - range.min < LR_WINDOW_MAX_DECADES;
  if (roomy && v < range.min && v >= range.min - 1) return { min: range.min - 1, max: range.max };
  if (roomy && v > range.max && v <= range.max + 1) return { min: range.min, max: range.max + 1 };
  return lrRangeAround(lr);
}

/** The window one decade wider on one side (never past the slider's widest range). */
export function extendLrRange(range: LrRange, side: 'down' | 'up'): LrRange {
  return side === 'down'
    ? { min: Math.max(LR_SLIDER_MIN, range.min - 1), max: range.max }
    : { min: range.min, max: Math.min(LR_SLIDER_MAX, range.max + 1) };
}

/** η values an arrow key steps through, per decade: about ×1.26 apart, each easy to read. */
const LR_LADDER = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8] as const;

/**
 * The η an arrow key (or, with `big`, Page Up/Down) moves to from `lr`: the next value of the
 * ladder 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (× a power of ten) in that direction, or ten times
 * (a tenth of) η. Stays within the slider's widest range.
 */
export function lrKeyStep(lr: number, direction: 1 | -1, big = false): number {
  // Number('1e-4'), not Math.pow(10, -4), which is 9.999999999999999e-5.
  const lo = Number(`1e${LR_SLIDER_MIN}`);
  const hi = Number(`1e${LR_SLIDER_MAX}`);
  const clamp = (v: number): number => Math.min(hi, Math.max(lo, v));
  if (!(lr > 0) || !Number.isFinite(lr)) return direction > 0 ? lo : hi;
  if (big) return clamp(roundSignificant(lr * Math.pow(10, direction), 3));
  const decade = Math.floor(Math.log10(lr));
  let best = direction > 0 ? Infinity : -Infinity;
  for (let d = decade - 1; d <= decade + 1; d++) {
    for (const m of LR_LADDER) {
      const v = roundSignificant(m * Math.pow(10, d), 3);
      if (direction > 0 ? v > lr * (1 + 1e-9) && v < best : v < lr * (1 - 1e-9) && v > best) {
        best = v;
      }
    }
  }
  return clamp(best);
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
