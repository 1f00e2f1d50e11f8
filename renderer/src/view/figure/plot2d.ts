/**
 * A flat x–y plot drawn with the 2D canvas API, for the figures that show functions of one
 * variable: axes through zero (or along the box edge when zero is outside), nice ticks, curves
 * sampled per pixel that break where f is undefined or leaves the box, and labels.
 */
import { niceTicks, tickLabel } from '../plot/ticks.ts';
import { figureFont } from './theme.ts';
import type { FigureTheme } from './theme.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Range = readonly [number, number];

/**
 * A range covering every finite value of `fns` over [lo, hi] (sampled at `samples` points),
 * padded by `pad` of its span on each side; [-1, 1] around a constant. Values beyond ±`clip`
 * are ignored, so a pole does not flatten the rest of the curve.
 */
export function fitRange(
  fns: readonly ((x: number) => number)[],
  lo: number,
  hi: number,
  { samples = 200, pad = 0.08, clip = 1e6, include = [] as readonly number[] } = {},
): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of include) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (const f of fns) {
    for (let i = 0; i <= samples; i++) {
      const v = f(lo + ((hi - lo) * i) / samples);
      if (!Number.isFinite(v) || Math.abs(v) > clip) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(max >= min)) return [-1, 1];
  if (max - min < 1e-9 * Math.max(1, Math.abs(max))) return [min - 1, max + 1];
  const span = max - min;
  return [min - span * pad, max + span * pad];
}

export class Plot2D {
  constructor(
    readonly ctx: CanvasRenderingContext2D,
    readonly rect: Rect,
    readonly xRange: Range,
    readonly yRange: Range,
    readonly theme: FigureTheme,
    /** Base text size in CSS px. */
    readonly font: number,
  ) {}

  sx(x: number): number {
    const [lo, hi] = this.xRange;
    return this.rect.x + ((x - lo) / (hi - lo)) * this.rect.width;
  }

  sy(y: number): number {
    const [lo, hi] = this.yRange;
    return this.rect.y + this.rect.height - ((y - lo) / (hi - lo)) * this.rect.height;
  }

  /** Clips what follows to the plot box (undo with ctx.restore()). */
  clip(): void {
    const { ctx, rect } = this;
    ctx.save();
    ctx.beginPath();
    ctx.rect(rect.x, rect.y, rect.width, rect.height);
    ctx.clip();
  }

  /**
   * Grid, the axes (through 0 where it is inside, else along the box) and tick labels.
   * `xTicks` / `yTicks`: about how many ticks (default: one per 90 px across, 60 px up).
   */
  axes({
    xLabel = 'x',
    yLabel = 'y',
    grid = true,
    xTicks = undefined as number | undefined,
    yTicks = undefined as number | undefined,
  } = {}): void {
    const { ctx, rect, theme } = this;
    const xs = niceTicks(
      this.xRange[0],
      this.xRange[1],
      Math.max(3, Math.round(xTicks ?? rect.width / 90)),
    );
    const ys = niceTicks(
      this.yRange[0],
      this.yRange[1],
      Math.max(3, Math.round(yTicks ?? rect.height / 60)),
    );
    ctx.save();
    ctx.lineWidth = 1;
    if (grid) {
      ctx.strokeStyle = theme.grid;
      ctx.beginPath();
      for (const x of xs) {
        ctx.moveTo(Math.round(this.sx(x)) + 0.5, rect.y);
        ctx.lineTo(Math.round(this.sx(x)) + 0.5, rect.y + rect.height);
      }
      for (const y of ys) {
        ctx.moveTo(rect.x, Math.round(this.sy(y)) + 0.5);
        ctx.lineTo(rect.x + rect.width, Math.round(this.sy(y)) + 0.5);
      }
      ctx.stroke();
    }
    const inside = (v: number, r: Range) => v >= r[0] && v <= r[1];
    const axisY = inside(0, this.yRange) ? this.sy(0) : rect.y + rect.height;
    const axisX = inside(0, this.xRange) ? this.sx(0) : rect.x;
    ctx.strokeStyle = theme.axis;
    ctx.lineWidth = 1.25;
    ctx.beginPath();
    ctx.moveTo(rect.x, axisY);
    ctx.lineTo(rect.x + rect.width, axisY);
    ctx.moveTo(axisX, rect.y);
    ctx.lineTo(axisX, rect.y + rect.height);
    ctx.stroke();

    const small = this.font * 0.78;
    ctx.font = figureFont(small, 400);
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    // Tick labels sit below the x axis / left of the y axis, but inside the canvas.
    const xLabelY = Math.min(axisY + 4, rect.y + rect.height + 4);
    for (const x of xs) {
      if (x === 0 && inside(0, this.yRange) && inside(0, this.xRange)) continue;
      ctx.fillText(tickLabel(x), this.sx(x), xLabelY);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const y of ys) {
      if (y === 0 && inside(0, this.xRange) && inside(0, this.yRange)) continue;
      ctx.fillText(tickLabel(y), axisX - 5, this.sy(y));
    }
    ctx.font = figureFont(this.font * 0.9, 400, 'serif');
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(xLabel, rect.x + rect.width - 2, axisY - 4);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(yLabel, axisX + 6, rect.y + 2);
    ctx.restore();
  }

