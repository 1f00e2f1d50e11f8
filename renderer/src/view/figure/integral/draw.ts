/**
 * The integral figure (§9): f over the x range, the region under it between a and b outlined,
 * and the Riemann slices of the chosen rule filled with their sample points; the playhead adds
 * one slice per step. The rule, n, the estimate, the exact area and the error are written above.
 */
import {
  areaEstimate,
  areaModel,
  riemannSlices,
  RULE_NAMES,
  slicesAt,
} from '../../../../../shared/figures/integral.ts';
import type { AreaModel } from '../../../../../shared/figures/integral.ts';
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

/** The model, or null when f does not compile. */
export function areaOrNull(source: string, a: number, b: number): AreaModel | null {
  try {
    return areaModel(source, a, b);
  } catch {
    return null;
  }
}

/** Where the exact value comes from, in words. */
export function referenceLabel(model: AreaModel): string {
  return model.reference?.kind === 'antiderivative'
    ? 'exact (antiderivative)'
    : 'exact (adaptive quadrature)';
}

interface Box {
  xRange: [number, number];
  yRange: [number, number];
}

const boxes = new Map<string, Box>();

/** The x range with [a, b] in it, and a y range for f that always shows the axis (area to 0). */
function boxFor(model: AreaModel, lo: number, hi: number): Box {
  const key = `${model.integrand.source}\u0000${model.a}\u0000${model.b}\u0000${lo}\u0000${hi}`;
  let box = boxes.get(key);
  if (box === undefined) {
    const left = Math.min(lo, model.a);
    const right = Math.max(hi, model.b);
    const xRange: [number, number] = [left, right];
    box = { xRange, yRange: fitRange([model.integrand.f], left, right, { include: [0] }) };
    if (boxes.size > 32) boxes.clear();
    boxes.set(key, box);
  }
  return box;
}

export const drawIntegral: FigureDraw = (ctx, frame) => {
  const { figure, scene, theme, width, height } = frame;
  const base = baseFontSize(width, height);
  const model = areaOrNull(figure.f, figure.a, figure.b);
  if (model === null) {
    drawNotice(ctx, 'f cannot be drawn: fix its expression.', width, height, base, theme);
    return;
  }
  const { a, b } = model;
  const f = model.integrand.f;
  const v = model.integrand.variable;
  const n = slicesAt(frame.position, figure.n);
  const estimate = areaEstimate(model, n, figure.rule);
  const exact = model.reference?.value ?? NaN;
  const margin = Math.max(8, base * 0.8);
  const [cf, cs] = [theme.series[0]!, theme.series[1]!];

  const rows: Chunk[][] = [
    [
      { text: `∫ f(${v}) d${v} from ${formatShort(a)} to ${formatShort(b)},`, serif: true },
      { text: `f(${v}) = ${prettyText(model.integrand.source)}`, color: cf, serif: true },
    ],
    [
      { text: `${RULE_NAMES[figure.rule]}, n = ${n}:` },
      { text: `estimate ${formatValue(estimate, 6)}`, color: cs },
      ...(model.reference
        ? [
            { text: `${referenceLabel(model)} ${formatValue(exact, 6)}` },
            { text: `error ${formatValue(estimate - exact, 6)}`, color: theme.muted },
          ]
        : [{ text: model.problem ?? '', color: theme.muted }]),
    ],
  ];
  const size = base * 1.05;
  const headerBottom = drawHeader(ctx, rows, margin, margin, width - 2 * margin, size, theme);

  const box = boxFor(model, scene.domain.x[0], scene.domain.x[1]);
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
  const labels = new LabelLayer(
    ctx,
    { x: 0, y: headerBottom, width, height: height - headerBottom },
    theme,
  );
  blockAxes(labels, plot);

  // The slices, under everything else.
  const slices = riemannSlices(f, a, b, n, figure.rule);
  const sliceWidth = Math.abs(plot.sx(b) - plot.sx(a)) / n;
  const y0 = plot.sy(0);
  const clampY = (y: number) => Math.min(Math.max(y, rect.y - 2), rect.y + rect.height + 2);
  plot.clip();
  ctx.fillStyle = theme.fill;
  ctx.strokeStyle = theme.dark ? 'rgba(86, 180, 233, 0.75)' : 'rgba(0, 114, 178, 0.65)';
  ctx.lineWidth = sliceWidth > 6 ? 1.25 : 0.75;
  for (const s of slices) {
    if (!Number.isFinite(s.top0) || !Number.isFinite(s.top1)) continue;
    ctx.beginPath();
    ctx.moveTo(plot.sx(s.x0), y0);
    ctx.lineTo(plot.sx(s.x0), clampY(plot.sy(s.top0)));
    ctx.lineTo(plot.sx(s.x1), clampY(plot.sy(s.top1)));
    ctx.lineTo(plot.sx(s.x1), y0);
    ctx.closePath();
    ctx.fill();
    if (sliceWidth >= 3) ctx.stroke();
  }
  ctx.restore();

  // The region under f on [a, b], outlined (the area the slices estimate).
  plot.clip();
  ctx.strokeStyle = theme.text;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  const steps = Math.max(2, Math.ceil(Math.abs(plot.sx(b) - plot.sx(a))));
  ctx.moveTo(plot.sx(a), y0);
  for (let i = 0; i <= steps; i++) {
    const x = a + ((b - a) * i) / steps;
    const y = f(x);
    if (Number.isFinite(y)) ctx.lineTo(plot.sx(x), clampY(plot.sy(y)));
  }
  ctx.lineTo(plot.sx(b), y0);
  ctx.stroke();
  ctx.restore();

  plot.curve(f, cf, { width: 2.75 });
  if (sliceWidth >= 7) {
    const radius = Math.min(5, Math.max(3, sliceWidth / 5));
    for (const s of slices) {
      s.samples.forEach((x) => plot.dot(x, f(x), cs, radius));
    }
  }

  ctx.save();
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 4]);
  ctx.beginPath();
  for (const x of [a, b]) {
    ctx.moveTo(plot.sx(x), rect.y);
    ctx.lineTo(plot.sx(x), rect.y + rect.height);
  }
  ctx.stroke();
  ctx.restore();

  // a and b under the axis would fight the tick labels: name them at the top of their lines.
  for (const [name, x] of [
    ['a', a],
    ['b', b],
  ] as const) {
    labels.place(
      `${name} = ${formatShort(x)}`,
      [rect.y + 2, rect.y + base * 1.6].flatMap((y) => [
        {
          x: plot.sx(x) + (name === 'a' ? -6 : 6),
          y,
          align: name === 'a' ? 'right' : 'left',
          baseline: 'top',
        } as const,
        {
          x: plot.sx(x) + (name === 'a' ? 6 : -6),
          y,
          align: name === 'a' ? 'left' : 'right',
          baseline: 'top',
        } as const,
      ]),
      { size: base, color: theme.text },
    );
  }
};
