import { describe, expect, it } from 'vitest';
import { resolveProblem } from '../../../shared/problem.ts';
import { formatLabelNumber } from '../../../shared/scene/runName.ts';
import { getPreset } from '../../../shared/scene/presets.ts';
import { solveRun } from '../../../shared/solve.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { logAxis } from '../panels/learningCurve.ts';
import { colorBarLayout } from '../view/hud/colorBar.ts';
import {
  curveGeometry,
  decadeAxis,
  dots,
  learningCurveData,
  learningCurveExportBox,
  learningCurvePainter,
  markerAt,
  polylines,
} from './learningCurveLayer.ts';
import type { LearningCurveData } from './learningCurveLayer.ts';
import { lrPlotExportBox } from './lrPlotLayer.ts';
import type { PlotBox } from './lrPlotLayer.ts';

/** A trajectory-shaped source with these full losses and (optionally) batch losses. */
function source(full: number[], batch?: number[]) {
  const data = new Float64Array(full.length * STRIDE);
  full.forEach((f, k) => (data[k * STRIDE + COL.f] = f));
  return {
    data,
    count: full.length,
    ...(batch ? { minibatch: { size: 4, loss: Float64Array.from(batch) } } : {}),
  };
}

function curve(full: number[], batch: number[]): LearningCurveData {
  const data = learningCurveData({ source: source(full, batch), color: '#d55e00', label: 'run' });
  expect(data).not.toBeNull();
  return data!;
}

/** The minibatch-SGD preset's batch-8 run, solved as the worker solves it. */
function presetRun() {
  const scene = getPreset('minibatch-sgd')!.scene;
  const run = scene.runs.find((r) => r.id === 'batch8')!;
  const problem = resolveProblem(scene.problem);
  return { run, trajectory: solveRun(problem, run, scene.domain) };
}

