/**
 * The derivatives figure (§2): f, f′ (and f″) on stacked panels that share the x axis, the
 * critical points where f′ = 0 marked on each with a guide across the panels, and a marker the
 * playhead sweeps along x: its tangent on f has the slope that f′'s marker shows as a height.
 */
import { derivativesModel, sweepX } from '../../../../../shared/figures/derivatives.ts';
import type { DerivativesModel } from '../../../../../shared/figures/derivatives.ts';
import { fitRange, Plot2D } from '../plot2d.ts';
import type { Range } from '../plot2d.ts';
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

/** The model, or null when f does not compile. */
export function modelOrNull(source: string, lo: number, hi: number): DerivativesModel | null {
  try {
    return derivativesModel(source, lo, hi);
  } catch {
    return null;
  }
}

/** f′ or f″ as the compiler writes it, made readable (·, superscripts, minus signs). */
export function readable(text: string): string {
  return prettyText(text);
}

const ranges = new Map<string, Range[]>();

/** The y ranges of f, f′, f″ over the x range (f′ and f″ always show their zero). */
function rangesFor(model: DerivativesModel): Range[] {
  const key = `${model.curve.source}\u0000${model.lo}\u0000${model.hi}`;
  let r = ranges.get(key);
  if (r === undefined) {
    const { curve, lo, hi } = model;
    const fs = fitRange([curve.f], lo, hi, { samples: 400 });
    r = [
      fs,
      fitRange([curve.df], lo, hi, { samples: 400, include: [0] }),
      fitRange([curve.d2f], lo, hi, { samples: 400, include: [0] }),
    ];
    if (ranges.size > 32) ranges.clear();
    ranges.set(key, r);
  }
  return r;
}

