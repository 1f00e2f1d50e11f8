/**
 * The pure part of the learning-curve tab (LearningCurve.tsx): the loss series of a run, the
 * log y axis and the linear step axis, and SVG path data. Nothing here touches the DOM, so the
 * numbers the tab draws are tested on their own.
 *
 * Losses span decades (52 at the start, 0.2 at the end; one point's loss can be 1e−4), so the
 * y axis is logarithmic: a value that is not finite and positive has no place on it and is left
 * out (a gap in a line, a missing dot), never drawn at a made-up height.
 */
import { formatLabelNumber } from '../../../shared/scene/runName.ts';
import { COL, STRIDE } from '../../../shared/types.ts';

/** What a series is read from: the parts of a TrajectoryResult it needs. */
export interface CurveSource {
  data: Float64Array;
  count: number;
  minibatch?: { size: number; loss: Float64Array };
}

/** A loss per step (index = step); NaN where the log scale cannot show it. */
export interface CurveSeries {
  values: Float64Array;
  /** How many values are drawable (finite and positive). */
  drawable: number;
}

/** `v` when a log scale can show it, else NaN. */
export function logSafe(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : NaN;
}

function series(count: number, at: (k: number) => number): CurveSeries {
  const values = new Float64Array(Math.max(0, count));
  let drawable = 0;
  for (let k = 0; k < values.length; k++) {
    const v = logSafe(at(k));
    values[k] = v;
    if (v === v) drawable++;
  }
  return { values, drawable };
}

/** The full-data loss f(θ_k) of every row. */
export function fullLossSeries(source: CurveSource): CurveSeries {
  return series(source.count, (k) => source.data[k * STRIDE + COL.f] ?? NaN);
}

/**
 * The loss of the minibatch each step used, at θ_k; null for a full-batch run (it has none).
 * The last row took no step, so its batch loss is NaN and is left out.
 */
export function batchLossSeries(source: CurveSource): CurveSeries | null {
  const loss = source.minibatch?.loss;
  if (!loss) return null;
  return series(Math.min(source.count, loss.length), (k) => loss[k] ?? NaN);
}

/** Smallest and largest drawable value over several series; null when none has any. */
export function positiveExtent(
  all: readonly (CurveSeries | null | undefined)[],
): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const s of all) {
    if (!s) continue;
    for (const v of s.values) {
      if (!(v === v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? [min, max] : null;
}

/** 10^e exactly as the decimal literal (10 ** -3 is not always the double nearest 0.001). */
function pow10(e: number): number {
  return Number(`1e${e}`);
}

export interface LogAxis {
  /** The axis runs from `lo` to `hi`, both whole powers of ten. */
  lo: number;
  hi: number;
  /** Labelled values, ascending, all within [lo, hi]. */
  ticks: number[];
}

/** Most decade ticks before they are thinned to every second, third, … decade. */
const MAX_DECADE_TICKS = 6;

/**
 * A log axis over [min, max] (both > 0), widened to whole decades: a tick per decade, thinned
 * when there are many, and with 2× and 5× added when the range spans two decades or fewer so a
 * short axis still has labels to read.
 */
export function logAxis(min: number, max: number): LogAxis {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) {
    return { lo: 0.1, hi: 10, ticks: [0.1, 1, 10] };
  }
  if (min > max) [min, max] = [max, min];
  // The tolerance keeps an exact power (log10(1000) can come out as 2.9999…) on its own decade.
  const e0 = Math.floor(Math.log10(min) + 1e-9);
  let e1 = Math.ceil(Math.log10(max) - 1e-9);
  if (e1 <= e0) e1 = e0 + 1;
  const decades = e1 - e0;
  const every = Math.ceil(decades / MAX_DECADE_TICKS);
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e++) {
    if ((e - e0) % every !== 0) continue;
    ticks.push(pow10(e));
    if (decades <= 2 && e < e1) ticks.push(2 * pow10(e), 5 * pow10(e));
  }
  return { lo: pow10(e0), hi: pow10(e1), ticks };
}

/** Maps a value on a log axis to a pixel: `lo` to `bottom`, `hi` to `top`. */
export function logScale(axis: LogAxis, top: number, bottom: number): (v: number) => number {
  const a = Math.log10(axis.lo);
  const span = Math.log10(axis.hi) - a || 1;
  return (v) => bottom - ((Math.log10(v) - a) / span) * (bottom - top);
}

/** Ticks 0, s, 2s, … ≤ max with s a 1, 2 or 5 × 10^k, about `target` of them. */
export function stepTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / target;
  const base = pow10(Math.floor(Math.log10(raw)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * base).find((s) => s >= raw) ?? raw);
  const ticks: number[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) ticks.push(Math.round(i * step));
  return ticks;
}

