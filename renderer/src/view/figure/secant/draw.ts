/**
 * The secant figure (§1): f, the points x₀ and x₀ + h, the secant through them with its run and
 * rise, the tangent at x₀ as a dashed reference, and the slope written out. The playhead shrinks
 * h to 0, where the secant is the tangent.
 */
import { curveFunction, secantGap, secantState } from '../../../../../shared/figures/secant.ts';
import type { CurveFunction } from '../../../../../shared/figures/secant.ts';
import { fitRange, Plot2D } from '../plot2d.ts';
import { baseFontSize } from '../theme.ts';
import type { FigureDraw } from '../types.ts';
import {
  blockAxes,
  drawHeader,
  drawNotice,
  formatShort,
  formatValue,
  LabelLayer,
  prettyText,
  tickCounts,
} from '../canvasText.ts';
import type { Chunk } from '../canvasText.ts';

/** f compiled, or null when the text does not compile (the figure then says so). */
export function curveOrNull(source: string): CurveFunction | null {
  try {
    return curveFunction(source);
  } catch {
    return null;
  }
}

interface Box {
  xRange: [number, number];
  yRange: [number, number];
}

const boxes = new Map<string, Box>();

/**
 * The plot's ranges: the scene's x range widened to show both points, and the y range of f
 * with both points of the starting gap in it, so the picture stays still while h shrinks.
 */
function boxFor(curve: CurveFunction, lo: number, hi: number, x0: number, h: number): Box {
  const key = `${curve.source}\u0000${lo}\u0000${hi}\u0000${x0}\u0000${h}`;
  let box = boxes.get(key);
  if (box === undefined) {
    const left = Math.min(lo, x0, x0 + h);
    const right = Math.max(hi, x0, x0 + h);
    const pad = left < lo || right > hi ? (right - left) * 0.05 : 0;
    const xRange: [number, number] = [left - (left < lo ? pad : 0), right + (right > hi ? pad : 0)];
    const include = [curve.f(x0), curve.f(x0 + h)].filter(Number.isFinite);
    box = { xRange, yRange: fitRange([curve.f], xRange[0], xRange[1], { include }) };
    if (boxes.size > 32) boxes.clear();
    boxes.set(key, box);
  }
  return box;
}

