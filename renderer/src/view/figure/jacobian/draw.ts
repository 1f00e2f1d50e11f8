/**
 * Draws §8's Jacobian as a map: the input plane (grid, the point p, a small square at p) beside
 * the output plane (the grid bent by F, the square's true image filled, the parallelogram
 * F(p) + J·(square − p) dashed), a zoom on the two images, the Jacobian written out
 * (symbolic, then at p), det J and the measured area ratio. The playhead shrinks the square,
 * and the true image closes in on the parallelogram.
 */
import { jacobianModel, squareImage, squareSide } from '../../../../../shared/figures/jacobian.ts';
import type { JacobianModel, SquareImage, Vec2 } from '../../../../../shared/figures/jacobian.ts';
import { superscript } from '../../../../../shared/superscript.ts';
import type { Domain } from '../../../../../shared/types.ts';
import { Plot2D } from '../plot2d.ts';
import type { Rect } from '../plot2d.ts';
import { baseFontSize, figureFont } from '../theme.ts';
import type { FigureTheme } from '../theme.ts';
import type { FigureDraw, FigureFrame } from '../types.ts';

/** A number for the picture: up to `digits` significant digits, − for minus. */
export function figureNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'undefined' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  const text =
    abs < 1e-4 || abs >= 1e6
      ? v
          .toExponential(Math.max(0, digits - 2))
          .replace(/e\+?(-?\d+)/, (_, e: string) => `·10${superscript(e)}`)
      : String(Number(v.toPrecision(digits)));
  return text.replace(/-/g, '−');
}

/** The compiler's text made readable: x ^ 2 → x², 2 * x → 2x, other * → ·, − for minus. */
export function prettyExpression(text: string): string {
  return text
    .replace(/\s*\^\s*(-?\d+)/g, (_, e: string) => superscript(e))
    .replace(/(^|[^\w.])(\d+(?:\.\d+)?)\s*\*\s*(?=[a-zA-Z](?![\w(]))/g, '$1$2')
    .replace(/\s*\*\s*/g, '·')
    .replace(/-/g, '−');
}

/** The model, or null when F cannot be compiled (the panel says why). */
export function modelOrNull(
  f: string,
  g: string,
  at: readonly number[],
  domain: Domain,
): JacobianModel | null {
  try {
    return jacobianModel(f, g, [at[0] ?? 0, at[1] ?? 0], domain);
  } catch {
    return null;
  }
}

/** The last square image computed (playing moves the side every frame; a redraw reuses it). */
let lastSquare: { model: JacobianModel; side: number; image: SquareImage } | null = null;

/** The square at the playhead and its images, computed once per model and side. */
export function squareAt(model: JacobianModel, side: number): SquareImage {
  if (lastSquare?.model === model && lastSquare.side === side) return lastSquare.image;
  const image = squareImage(model.F, model.point, side);
  lastSquare = { model, side, image };
  return image;
}

/** The square's side at the frame's playhead. */
export function sideAt(frame: Pick<FigureFrame, 'scene' | 'position' | 'end'>): number {
  return squareSide(frame.scene.domain, frame.position, frame.end);
}

// ---------- layout pieces ----------

interface Item {
  width: number;
  height: number;
  draw: (x: number, yMid: number) => void;
}

function textItem(
  ctx: CanvasRenderingContext2D,
  text: string,
  font: number,
  color: string,
  weight = 500,
): Item {
  ctx.save();
  ctx.font = figureFont(font, weight);
  const width = ctx.measureText(text).width;
  ctx.restore();
  return {
    width,
    height: font * 1.4,
    draw: (x, yMid) => {
      ctx.save();
      ctx.font = figureFont(font, weight);
      ctx.fillStyle = color;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, x, yMid);
      ctx.restore();
    },
  };
}

/** Shortens `text` with … until it is at most `max` px wide. */
function fit(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > max) t = t.slice(0, -1);
  return `${t}…`;
}

