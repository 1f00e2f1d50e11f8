/**
 * Draws §3's activations figure: the five activations over z with their derivatives on an
 * aligned plot below (the focus one bold, its value and tangent at z, ReLU's kink as the
 * interval of subgradients with the framework's choice), and beside them the vanishing-gradient
 * bars: the product of k sigmoid slopes for k = 1 … n on a log scale, next to the bound 0.25ᵏ
 * and ReLU's 1. The playhead grows the bars layer by layer.
 */
import {
  ACTIVATION_SPECS,
  LEAKY_SLOPE,
  SIGMOID_MAX_SLOPE,
  activationAt,
  layerGrowth,
  layerProducts,
  quarterPowerFraction,
} from '../../../../../shared/figures/activations.ts';
import type { LayerProduct } from '../../../../../shared/figures/activations.ts';
import type { Activation } from '../../../../../shared/scene/figure.ts';
import { ACTIVATIONS } from '../../../../../shared/scene/figure.ts';
import { superscript } from '../../../../../shared/superscript.ts';
import { Plot2D, textBox } from '../plot2d.ts';
import type { Rect } from '../plot2d.ts';
import { baseFontSize, figureFont } from '../theme.ts';
import type { FigureTheme } from '../theme.ts';
import type { FigureDraw } from '../types.ts';

/** Short number for the figure: up to 4 significant digits, exponent form when tiny. */
export function shortNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs < 1e-4 || abs >= 1e6) {
    const [mantissa, exponent] = v.toExponential(Math.max(0, digits - 1)).split('e');
    return `${mantissa}·10${superscript(String(Number(exponent)))}`;
  }
  return String(Number(v.toPrecision(digits)));
}

/** The label of a layer's product: the chapter's fraction at z = 0 (1/16 …), else a number. */
export function productLabel(z: number, row: LayerProduct): string {
  const fraction = z === 0 ? quarterPowerFraction(row.k) : null;
  return fraction ?? shortNumber(row.sigmoid, 3);
}

/** log₁₀ σ′(z), exact far out where σ′(z) itself underflows. */
function log10SigmoidSlope(z: number): number {
  const a = Math.abs(z);
  return (-a - 2 * Math.log1p(Math.exp(-a))) / Math.LN10;
}

/** Splits `text` into lines at most `max` px wide (at the context's font), at spaces. */
export function wrapText(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > max) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** Text wrapped for a textBox of `size` px whose outer width may be at most `max`. */
function boxLines(ctx: CanvasRenderingContext2D, text: string, size: number, max: number): string {
  ctx.save();
  ctx.font = figureFont(size, 500);
  const lines = wrapText(ctx, text, max - size * 0.9);
  ctx.restore();
  return lines.join('\n');
}

const LEGEND: Record<Activation, string> = {
  sigmoid: 'sigmoid σ',
  tanh: 'tanh',
  relu: 'ReLU',
  'leaky-relu': `leaky ReLU (slope ${LEAKY_SLOPE} for z < 0)`,
  gelu: 'GELU = z·Φ(z)',
};

interface Layout {
  plots: Rect;
  bars: Rect;
}

/** Plots left and bars right on a wide canvas; plots over bars on a tall one. */
function layout(width: number, height: number, font: number): Layout {
  const m = Math.max(10, font * 0.8);
  // Side by side down to a square canvas: the plots need height more than width.
  const wide = width / height >= 0.95;
  const plots: Rect = wide
    ? { x: m, y: m, width: width * 0.56 - m * 1.5, height: height - 2 * m }
    : { x: m, y: m, width: width - 2 * m, height: height * 0.54 - m * 1.5 };
  const bars: Rect = wide
    ? { x: width * 0.56 + m * 0.5, y: m, width: width * 0.44 - m * 1.5, height: height - 2 * m }
    : { x: m, y: height * 0.54 + m * 0.5, width: width - 2 * m, height: height * 0.46 - m * 1.5 };
  return { plots, bars };
}

