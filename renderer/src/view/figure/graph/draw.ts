/**
 * Draws the computation graph: rounded boxes for the leaves and operations, laid out left to
 * right (shared/graph/layout.ts), each showing its value once the forward pass reaches it and
 * its gradient once the backward pass has made it final; arrows from operands to operations,
 * whose labels show the local derivative and what flows back; a dot that carries each value
 * forward and each contribution back as the playhead moves; the expression on top and a strip
 * at the bottom saying what the current step does.
 *
 * Sizes: the layout is computed once per expression and point, in ems (text measured at a
 * reference size), then scaled to fit the canvas, so all text keeps one size relative to the
 * boxes. The em is at least the base font size whenever the graph fits at that size.
 */
import { layoutGraph } from '../../../../../shared/graph/layout.ts';
import type { GraphLayout, Point } from '../../../../../shared/graph/layout.ts';
import { baseFontSize, figureFont } from '../theme.ts';
import type { FigureTheme } from '../theme.ts';
import type { FigureDraw } from '../types.ts';
import { captionAt, graphModel, prettyText, progressAt, short } from './model.ts';
import type { GraphModel, GraphProgress } from './model.ts';

/** Type of a node and an edge label, in ems of the base font. */
const LABEL_EM = 1.3;
const LINE = 1.25;
const LABEL_LINE = LABEL_EM * 1.15;
const PAD_X = 0.55;
const PAD_Y = 0.3;
const EDGE_PAD_X = 0.35;
const EDGE_PAD_Y = 0.2;
/** Largest em as a multiple of the base font (a two-node graph would otherwise fill a slide). */
const MAX_EM = 1.35;

/** Text widths measured at this size and divided by it give widths in ems. */
const REFERENCE_PX = 100;

interface EmLayout {
  layout: GraphLayout;
}

const layouts = new WeakMap<GraphModel, EmLayout>();

/** The model's layout in ems, measuring its text with `ctx` once. */
function emLayout(ctx: CanvasRenderingContext2D, model: GraphModel): EmLayout {
  let cached = layouts.get(model);
  if (cached) return cached;
  ctx.save();
  const measure = (text: string, weight: number, em = 1): number => {
    ctx.font = figureFont(REFERENCE_PX * em, weight);
    return ctx.measureText(text).width / REFERENCE_PX;
  };
  const nodeSizes = model.nodeTexts.map((t) => {
    const width = Math.max(
      measure(t.label, 700, LABEL_EM),
      measure(t.value, 500),
      measure(t.grad, 600),
      t.sum ? measure(t.sum, 600) : 0,
      1.6,
    );
    const lines = t.sum ? 3 : 2;
    return { width: width + 2 * PAD_X, height: 2 * PAD_Y + LABEL_LINE + lines * LINE };
  });
  const labelSizes = model.edgeTexts.map((t) => ({
    width: Math.max(measure(t.local, 500), measure(t.back, 600)) + 2 * EDGE_PAD_X,
    height: 2 * LINE + 2 * EDGE_PAD_Y,
  }));
  ctx.restore();
  const layout = layoutGraph(model.graph, {
    nodeSize: (n) => nodeSizes[model.nodeIndex.get(n.id)!]!,
    labelSize: (e) => labelSizes[model.edgeIndex.get(e.id)!]!,
    nodeGap: 0.9,
    columnGap: 1,
    labelOffset: 0.15,
  });
  cached = { layout };
  layouts.set(model, cached);
  return cached;
}

/** 0 until 35 % into a step, then up to 1 by 85 %: a value appears as its dot arrives. */
function fadeIn(t: number): number {
  return Math.max(0, Math.min(1, (t - 0.35) / 0.5));
}

/** How much of a node's or edge's number shows: done 1, being animated fadeIn(t), else 0. */
function shown(step: number, progress: GraphProgress, fade = fadeIn): number {
  if (step < progress.done) return 1;
  if (step === progress.active) return fade(progress.t);
  return 0;
}

/** The point at `fraction` of a polyline's length. */
function along(points: readonly Point[], fraction: number): Point {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  const total = lengths.reduce((a, b) => a + b, 0);
  let left = Math.max(0, Math.min(1, fraction)) * total;
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!;
    if (left <= l || i === lengths.length - 1) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const s = l > 0 ? Math.min(1, left / l) : 0;
      return { x: a.x + (b.x - a.x) * s, y: a.y + (b.y - a.y) * s };
    }
    left -= l;
  }
  return points[0] ?? { x: 0, y: 0 };
}