const intersects = (a: PlotBox, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('learning-curve data', () => {
  it('is null for a run without minibatches, or with nothing a log axis can show', () => {
    expect(
      learningCurveData({ source: source([4, 2, 1]), color: '#000000', label: '' }),
    ).toBeNull();
    expect(
      learningCurveData({
        source: source([0, -1, NaN], [Infinity, 0, NaN]),
        color: '#000000',
        label: '',
      }),
    ).toBeNull();
    expect(learningCurveData({ source: source([], []), color: '#000000', label: '' })).toBeNull();
  });

  it('reads the preset minibatch run: full loss falling, a batch loss per step but the last', () => {
    const { run, trajectory } = presetRun();
    expect(trajectory.minibatch).toBeDefined();
    const data = learningCurveData({ source: trajectory, color: run.color, label: 'Batch 8' })!;
    expect(data.full).toHaveLength(run.steps + 1);
    expect(data.lastStep).toBe(run.steps);
    expect(data.batchSize).toBe(8);
    expect(data.full[0]!).toBeGreaterThan(data.full[run.steps]!);
    expect(Number.isNaN(data.batch[run.steps]!)).toBe(true);
    for (let k = 0; k < run.steps; k++) expect(data.batch[k]!).toBeGreaterThan(0);
    // The axis spans every value, in whole decades.
    expect(data.axis.lo).toBeLessThanOrEqual(Math.min(...data.full, ...data.batch.slice(0, -1)));
    expect(data.axis.hi).toBeGreaterThanOrEqual(Math.max(...data.full));
    for (const v of [data.axis.lo, data.axis.hi]) expect(Math.log10(v) % 1).toBeCloseTo(0, 12);
    expect(data.title).toBe('Learning curve · Batch 8');
  });

  it.each([
    [0.2, 52],
    [1e-4, 3],
    [1, 1000],
    [0.5, 0.9],
    [3e-9, 4e6],
  ])('its axis over [%d, %d] is the one the learning-curve tab draws', (min, max) => {
    expect(decadeAxis(Float64Array.from([max, NaN, min]))).toEqual(logAxis(min, max));
  });

  it('leaves out losses that are not finite or not positive, on both series', () => {
    const data = curve([10, 0, 1, NaN, 0.1], [20, -3, Infinity, 0.5, NaN]);
    expect(Array.from(data.full, (v) => (v === v ? v : null))).toEqual([10, null, 1, null, 0.1]);
    expect(Array.from(data.batch, (v) => (v === v ? v : null))).toEqual([
      20,
      null,
      null,
      0.5,
      null,
    ]);
    expect(data.axis.lo).toBe(0.1);
    expect(data.axis.hi).toBe(100);
  });
});

describe('learning-curve geometry', () => {
  const box = { x: 800, y: 500, width: 400, height: 180 };
  const data = curve([100, 10, 1, 0.1, 0.01], [200, 5, 2, 0.05, NaN]);
  const g = curveGeometry(data, box, 1, 30)!;

  it('maps steps linearly and losses by decade within the box', () => {
    expect(g.left).toBeGreaterThan(box.x + 30);
    expect(g.right).toBeLessThan(box.x + box.width);
    expect(g.top).toBeGreaterThan(box.y);
    expect(g.bottom).toBeLessThan(box.y + box.height);
    expect(g.x(0)).toBe(g.left);
    expect(g.x(data.lastStep)).toBe(g.right);
    expect(g.x(2)).toBeCloseTo((g.left + g.right) / 2, 9);
    expect(data.axis.lo).toBe(0.01);
    expect(data.axis.hi).toBe(1000);
    expect(g.y(0.01)).toBeCloseTo(g.bottom, 9);
    expect(g.y(1000)).toBeCloseTo(g.top, 9);
    // Each decade the same height: 10× the loss is one fifth of the way up here.
    const decade = (g.bottom - g.top) / 5;
    expect(g.y(0.1) - g.y(1)).toBeCloseTo(decade, 9);
    expect(g.y(1) - g.y(10)).toBeCloseTo(decade, 9);
    expect(g.xTicks[0]).toBe(0);
    expect(g.xTicks.at(-1)!).toBeLessThanOrEqual(data.lastStep);
  });

  it('splits the line at gaps and keeps one dot per drawable batch loss', () => {
    const gappy = curve([10, 1, NaN, 0.5, 0.2], [10, NaN, 1, 0.5, NaN]);
    const gg = curveGeometry(gappy, box, 1, 30)!;
    const lines = polylines(gappy.full, gg.x, gg.y);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveLength(4);
    expect(lines[1]).toHaveLength(4);
    expect(lines[1]![0]).toBe(Math.round(gg.x(3)));
    expect(lines[1]![1]).toBeCloseTo(gg.y(0.5), 9);
    const d = dots(gappy.batch, gg.x, gg.y);
    expect(d).toHaveLength(6);
    expect(d[2]).toBeCloseTo(gg.x(2), 9);
    expect(d[3]).toBeCloseTo(gg.y(1), 9);
  });

  it('a long run is thinned to each pixel column’s lowest and highest value', () => {
    const n = 100_001;
    const full = Array.from({ length: n }, (_, k) => 10 / (1 + k / 100) + (k % 2 ? 0.3 : 0));
    const long = curve(full, full);
    const gl = curveGeometry(long, box, 1, 30)!;
    const [line] = polylines(long.full, gl.x, gl.y);
    const columns = Math.round(gl.right) - Math.round(gl.left) + 1;
    expect(line!.length / 2).toBeLessThanOrEqual(2 * columns);
    expect(line!.length / 2).toBeGreaterThan(columns);
    expect(dots(long.batch, gl.x, gl.y).length / 2).toBeLessThan(n / 10);
  });

  it('the marker sits at the playhead’s step, on the full loss there', () => {
    const m = markerAt(data, g, 3);
    expect(m.row).toBe(3);
    expect(m.x).toBeCloseTo(g.x(3), 9);
    expect(m.full).toBeCloseTo(g.y(0.1), 9);
    expect(m.batch).toBeCloseTo(g.y(0.05), 9);
    // Between steps the line moves with the ball; the loss is the row's.
    const between = markerAt(data, g, 1.5);
    expect(between.row).toBe(1);
    expect(between.x).toBeCloseTo((g.x(1) + g.x(2)) / 2, 9);
    // Past the end it stays on the last step, which has no batch loss.
    const end = markerAt(data, g, 9);
    expect(end.row).toBe(4);
    expect(end.x).toBe(g.right);
    expect(end.batch).toBeNull();
  });
});

describe('learning-curve export box', () => {
  it.each([
    [1280, 720, 1],
    [1920, 1080, 1.5],
    [3840, 2160, 3],
    [1080, 1080, 1.5],
    [640, 360, 0.5],
  ])('%i×%i: lower right, about 30 %% wide, clear of the colour bar and the η plot', (w, h, r) => {
    const box = learningCurveExportBox(w, h, r);
    for (const v of Object.values(box)) expect(Number.isInteger(v)).toBe(true);
    expect(box.x + box.width).toBeLessThan(w);
    expect(box.x + box.width).toBeGreaterThan(w * 0.9);
    expect(box.y + box.height).toBeLessThan(h);
    expect(box.y + box.height).toBeGreaterThan(h * 0.8);
    expect(box.width / w).toBeLessThanOrEqual(0.3 + 1e-9);
    expect(box.width / w).toBeGreaterThan(0.2);
    expect(box.height).toBeGreaterThan(80 * r);
    const bar = colorBarLayout(w / r, h / r);
    const barPx = {
      x: bar.x * r,
      y: bar.y * r,
      width: bar.width * r,
      height: bar.height * r,
    };
    expect(intersects(box, barPx)).toBe(false);
    expect(intersects(box, lrPlotExportBox(w, h, r))).toBe(false);
  });

  it('keeps its proportions from 720p to 1080p', () => {
    const hd = learningCurveExportBox(1280, 720, 1);
    const fhd = learningCurveExportBox(1920, 1080, 1.5);
    expect(fhd.width / 1920).toBeCloseTo(hd.width / 1280, 2);
    expect(fhd.height / 1080).toBeCloseTo(hd.height / 720, 2);
  });
});

/** A 2D context that records strokes, dot centres and texts. */
function recordingContext() {
  const strokes: { points: number[][]; color: string; width: number }[] = [];
  const fills: { points: number[][]; color: string; alpha: number }[] = [];
  const texts: { text: string; x: number; y: number }[] = [];
  let path: number[][] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    lineJoin: 'miter',
    lineCap: 'butt',
    save() {},
    restore() {},
    clip() {},
    roundRect() {},
    beginPath() {
      path = [];
    },
    moveTo(x: number, y: number) {
      path.push([x, y, 0]);
    },
    lineTo(x: number, y: number) {
      path.push([x, y, 0]);
    },
    arc(x: number, y: number) {
      path.push([x, y, 1]);
    },
    fill() {
      fills.push({ points: path, color: String(ctx.fillStyle), alpha: ctx.globalAlpha });
    },
    stroke() {
      strokes.push({ points: path, color: String(ctx.strokeStyle), width: ctx.lineWidth });
    },
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y });
    },
    measureText(text: string) {
      return { width: text.length * 6 };
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, strokes, fills, texts };
}