/** Lays the legend entries out in rows that fit `width`; returns the height used. */
function drawLegend(
  ctx: CanvasRenderingContext2D,
  rect: Rect,
  focus: Activation,
  theme: FigureTheme,
  font: number,
): number {
  const swatch = font * 1.6;
  const gap = font * 0.9;
  const line = font * 1.45;
  let x = rect.x;
  let y = rect.y;
  ACTIVATIONS.forEach((id, i) => {
    const bold = id === focus;
    ctx.font = figureFont(font, bold ? 700 : 400);
    const w = swatch + font * 0.4 + ctx.measureText(LEGEND[id]).width;
    if (x > rect.x && x + w > rect.x + rect.width) {
      x = rect.x;
      y += line;
    }
    const color = theme.series[i % theme.series.length]!;
    ctx.strokeStyle = color;
    ctx.lineWidth = bold ? 4 : 2;
    ctx.setLineDash(id === 'leaky-relu' ? [6, 4] : []);
    ctx.beginPath();
    ctx.moveTo(x, y + font * 0.6);
    ctx.lineTo(x + swatch, y + font * 0.6);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = bold ? theme.text : theme.muted;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(LEGEND[id], x + swatch + font * 0.4, y + font * 0.62);
    x += w + gap;
  });
  return y + line - rect.y;
}

function drawCurves(plot: Plot2D, focus: Activation, theme: FigureTheme, which: 'value' | 'slope') {
  const { ctx } = plot;
  // The focus curve last, so it lies on top of the others.
  const order = [...ACTIVATIONS.filter((a) => a !== focus), focus];
  for (const id of order) {
    const spec = ACTIVATION_SPECS[id];
    const color = theme.series[ACTIVATIONS.indexOf(id) % theme.series.length]!;
    const bold = id === focus;
    ctx.save();
    ctx.globalAlpha = bold ? 1 : 0.8;
    plot.curve(which === 'value' ? spec.value : spec.slope, color, {
      width: bold ? 4 : 1.75,
      dash: id === 'leaky-relu' ? [7, 5] : [],
    });
    ctx.restore();
  }
}

