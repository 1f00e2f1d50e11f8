import { describe, expect, it } from 'vitest';
import { learningRate } from '../../../shared/optim/schedules.ts';
import { runTrajectory } from '../../../shared/optim/trajectory.ts';
import { getPreset } from '../../../shared/scene/presets.ts';
import { getSurface } from '../../../shared/surfaces.ts';
import { DEFAULT_OPTIMIZER } from '../../../shared/types.ts';
import type { OptimizerParams, ScheduleParams } from '../../../shared/types.ts';
import {
  drawLrPlot,
  drawLrPlotFrame,
  lrPlotData,
  lrPlotExportBox,
  lrScaleFor,
  lrValues,
} from './lrPlotLayer.ts';

/** The η column of a run of `params` on the bowl (η does not depend on the surface). */
function bowlValues(schedule: Partial<ScheduleParams>, steps: number, lr = 0.1): Float64Array {
  const params: OptimizerParams = {
    ...DEFAULT_OPTIMIZER,
    lr,
    schedule: { ...DEFAULT_OPTIMIZER.schedule, ...schedule },
  };
  const t = runTrajectory(getSurface('bowl')!.objective, params, [0.5, 0.5], steps);
  return lrValues(t.data, t.count);
}

describe('η plot data', () => {
  // The warm-up-and-cosine preset: GD from (1, 1.5) on Beale, peak η = 0.05, 10 warm-up steps.
  const preset = getPreset('warmup-cosine')!;
  const run = preset.scene.runs.find((r) => r.id === 'warmup-cosine')!;
  const trajectory = runTrajectory(
    getSurface('beale')!.objective,
    run.params,
    run.start,
    run.steps,
    { domain: preset.scene.domain },
  );
  const values = lrValues(trajectory.data, trajectory.count);

  it('plots the schedule the run used: warm-up from 0.005 to 0.05, then cosine down to 0', () => {
    expect(trajectory.status).not.toBe('diverged');
    expect(values).toHaveLength(run.steps + 1);
    // "ramps η up from 0.005 over its first 10 steps" (the preset's caption).
    expect(values[0]).toBeCloseTo(0.005, 12);
    for (let k = 0; k < 10; k++) expect(values[k]).toBeCloseTo((0.05 * (k + 1)) / 10, 12);
    expect(values[9]).toBeCloseTo(0.05, 12);
    expect(values[10]).toBeCloseTo(0.05, 12);
    // Half-way through the decay the cosine is at half the peak; at the end it reaches 0.
    expect(values[10 + 145]).toBeCloseTo(0.025, 12);
    expect(values[run.steps]).toBeCloseTo(0, 12);
    for (let k = 0; k <= run.steps; k++) {
      expect(values[k]).toBeCloseTo(learningRate(run.params, k, run.steps), 12);
    }
    for (let k = 1; k < 10; k++) expect(values[k]!).toBeGreaterThan(values[k - 1]!);
    for (let k = 11; k <= run.steps; k++) expect(values[k]!).toBeLessThan(values[k - 1]!);
  });

  it('axes: steps 0 to the last, η from 0 past the peak, linear (the schedule reaches 0)', () => {
    const data = lrPlotData({ values, steps: run.steps, color: run.color, label: 'warm-up' });
    expect(data.scale).toBe('linear');
    expect(data.lastStep).toBe(300);
    expect(data.lo).toBe(0);
    expect(data.hi).toBeGreaterThanOrEqual(0.05);
    expect(data.ticks.map((t) => t.value)).toContain(0);
    expect(data.stepTicks[0]).toEqual({ value: 0, label: '0' });
    expect(data.stepTicks.at(-1)).toEqual({ value: 300, label: '300' });
    expect(data.title).toBe('Learning rate · warm-up');
    expect(data.current).toBeNull();
  });

  it.each([
    ['constant', { kind: 'constant' }, 'linear'],
    ['step decay ×0.5 every 100 of 500', { kind: 'step', stepEvery: 100, stepFactor: 0.5 }, 'log'],
    ['exponential 0.99^t over 500', { kind: 'exp', gamma: 0.99 }, 'log'],
    ['cosine to 0', { kind: 'cosine', minLr: 0 }, 'linear'],
    ['cosine to a tenth of η', { kind: 'cosine', minLr: 0.01 }, 'linear'],
  ] as const)('%s → %s scale', (_, schedule, scale) => {
    const v = bowlValues(schedule, 500);
    expect(lrScaleFor(v)).toBe(scale);
    const data = lrPlotData({ values: v, steps: 500, color: '#0072b2', label: '' });
    expect(data.lo).toBeLessThanOrEqual(Math.min(...v));
    expect(data.hi).toBeGreaterThanOrEqual(Math.max(...v));
    if (scale === 'log') {
      expect(data.lo).toBeGreaterThan(0);
      for (const t of data.ticks) expect(Math.log10(t.value) % 1).toBeCloseTo(0, 9);
    }
  });

  it('step decay in the plot: each drop halves η', () => {
    const v = bowlValues({ kind: 'step', stepEvery: 100, stepFactor: 0.5 }, 500);
    expect(v[99]).toBeCloseTo(0.1, 12);
    expect(v[100]).toBeCloseTo(0.05, 12);
    expect(v[499]).toBeCloseTo(0.1 / 16, 12);
  });
});

