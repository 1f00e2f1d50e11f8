/**
 * Text on a figure's canvas, shared by the one-variable figures: numbers formatted for slides,
 * a header that wraps its chunks to the width, and labels drawn only where they fit.
 */
import { superscript } from '../../../../shared/superscript.ts';
import { niceTicks, tickLabel } from '../plot/ticks.ts';
import type { Plot2D, Rect } from './plot2d.ts';
import { figureFont } from './theme.ts';
import type { FigureTheme } from './theme.ts';

/**
 * A number for a slide: `digits` decimals, trailing zeros kept (so a shrinking value does not
 * jump in width), a true minus sign, exponent form for very large or small values.
 */
export function formatValue(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'undefined' : value > 0 ? '∞' : '−∞';
  if (value === 0) return (0).toFixed(digits);
  const abs = Math.abs(value);
  const text =
    abs >= 1e6 || abs < 10 ** -digits
      ? value
          .toExponential(Math.max(1, digits - 1))
          .replace(/e\+?(-?)(\d+)/, (_, s, d) => `·10^${s}${d}`)
      : value.toFixed(digits);
  return text.replace(/-/g, '−');
}

/** A number as short as it reads: up to `digits` decimals without trailing zeros. */
export function formatShort(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return formatValue(value);
  const text = String(Number(value.toFixed(digits)));
  return text === '-0' ? '0' : text.replace(/-/g, '−');
}

/**
 * An expression as the compiler or the user writes it, made readable for a slide: powers as
 * superscripts, products as ·, true minus signs.
 */