/** Draws the upper and lower plots; returns nothing (all inside `area`). */
function drawPlots(
  ctx: CanvasRenderingContext2D,
  area: Rect,
  frame: Parameters<FigureDraw>[1],
  font: number,
): void {
  const { theme, figure, scene } = frame;
  const focus = figure.activation;
  const spec = ACTIVATION_SPECS[focus];
  const z = figure.x0;
  const color = theme.series[ACTIVATIONS.indexOf(focus) % theme.series.length]!;
  const legendHeight = drawLegend(ctx, area, focus, theme, font);
  const [lo, hi] = scene.domain.x;
  const xRange = [lo, hi] as const;
  // y tick labels need room on the left only where the axis runs along the box edge.
  const pad = lo < 0 && hi > 0 ? font * 0.3 : font * 2.6;
  const kink = spec.kink;
  const showKink = kink !== undefined && kink.at >= lo && kink.at <= hi;
  // The kink's note goes under the lower plot, where it covers nothing.
  ctx.save();
  ctx.font = figureFont(font, 500);
  const note = showKink
    ? wrapText(
        ctx,
        `At the kink z = 0 any slope in [${kink.left}, ${kink.right}] is a subgradient; frameworks use ${kink.chosen}.`,
        area.width,
      )
    : [];
  ctx.restore();
  const noteHeight = note.length * font * 1.35;
  const top = area.y + legendHeight + font * 0.5;
  const gap = font * 1.1;
  const available = area.y + area.height - top - gap - noteHeight - (showKink ? font * 1.3 : 0);
  const upperRect: Rect = {
    x: area.x + pad,
    y: top,
    width: area.width - pad,
    height: available * 0.55,
  };
  const lowerRect: Rect = {
    x: area.x + pad,
    y: top + upperRect.height + gap,
    width: area.width - pad,
    height: available * 0.45,
  };
  const { value, slope } = activationAt(focus, z);
  const inView = z >= lo && z <= hi;

  // Upper: activations, from below tanh's floor −1 to a height where the saturating ones still
  // read (ReLU leaves through the top), and the focus point.
  let yHi = Math.max(1.6, Math.min(hi, 0.3 * hi + 0.6));
  if (inView && Number.isFinite(value)) yHi = Math.max(yHi, value + 0.3);
  const yLo = Math.min(-1.25, inView && Number.isFinite(value) ? value - 0.3 : -1.25);
  const upper = new Plot2D(ctx, upperRect, xRange, [yLo, yHi], theme, font);
  upper.axes({ xLabel: 'z', yLabel: 'a(z)' });
  drawCurves(upper, focus, theme, 'value');

  // Lower: the slopes, all between GELU′'s −0.13 and 1.13.
  const lower = new Plot2D(ctx, lowerRect, xRange, [-0.22, 1.22], theme, font);
  lower.axes({ xLabel: 'z', yLabel: 'a′(z)' });
  drawCurves(lower, focus, theme, 'slope');

  if (inView) {
    // A guide through both plots at z ties the value to its slope.
    ctx.save();
    ctx.strokeStyle = theme.muted;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(upper.sx(z), upperRect.y);
    ctx.lineTo(upper.sx(z), lowerRect.y + lowerRect.height);
    ctx.stroke();
    ctx.restore();
    // The tangent over a fifth of the range each side: long enough to read its slope.
    const half = (hi - lo) * 0.2;
    upper.segment(z - half, value - slope * half, z + half, value + slope * half, theme.text, {
      width: 2.5,
    });
  }

  // ReLU's kink: every slope in [left, right] is a subgradient; frameworks take `chosen`.
  if (kink && showKink) {
    ctx.save();
    ctx.globalAlpha = 0.45;
    lower.segment(kink.at, kink.left, kink.at, kink.right, color, { width: 9 });
    ctx.restore();
    lower.segment(kink.at, kink.left, kink.at, kink.right, color, { width: 2 });
    for (const end of [kink.left, kink.right]) {
      ctx.save();
      ctx.beginPath();
      ctx.arc(lower.sx(kink.at), lower.sy(end), 4.5, 0, Math.PI * 2);
      ctx.fillStyle = theme.dark ? '#14161b' : '#ffffff';
      ctx.fill();
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.restore();
    }
    textBox(
      ctx,
      `[${kink.left}, ${kink.right}]`,
      lower.sx(kink.at) + font * 0.7,
      lower.sy((kink.left + kink.right) / 2 + 0.15),
      theme,
      { size: font, baseline: 'middle', color },
    );
    lower.dot(kink.at, kink.chosen, color, 6);
  }

  if (inView) {
    upper.dot(z, value, color, 6.5);
    lower.dot(z, slope, color, 6.5);
  }

  // Readouts where no curve goes: the top left corners (for z < 0 every activation is below
  // 0.5, and every slope below 1 but tanh′ near 0).
  const sym = spec.symbol;
  const zs = shortNumber(z);
  const atKink = kink !== undefined && z === kink.at;
  textBox(
    ctx,
    boxLines(
      ctx,
      [
        `${spec.label} at z = ${zs}`,
        `${sym}(${zs}) = ${shortNumber(value)}`,
        `${sym}′(${zs}) = ${shortNumber(slope)}${atKink ? ' (framework)' : ''}`,
      ].join('\n'),
      font,
      upperRect.width * 0.6,
    ),
    upperRect.x + font * 0.4,
    upperRect.y + font * 0.4,
    theme,
    { size: font },
  );
  textBox(
    ctx,
    boxLines(ctx, spec.slopeFormula, font, lowerRect.width * 0.6),
    lowerRect.x + font * 0.4,
    lowerRect.y + font * 0.4,
    theme,
    { size: font },
  );
  if (showKink) {
    ctx.save();
    ctx.font = figureFont(font, 500);
    ctx.fillStyle = color;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    note.forEach((line, i) =>
      ctx.fillText(line, area.x, lowerRect.y + lowerRect.height + font * 1.3 + i * font * 1.35),
    );
    ctx.restore();
  }
}

/** Power-of-ten label: 1, 0.1, 0.01, then 10⁻³ … */
function decadeLabel(e: number): string {
  if (e === 0) return '1';
  if (e === -1) return '0.1';
  if (e === -2) return '0.01';
  return `10${superscript(String(e))}`;
}