/** Splits `text` into lines no wider than `width` (at the context's font), at most `max`. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  if (lines.length > max) {
    const kept = lines.slice(0, max);
    let last = `${kept[max - 1]!}…`;
    while (last.length > 1 && ctx.measureText(last).width > width) {
      last = `${last.slice(0, -2)}…`;
    }
    kept[max - 1] = last;
    return kept;
  }
  return lines;
}

/** `text` cut with an ellipsis to fit `width` at the context's font. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The expression and its point: "f(x) = (3x + 1)²   at x = 1". */
function headerText(model: GraphModel): string {
  const { graph, evaluation } = model;
  const output = graph.nodes.find((n) => n.id === graph.output)!;
  const point = graph.variables.map((v, i) => `${v} = ${short(evaluation.point[i]!)}`).join(', ');
  return `f(${graph.variables.join(', ')}) = ${prettyText(output.text)}   at ${point}`;
}

export const drawGraph: FigureDraw = (ctx, frame) => {
  const { width, height, theme } = frame;
  const base = baseFontSize(width, height);
  const margin = Math.max(8, Math.min(width, height) * 0.03);
  const model = graphModel(frame.figure.f, frame.figure.at);
  ctx.save();
  ctx.textBaseline = 'middle';
  if ('error' in model) {
    ctx.font = figureFont(base, 500);
    ctx.fillStyle = theme.muted;
    ctx.textAlign = 'center';
    const lines = wrap(ctx, model.error, width - 2 * margin, 3);
    lines.forEach((l, i) =>
      ctx.fillText(l, width / 2, height / 2 + (i - (lines.length - 1) / 2) * base * LINE),
    );
    ctx.restore();
    return;
  }
  const progress = progressAt(model, frame.position);

  // The expression, top left.
  const headerSize = base * 1.1;
  ctx.font = figureFont(headerSize, 600);
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  ctx.fillText(fit(ctx, headerText(model), width - 2 * margin), margin, margin + headerSize * 0.6);
  const top = margin + headerSize * 1.2 + base * 0.6;

  // The step strip, bottom: its height depends on how the sentence wraps.
  const strip = stepStrip(ctx, model, progress, width, height, base, margin, theme);
  const bottom = strip.top - base * 0.6;

  const { layout } = emLayout(ctx, model);
  const areaW = width - 2 * margin;
  const areaH = bottom - top;
  if (layout.width <= 0 || areaH <= 0) {
    ctx.restore();
    return;
  }
  const u = Math.min(areaW / layout.width, areaH / layout.height, base * MAX_EM);
  if (!(u > 2)) {
    ctx.restore();
    return;
  }
  const ox = margin + (areaW - layout.width * u) / 2;
  const oy = top + (areaH - layout.height * u) / 2;
  const X = (x: number): number => ox + x * u;
  const Y = (y: number): number => oy + y * u;
  const screen = (points: readonly Point[]): Point[] =>
    points.map((p) => ({ x: X(p.x), y: Y(p.y) }));

  drawEdges(ctx, model, layout, progress, u, theme, screen);
  drawEdgeLabels(ctx, model, layout, progress, u, theme, X, Y);
  drawNodes(ctx, model, layout, progress, u, theme, X, Y);
  drawDots(ctx, model, layout, progress, u, theme, screen);
  strip.draw();
  ctx.restore();
};

function drawEdges(
  ctx: CanvasRenderingContext2D,
  model: GraphModel,
  layout: GraphLayout,
  progress: GraphProgress,
  u: number,
  theme: FigureTheme,
  screen: (points: readonly Point[]) => Point[],
): void {
  const active = progress.active >= 0 ? model.evaluation.steps[progress.active] : undefined;
  const described =
    progress.described >= 0 ? model.evaluation.steps[progress.described] : undefined;
  // A value that fans out: while its gradient is summed, its out-edges light up together.
  const summing =
    described && described.phase === 'backward' && 'node' in described
      ? model.graph.nodes[model.nodeIndex.get(described.node)!]!
      : undefined;
  const gathering = summing && summing.outputs.length > 1 ? summing.id : null;
  layout.edges.forEach((route, k) => {
    const points = screen(route.points);
    if (points.length < 2) return;
    const edgeStep = model.edgeStep[k]!;
    const backNow =
      (active && 'edge' in active && active.edge === route.id) || route.from === gathering;
    const backDone = edgeStep < progress.done;
    const forwardNow =
      active && active.phase === 'forward' && 'node' in active && active.node === route.to;
    const color = backNow || backDone ? theme.gradient : forwardNow ? theme.series[0]! : theme.axis;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.globalAlpha = backDone && !backNow ? 0.75 : 1;
    ctx.lineWidth = Math.max(1.25, u * (backNow || forwardNow ? 0.14 : 0.08));
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    // The line stops where the arrowhead begins, so the head keeps a sharp tip.
    const head = Math.max(6, u * 0.5);
    const end = points.at(-1)!;
    const before = points.at(-2)!;
    const angle = Math.atan2(end.y - before.y, end.x - before.x);
    const base = {
      x: end.x - Math.cos(angle) * head * 0.8,
      y: end.y - Math.sin(angle) * head * 0.8,
    };
    ctx.beginPath();
    ctx.moveTo(points[0]!.x, points[0]!.y);
    for (const p of points.slice(1, -1)) ctx.lineTo(p.x, p.y);
    ctx.lineTo(base.x, base.y);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(end.x, end.y);
    ctx.lineTo(end.x - Math.cos(angle - 0.42) * head, end.y - Math.sin(angle - 0.42) * head);
    ctx.lineTo(end.x - Math.cos(angle + 0.42) * head, end.y - Math.sin(angle + 0.42) * head);
    ctx.closePath();
    ctx.fill();
    ctx.restore();
  });
}

