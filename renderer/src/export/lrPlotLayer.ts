/**
 * The plot of η over the steps of the selected run (warm-up, cosine and step schedules), drawn
 * with a 2D canvas: one pure drawing function shared by the on-screen plot under the timeline
 * (panels/LrPlot.tsx) and the export, which burns it into every frame in the box
 * {@link lrPlotExportBox} gives (an HTML overlay cannot go into a video).
 *
 * The values are the trajectory's own η column (COL.lr): what the optimizer used, not a second
 * evaluation of the schedule, so the plot and the steps cannot disagree.
 */
import { formatLabelNumber, runLabel } from '../../../shared/scene/runName.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { rowAt } from '../store/timeline.ts';
import type { AppState } from '../store/types.ts';
import { VIEW_THEMES } from '../view/canvas/theme.ts';

/** How η maps to height: log when every η is positive and they span more than a decade. */
export type LrScale = 'linear' | 'log';

/** Everything the plot shows. Build it with {@link lrPlotData}; only `current` changes per frame. */
export interface LrPlotData {
  /** η per trajectory row (row k: the rate of the update from step k), all finite. */
  values: Float64Array;
  /** The x axis runs from step 0 to this one (the run's planned steps, at least 1). */
  lastStep: number;
  scale: LrScale;
  /** The y axis range (log: both positive). */
  lo: number;
  hi: number;
  /** y ticks within [lo, hi] with their labels. */
  ticks: readonly { value: number; label: string }[];
  /** x ticks (steps) with their labels. */
  stepTicks: readonly { value: number; label: string }[];
  /** The run's colour (#rrggbb). */
  color: string;
  /** Title: `Learning rate · <run label>`. */
  title: string;
  /** The playhead's position in steps (marked with a line and the η there), or null. */
  current: number | null;
}

/** A rectangle in canvas pixels. */
export interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The η column of the first `count` rows of a packed trajectory. */
export function lrValues(data: Float64Array, count: number): Float64Array {
  const n = Math.max(0, Math.min(count, Math.floor(data.length / STRIDE)));
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = data[k * STRIDE + COL.lr]!;
  return out;
}

/**
 * Log when every η is positive and the largest is more than ten times the smallest (exp and step
 * decay read as straight lines and steps there); otherwise linear. A schedule that reaches 0
 * (cosine to a floor of 0) stays linear: 0 has no place on a log axis.
 */
export function lrScaleFor(values: ArrayLike<number>): LrScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min > 0 && max / min > 10 ? 'log' : 'linear';
}

/** 1, 2, 2.5 or 5 × a power of ten, at least `x` (x > 0). */
function niceStep(x: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** A tick value without float noise (0.30000000000000004 → 0.3). */
const clean = (v: number): number => Number(v.toPrecision(12));

/** Axis range and ticks for η values. */
function yAxis(values: Float64Array, scale: LrScale): Pick<LrPlotData, 'lo' | 'hi' | 'ticks'> {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) {
    min = 0;
    max = 1;
  }
  if (scale === 'log') {
    const loExp = Math.floor(Math.log10(min) + 1e-9);
    const hiExp = Math.max(loExp + 1, Math.ceil(Math.log10(max) - 1e-9));
    const every = Math.ceil((hiExp - loExp) / 4);
    const ticks: { value: number; label: string }[] = [];
    for (let e = hiExp; e >= loExp; e -= every) {
      const value = Math.pow(10, e);
      ticks.unshift({ value, label: formatLabelNumber(value) });
    }
    return { lo: Math.pow(10, loExp), hi: Math.pow(10, hiExp), ticks };
  }
  // Linear from 0 (η is a rate: its size matters relative to 0), two or three intervals.
  const top = max > 0 ? max : 1;
  const step = niceStep(top / 3);
  const hi = clean(Math.ceil(top / step - 1e-9) * step);
  const ticks: { value: number; label: string }[] = [];
  for (let v = 0; v <= hi + step / 2; v += step) {
    const value = clean(v);
    ticks.push({ value, label: formatLabelNumber(value) });
  }
  return { lo: Math.min(0, min), hi, ticks };
}