  /**
   * Draws y = f(x) across the box (or over [from, to]), one sample per CSS px; the line breaks
   * where f is not finite or jumps far outside the box (a pole), and is clipped to the box.
   */
  curve(
    f: (x: number) => number,
    color: string,
    { width = 2.5, dash = [] as number[], from = this.xRange[0], to = this.xRange[1] } = {},
  ): void {
    const { ctx } = this;
    const n = Math.max(2, Math.ceil(Math.abs(this.sx(to) - this.sx(from))));
    const span = this.yRange[1] - this.yRange[0];
    const far = (y: number) => y < this.yRange[0] - 10 * span || y > this.yRange[1] + 10 * span;
    this.clip();
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.setLineDash(dash);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i <= n; i++) {
      const x = from + ((to - from) * i) / n;
      const y = f(x);
      if (!Number.isFinite(y) || far(y)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(this.sx(x), this.sy(y));
      else ctx.moveTo(this.sx(x), this.sy(y));
      pen = true;
    }
    ctx.stroke();
    ctx.restore();
  }

  /** A straight segment in data coordinates, clipped to the box. */
  segment(
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    color: string,
    { width = 2, dash = [] as number[] } = {},
  ): void {
    const { ctx } = this;
    this.clip();
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(this.sx(x1), this.sy(y1));
    ctx.lineTo(this.sx(x2), this.sy(y2));
    ctx.stroke();
    ctx.restore();
  }

  /** The line through (x, y) with slope m, across the whole box. */
  lineThrough(x: number, y: number, m: number, color: string, options = {}): void {
    const [lo, hi] = this.xRange;
    this.segment(lo, y + m * (lo - x), hi, y + m * (hi - x), color, options);
  }

  /** A filled dot with a ring in the background colour, so it reads over lines. */
  dot(x: number, y: number, color: string, radius = 5): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const { ctx } = this;
    ctx.save();
    ctx.beginPath();
    ctx.arc(this.sx(x), this.sy(y), radius, 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = this.theme.dark ? '#14161b' : '#ffffff';
    ctx.stroke();
    ctx.restore();
  }
}

/**
 * Text in a rounded box at (x, y) in CSS px, anchored by `align` / `baseline` like fillText;
 * returns the box drawn. Lines are split on '\n'.
 */
export function textBox(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  theme: FigureTheme,
  {
    size,
    color = theme.text,
    align = 'left' as CanvasTextAlign,
    baseline = 'top' as 'top' | 'middle' | 'bottom',
    weight = 500,
    border = theme.panelBorder as string | null,
  }: {
    size: number;
    color?: string;
    align?: CanvasTextAlign;
    baseline?: 'top' | 'middle' | 'bottom';
    weight?: number;
    border?: string | null;
  },
): Rect {
  const lines = text.split('\n');
  ctx.save();
  ctx.font = figureFont(size, weight);
  const pad = size * 0.45;
  const lineHeight = size * 1.3;
  const width = Math.max(...lines.map((l) => ctx.measureText(l).width)) + pad * 2;
  const height = lines.length * lineHeight + pad * 2 - (lineHeight - size);
  const left = align === 'center' ? x - width / 2 : align === 'right' ? x - width : x;
  const top = baseline === 'middle' ? y - height / 2 : baseline === 'bottom' ? y - height : y;
  ctx.beginPath();
  ctx.roundRect(left, top, width, height, size * 0.3);
  ctx.fillStyle = theme.panel;
  ctx.fill();
  if (border) {
    ctx.strokeStyle = border;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  lines.forEach((line, i) => ctx.fillText(line, left + pad, top + pad + i * lineHeight));
  ctx.restore();
  return { x: left, y: top, width, height };
}