function drawEdgeLabels(
  ctx: CanvasRenderingContext2D,
  model: GraphModel,
  layout: GraphLayout,
  progress: GraphProgress,
  u: number,
  theme: FigureTheme,
  X: (x: number) => number,
  Y: (y: number) => number,
): void {
  layout.edges.forEach((route, k) => {
    const box = route.label;
    if (!box) return;
    const step = model.edgeStep[k]!;
    // The local derivative shows as soon as its step starts; what flows back as the dot lands.
    const local = shown(step, progress, (t) => Math.min(1, t / 0.15));
    if (local <= 0) return;
    const back = shown(step, progress);
    const texts = model.edgeTexts[k]!;
    const x = X(box.x);
    const y = Y(box.y);
    const w = box.width * u;
    const h = box.height * u;
    ctx.save();
    ctx.globalAlpha = local;
    // A backing without a border: the label reads over any line that passes behind it.
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, u * 0.25);
    ctx.fillStyle = theme.panel;
    ctx.fill();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const cx = x + w / 2;
    const first = y + (EDGE_PAD_Y + LINE / 2) * u;
    ctx.font = figureFont(u, 500);
    ctx.fillStyle = theme.muted;
    ctx.fillText(texts.local, cx, first);
    if (back > 0) {
      ctx.globalAlpha = back;
      ctx.font = figureFont(u, 600);
      ctx.fillStyle = theme.gradient;
      ctx.fillText(texts.back, cx, first + LINE * u);
    }
    ctx.restore();
  });
}

function drawNodes(
  ctx: CanvasRenderingContext2D,
  model: GraphModel,
  layout: GraphLayout,
  progress: GraphProgress,
  u: number,
  theme: FigureTheme,
  X: (x: number) => number,
  Y: (y: number) => number,
): void {
  const described =
    progress.described >= 0 ? model.evaluation.steps[progress.described] : undefined;
  layout.nodes.forEach((box, i) => {
    const node = model.graph.nodes[i]!;
    const texts = model.nodeTexts[i]!;
    const x = X(box.x);
    const y = Y(box.y);
    const w = box.width * u;
    const h = box.height * u;
    const isOutput = node.id === model.graph.output;
    const current =
      described && 'node' in described && described.node === node.id ? described.phase : null;
    ctx.save();
    // A halo around the node the current step is about.
    if (current) {
      ctx.beginPath();
      ctx.roundRect(x - u * 0.22, y - u * 0.22, w + u * 0.44, h + u * 0.44, u * 0.5);
      ctx.fillStyle = current === 'forward' ? theme.series[0]! : theme.gradient;
      ctx.globalAlpha = 0.22;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, u * 0.4);
    ctx.fillStyle = theme.panel;
    ctx.fill();
    ctx.lineWidth = Math.max(1, u * (node.op === 'var' || isOutput ? 0.14 : 0.08));
    ctx.strokeStyle =
      node.op === 'var' ? theme.series[0]! : isOutput ? theme.text : theme.panelBorder;
    if (node.op === 'const') ctx.setLineDash([u * 0.3, u * 0.2]);
    ctx.stroke();
    ctx.setLineDash([]);

    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const cx = x + w / 2;
    let line = y + (PAD_Y + LABEL_LINE / 2) * u;
    ctx.font = figureFont(u * LABEL_EM, 700);
    ctx.fillStyle = node.op === 'var' ? theme.series[0]! : theme.text;
    ctx.fillText(texts.label, cx, line);
    line += (LABEL_LINE / 2 + LINE / 2) * u;
    const value = shown(model.valueStep[i]!, progress);
    if (value > 0) {
      ctx.globalAlpha = value;
      ctx.font = figureFont(u, 500);
      ctx.fillStyle = theme.text;
      ctx.fillText(texts.value, cx, line);
    }
    const grad = shown(model.gradStep[i]!, progress);
    if (grad > 0) {
      ctx.globalAlpha = grad;
      ctx.font = figureFont(u, 600);
      ctx.fillStyle = theme.gradient;
      ctx.fillText(texts.grad, cx, line + LINE * u);
      if (texts.sum) ctx.fillText(texts.sum, cx, line + 2 * LINE * u);
    }
    ctx.restore();
  });
}

