/**
 * The learning curve burned into exported frames: the selected run's full loss per step as a
 * line and its minibatch losses as faint dots, on a log y axis, in an inset at the lower right
 * of the frame, with a marker at the frame's step so the curve plays along with a video or GIF.
 *
 * It mirrors the learning-curve tab (panels/LearningCurve.tsx, panels/learningCurve.ts): the same
 * rule for what is drawn (a loss that is not finite and positive has no place on a log axis and
 * is left out, never drawn at a made-up height) and the same decade axis. The renderer's layers
 * keep export/ from importing panels/, so the few lines of series and axis are its own here.
 * Only minibatch runs get the inset: for a full-batch run the batch loss is the full loss.
 *
 * The geometry is worked out once per export (see {@link learningCurvePainter}); each frame only
 * redraws the inset onto a transparent layer, which the pipeline composites like the η plot.
 */
import { formatLabelNumber } from '../../../shared/scene/runName.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { rowAt } from '../store/timeline.ts';
import { shownSteps } from '../store/trainingPath.ts';
import type { AppState } from '../store/types.ts';
import { colorBarLayout } from '../view/hud/colorBar.ts';
import { VIEW_THEMES } from '../view/canvas/theme.ts';
import { niceTicks } from '../view/plot/ticks.ts';
import type { PlotBox } from './lrPlotLayer.ts';

/** What the curve is read from: the parts of a TrajectoryResult it needs. */
export interface CurveSource {
  data: Float64Array;
  count: number;
  minibatch?: { size: number; loss: Float64Array };
}

/** A log axis from `lo` to `hi` (whole powers of ten) with its labelled values, ascending. */
export interface LogAxis {
  lo: number;
  hi: number;
  ticks: number[];
}

/** `count` values of `at`, NaN wherever a log axis cannot show them. */
function logSeries(count: number, at: (k: number) => number): Float64Array {
  const out = new Float64Array(Math.max(0, count));
  for (let k = 0; k < out.length; k++) {
    const v = at(k);
    out[k] = Number.isFinite(v) && v > 0 ? v : NaN;
  }
  return out;
}

/** 10^e as the decimal literal reads (10 ** -3 is not always the double nearest 0.001). */
const pow10 = (e: number): number => Number(`1e${e}`);

/**
 * The decade axis over the drawable values (NaN skipped), as the tab draws it: widened to whole
 * decades, a tick per decade (thinned past six), with 2× and 5× added on a short axis. Null when
 * no value is drawable.
 */