export function prettyText(text: string): string {
  // As export/caption.ts's prettyFormula, which view/ may not import (the renderer's layers).
  return (
    text
      .replace(/\s*\^\s*(\d+)/g, (_, digits: string) => superscript(digits))
      .replace(/\s*\*\s*/g, '·')
      .replace(/ - /g, ' − ')
      // log is the natural log in the expression language: write it as a slide would.
      .replace(/\blog\(/g, 'ln(')
      .replace(/(^|[(\s·/,^])-/g, '$1−')
  );
}

/** A piece of header text in its own colour. */
export interface Chunk {
  text: string;
  color?: string;
  /** Serif italic, for formulas. */
  serif?: boolean;
}

/**
 * Draws `rows` of chunks from (x, y) down, each row wrapped at `width` (a chunk never splits),
 * at `size` px; returns the y just below the last line.
 */
export function drawHeader(
  ctx: CanvasRenderingContext2D,
  rows: readonly (readonly Chunk[])[],
  x: number,
  y: number,
  width: number,
  size: number,
  theme: FigureTheme,
): number {
  const gap = size * 1.4;
  const lineHeight = size * 1.38;
  ctx.save();
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  let top = y;
  for (const row of rows) {
    let left = x;
    let first = true;
    for (const chunk of row) {
      ctx.font = figureFont(size, chunk.serif ? 400 : 500, chunk.serif ? 'serif' : 'sans');
      const w = ctx.measureText(chunk.text).width;
      if (!first && left + gap + w > x + width) {
        top += lineHeight;
        left = x;
        first = true;
      }
      if (!first) left += gap;
      ctx.fillStyle = chunk.color ?? theme.text;
      ctx.fillText(chunk.text, left, top);
      left += w;
      first = false;
    }
    top += lineHeight;
  }
  ctx.restore();
  return top;
}

/** Where a label may go: its anchor and how the text sits against it. */
export interface Spot {
  x: number;
  y: number;
  align: 'left' | 'center' | 'right';
  baseline: 'top' | 'middle' | 'bottom';
}

/**
 * Labels that never overlap each other, nor leave `bounds`: each label takes the first of its
 * candidate spots that is free, or is left out. Text gets a halo in the background colour, so
 * it reads over lines.
 */
export class LabelLayer {
  private readonly taken: Rect[] = [];

  constructor(
    private readonly ctx: CanvasRenderingContext2D,
    private readonly bounds: Rect,
    private readonly theme: FigureTheme,
  ) {}

  /** Marks a region as taken (a header, a legend) so no label goes there. */
  block(rect: Rect): void {
    this.taken.push(rect);
  }

  /** Draws `text` at the first free spot; returns whether it was drawn. */
  place(
    text: string,
    spots: readonly Spot[],
    {
      size,
      color = this.theme.text,
      weight = 500,
    }: { size: number; color?: string; weight?: number },
  ): boolean {
    const { ctx, bounds } = this;
    ctx.save();
    ctx.font = figureFont(size, weight);
    const width = ctx.measureText(text).width;
    const height = size * 1.15;
    for (const s of spots) {
      if (!Number.isFinite(s.x) || !Number.isFinite(s.y)) continue;
      const left = s.align === 'center' ? s.x - width / 2 : s.align === 'right' ? s.x - width : s.x;
      const top =
        s.baseline === 'middle' ? s.y - height / 2 : s.baseline === 'bottom' ? s.y - height : s.y;
      const rect = { x: left - 2, y: top - 1, width: width + 4, height: height + 2 };
      const inside =
        rect.x >= bounds.x &&
        rect.y >= bounds.y &&
        rect.x + rect.width <= bounds.x + bounds.width &&
        rect.y + rect.height <= bounds.y + bounds.height;
      if (!inside || this.taken.some((r) => overlaps(r, rect))) continue;
      this.taken.push(rect);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.lineJoin = 'round';
      ctx.lineWidth = Math.max(3, size * 0.22);
      ctx.strokeStyle = this.theme.background;
      ctx.strokeText(text, left, top + size * 0.05);
      ctx.fillStyle = color;
      ctx.fillText(text, left, top + size * 0.05);
      ctx.restore();
      return true;
    }
    ctx.restore();
    return false;
  }
}

/** Tick counts that keep the tick labels apart at any canvas size (they scale with the font). */
export function tickCounts(plot: Plot2D): { xTicks: number; yTicks: number } {
  return {
    xTicks: plot.rect.width / (plot.font * 7),
    yTicks: plot.rect.height / (plot.font * 4.5),
  };
}

/**
 * Keeps labels off a plot's tick labels and axis names, where Plot2D.axes draws them with
 * {@link tickCounts} (the same ticks, measured the same way).
 */
export function blockAxes(labels: LabelLayer, plot: Plot2D): void {
  const { ctx, rect, xRange, yRange, font } = plot;
  const inside = (v: number, r: readonly [number, number]) => v >= r[0] && v <= r[1];
  const axisY = inside(0, yRange) ? plot.sy(0) : rect.y + rect.height;
  const axisX = inside(0, xRange) ? plot.sx(0) : rect.x;
  const { xTicks, yTicks } = tickCounts(plot);
  const tick = font * 0.78;
  ctx.save();
  ctx.font = figureFont(tick, 400);
  const labelY = Math.min(axisY + 4, rect.y + rect.height + 4);
  for (const x of niceTicks(xRange[0], xRange[1], Math.max(3, Math.round(xTicks)))) {
    const w = ctx.measureText(tickLabel(x)).width;
    labels.block({ x: plot.sx(x) - w / 2 - 2, y: labelY - 1, width: w + 4, height: tick * 1.25 });
  }
  for (const y of niceTicks(yRange[0], yRange[1], Math.max(3, Math.round(yTicks)))) {
    const w = ctx.measureText(tickLabel(y)).width;
    labels.block({
      x: axisX - 7 - w,
      y: plot.sy(y) - tick * 0.65,
      width: w + 4,
      height: tick * 1.3,
    });
  }
  ctx.restore();
  // The axes' names: y at the top of its axis, x at the right end of its axis.
  labels.block({ x: axisX, y: rect.y, width: font * 4.5, height: font * 1.4 });
  labels.block({
    x: rect.x + rect.width - font * 2,
    y: axisY - font * 1.4,
    width: font * 2,
    height: font * 1.4,
  });
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A sentence in the middle of the canvas, for a figure that has nothing to draw. */
export function drawNotice(
  ctx: CanvasRenderingContext2D,
  text: string,
  width: number,
  height: number,
  size: number,
  theme: FigureTheme,
): void {
  ctx.save();
  ctx.font = figureFont(size, 500);
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, width / 2, height / 2, width * 0.9);
  ctx.restore();
}