/** The dots that carry values forward into an operation and contributions back along an edge. */
function drawDots(
  ctx: CanvasRenderingContext2D,
  model: GraphModel,
  layout: GraphLayout,
  progress: GraphProgress,
  u: number,
  theme: FigureTheme,
  screen: (points: readonly Point[]) => Point[],
): void {
  if (progress.active < 0 || progress.t <= 0) return;
  const step = model.evaluation.steps[progress.active]!;
  const dot = (p: Point, color: string): void => {
    ctx.beginPath();
    ctx.arc(p.x, p.y, Math.max(3, u * 0.28), 0, Math.PI * 2);
    ctx.fillStyle = color;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = theme.dark ? '#14161b' : '#ffffff';
    ctx.stroke();
  };
  ctx.save();
  if ('edge' in step) {
    const route = layout.edges[model.edgeIndex.get(step.edge)!]!;
    // Back along the edge: from the operation to its operand.
    dot(along(screen(route.points), 1 - progress.t), theme.gradient);
  } else if (step.phase === 'forward') {
    for (const route of layout.edges) {
      if (route.to === step.node) dot(along(screen(route.points), progress.t), theme.series[0]!);
    }
  }
  ctx.restore();
}

/** Measures the step strip at the bottom; `draw` paints it. */
function stepStrip(
  ctx: CanvasRenderingContext2D,
  model: GraphModel,
  progress: GraphProgress,
  width: number,
  height: number,
  base: number,
  margin: number,
  theme: FigureTheme,
): { top: number; draw: () => void } {
  const text = captionAt(model, progress);
  const colon = text.indexOf(':');
  const phase = colon > 0 ? text.slice(0, colon + 1) : '';
  const rest = colon > 0 ? text.slice(colon + 1).trimStart() : text;
  const pad = base * 0.55;
  const inner = width - 2 * margin - 2 * pad;
  ctx.save();
  ctx.font = figureFont(base, 700);
  const phaseWidth = phase ? ctx.measureText(`${phase} `).width : 0;
  ctx.font = figureFont(base, 500);
  // The phase word takes the start of the first line: wrap as if it were text of that width.
  const filler = '\u2007'.repeat(
    Math.ceil(phaseWidth / Math.max(1, ctx.measureText('\u2007').width)),
  );
  const lines = wrap(ctx, phase ? `${filler} ${rest}` : rest, inner, 3);
  ctx.restore();
  const lineHeight = base * LINE;
  const boxH = lines.length * lineHeight + 2 * pad - (lineHeight - base);
  const top = height - margin - boxH;
  const color = phase.startsWith('forward')
    ? theme.series[0]!
    : phase.startsWith('backward')
      ? theme.gradient
      : theme.text;
  return {
    top,
    draw: () => {
      ctx.save();
      ctx.beginPath();
      ctx.roundRect(margin, top, width - 2 * margin, boxH, base * 0.35);
      ctx.fillStyle = theme.panel;
      ctx.fill();
      ctx.strokeStyle = theme.panelBorder;
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      lines.forEach((line, i) => {
        const y = top + pad + base / 2 + i * lineHeight;
        let text = line;
        if (i === 0 && phase) {
          ctx.font = figureFont(base, 700);
          ctx.fillStyle = color;
          ctx.fillText(phase, margin + pad, y);
          text = line.replace(/^\u2007+ ?/, '');
          ctx.font = figureFont(base, 500);
          ctx.fillStyle = theme.text;
          ctx.fillText(text, margin + pad + phaseWidth, y);
          return;
        }
        ctx.font = figureFont(base, 500);
        ctx.fillStyle = theme.text;
        ctx.fillText(text, margin + pad, y);
      });
      ctx.restore();
    },
  };
}