export function decadeAxis(...all: Float64Array[]): LogAxis | null {
  let min = Infinity;
  let max = -Infinity;
  for (const values of all) {
    for (const v of values) {
      if (!(v === v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(min <= max)) return null;
  // The tolerance keeps an exact power (log10(1000) may be 2.9999…) on its own decade.
  const e0 = Math.floor(Math.log10(min) + 1e-9);
  const e1 = Math.max(e0 + 1, Math.ceil(Math.log10(max) - 1e-9));
  const decades = e1 - e0;
  const every = Math.ceil(decades / 6);
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e += every) {
    ticks.push(pow10(e));
    if (decades <= 2 && e < e1) ticks.push(2 * pow10(e), 5 * pow10(e));
  }
  return { lo: pow10(e0), hi: pow10(e1), ticks };
}

/** Everything the inset shows, built once per export by {@link learningCurveData}. */
export interface LearningCurveData {
  /** Full loss per step; NaN where the log axis cannot show it. */
  full: Float64Array;
  /** Batch loss per step; NaN where there is none or it cannot be shown. */
  batch: Float64Array;
  batchSize: number;
  /** The x axis runs from step 0 to this one (at least 1). */
  lastStep: number;
  axis: LogAxis;
  /** The run's colour (#rrggbb). */
  color: string;
  /** `Learning curve · <run label>`. */
  title: string;
}

/** What {@link learningCurveData} needs of a run. */
export interface LearningCurveRun {
  source: CurveSource;
  color: string;
  label: string;
}

/**
 * The inset's data for one run, or null when there is nothing to draw: a full-batch run (no
 * minibatch column), no steps, or no value a log axis can show.
 */
export function learningCurveData(run: LearningCurveRun): LearningCurveData | null {
  const { data, count, minibatch } = run.source;
  if (!minibatch || count <= 0) return null;
  const full = logSeries(count, (k) => data[k * STRIDE + COL.f] ?? NaN);
  // The last row took no step: its batch loss is NaN, and left out like any other.
  const batch = logSeries(count, (k) => minibatch.loss[k] ?? NaN);
  const axis = decadeAxis(full, batch);
  if (!axis) return null;
  return {
    full,
    batch,
    batchSize: minibatch.size,
    lastStep: Math.max(1, count - 1),
    axis,
    color: run.color,
    title: run.label ? `Learning curve · ${run.label}` : 'Learning curve',
  };
}

/** The inset for what the tab shows (the selected run, or a network's training), or null. */
export function learningCurveFrom(state: AppState): LearningCurveData | null {
  const shown = shownSteps(state);
  if (!shown || shown.trajectory.error) return null;
  return learningCurveData({ source: shown.trajectory, color: shown.color, label: shown.label });
}

/**
 * Whether the learning-curve tab is on screen now. The tab choice is the step table's own
 * React state, not the store's, so the page is asked: the tab's plot is mounted only while the
 * tab is open, and has no layout box while its panel is hidden.
 */
export function learningCurveShown(doc: Document | undefined = globalThis.document): boolean {
  const plot = doc?.querySelector('svg.learning-curve[data-testid="learning-curve"]');
  return !!plot && plot.getClientRects().length > 0;
}

/** Reference sizes (CSS px of the export's 720 px short side). */
const INSET = {
  /** From the frame's right and bottom edges. */
  margin: 14,
  /** Share of the frame's width, and the most it gets. */
  share: 0.3,
  maxWidth: 420,
  /** Height: share of the frame's height, the most it gets, and the least worth drawing. */
  heightShare: 0.3,
  maxHeight: 176,
  minHeight: 96,
  /** Kept between the inset and the colour bar. */
  gap: 6,
} as const;

/**
 * Where an export draws the inset, in whole device pixels: the lower-right corner, about 30 %
 * of the frame wide. It stays clear of the colour bar's place whether or not the bar is drawn
 * (below a vertical bar, or beside it when the room below is too short; above a horizontal one),
 * and of the η plot, which takes the lower left. `scale` is the export's pixel ratio.
 */
export function learningCurveExportBox(width: number, height: number, scale: number): PlotBox {
  const W = width / scale;
  const H = height / scale;
  const w = Math.min(W * INSET.share, INSET.maxWidth);
  let h = Math.min(H * INSET.heightShare, INSET.maxHeight);
  let right = W - INSET.margin;
  let bottom = H - INSET.margin;
  const bar = colorBarLayout(W, H);
  if (bar.orientation === 'horizontal') {
    bottom = Math.min(bottom, bar.y - INSET.gap);
  } else {
    const room = bottom - (bar.y + bar.height + INSET.gap);
    if (room >= INSET.minHeight) h = Math.min(h, room);
    else right = Math.min(right, bar.x - INSET.gap);
  }
  // Never taller than the frame leaves room for (a tiny frame).
  h = Math.max(0, Math.min(h, bottom - INSET.margin));
  const x = Math.round((right - w) * scale);
  const y = Math.round((bottom - h) * scale);
  return {
    x,
    y,
    width: Math.round(right * scale) - x,
    height: Math.round(bottom * scale) - y,
  };
}

/** The plot area inside the inset and the maps from (step, loss) to canvas pixels. */
export interface CurveGeometry {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: (step: number) => number;
  y: (loss: number) => number;
  /** x ticks (steps). */
  xTicks: number[];
}

/** Sizes inside the inset (reference px). */
const PAD = 8;
const TITLE_ROW = 17;
const LEGEND_ROW = 16;
const X_LABELS = 15;

/**
 * The plot area of `data` in `box` (canvas px; `scale` px per reference px), leaving room for
 * the title and legend rows above, the step labels below and `labelWidth` px of loss labels on
 * the left. Null when the box is too small to hold a plot.
 */
export function curveGeometry(
  data: LearningCurveData,
  box: PlotBox,
  scale: number,
  labelWidth: number,
): CurveGeometry | null {
  const left = box.x + PAD * scale + labelWidth + 5 * scale;
  const right = box.x + box.width - PAD * scale - 4 * scale;
  const top = box.y + (PAD + TITLE_ROW + LEGEND_ROW + 4) * scale;
  const bottom = box.y + box.height - (PAD + X_LABELS) * scale;
  if (right - left < 16 * scale || bottom - top < 16 * scale) return null;
  const x = (step: number): number => left + (step / data.lastStep) * (right - left);
  const a = Math.log10(data.axis.lo);
  const span = Math.log10(data.axis.hi) - a;
  const y = (v: number): number => bottom - ((Math.log10(v) - a) / span) * (bottom - top);
  const target = Math.max(2, Math.floor((right - left) / (55 * scale)));
  return {
    left,
    right,
    top,
    bottom,
    x,
    y,
    // Whole steps only: a ten-step run is not labelled 2.5.
    xTicks: niceTicks(0, data.lastStep, target).filter((k) => Number.isInteger(k)),
  };
}

/**
 * The line through the drawable values as flat [x0, y0, x1, y1, …] runs, one per stretch
 * between gaps. A run with more steps than pixel columns keeps each column's lowest and highest
 * value (in step order), so a long run costs a few thousand points a frame, not a million.
 */
export function polylines(
  values: Float64Array,
  x: (k: number) => number,
  y: (v: number) => number,
): number[][] {
  const out: number[][] = [];
  let line: number[] | null = null;
  let column = NaN;
  let lo = Infinity;
  let hi = -Infinity;
  let loK = 0;
  let hiK = 0;
  const flush = (): void => {
    if (lo > hi) return;
    line ??= [];
    const ordered = lo === hi ? [lo] : loK <= hiK ? [lo, hi] : [hi, lo];
    for (const v of ordered) line.push(column, y(v));
    lo = Infinity;
    hi = -Infinity;
  };
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v === v)) {
      flush();
      if (line) out.push(line);
      line = null;
      column = NaN;
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
  if (line) out.push(line);
  return out;
}

/** One [x, y] per drawable value, at most one per pixel (dots on one pixel read as one). */
export function dots(
  values: Float64Array,
  x: (k: number) => number,
  y: (v: number) => number,
): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v === v)) continue;
    const px = x(k);
    const py = y(v);
    const key = Math.round(px) * 65536 + Math.round(py);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(px, py);
  }
  return out;
}