function drawBars(
  ctx: CanvasRenderingContext2D,
  area: Rect,
  frame: Parameters<FigureDraw>[1],
  font: number,
): void {
  const { theme, figure, position } = frame;
  const z = figure.x0;
  const n = figure.depth;
  const rows = layerProducts(z, n);
  const sigColor = theme.series[0]!;
  const reluColor = theme.series[2]!;
  const zText = shortNumber(z);
  const nSup = superscript(String(n));
  const last = rows.at(-1)!;
  const boundText = quarterPowerFraction(n) ?? shortNumber(last.bound, 2);

  // Header: the title, then the product for all n layers (the figure's key number).
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = theme.text;
  ctx.font = figureFont(font * 1.1, 700);
  const layers = `n = ${n} layer${n === 1 ? '' : 's'}`;
  let y = area.y;
  for (const line of wrapText(ctx, `Vanishing gradient, ${layers}`, area.width)) {
    ctx.fillText(line, area.x, y);
    y += font * 1.4;
  }
  y += font * 0.1;
  ctx.font = figureFont(font, 500);
  const product =
    z === 0 && quarterPowerFraction(n)
      ? `σ′(0)${nSup} = 0.25${nSup} = ${boundText} ≈ ${shortNumber(last.sigmoid, 2)}`
      : `σ′(${zText})${nSup} = ${shortNumber(last.sigmoid, 3)}, at most 0.25${nSup} = ${boundText}`;
  for (const line of wrapText(ctx, product, area.width)) {
    ctx.fillText(line, area.x, y);
    y += font * 1.35;
  }
  y += font * 0.2;
  ctx.restore();

  // Legend row(s).
  const items: [string, string, 'fill' | 'dash' | 'pale'][] = [
    [`sigmoid σ′(${zText})ᵏ`, sigColor, 'fill'],
    ['bound 0.25ᵏ', theme.text, 'dash'],
    ['ReLU 1ᵏ = 1', reluColor, 'pale'],
  ];
  let x = area.x;
  ctx.save();
  ctx.font = figureFont(font, 400);
  for (const [label, color, style] of items) {
    const w = font * 1.3 + ctx.measureText(label).width;
    if (x > area.x && x + w > area.x + area.width) {
      x = area.x;
      y += font * 1.45;
    }
    const box = { x: x + 0.5, y: y + font * 0.1 + 0.5, size: font * 0.9 };
    if (style === 'dash') {
      ctx.strokeStyle = color;
      ctx.setLineDash([3, 3]);
      ctx.lineWidth = 1.5;
      ctx.strokeRect(box.x, box.y, box.size, box.size);
      ctx.setLineDash([]);
    } else {
      ctx.globalAlpha = style === 'pale' ? 0.35 : 1;
      ctx.fillStyle = color;
      ctx.fillRect(box.x, box.y, box.size, box.size);
      ctx.globalAlpha = 1;
      if (style === 'pale') {
        ctx.fillRect(box.x, box.y, box.size, 2.5);
      }
    }
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, x + font * 1.3, y + font * 0.58);
    x += w + font * 1.1;
  }
  ctx.restore();

  // Chart box: decade labels on the left, layer numbers below.
  const chartTop = y + font * 1.45 + font * 1.2;
  const tickPad = font * 3.2;
  const chart: Rect = {
    x: area.x + tickPad,
    y: chartTop,
    width: area.width - tickPad,
    height: area.y + area.height - font * 1.5 - chartTop,
  };
  if (chart.height < font * 3 || chart.width < font * 3) return;

  const logSlope = log10SigmoidSlope(z);
  const logBound = Math.log10(SIGMOID_MAX_SLOPE);
  const minLog = Math.min(n * logSlope, n * logBound);
  const bottom = Math.floor(minLog - 1e-9);
  const decades = -bottom;
  // Headroom over 1 for the labels of the first bars.
  const topLog = Math.max(0.35, decades * 0.1);
  const sy = (lg: number) => chart.y + ((topLog - lg) / (topLog - bottom)) * chart.height;

  // Decade grid and labels, thinned to what fits.
  const stride = Math.max(
    1,
    Math.ceil(decades / Math.max(1, Math.floor(chart.height / (font * 1.5)))),
  );
  ctx.save();
  ctx.font = figureFont(font * 0.9, 400);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let e = 0; e >= bottom; e--) {
    const yy = Math.round(sy(e)) + 0.5;
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(chart.x, yy);
    ctx.lineTo(chart.x + chart.width, yy);
    ctx.stroke();
    if (-e % stride === 0) {
      ctx.fillStyle = theme.muted;
      ctx.fillText(decadeLabel(e), chart.x - font * 0.35, yy);
    }
  }
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  ctx.moveTo(chart.x, chart.y);
  ctx.lineTo(chart.x, chart.y + chart.height);
  ctx.lineTo(chart.x + chart.width, chart.y + chart.height);
  ctx.stroke();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText('layer', chart.x - font * 0.35, chart.y + chart.height + font * 0.3);
  ctx.restore();

  // One column per layer: ReLU's 1 as a pale bar, the sigmoid product solid in front of it,
  // the bound 0.25ᵏ as a dashed outline (which the product fills at z = 0).
  const gw = chart.width / n;
  const barW = Math.max(2, gw * 0.62);
  const base = chart.y + chart.height;
  const taken: Rect[] = [];
  ctx.save();
  ctx.font = figureFont(font * 0.9, 400);
  const kEvery = Math.max(1, Math.ceil((ctx.measureText(String(n)).width + font * 0.6) / gw));
  ctx.restore();
  for (const row of rows) {
    const grow = layerGrowth(row.k, position);
    const gx = chart.x + gw * (row.k - 1);
    const bx = gx + (gw - barW) / 2;
    if (grow > 0) {
      const reluTop = sy(bottom + grow * (0 - bottom));
      ctx.save();
      ctx.globalAlpha = 0.3;
      ctx.fillStyle = reluColor;
      ctx.fillRect(bx, reluTop, barW, base - reluTop);
      ctx.globalAlpha = 1;
      ctx.fillRect(bx, reluTop, barW, 2.5);
      ctx.restore();
      const top = sy(bottom + grow * (row.k * logSlope - bottom));
      ctx.fillStyle = sigColor;
      ctx.fillRect(bx + barW * 0.12, top, barW * 0.76, base - top);
    }
    const boundTop = sy(row.k * logBound);
    ctx.save();
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 1.25;
    ctx.setLineDash([3, 3]);
    ctx.strokeRect(bx + barW * 0.12 + 0.5, boundTop, barW * 0.76 - 1, base - boundTop);
    ctx.restore();
    if (grow >= 1) {
      // The value over the bar, where it does not run into another label.
      const label = productLabel(z, row);
      ctx.save();
      ctx.font = figureFont(font, 600);
      const w = ctx.measureText(label).width;
      // Right over its own bar (the halo keeps it readable across the bound's outline).
      const labelBottom = sy(row.k * logSlope) - font * 0.25;
      // Centred on its column, pulled in where it would leave the chart.
      const cx = Math.min(
        Math.max(gx + gw / 2, area.x + w / 2 + 2),
        area.x + area.width - w / 2 - 2,
      );
      const rect = {
        x: cx - w / 2 - 2,
        y: labelBottom - font * 1.1,
        width: w + 4,
        height: font * 1.1,
      };
      const free =
        rect.x >= area.x &&
        rect.x + rect.width <= area.x + area.width &&
        rect.y >= chart.y - font * 0.2 &&
        !taken.some(
          (r) =>
            r.x < rect.x + rect.width &&
            rect.x < r.x + r.width &&
            r.y < rect.y + rect.height &&
            rect.y < r.y + r.height,
        );
      if (free) {
        taken.push(rect);
        ctx.lineJoin = 'round';
        ctx.lineWidth = Math.max(3, font * 0.2);
        ctx.strokeStyle = theme.background;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
        ctx.strokeText(label, cx, labelBottom);
        ctx.fillStyle = theme.text;
        ctx.fillText(label, cx, labelBottom);
      }
      ctx.restore();
    }
    if ((n - row.k) % kEvery === 0) {
      ctx.save();
      ctx.font = figureFont(font * 0.9, 400);
      ctx.fillStyle = theme.muted;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(String(row.k), gx + gw / 2, base + font * 0.3);
      ctx.restore();
    }
  }
}

export const drawActivations: FigureDraw = (ctx, frame) => {
  const { width, height } = frame;
  const font = baseFontSize(width, height);
  const l = layout(width, height, font);
  drawPlots(ctx, l.plots, frame, font);
  drawBars(ctx, l.bars, frame, font);
};