/** A 2 × 2 matrix in square brackets. */
function matrixItem(
  ctx: CanvasRenderingContext2D,
  cells: readonly (readonly string[])[],
  font: number,
  color: string,
  maxCell: number,
): Item {
  ctx.save();
  ctx.font = figureFont(font, 500);
  const texts = cells.map((row) => row.map((c) => fit(ctx, c, maxCell)));
  const colWidths = [0, 1].map((j) => Math.max(...texts.map((r) => ctx.measureText(r[j]!).width)));
  ctx.restore();
  const bracket = font * 0.45;
  const colGap = font * 1.1;
  const line = font * 1.3;
  const width = bracket * 2 + font * 0.5 + colWidths[0]! + colGap + colWidths[1]!;
  const height = line * 2 + font * 0.35;
  return {
    width,
    height,
    draw: (x, yMid) => {
      ctx.save();
      ctx.strokeStyle = color;
      ctx.lineWidth = Math.max(1.25, font * 0.08);
      const top = yMid - height / 2;
      const bottom = yMid + height / 2;
      ctx.beginPath();
      ctx.moveTo(x + bracket, top);
      ctx.lineTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.lineTo(x + bracket, bottom);
      ctx.moveTo(x + width - bracket, top);
      ctx.lineTo(x + width, top);
      ctx.lineTo(x + width, bottom);
      ctx.lineTo(x + width - bracket, bottom);
      ctx.stroke();
      ctx.font = figureFont(font, 500);
      ctx.fillStyle = color;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      const left = x + bracket + font * 0.25;
      texts.forEach((row, i) => {
        const y = yMid + (i - 0.5) * line;
        ctx.fillText(row[0]!, left + colWidths[0]! / 2, y);
        ctx.fillText(row[1]!, left + colWidths[0]! + colGap + colWidths[1]! / 2, y);
      });
      ctx.restore();
    },
  };
}

/**
 * Lays out groups of items left to right, wrapping a group to the next row when it does not
 * fit; returns the height used.
 */
function flow(groups: readonly (readonly Item[])[], rect: Rect, font: number): number {
  const inner = font * 0.35;
  const outer = font * 1.6;
  const rows: { items: { item: Item; x: number }[]; height: number }[] = [];
  let row: { items: { item: Item; x: number }[]; height: number } = { items: [], height: 0 };
  let x = rect.x;
  for (const group of groups) {
    const width = group.reduce((s, it) => s + it.width, 0) + inner * (group.length - 1);
    if (row.items.length > 0 && x + outer + width > rect.x + rect.width) {
      rows.push(row);
      row = { items: [], height: 0 };
      x = rect.x;
    }
    if (row.items.length > 0) x += outer;
    for (const item of group) {
      row.items.push({ item, x });
      row.height = Math.max(row.height, item.height);
      x += item.width + inner;
    }
    x -= inner;
  }
  rows.push(row);
  let y = rect.y;
  for (const r of rows) {
    for (const { item, x: ix } of r.items) item.draw(ix, y + r.height / 2);
    y += r.height + font * 0.3;
  }
  return y - rect.y;
}

// ---------- the planes ----------

/** Ranges with one scale on both axes that cover [x0, x1] × [y0, y1] and fill `rect`. */
function equalRanges(
  rect: Rect,
  box: readonly [number, number, number, number],
): [[number, number], [number, number]] {
  let [x0, x1, y0, y1] = box;
  if (!(x1 > x0)) [x0, x1] = [x0 - 1, x1 + 1];
  if (!(y1 > y0)) [y0, y1] = [y0 - 1, y1 + 1];
  const scale = Math.min(rect.width / (x1 - x0), rect.height / (y1 - y0));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = rect.width / scale / 2;
  const hy = rect.height / scale / 2;
  return [
    [cx - hx, cx + hx],
    [cy - hy, cy + hy],
  ];
}

/** Bounding box of finite points below `clip` in size, padded by `pad` of its span. */
function boundsOf(
  points: Iterable<readonly [number, number]>,
  pad = 0.06,
  clip = 1e6,
): [number, number, number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > clip || Math.abs(y) > clip)
      continue;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (!(x1 >= x0)) return [-1, 1, -1, 1];
  const px = (x1 - x0) * pad || 0.5;
  const py = (y1 - y0) * pad || 0.5;
  return [x0 - px, x1 + px, y0 - py, y1 + py];
}

function* allPoints(model: JacobianModel, sq: SquareImage): Generator<readonly [number, number]> {
  for (const line of model.grid) for (const piece of line.image) yield* piece;
  yield* sq.image;
  yield* sq.linear;
}

function polyline(plot: Plot2D, points: readonly Vec2[], close = false): void {
  const { ctx } = plot;
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(plot.sx(x), plot.sy(y));
    else ctx.moveTo(plot.sx(x), plot.sy(y));
    pen = true;
  }
  if (close && pen) ctx.closePath();
}

function strokePath(
  plot: Plot2D,
  points: readonly Vec2[],
  color: string,
  { width = 1.5, dash = [] as number[], close = false, alpha = 1 } = {},
): void {
  const { ctx } = plot;
  plot.clip();
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.setLineDash(dash);
  ctx.beginPath();
  polyline(plot, points, close);
  ctx.stroke();
  ctx.restore();
}

function fillPath(plot: Plot2D, points: readonly Vec2[], color: string): void {
  if (!points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))) return;
  const { ctx } = plot;
  plot.clip();
  ctx.fillStyle = color;
  ctx.beginPath();
  polyline(plot, points, true);
  ctx.fill();
  ctx.restore();
}

interface Colors {
  xLines: string;
  yLines: string;
  image: string;
  linear: string;
  point: string;
}