/** The marker at playhead `position`: the step's row, its x, and y of each loss (null: none). */
export interface CurveMarker {
  row: number;
  x: number;
  full: number | null;
  batch: number | null;
}

/** Where the marker for playhead `position` goes (between steps while the ball moves). */
export function markerAt(
  data: LearningCurveData,
  geometry: CurveGeometry,
  position: number,
): CurveMarker {
  const row = rowAt(position, data.full.length);
  const at = Math.min(Math.max(0, position), data.lastStep);
  const f = data.full[row] ?? NaN;
  const b = data.batch[row] ?? NaN;
  return {
    row,
    x: geometry.x(at),
    full: f === f ? geometry.y(f) : null,
    batch: b === b ? geometry.y(b) : null,
  };
}

const font = (px: number, scale: number, weight = 500): string =>
  `${weight} ${px * scale}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;

/** `text`, cut with an ellipsis to fit `width` in the context's current font. */
function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 0 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return end > 0 ? `${text.slice(0, end)}…` : '';
}

/** Batch-loss dots are the run's colour at this opacity: many, and noisy by nature. */
const BATCH_ALPHA = 0.45;

/** The curve's shapes in canvas px, worked out once for a box. */
interface Prepared {
  geometry: CurveGeometry;
  fullLines: number[][];
  batchDots: number[];
}

function prepare(
  ctx: CanvasRenderingContext2D,
  data: LearningCurveData,
  box: PlotBox,
  scale: number,
): Prepared | null {
  ctx.save();
  ctx.font = font(11, scale);
  let labelWidth = 0;
  for (const t of data.axis.ticks) {
    labelWidth = Math.max(labelWidth, ctx.measureText(formatLabelNumber(t)).width);
  }
  ctx.restore();
  const geometry = curveGeometry(data, box, scale, labelWidth);
  if (!geometry) return null;
  return {
    geometry,
    fullLines: polylines(data.full, geometry.x, geometry.y),
    batchDots: dots(data.batch, geometry.x, geometry.y),
  };
}

/**
 * Draws the inset into `box` of `ctx`'s canvas: a semi-opaque rounded background in the theme's
 * label colour, loss grid lines with decade labels, step labels, the batch losses as faint dots
 * and the full loss as a line in the run's colour, the title, a legend, and — when `position`
 * is a number — a marker at that step with its loss. Leaves the context's state as it found it.
 */
function drawInset(
  ctx: CanvasRenderingContext2D,
  data: LearningCurveData,
  prepared: Prepared,
  box: PlotBox,
  theme: 'light' | 'dark',
  scale: number,
  position: number | null,
): void {
  const colors = VIEW_THEMES[theme];
  const { geometry: g } = prepared;
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, 6 * scale);
  ctx.fillStyle = colors.labelBackground;
  ctx.fill();
  ctx.clip();

  // Grid and tick labels.
  ctx.font = font(11, scale);
  ctx.lineWidth = Math.max(1, scale);
  ctx.strokeStyle = colors.axis;
  ctx.fillStyle = colors.label;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of data.axis.ticks) {
    const y = Math.round(g.y(t)) + 0.5;
    ctx.globalAlpha = 0.25;
    ctx.beginPath();
    ctx.moveTo(g.left, y);
    ctx.lineTo(g.right, y);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillText(formatLabelNumber(t), g.left - 5 * scale, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const k of g.xTicks) {
    const x = g.x(k);
    ctx.fillText(
      String(k),
      Math.min(g.right - 6 * scale, Math.max(g.left + 4 * scale, x)),
      g.bottom + 3 * scale,
    );
  }
  ctx.beginPath();
  ctx.moveTo(g.left, g.top);
  ctx.lineTo(g.left, g.bottom);
  ctx.lineTo(g.right, g.bottom);
  ctx.stroke();

  // Batch losses behind, full loss in front (the line is what the eye should follow).
  ctx.fillStyle = data.color;
  ctx.globalAlpha = BATCH_ALPHA;
  const r = 1.6 * scale;
  ctx.beginPath();
  for (let i = 0; i < prepared.batchDots.length; i += 2) {
    const x = prepared.batchDots[i]!;
    const y = prepared.batchDots[i + 1]!;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = data.color;
  ctx.lineWidth = 2 * scale;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  for (const line of prepared.fullLines) {
    ctx.moveTo(line[0]!, line[1]!);
    // A lone point still shows, as a short stub.
    if (line.length === 2) ctx.lineTo(line[0]! + 0.01, line[1]!);
    for (let i = 2; i < line.length; i += 2) ctx.lineTo(line[i]!, line[i + 1]!);
  }
  ctx.stroke();

  // The marker, and the loss there on the title row's right.
  let readoutWidth = 0;
  if (position !== null) {
    const m = markerAt(data, g, position);
    ctx.strokeStyle = colors.label;
    ctx.lineWidth = Math.max(1, scale);
    ctx.globalAlpha = 0.6;
    ctx.beginPath();
    ctx.moveTo(m.x, g.top);
    ctx.lineTo(m.x, g.bottom);
    ctx.stroke();
    ctx.globalAlpha = 1;
    if (m.full !== null) {
      ctx.fillStyle = data.color;
      ctx.strokeStyle = colors.background;
      ctx.beginPath();
      ctx.arc(m.x, m.full, 3.5 * scale, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
    const f = data.full[m.row]!;
    const readout = `step ${m.row}` + (f === f ? `: ${formatLabelNumber(f)}` : '');
    ctx.font = font(11, scale, 600);
    ctx.fillStyle = colors.label;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'top';
    ctx.fillText(readout, box.x + box.width - PAD * scale, box.y + PAD * scale);
    readoutWidth = ctx.measureText(readout).width + 10 * scale;
  }

  // Title, then the legend: a line for the full loss, dots for the batch loss.
  const textLeft = box.x + PAD * scale;
  const textRight = box.x + box.width - PAD * scale;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = font(12, scale, 600);
  ctx.fillStyle = colors.label;
  ctx.fillText(
    fitText(ctx, data.title, textRight - textLeft - readoutWidth),
    textLeft,
    box.y + (PAD - 1) * scale,
  );
  const legendY = box.y + (PAD + TITLE_ROW + LEGEND_ROW / 2) * scale;
  ctx.font = font(11, scale);
  ctx.textBaseline = 'middle';
  let x = textLeft;
  ctx.strokeStyle = data.color;
  ctx.lineWidth = 2 * scale;
  ctx.beginPath();
  ctx.moveTo(x + scale, legendY);
  ctx.lineTo(x + 17 * scale, legendY);
  ctx.stroke();
  x += 22 * scale;
  ctx.fillStyle = colors.label;
  ctx.fillText('full loss', x, legendY);
  x += ctx.measureText('full loss').width + 14 * scale;
  ctx.fillStyle = data.color;
  ctx.globalAlpha = Math.min(1, BATCH_ALPHA * 1.6);
  ctx.beginPath();
  for (const dx of [3, 9, 15]) {
    ctx.moveTo(x + dx * scale + r, legendY);
    ctx.arc(x + dx * scale, legendY, r, 0, Math.PI * 2);
  }
  ctx.fill();
  ctx.globalAlpha = 1;
  x += 22 * scale;
  ctx.fillStyle = colors.label;
  const batchText = fitText(ctx, `batch loss (batch ${data.batchSize})`, textRight - x);
  ctx.fillText(batchText, x, legendY);
  x += ctx.measureText(batchText).width + 10 * scale;
  if (x + ctx.measureText('log scale').width <= textRight) {
    ctx.globalAlpha = 0.7;
    ctx.textAlign = 'right';
    ctx.fillText('log scale', textRight, legendY);
  }
  ctx.restore();
}

/**
 * A frame painter for one export: given the frame's size, pixel ratio and theme, returns a
 * function that draws the inset with its marker at playhead `position` onto a transparent layer
 * the size of the frame (cleared in the box before each call) and returns the box, or null when
 * the frame is too small for it. The shapes are computed on the first call and kept.
 */
export function learningCurvePainter(
  data: LearningCurveData,
  width: number,
  height: number,
  ratio: number,
  theme: 'light' | 'dark',
): (ctx: CanvasRenderingContext2D, position: number | null) => PlotBox | null {
  const box = learningCurveExportBox(width, height, ratio);
  let prepared: Prepared | null | undefined;
  return (ctx, position) => {
    if (box.width <= 0 || box.height <= 0) return null;
    if (prepared === undefined) prepared = prepare(ctx, data, box, ratio);
    if (!prepared) return null;
    drawInset(ctx, data, prepared, box, theme, ratio, position);
    return box;
  };
}