/** A 2D context that records the path points and texts a drawing makes. */
function recordingContext() {
  const lines: { x: number; y: number; color: string; width: number }[][] = [];
  const texts: { text: string; x: number; y: number }[] = [];
  let path: { x: number; y: number }[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    lineJoin: 'miter',
    save() {},
    restore() {},
    clip() {},
    fill() {},
    roundRect() {},
    beginPath() {
      path = [];
    },
    moveTo(x: number, y: number) {
      path.push({ x, y });
    },
    lineTo(x: number, y: number) {
      path.push({ x, y });
    },
    arc(x: number, y: number) {
      path.push({ x, y });
    },
    stroke() {
      lines.push(path.map((p) => ({ ...p, color: String(ctx.strokeStyle), width: ctx.lineWidth })));
    },
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y });
    },
    measureText(text: string) {
      return { width: text.length * 6 };
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, lines, texts };
}

describe('drawLrPlot', () => {
  const values = bowlValues({ kind: 'warmup-cosine', warmup: 10, minLr: 0 }, 100, 0.05);
  const box = { x: 20, y: 400, width: 480, height: 120 };

  it('draws the curve inside the box, higher η higher up, with the playhead marked', () => {
    const data = lrPlotData({ values, steps: 100, color: '#d55e00', label: 'run' });
    data.current = 10;
    const { ctx, lines, texts } = recordingContext();
    drawLrPlot(ctx, data, box, 'light', 1);
    const curve = lines.find((l) => l.length === values.length && l[0]!.color === '#d55e00');
    expect(curve).toBeDefined();
    for (const p of curve!) {
      expect(p.x).toBeGreaterThanOrEqual(box.x);
      expect(p.x).toBeLessThanOrEqual(box.x + box.width);
      expect(p.y).toBeGreaterThanOrEqual(box.y);
      expect(p.y).toBeLessThanOrEqual(box.y + box.height);
    }
    // Pixel heights follow η: the peak (step 10) is the highest point, the end the lowest.
    const ys = curve!.map((p) => p.y);
    expect(Math.min(...ys)).toBe(ys[10]);
    expect(Math.max(...ys)).toBe(ys[100]);
    expect(ys[0]!).toBeGreaterThan(ys[5]!);
    // The playhead: a vertical line at step 10 and the η in force there.
    const marker = lines.find(
      (l) => l.length === 2 && l[0]!.x === l[1]!.x && l[0]!.x === curve![10]!.x,
    );
    expect(marker).toBeDefined();
    expect(texts.map((t) => t.text)).toContain('step 10: η = 0.05');
    expect(texts.map((t) => t.text)).toContain('Learning rate · run');
  });

  it('scales with the pixel ratio and draws no playhead without one', () => {
    const data = lrPlotData({ values, steps: 100, color: '#d55e00', label: 'run' });
    const one = recordingContext();
    drawLrPlot(one.ctx, data, box, 'dark', 1);
    const two = recordingContext();
    drawLrPlot(two.ctx, data, { x: 40, y: 800, width: 960, height: 240 }, 'dark', 2);
    const curve = (r: typeof one) => r.lines.find((l) => l.length === values.length)!;
    expect(curve(two)[0]!.width).toBe(2 * curve(one)[0]!.width);
    expect(one.texts.some((t) => t.text.startsWith('step '))).toBe(false);
  });

  it('an export frame draws it in its box with the playhead at the frame’s position', () => {
    const data = lrPlotData({ values, steps: 100, color: '#d55e00', label: 'run' });
    const { ctx, texts } = recordingContext();
    const box = drawLrPlotFrame(ctx, data, 1920, 1080, 1.5, 'light', 42.6);
    expect(box).toEqual(lrPlotExportBox(1920, 1080, 1.5));
    expect(data.current).toBe(42.6);
    expect(texts.some((t) => t.text.startsWith('step 42: η = '))).toBe(true);
    for (const t of texts) {
      expect(t.x).toBeGreaterThanOrEqual(box.x);
      expect(t.x).toBeLessThanOrEqual(box.x + box.width);
    }
  });

  it('the export box sits in the bottom-left corner and keeps its proportions', () => {
    const hd = lrPlotExportBox(1280, 720, 1);
    const fhd = lrPlotExportBox(1920, 1080, 1.5);
    expect(hd.x).toBeGreaterThan(0);
    expect(hd.y + hd.height).toBeLessThan(720);
    expect(fhd.width / 1920).toBeCloseTo(hd.width / 1280, 2);
    expect(fhd.height / 1080).toBeCloseTo(hd.height / 720, 2);
    for (const v of Object.values(fhd)) expect(Number.isInteger(v)).toBe(true);
  });
});