/** Step ticks: 0, a few round steps, and the last step. */
function xTicks(lastStep: number): { value: number; label: string }[] {
  const step = niceStep(lastStep / 4);
  const ticks: { value: number; label: string }[] = [];
  for (let v = 0; v < lastStep - step * 0.4; v += step) ticks.push({ value: v, label: String(v) });
  ticks.push({ value: lastStep, label: String(lastStep) });
  return ticks;
}

/** What {@link lrPlotData} needs to know about the run. */
export interface LrPlotRun {
  /** η per row (see {@link lrValues}). */
  values: Float64Array;
  /** The run's planned number of steps. */
  steps: number;
  color: string;
  /** The run's label (its name, expanded). */
  label: string;
}

/** The plot of one run's η; `current` starts as null. */
export function lrPlotData(run: LrPlotRun): LrPlotData {
  const scale = lrScaleFor(run.values);
  const lastStep = Math.max(1, run.steps, run.values.length - 1);
  return {
    values: run.values,
    lastStep,
    scale,
    ...yAxis(run.values, scale),
    stepTicks: xTicks(lastStep),
    color: run.color,
    title: run.label ? `Learning rate · ${run.label}` : 'Learning rate',
    current: null,
  };
}

/**
 * The plot for the store's scene: the selected run's η when `overlays.lrPlot` is on and the run
 * has steps, else null. Build it once per export; set `current` for each frame.
 */
export function lrPlotFrom(state: AppState): LrPlotData | null {
  const { scene, trajectories } = state;
  if (!scene.overlays.lrPlot) return null;
  const run = scene.runs.find((r) => r.id === scene.selectedRunId);
  const trajectory = run ? trajectories[run.id] : undefined;
  if (!run || !trajectory || trajectory.count === 0) return null;
  return lrPlotData({
    values: lrValues(trajectory.data, trajectory.count),
    steps: run.steps,
    color: run.color,
    label: runLabel(run),
  });
}

/**
 * Where an export draws the plot, in whole pixels: the bottom-left corner, 40 % of the frame wide
 * (at most 480 reference px) and 120 reference px high (at most 30 % of the frame). `scale` is
 * the export's pixel ratio (frame short side / 720), as for the caption.
 */
export function lrPlotExportBox(width: number, height: number, scale: number): PlotBox {
  const margin = Math.round(14 * scale);
  const w = Math.round(Math.min(width * 0.4, 480 * scale));
  const h = Math.round(Math.min(height * 0.3, 120 * scale));
  return { x: margin, y: height - margin - h, width: w, height: h };
}

/**
 * One export frame's plot: draws `data` with the playhead at `position` into its place in a
 * frame of `width` × `height` pixels (see {@link lrPlotExportBox}) and returns that box. Meant
 * for a transparent layer the size of the frame, cleared in that box before each call; the
 * pipeline composites the box onto the frame as it does the caption.
 */
export function drawLrPlotFrame(
  ctx: CanvasRenderingContext2D,
  data: LrPlotData,
  width: number,
  height: number,
  ratio: number,
  theme: 'light' | 'dark',
  position: number,
): PlotBox {
  const box = lrPlotExportBox(width, height, ratio);
  data.current = position;
  drawLrPlot(ctx, data, box, theme, ratio);
  return box;
}

/** `text`, cut with an ellipsis to fit `width` in the context's current font. */
function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 0 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return end > 0 ? `${text.slice(0, end)}…` : '';
}

/**
 * Draws `data` into `box` of `ctx`'s canvas: a rounded background, the η curve in the run's
 * colour, axes with ticks, the title, and the playhead (a line and the η there) when
 * `data.current` is set. `scale` is canvas pixels per reference CSS pixel (device pixel ratio on
 * screen, the export's pixel ratio in a video). Leaves the context's state as it found it.
 */