function colorsOf(theme: FigureTheme): Colors {
  return {
    // Blue and pink stay apart in both themes and from the orange parallelogram.
    xLines: theme.series[0]!,
    yLines: theme.series[3]!,
    image: theme.text,
    linear: theme.tangent,
    point: theme.gradient,
  };
}

function drawGrid(plot: Plot2D, model: JacobianModel, c: Colors, which: 'input' | 'image'): void {
  for (const line of model.grid) {
    const color = line.along === 'x' ? c.xLines : c.yLines;
    const pieces = which === 'input' ? [line.input] : line.image;
    for (const piece of pieces) strokePath(plot, piece, color, { width: 1.4, alpha: 0.7 });
  }
}

function panelTitle(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  width: number,
  font: number,
  theme: FigureTheme,
): void {
  ctx.save();
  ctx.font = figureFont(font, 600);
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(fit(ctx, text, width), x, y);
  ctx.restore();
}

/** A zoom on F(p): the true image against the parallelogram, at a size that stays readable. */
function drawZoom(
  ctx: CanvasRenderingContext2D,
  rect: Rect,
  model: JacobianModel,
  sq: SquareImage,
  outputScale: number,
  theme: FigureTheme,
  c: Colors,
  font: number,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(rect.x, rect.y, rect.width, rect.height, font * 0.3);
  ctx.fillStyle = theme.panel;
  ctx.fill();
  ctx.strokeStyle = theme.panelBorder;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.restore();
  const titleHeight = font * 1.35;
  const inner: Rect = {
    x: rect.x + font * 0.4,
    y: rect.y + titleHeight,
    width: rect.width - font * 0.8,
    height: rect.height - titleHeight - font * 0.4,
  };
  const [xr, yr] = equalRanges(inner, boundsOf([...sq.image, ...sq.linear], 0.12));
  const plot = new Plot2D(ctx, inner, xr, yr, theme, font);
  fillPath(plot, sq.image, theme.fill);
  strokePath(plot, sq.image, c.image, { width: 2, close: true });
  strokePath(plot, sq.linear, c.linear, { width: 2.5, dash: [7, 5], close: true });
  plot.dot(model.value[0], model.value[1], c.point, 4.5);
  const zoom = inner.width / (xr[1] - xr[0]) / outputScale;
  ctx.save();
  ctx.font = figureFont(font, 600);
  const z = figureNumber(zoom, 2);
  const title =
    ctx.measureText(`zoom ×${z}`).width <= rect.width - font * 0.9 ? `zoom ×${z}` : `×${z}`;
  ctx.restore();
  panelTitle(
    ctx,
    title,
    rect.x + font * 0.45,
    rect.y + font * 0.25,
    rect.width - font * 0.9,
    font,
    theme,
  );
}