/** A tick's label: 0.01, 100, 1e−5 (the run list's number style). */
export function formatTick(v: number): string {
  return formatLabelNumber(v);
}

/**
 * SVG path data for a line through the drawable values, lifted at gaps. A series with more
 * steps than pixels (a million-step run) is drawn as each pixel column's lowest and highest
 * value, so the path stays a few thousand points whatever the run's length.
 */
export function linePath(
  values: Float64Array,
  x: (k: number) => number,
  y: (v: number) => number,
): string {
  const out: string[] = [];
  let down = false;
  let column = NaN;
  let lo = Infinity;
  let hi = -Infinity;
  let loK = 0;
  let hiK = 0;
  const flush = (): void => {
    if (lo > hi) return;
    // In step order, so the line does not double back within a column.
    const pair = loK <= hiK ? [lo, hi] : [hi, lo];
    const px = round(column);
    for (const v of lo === hi ? [lo] : pair) {
      out.push(`${down ? 'L' : 'M'}${px} ${round(y(v))}`);
      down = true;
    }
    lo = Infinity;
    hi = -Infinity;
  };
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v === v)) {
      flush();
      down = false;
      continue;
    }
    const c = Math.round(x(k));
    if (c !== column) {
      flush();
      column = c;
    }
    if (v < lo) [lo, loK] = [v, k];
    if (v > hi) [hi, hiK] = [v, k];
  }
  flush();
  return out.join('');
}

/**
 * SVG path data for one dot per drawable value (a zero-length segment each, drawn with round
 * caps: one element for any number of dots). Per pixel column at most the lowest and highest
 * dot are kept, so a long run stays light. Returns the number of dots too.
 */
export function dotsPath(
  values: Float64Array,
  x: (k: number) => number,
  y: (v: number) => number,
): { d: string; points: number } {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v === v)) continue;
    const px = x(k);
    const py = y(v);
    // Dots that land on the same pixel look like one: keep one.
    const key = `${Math.round(px)},${Math.round(py)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`M${round(px)} ${round(py)}h0`);
  }
  return { d: out.join(''), points: out.length };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The first and last value of a series that is drawable, or NaN. */
function ends(s: CurveSeries): [number, number] {
  let first = NaN;
  let last = NaN;
  for (const v of s.values) {
    if (!(v === v)) continue;
    if (first !== first) first = v;
    last = v;
  }
  return [first, last];
}

/** The curve's words for a screen reader. */
export function describeCurve(
  label: string,
  full: CurveSeries,
  batch: CurveSeries | null,
  batchSize: number | null,
): string {
  const steps = Math.max(0, full.values.length - 1);
  if (full.values.length === 0) return `Learning curve of ${label}: no steps yet.`;
  const [a, b] = ends(full);
  let text = `Full loss of ${label} from ${formatLabelNumber(a)} to ${formatLabelNumber(b)} over ${steps} steps (log scale)`;
  if (batch && batch.drawable > 0) {
    const extent = positiveExtent([batch]) ?? [NaN, NaN];
    text +=
      `; batch loss (batch ${batchSize ?? '?'}) over ${batch.drawable} steps, between ` +
      `${formatLabelNumber(extent[0])} and ${formatLabelNumber(extent[1])}`;
  } else if (!batch) {
    text += '; every step uses the full data set';
  }
  return `${text}.`;
}