export function drawLrPlot(
  ctx: CanvasRenderingContext2D,
  data: LrPlotData,
  box: PlotBox,
  theme: 'light' | 'dark',
  scale: number,
): void {
  const colors = VIEW_THEMES[theme];
  const font = (px: number, weight = 500): string =>
    `${weight} ${px * scale}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;
  const tickFont = font(11);
  const pad = 6 * scale;
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, 6 * scale);
  ctx.fillStyle = colors.labelBackground;
  ctx.fill();
  ctx.clip();

  // The plot area: room for the y labels on the left, the step labels below, the title above.
  ctx.font = tickFont;
  let labelWidth = 0;
  for (const t of data.ticks) labelWidth = Math.max(labelWidth, ctx.measureText(t.label).width);
  const left = box.x + pad + labelWidth + 5 * scale;
  const right = box.x + box.width - pad - 4 * scale;
  const top = box.y + pad + 15 * scale;
  const bottom = box.y + box.height - pad - 14 * scale;
  if (right - left < 8 * scale || bottom - top < 8 * scale) {
    ctx.restore();
    return;
  }
  const xOf = (step: number): number => left + (step / data.lastStep) * (right - left);
  const logLo = Math.log10(data.lo);
  const logSpan = Math.log10(data.hi) - logLo;
  const yOf = (v: number): number => {
    const t =
      data.scale === 'log'
        ? v > 0
          ? (Math.log10(v) - logLo) / logSpan
          : 0
        : (v - data.lo) / (data.hi - data.lo || 1);
    return bottom - (t < 0 ? 0 : t > 1 ? 1 : t) * (bottom - top);
  };

  // Grid lines and tick labels.
  ctx.lineWidth = Math.max(1, scale);
  ctx.strokeStyle = colors.axis;
  ctx.fillStyle = colors.label;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (const t of data.ticks) {
    const y = Math.round(yOf(t.value)) + 0.5;
    ctx.globalAlpha = 0.25;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillText(t.label, left - 5 * scale, y);
  }
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const t of data.stepTicks) {
    const x = xOf(t.value);
    ctx.fillText(
      t.label,
      Math.min(right - 8 * scale, Math.max(left + 4 * scale, x)),
      bottom + 3 * scale,
    );
  }
  ctx.beginPath();
  ctx.moveTo(left, top);
  ctx.lineTo(left, bottom);
  ctx.lineTo(right, bottom);
  ctx.stroke();

  // The curve.
  const n = data.values.length;
  ctx.strokeStyle = data.color;
  ctx.lineWidth = 2 * scale;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  for (let k = 0; k < n; k++) {
    const x = xOf(k);
    const y = yOf(data.values[k]!);
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  if (n === 1) ctx.lineTo(xOf(0) + 2 * scale, yOf(data.values[0]!));
  ctx.stroke();

  // The playhead with the η in force there, then the title in the room left beside its value.
  let valueWidth = 0;
  if (data.current !== null && n > 0) {
    const row = rowAt(data.current, n);
    const x = xOf(Math.min(data.current, data.lastStep));
    const y = yOf(data.values[row]!);
    ctx.strokeStyle = colors.label;
    ctx.lineWidth = Math.max(1, scale);
    ctx.globalAlpha = 0.6;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillStyle = data.color;
    ctx.strokeStyle = colors.background;
    ctx.beginPath();
    ctx.arc(x, y, 3.5 * scale, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    const value = `step ${row}: η = ${formatLabelNumber(data.values[row]!)}`;
    ctx.font = font(11, 600);
    ctx.fillStyle = colors.label;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'right';
    ctx.fillText(value, right, box.y + pad);
    valueWidth = ctx.measureText(value).width + 12 * scale;
  }
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.font = font(12, 600);
  ctx.fillStyle = colors.label;
  ctx.fillText(fitText(ctx, data.title, right - left - valueWidth), left, box.y + pad - scale);
  ctx.restore();
}