export const drawJacobian: FigureDraw = (ctx, frame) => {
  const { width: W, height: H, theme, figure, scene } = frame;
  const font = baseFontSize(W, H);
  const m = Math.max(10, font * 0.8);
  const model = modelOrNull(figure.f, figure.g, figure.at, scene.domain);
  if (!model) {
    ctx.save();
    ctx.font = figureFont(font, 500);
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('F cannot be drawn: see the panel.', W / 2, H / 2, W * 0.9);
    ctx.restore();
    return;
  }
  const c = colorsOf(theme);
  const side = sideAt(frame);
  const sq = squareAt(model, side);
  const [px, py] = model.point;
  const p = `(${figureNumber(px)}, ${figureNumber(py)})`;

  // Header: F, J symbolic, J at p, det J.
  const maxCell = W * 0.16;
  const headerHeight = flow(
    [
      [
        textItem(
          ctx,
          `F(x, y) = (${prettyExpression(figure.f)}, ${prettyExpression(figure.g)})`,
          font,
          theme.text,
        ),
      ],
      [
        textItem(ctx, 'J(x, y) =', font, theme.text),
        matrixItem(
          ctx,
          model.F.symbolic.map((row) => row.map(prettyExpression)),
          font,
          theme.text,
          maxCell,
        ),
      ],
      [
        textItem(ctx, `J${p} =`, font, theme.text),
        matrixItem(
          ctx,
          model.J.map((row) => row.map((v) => figureNumber(v))),
          font,
          c.linear,
          maxCell,
        ),
      ],
      [textItem(ctx, `det J = ${figureNumber(model.det)}`, font * 1.05, theme.text, 700)],
    ],
    { x: m, y: m, width: W - 2 * m, height: 0 },
    font,
  );

  // Footer: the square and the areas.
  const footerLines = [
    `square side s = ${figureNumber(side, 3)}: area(F(square)) ÷ area(square) = ${figureNumber(sq.ratio, 5)}`,
    `det J = ${figureNumber(model.det, 5)} · filled: the true image F(square) · dashed: F(p) + J·(square − p)`,
  ];
  const footerLine = font * 1.35;
  const footerTop = H - m - footerLine * footerLines.length;
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  footerLines.forEach((line, i) => {
    ctx.font = figureFont(font, i === 0 ? 600 : 400);
    ctx.fillStyle = i === 0 ? theme.text : theme.muted;
    ctx.fillText(fit(ctx, line, W - 2 * m), m, footerTop + i * footerLine);
  });
  ctx.restore();

  // The two planes.
  const top = m + headerHeight + font * 0.4;
  const bottom = footerTop - font * 0.6;
  const arrowGap = font * 3.2;
  const panelWidth = (W - 2 * m - arrowGap) / 2;
  const titleHeight = font * 1.5;
  const tickLeft = font * 2.8;
  const tickBottom = font * 1.5;
  const plotRect = (x: number): Rect => ({
    x: x + tickLeft,
    y: top + titleHeight,
    width: panelWidth - tickLeft,
    height: bottom - top - titleHeight - tickBottom,
  });
  const inRect = plotRect(m);
  const outRect = plotRect(m + panelWidth + arrowGap);
  if (inRect.height < font * 3 || inRect.width < font * 3) return;

  // Input: the domain (and the square and point, wherever they are).
  const d = scene.domain;
  const h = side / 2;
  const [ix, iy] = equalRanges(inRect, [
    Math.min(d.x[0], px - h),
    Math.max(d.x[1], px + h),
    Math.min(d.y[0], py - h),
    Math.max(d.y[1], py + h),
  ]);
  const input = new Plot2D(ctx, inRect, ix, iy, theme, font);
  panelTitle(ctx, 'input plane (x, y)', m, top, panelWidth, font, theme);
  input.axes({ xLabel: 'x', yLabel: 'y', grid: false });
  drawGrid(input, model, c, 'input');
  // The point under the square's outline, so a shrunk square still shows around it.
  fillPath(input, sq.square, theme.fill);
  input.dot(px, py, c.point, 4);
  strokePath(input, sq.square, c.image, { width: 2, close: true });

  // Output: the bent grid fitted to its panel.
  const [ox, oy] = equalRanges(outRect, boundsOf(allPoints(model, sq)));
  const output = new Plot2D(ctx, outRect, ox, oy, theme, font);
  panelTitle(ctx, 'output plane F(x, y)', outRect.x - tickLeft, top, panelWidth, font, theme);
  output.axes({ xLabel: 'F₁', yLabel: 'F₂', grid: false });
  drawGrid(output, model, c, 'image');
  fillPath(output, sq.image, theme.fill);
  strokePath(output, sq.image, c.image, { width: 2, close: true });
  strokePath(output, sq.linear, c.linear, { width: 2.5, dash: [7, 5], close: true });
  output.dot(model.value[0], model.value[1], c.point, 5);

  // The arrow F between the planes.
  ctx.save();
  const ay = inRect.y + inRect.height / 2;
  const ax0 = inRect.x + inRect.width + font * 0.5;
  const ax1 = outRect.x - tickLeft - font * 0.3;
  ctx.strokeStyle = theme.text;
  ctx.fillStyle = theme.text;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(ax0, ay);
  ctx.lineTo(ax1 - font * 0.5, ay);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(ax1, ay);
  ctx.lineTo(ax1 - font * 0.6, ay - font * 0.35);
  ctx.lineTo(ax1 - font * 0.6, ay + font * 0.35);
  ctx.closePath();
  ctx.fill();
  ctx.font = figureFont(font * 1.1, 600, 'serif');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText('F', (ax0 + ax1) / 2, ay - font * 0.3);
  ctx.restore();

  // Zoom in the output corner farthest from F(p), so it hides the least around the point.
  const zw = Math.min(outRect.width * 0.48, outRect.height * 0.5);
  const fx = output.sx(model.value[0]);
  const fy = output.sy(model.value[1]);
  const right = fx < outRect.x + outRect.width / 2;
  const below = fy < outRect.y + outRect.height / 2;
  const zoomRect: Rect = {
    x: right ? outRect.x + outRect.width - zw - 4 : outRect.x + 4,
    y: below ? outRect.y + outRect.height - zw - 4 : outRect.y + 4,
    width: zw,
    height: zw,
  };
  // Only once the images are small enough that a zoom shows more than the plane does.
  const outputScale = outRect.width / (ox[1] - ox[0]);
  const imageSize = Math.max(
    ...[0, 1].map((axis) => {
      const values = sq.linear.map((q) => q[axis]!);
      return Math.max(...values) - Math.min(...values);
    }),
  );
  const zoomed = imageSize * outputScale < zw * 0.45;
  if (zw > font * 4 && zoomed) {
    drawZoom(ctx, zoomRect, model, sq, outputScale, theme, c, font);
  }
};