describe('learning-curve painter', () => {
  const { run, trajectory } = presetRun();
  const data = learningCurveData({ source: trajectory, color: run.color, label: 'Batch 8' })!;

  it('draws the curve, the batch dots, the legend, ticks and the marker inside its box', () => {
    const paint = learningCurvePainter(data, 1920, 1080, 1.5, 'dark');
    const { ctx, strokes, fills, texts } = recordingContext();
    const box = paint(ctx, 40)!;
    expect(box).toEqual(learningCurveExportBox(1920, 1080, 1.5));
    const inBox = ([x, y]: number[]) =>
      x! >= box.x && x! <= box.x + box.width && y! >= box.y && y! <= box.y + box.height;

    // The full loss: the longest stroke in the run's colour, falling from left to right.
    const line = strokes
      .filter((s) => s.color === run.color)
      .sort((a, b) => b.points.length - a.points.length)[0]!;
    expect(line.points.length).toBe(run.steps + 1);
    expect(line.width).toBe(3);
    expect(line.points.every(inBox)).toBe(true);
    expect(line.points[0]![1]!).toBeLessThan(line.points.at(-1)![1]!);
    // The batch losses: faint dots of the same colour, one per step that took one.
    const batch = fills.find((f) => f.color === run.color && f.alpha < 1 && f.points.length > 50);
    expect(batch).toBeDefined();
    expect(batch!.points.filter((p) => p[2] === 1)).toHaveLength(run.steps);
    expect(batch!.points.every(inBox)).toBe(true);

    const words = texts.map((t) => t.text);
    expect(words).toContain('full loss');
    expect(words).toContain('batch loss (batch 8)');
    expect(words).toContain('Learning curve · Batch 8');
    expect(words.some((w) => /^step 40: \d/.test(w))).toBe(true);
    for (const t of data.axis.ticks) expect(words).toContain(formatLabelNumber(t));
    for (const t of texts) expect(inBox([t.x, t.y])).toBe(true);

    // The marker: a vertical line at step 40 and a dot on the full loss there.
    const labelWidth = Math.max(...data.axis.ticks.map((t) => 6 * formatLabelNumber(t).length));
    const g = curveGeometry(data, box, 1.5, labelWidth)!;
    const x40 = g.x(40);
    const marker = strokes.find(
      (s) =>
        s.points.length === 2 && s.points[0]![0] === s.points[1]![0] && s.points[0]![0] === x40,
    );
    expect(marker).toBeDefined();
    const dot = fills.find((f) => f.alpha === 1 && f.points.length === 1 && f.points[0]![2] === 1);
    expect(dot!.points[0]![0]).toBeCloseTo(x40, 9);
    expect(dot!.points[0]![1]).toBeCloseTo(g.y(data.full[40]!), 9);
  });

  it('moves the marker with the frame’s position and keeps the rest', () => {
    const paint = learningCurvePainter(data, 1280, 720, 1, 'light');
    const a = recordingContext();
    const b = recordingContext();
    paint(a.ctx, 0);
    paint(b.ctx, 100);
    const verticals = (r: typeof a) =>
      r.strokes
        .filter((s) => s.points.length === 2 && s.points[0]![0] === s.points[1]![0])
        .map((s) => s.points[0]![0]!);
    const moved = verticals(b).filter((x) => !verticals(a).includes(x));
    expect(moved).toHaveLength(1);
    expect(moved[0]!).toBeGreaterThan(Math.max(...verticals(a)));
    expect(a.texts.some((t) => t.text.startsWith('step 0: '))).toBe(true);
    expect(b.texts.some((t) => t.text.startsWith('step 100: '))).toBe(true);
  });

  it('draws nothing in a frame too small to hold a plot', () => {
    const paint = learningCurvePainter(data, 64, 36, 0.5, 'light');
    const { ctx, strokes, fills, texts } = recordingContext();
    expect(paint(ctx, 10)).toBeNull();
    expect(strokes.length + fills.length + texts.length).toBe(0);
  });
});