export const drawSecant: FigureDraw = (ctx, frame) => {
  const { figure, scene, theme, width, height } = frame;
  const base = baseFontSize(width, height);
  const curve = curveOrNull(figure.f);
  if (curve === null) {
    drawNotice(ctx, 'f cannot be drawn: fix its expression.', width, height, base, theme);
    return;
  }
  const { x0 } = figure;
  const h = secantGap(figure.h, frame.position, frame.end);
  const s = secantState(curve, x0, h);
  const v = curve.variable;
  const margin = Math.max(8, base * 0.8);

  // The numbers first, across the top: what the line is and what its slope is.
  const secantColor = theme.series[2]!;
  const rows: Chunk[][] = [
    [
      { text: `f(${v}) = ${prettyText(curve.source)}`, color: theme.series[0], serif: true },
      { text: `${v}₀ = ${formatShort(x0)}` },
      { text: `h = ${formatValue(h, 3)}` },
    ],
    h === 0
      ? [
          { text: `h = 0: the secant is the tangent,`, color: secantColor },
          { text: `slope = f′(${v}₀) = ${formatShort(s.derivative, 6)}`, color: secantColor },
        ]
      : [
          {
            text: `slope = (f(${v}₀+h) − f(${v}₀)) / h = ${formatValue(s.slope, 3)}`,
            color: secantColor,
          },
          { text: `f′(${v}₀) = ${formatShort(s.derivative, 6)}`, color: theme.tangent },
        ],
  ];
  const size = base * 1.05;
  const headerBottom = drawHeader(ctx, rows, margin, margin, width - 2 * margin, size, theme);

  const box = boxFor(curve, scene.domain.x[0], scene.domain.x[1], x0, figure.h);
  const left = margin + base * 3.2;
  const top = headerBottom + base * 0.5;
  const rect = {
    x: left,
    y: top,
    width: Math.max(10, width - left - margin),
    height: Math.max(10, height - top - margin - base * 1.4),
  };
  const plot = new Plot2D(ctx, rect, box.xRange, box.yRange, theme, base);
  plot.axes({ xLabel: v, yLabel: `f(${v})`, ...tickCounts(plot) });
  plot.curve(curve.f, theme.series[0]!, { width: 2.75 });
  ctx.save();
  ctx.globalAlpha = 0.85;
  if (Number.isFinite(s.y0) && Number.isFinite(s.derivative)) {
    plot.lineThrough(x0, s.y0, s.derivative, theme.tangent, { width: 1.75, dash: [7, 6] });
  }
  ctx.restore();

  const labels = new LabelLayer(
    ctx,
    { x: 0, y: headerBottom, width, height: height - headerBottom },
    theme,
  );
  blockAxes(labels, plot);
  const finite = Number.isFinite(s.y0) && Number.isFinite(s.y1) && Number.isFinite(s.slope);
  if (finite) {
    plot.lineThrough(x0, s.y0, s.slope, secantColor, { width: 2.5 });
    if (h !== 0) {
      // Run along y = f(x₀), rise up to f(x₀ + h).
      plot.segment(x0, s.y0, x0 + h, s.y0, theme.text, { width: 1.5, dash: [3, 3] });
      plot.segment(x0 + h, s.y0, x0 + h, s.y1, theme.text, { width: 1.5, dash: [3, 3] });
    }
  }
  plot.dot(x0, s.y0, theme.series[0]!, 6);
  if (h !== 0) plot.dot(x0 + h, s.y1, secantColor, 6);

  // Labels: leg values, then the points, each only where it fits.
  const small = base;
  const px0 = plot.sx(x0);
  const py0 = plot.sy(s.y0);
  if (finite && h !== 0) {
    const px1 = plot.sx(x0 + h);
    const py1 = plot.sy(s.y1);
    const runY = py0;
    const below = py1 < py0; // the rise goes up on screen: the run's label goes under it
    labels.place(
      `h = ${formatValue(h, 3)}`,
      [
        { x: (px0 + px1) / 2, y: runY + 4, align: 'center', baseline: below ? 'top' : 'bottom' },
        { x: (px0 + px1) / 2, y: runY - 4, align: 'center', baseline: below ? 'bottom' : 'top' },
      ],
      { size: small },
    );
    const side = px1 >= px0 ? 'left' : 'right';
    const dx = px1 >= px0 ? 6 : -6;
    labels.place(
      `rise = ${formatValue(s.rise, 3)}`,
      [
        { x: px1 + dx, y: (py0 + py1) / 2, align: side, baseline: 'middle' },
        {
          x: px1 - dx,
          y: (py0 + py1) / 2,
          align: side === 'left' ? 'right' : 'left',
          baseline: 'middle',
        },
        { x: px1 + dx, y: py1, align: side, baseline: 'top' },
      ],
      { size: small },
    );
    labels.place(
      `${v}₀ + h`,
      [
        { x: px1 + dx, y: py1 - 6, align: side, baseline: 'bottom' },
        { x: px1 - dx, y: py1 - 6, align: side === 'left' ? 'right' : 'left', baseline: 'bottom' },
      ],
      { size: small, color: secantColor },
    );
  }
  labels.place(
    `${v}₀`,
    [
      { x: px0 - 8, y: py0 - 6, align: 'right', baseline: 'bottom' },
      { x: px0 - 8, y: py0 + 6, align: 'right', baseline: 'top' },
      { x: px0 + 8, y: py0 + 6, align: 'left', baseline: 'top' },
    ],
    { size: small, color: theme.series[0] },
  );
  // Which line is which, in the plot's top-left or top-right corner.
  const legend = h === 0 ? 'tangent = secant' : 'dashed: tangent at x₀';
  labels.place(
    legend.replace('x₀', `${v}₀`),
    [
      {
        x: rect.x + rect.width - 4,
        y: rect.y + rect.height - 4,
        align: 'right',
        baseline: 'bottom',
      },
      { x: rect.x + rect.width - 4, y: rect.y + 4, align: 'right', baseline: 'top' },
      { x: rect.x + 8, y: rect.y + rect.height - 4, align: 'left', baseline: 'bottom' },
    ],
    { size: small * 0.95, color: h === 0 ? secantColor : theme.tangent },
  );
};