export const drawDerivatives: FigureDraw = (ctx, frame) => {
  const { figure, scene, theme, width, height } = frame;
  const base = baseFontSize(width, height);
  const [lo, hi] = scene.domain.x;
  const model = modelOrNull(figure.f, lo, hi);
  if (model === null) {
    drawNotice(ctx, 'f cannot be drawn: fix its expression.', width, height, base, theme);
    return;
  }
  const { curve } = model;
  const v = curve.variable;
  const x = sweepX(lo, hi, frame.position, frame.end);
  const fx = curve.f(x);
  const slope = curve.df(x);
  const margin = Math.max(8, base * 0.8);
  const [cf, cd, c2] = [theme.series[0]!, theme.series[1]!, theme.series[2]!];
  // The marker and its tangent: a colour none of the curves has.
  const marker = theme.series[3]!;

  const rows: Chunk[][] = [
    [
      { text: `f(${v}) = ${prettyText(curve.source)}`, color: cf, serif: true },
      { text: `f′(${v}) = ${readable(curve.derivativeText)}`, color: cd, serif: true },
      ...(figure.second
        ? [{ text: `f″(${v}) = ${readable(curve.secondText)}`, color: c2, serif: true }]
        : []),
    ],
    [
      { text: `at ${v} = ${formatValue(x, 2)}:` },
      { text: `f = ${formatValue(fx, 3)}`, color: cf },
      { text: `slope f′ = ${formatValue(slope, 3)}`, color: cd },
      ...(figure.second ? [{ text: `f″ = ${formatValue(curve.d2f(x), 3)}`, color: c2 }] : []),
    ],
  ];
  const size = base * 1.05;
  const headerBottom = drawHeader(ctx, rows, margin, margin, width - 2 * margin, size, theme);

  // Stacked panels, f on top; a gap between them for the x tick labels of the one above.
  const fns = [curve.f, curve.df, ...(figure.second ? [curve.d2f] : [])];
  const names = ['f', 'f′', 'f″'];
  const colors = [cf, cd, c2];
  const ys = rangesFor(model);
  const left = margin + base * 3.2;
  const top = headerBottom + base * 0.4;
  const gap = base * 1.9;
  const bottom = height - margin - base * 1.4;
  const panelHeight = (bottom - top - gap * (fns.length - 1)) / fns.length;
  const plotWidth = Math.max(10, width - left - margin);
  if (panelHeight < 20) return;
  const plots = fns.map(
    (_, i) =>
      new Plot2D(
        ctx,
        { x: left, y: top + i * (panelHeight + gap), width: plotWidth, height: panelHeight },
        [lo, hi],
        ys[i]!,
        theme,
        base,
      ),
  );
  const labels = new LabelLayer(
    ctx,
    { x: 0, y: headerBottom, width, height: height - headerBottom },
    theme,
  );

  // Critical points: a guide through every panel first, under the curves.
  const guideTop = plots[0]!.rect.y;
  const guideBottom = plots[plots.length - 1]!.rect.y + panelHeight;
  ctx.save();
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = 1.25;
  ctx.setLineDash([4, 4]);
  for (const c of model.critical) {
    const px = plots[0]!.sx(c.x);
    ctx.beginPath();
    ctx.moveTo(px, guideTop);
    ctx.lineTo(px, guideBottom);
    ctx.stroke();
  }
  ctx.restore();

  plots.forEach((plot, i) => {
    plot.axes({ xLabel: v, yLabel: `${names[i]}(${v})`, ...tickCounts(plot) });
    blockAxes(labels, plot);
    plot.curve(fns[i]!, colors[i]!, { width: 2.75 });
  });

  // The marker: a vertical line through all panels, the tangent on f, the heights below.
  const mx = plots[0]!.sx(x);
  ctx.save();
  ctx.strokeStyle = marker;
  ctx.globalAlpha = 0.55;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  ctx.moveTo(mx, guideTop);
  ctx.lineTo(mx, guideBottom);
  ctx.stroke();
  ctx.restore();
  if (Number.isFinite(fx) && Number.isFinite(slope)) {
    // A tangent segment of a fixed length on screen, whatever the slope.
    const f0 = plots[0]!;
    const sxPerUnit = f0.rect.width / (hi - lo);
    const syPerUnit = f0.rect.height / (f0.yRange[1] - f0.yRange[0]);
    const reach =
      (Math.min(f0.rect.width, width) * 0.16) / Math.hypot(sxPerUnit, slope * syPerUnit);
    f0.segment(x - reach, fx - slope * reach, x + reach, fx + slope * reach, marker, {
      width: 2.5,
    });
  }
  plots.forEach((plot, i) => plot.dot(x, fns[i]!(x), marker, 6));
  if (Number.isFinite(slope) && plots[1]) {
    // The height of f′ is the slope of the tangent above it.
    const p = plots[1];
    p.segment(x, 0, x, slope, marker, { width: 3 });
    const px = p.sx(x);
    const py = p.sy(slope);
    labels.place(
      `slope ${formatValue(slope, 2)}`,
      [
        { x: px + 9, y: py, align: 'left', baseline: slope >= 0 ? 'bottom' : 'top' },
        { x: px - 9, y: py, align: 'right', baseline: slope >= 0 ? 'bottom' : 'top' },
      ],
      { size: base, color: marker },
    );
  }

  // Critical points on each panel, with what they are.
  for (const c of model.critical) {
    plots[0]!.dot(c.x, c.f, theme.text, 5);
    plots[1]!.dot(c.x, 0, theme.text, 5);
    if (plots[2]) plots[2].dot(c.x, c.second, theme.text, 5);
    const p = plots[0]!;
    const px = p.sx(c.x);
    const py = p.sy(c.f);
    const text = `${c.kind} (${formatShort(c.x, 3)}, ${formatShort(c.f, 3)})`;
    const up = c.kind !== 'valley';
    labels.place(
      text,
      [
        { x: px, y: up ? py - 9 : py + 9, align: 'center', baseline: up ? 'bottom' : 'top' },
        { x: px + 9, y: py, align: 'left', baseline: up ? 'bottom' : 'top' },
        { x: px - 9, y: py, align: 'right', baseline: up ? 'bottom' : 'top' },
        { x: px, y: up ? py + 9 : py - 9, align: 'center', baseline: up ? 'top' : 'bottom' },
        { x: px + 9, y: py - 9, align: 'left', baseline: 'bottom' },
        { x: px - 9, y: py - 9, align: 'right', baseline: 'bottom' },
        { x: px, y: py - base * 2.2, align: 'center', baseline: 'bottom' },
      ],
      { size: base, color: theme.text },
    );
    const q = plots[1]!;
    labels.place(
      'f′ = 0',
      [
        { x: q.sx(c.x) + 7, y: q.sy(0) - 5, align: 'left', baseline: 'bottom' },
        { x: q.sx(c.x) - 7, y: q.sy(0) - 5, align: 'right', baseline: 'bottom' },
        { x: q.sx(c.x) + 7, y: q.sy(0) + 5, align: 'left', baseline: 'top' },
      ],
      { size: base * 0.95, color: theme.muted },
    );
  }
};
