import { describe, expect, it } from 'vitest';
import { compileExpression } from '../expr/index.ts';
import { runTrajectory } from '../optim/index.ts';
import { solveRun } from '../solve.ts';
import { resolveProblem } from '../problem.ts';
import { isFigureKind } from './figure.ts';
import { getPreset, LESSON_PRESETS, PRESET_IDS, PRESETS, presetScene } from './presets.ts';
import type { Preset } from './presets.ts';
import { parseScene, parseSceneText } from './parse.ts';
import { serializeScene } from './document.ts';
import type { RunDoc, Scene } from './document.ts';
import { isTemplateName, runLabel } from './runName.ts';
import { builtinDataset, fullLossObjective, logisticModel } from '../model/index.ts';
import { getSurface } from '../surfaces.ts';
import { COL, STRIDE } from '../types.ts';
import type { Objective, Trajectory } from '../types.ts';

const REQUIRED_IDS = [
  'derivative-x2',
  'gd-x2',
  'lr-compare',
  'bowl-2d',
  'saddle',
  'x2-plus-xy',
  'taylor-x2',
  'nonconvex',
  'momentum-vs-gd',
  'adam-vs-sgd',
  'warmup-cosine',
  'logistic-regression',
];

/** The objective a scene's problem resolves to (built-in surface, expression or model). */
function objectiveOf(scene: Scene): Objective {
  const problem = scene.problem;
  if (problem.kind === 'expression') return compileExpression(problem.source);
  if (problem.kind !== 'surface') return resolveProblem(problem).objective;
  const surface = getSurface(problem.id);
  if (!surface) throw new Error(`unknown surface '${problem.id}'`);
  return surface.objective;
}

function presetOrThrow(id: string): Preset {
  const p = getPreset(id);
  if (!p) throw new Error(`missing preset '${id}'`);
  return p;
}

function runDocOf(p: Preset, runId: string): RunDoc {
  const r = p.scene.runs.find((run) => run.id === runId);
  if (!r) throw new Error(`preset '${p.id}' has no run '${runId}'`);
  return r;
}

/** Runs one of a preset's runs exactly as the app's solver service does. */
function trajectory(presetId: string, runId: string): Trajectory {
  const p = presetOrThrow(presetId);
  const r = runDocOf(p, runId);
  return solveRun(resolveProblem(p.scene.problem), r, p.scene.domain);
}

interface Row {
  x: number;
  y: number;
  f: number;
  gx: number;
  gy: number;
  lr: number;
}

function row(t: Trajectory, k: number): Row {
  expect(k).toBeLessThan(t.count);
  const b = k * STRIDE;
  const at = (c: number): number => t.data[b + c] as number;
  return {
    x: at(COL.x),
    y: at(COL.y),
    f: at(COL.f),
    gx: at(COL.gx),
    gy: at(COL.gy),
    lr: at(COL.lr),
  };
}

function lastRow(t: Trajectory): Row {
  return row(t, t.count - 1);
}

function rows(t: Trajectory, n: number): Row[] {
  return Array.from({ length: n }, (_, k) => row(t, k));
}

/** A number as captions write it: rounded to `dp` places, no trailing zeros, '−' for minus. */
function fmt(v: number, dp = 3): string {
  const s = String(Number(v.toFixed(dp)));
  return s === '-0' ? '0' : s.replace('-', '−');
}

/** "a → b → c" as in the captions. */
function chain(values: number[], dp = 3): string {
  return values.map((v) => fmt(v, dp)).join(' → ');
}

function distance(r: Row, to: readonly number[]): number {
  return Math.hypot(r.x - (to[0] as number), r.y - (to[1] as number));
}

describe('preset catalogue', () => {
  it('contains every required preset, with unique ids listed in PRESET_IDS', () => {
    const ids = PRESETS.map((p) => p.id);
    for (const id of REQUIRED_IDS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...PRESET_IDS]).toEqual(ids);
  });

  it('getPreset finds presets by id and returns undefined for unknown ids', () => {
    for (const p of PRESETS) expect(getPreset(p.id)).toBe(p);
    expect(getPreset('no-such-preset')).toBeUndefined();
    expect(getPreset('')).toBeUndefined();
  });

  it('uses ids that are safe in a URL fragment and on a command line', () => {
    for (const id of PRESET_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('presetScene returns an independent copy', () => {
    const copy = presetScene('gd-x2');
    expect(copy).toEqual(presetOrThrow('gd-x2').scene);
    if (!copy) return;
    copy.runs[0]!.params.lr = 0.7;
    copy.runs[0]!.params.schedule.kind = 'cosine';
    const original = presetOrThrow('gd-x2').scene.runs[0]!;
    expect(original.params.lr).toBe(0.1);
    expect(original.params.schedule.kind).toBe('constant');
    expect(presetScene('no-such-preset')).toBeUndefined();
  });

  it('leaves out of the built-in lesson only the presets marked inLesson: false', () => {
    expect(LESSON_PRESETS.map((p) => p.id)).toEqual(
      PRESETS.filter((p) => p.inLesson !== false).map((p) => p.id),
    );
    expect(PRESETS.filter((p) => p.inLesson === false).map((p) => p.id)).toEqual([
      'logistic-regression',
      'mlp-slice',
    ]);
  });

  it('gives every run its own schedule object', () => {
    const schedules = PRESETS.flatMap((p) => p.scene.runs.map((r) => r.params.schedule));
    expect(new Set(schedules).size).toBe(schedules.length);
  });
});

describe.each(PRESETS.map((p) => [p.id, p] as const))('preset %s', (_id, p) => {
  it('is a valid scene that survives a JSON round trip', () => {
    const parsed = parseScene(p.scene);
    expect(parsed.ok ? 'ok' : parsed.message).toBe('ok');
    const text = serializeScene(p.scene);
    const back = parseSceneText(text);
    expect(back.ok ? 'ok' : back.message).toBe('ok');
    if (back.ok) expect(back.scene).toEqual(p.scene);
    expect(JSON.parse(JSON.stringify(p.scene))).toEqual(p.scene);
  });

  it('has a short title, a section and a 1–3 sentence caption shared with its scene', () => {
    expect(p.scene.title).toBe(p.title);
    expect(p.scene.caption).toBe(p.caption);
    expect(p.title.length).toBeGreaterThan(0);
    expect(p.title.length).toBeLessThanOrEqual(60);
    expect(p.section).toMatch(/^§\d/);
    const sentences = p.caption.trim().split(/(?<=[.!?])\s+(?=[A-Z])/);
    expect(sentences.length).toBeGreaterThanOrEqual(1);
    expect(sentences.length).toBeLessThanOrEqual(3);
    expect(p.caption.trim()).toMatch(/[.!?]$/);
  });
});

/** The presets that plot f with runs (the figure kinds have their own tests). */
// A network's slice animates its own training path (tested below), not runs.
const RUN_PRESETS = PRESETS.filter(
  (p) => !isFigureKind(p.scene.kind) && p.scene.problem.kind !== 'mlp',
);

describe.each(RUN_PRESETS.map((p) => [p.id, p] as const))('run preset %s', (_id, p) => {
  it('has starts that match the problem dimension and runs that can be solved', () => {
    const objective = objectiveOf(p.scene);
    // The solver service resolves the same problem to the same dimension.
    expect(resolveProblem(p.scene.problem).dim).toBe(objective.dim);
    expect(p.scene.runs.length).toBeGreaterThan(0);
    for (const r of p.scene.runs) {
      expect(r.start).toHaveLength(objective.dim);
      const t = solveRun(resolveProblem(p.scene.problem), r, p.scene.domain);
      expect(t.count).toBeGreaterThan(0);
    }
  });

  it('has distinct run ids, labels and colours, and selects one of its runs', () => {
    const runs = p.scene.runs;
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    // Names are templates (several runs may share `η = {lr}`); what the legend says differs.
    expect(new Set(runs.map(runLabel)).size).toBe(runs.length);
    expect(new Set(runs.map((r) => r.color)).size).toBe(runs.length);
    expect(runs.map((r) => r.id)).toContain(p.scene.selectedRunId);
  });

  it('starts inside its viewing box', () => {
    const { x, y } = p.scene.domain;
    const dim = objectiveOf(p.scene).dim;
    for (const r of p.scene.runs) {
      const [sx = NaN, sy = NaN] = r.start;
      expect(sx).toBeGreaterThanOrEqual(x[0]);
      expect(sx).toBeLessThanOrEqual(x[1]);
      if (dim === 2) {
        expect(sy).toBeGreaterThanOrEqual(y[0]);
        expect(sy).toBeLessThanOrEqual(y[1]);
      }
    }
  });
});

describe('run names follow their settings', () => {
  /** What each preset's legend said when names were fixed text; the templates must agree. */
  const LABELS: Record<string, string[]> = {
    'derivative-x2': ['x = 3'],
    'x2-plus-xy': ['GD η = 0.1'],
    'gd-x2': ['η = 0.1'],
    'lr-compare': ['η = 0.1', 'η = 0.5', 'η = 1.1'],
    'bowl-2d': ['η = 0.1'],
    zigzag: ['η = 0.05', 'η = 0.15', 'η = 0.21'],
    'momentum-vs-gd': ['GD η = 0.001', 'Momentum β = 0.9'],
    'adam-vs-sgd': ['SGD η = 0.005, σ = 3', 'Adam η = 0.1'],
    'warmup-cosine': ['Constant η = 0.05', 'Warm-up 10 + cosine, peak η = 0.05'],
    saddle: ['Start (2.5, 0.05)', 'Start (2.5, 0)'],
    nonconvex: ['Start (0.3, 1.5)', 'Start (−0.3, 1.5)'],
    himmelblau: ['Start (1, 1)', 'Start (−1, 1)', 'Start (−1, −1)', 'Start (1, −1)'],
    'minibatch-sgd': ['Full batch, η = 0.1', 'Batch 8, η = 0.1', 'Batch 1, η = 0.1'],
    // Plain GD on minibatches is SGD; the full-batch run stays GD.
    'logistic-regression': ['GD η = 1, batch full', 'SGD η = 1, batch 16', 'SGD η = 1, batch 1'],
    'taylor-x2': ['x = 3'],
  };

  it('covers every preset', () => {
    expect(Object.keys(LABELS).sort()).toEqual(RUN_PRESETS.map((p) => p.id).sort());
  });

  it.each(Object.entries(LABELS))('%s reads as before at its own settings', (id, labels) => {
    const runs = presetOrThrow(id).scene.runs;
    expect(runs.map(runLabel)).toEqual(labels);
    // Every name follows its run: none is fixed text that a slider could contradict.
    for (const r of runs) expect(isTemplateName(r.name), r.name).toBe(true);
  });

  it('lr-compare: after η is changed the label states the new η, once', () => {
    const run = presetOrThrow('lr-compare').scene.runs[2]!;
    const label = runLabel({ ...run, params: { ...run.params, lr: 0.126 } });
    expect(label).toBe('η = 0.126');
  });
});

describe("the chapter's worked examples, computed", () => {
  it('derivative-x2: the slope of x² at x = 3 is 6', () => {
    const p = presetOrThrow('derivative-x2');
    expect(p.scene.overlays.tangent).toBe(true);
    expect(p.scene.runs[0]!.start).toEqual([3]);
    const t = trajectory('derivative-x2', p.scene.runs[0]!.id);
    expect(row(t, 0).x).toBe(3);
    expect(row(t, 0).gx).toBeCloseTo(6, 12);
    expect(row(t, 0).f).toBeCloseTo(9, 12);
    // The difference quotient (f(3 + h) − f(3))/h = 6 + h tends to the same slope.
    const f = objectiveOf(p.scene);
    for (const h of [0.1, 0.01, 0.001]) {
      expect((f.value([3 + h]) - f.value([3])) / h).toBeCloseTo(6 + h, 8);
    }
    expect(p.caption).toContain('f′(3) = 6');
  });

  it("gd-x2: x and f follow the chapter's table to 3 dp", () => {
    const p = presetOrThrow('gd-x2');
    const r = p.scene.runs[0]!;
    expect(r.params.kind).toBe('gd');
    expect(r.params.lr).toBe(0.1);
    expect(r.start).toEqual([3]);
    expect(r.steps).toBe(3);
    const t = trajectory('gd-x2', r.id);
    expect(t.count).toBe(4);
    const rs = rows(t, 4);
    expect(rs.map((q) => fmt(q.x))).toEqual(['3', '2.4', '1.92', '1.536']);
    expect(rs.map((q) => fmt(q.f))).toEqual(['9', '5.76', '3.686', '2.359']);
    expect(rs.map((q) => fmt(q.gx, 2))).toEqual(['6', '4.8', '3.84', '3.07']);
    expect(p.caption).toContain(chain(rs.map((q) => q.x)));
    expect(p.caption).toContain(chain(rs.map((q) => q.f)));
  });

  it("lr-compare: the three rows of the chapter's learning-rate table", () => {
    const p = presetOrThrow('lr-compare');
    const expected: Record<string, string[]> = {
      '0.1': ['3', '2.4', '1.92', '1.536'],
      '0.5': ['3', '0', '0', '0'],
      '1.1': ['3', '−3.6', '4.32', '−5.184'],
    };
    expect(p.scene.runs.map((r) => String(r.params.lr))).toEqual(Object.keys(expected));
    for (const r of p.scene.runs) {
      expect(r.params.kind).toBe('gd');
      expect(r.start).toEqual([3]);
      expect(r.steps).toBeGreaterThanOrEqual(3);
      const t = trajectory('lr-compare', r.id);
      const xs = rows(t, 4).map((q) => q.x);
      expect(xs.map((v) => fmt(v))).toEqual(expected[String(r.params.lr)]);
      expect(p.caption).toContain(chain(xs));
    }
    // The diverging run stays on screen long enough to be seen bouncing outward.
    const wild = trajectory('lr-compare', 'lr-1.1');
    expect(wild.status).not.toBe('diverged');
    const wildXs = rows(wild, wild.count).map((q) => Math.abs(q.x));
    for (let k = 1; k < wildXs.length; k++) expect(wildXs[k]).toBeGreaterThan(wildXs[k - 1]!);
    expect(Math.abs(p.scene.domain.x[0])).toBeGreaterThanOrEqual(8);
    expect(p.scene.domain.x[1]).toBeGreaterThanOrEqual(8);
    expect(wildXs.filter((v) => v <= p.scene.domain.x[1]).length).toBeGreaterThanOrEqual(6);
  });

  it('bowl-2d: each coordinate follows 3 → 2.4 → 1.92 and the run reaches the origin', () => {
    const p = presetOrThrow('bowl-2d');
    const r = p.scene.runs[0]!;
    expect(r.start).toEqual([3, 3]);
    expect(r.params.lr).toBe(0.1);
    const t = trajectory('bowl-2d', r.id);
    const rs = rows(t, 3);
    expect(rs.map((q) => fmt(q.x))).toEqual(['3', '2.4', '1.92']);
    expect(rs.map((q) => fmt(q.y))).toEqual(['3', '2.4', '1.92']);
    expect(p.caption).toContain(chain(rs.map((q) => q.x)));
    expect(distance(lastRow(t), [0, 0])).toBeLessThan(0.01);
  });

  it('x2-plus-xy: gradient [4, 1] and Hessian [[2, 1], [1, 0]] with eigenvalues 1 ± √2 at (1, 2)', () => {
    const p = presetOrThrow('x2-plus-xy');
    expect(p.scene.overlays.gradient).toBe(true);
    expect(p.scene.overlays.hessian).toBe(true);
    const f = objectiveOf(p.scene);
    const g = new Float64Array(2);
    f.gradient([1, 2], g);
    expect([...g]).toEqual([4, 1]);
    const h = new Float64Array(4);
    f.hessian([1, 2], h);
    expect([...h]).toEqual([2, 1, 1, 0]);
    const [a, b, c] = [h[0]!, h[1]!, h[3]!];
    const mid = (a + c) / 2;
    const r = Math.hypot((a - c) / 2, b);
    const eig = [mid + r, mid - r];
    expect(eig[0]).toBeCloseTo(1 + Math.SQRT2, 12);
    expect(eig[1]).toBeCloseTo(1 - Math.SQRT2, 12);
    expect(eig[0]! * eig[1]!).toBeLessThan(0); // indefinite
    expect(p.caption).toContain(`${fmt(eig[0]!, 2)} and ${fmt(eig[1]!, 2)}`);
    expect(p.caption).toContain('[4, 1]');

    const run = p.scene.runs[0]!;
    expect(run.start).toEqual([1, 2]);
    const t = trajectory('x2-plus-xy', run.id);
    expect(row(t, 0).gx).toBe(4);
    expect(row(t, 0).gy).toBe(1);
    const fs = rows(t, t.count).map((q) => q.f);
    for (let k = 1; k < fs.length; k++) expect(fs[k]).toBeLessThan(fs[k - 1]!);
    expect(p.caption).toContain(
      `from ${fmt(fs[0]!, 1)} to ${fmt(fs.at(-1)!, 1)} after ${run.steps}`,
    );
    // The run stays in view.
    for (const q of rows(t, t.count)) {
      expect(Math.abs(q.x)).toBeLessThanOrEqual(p.scene.domain.x[1]);
      expect(Math.abs(q.y)).toBeLessThanOrEqual(p.scene.domain.y[1]);
    }
  });

  it('taylor-x2: tangent estimate 9.6 against the actual 9.61, error (x − 3)²', () => {
    const p = presetOrThrow('taylor-x2');
    expect(p.scene.probe).toEqual([3.1]);
    expect(p.scene.overlays.tangent).toBe(true);
    const run = p.scene.runs[0]!;
    expect(run.start).toEqual([3]);
    const t = trajectory('taylor-x2', run.id);
    const at = row(t, 0);
    const f = objectiveOf(p.scene);
    const linear = (x: number): number => at.f + at.gx * (x - at.x);
    const probe = p.scene.probe![0]!;
    expect(fmt(linear(probe))).toBe('9.6');
    expect(fmt(f.value([probe]))).toBe('9.61');
    expect(fmt(f.value([probe]) - linear(probe))).toBe('0.01');
    expect(p.caption).toContain(`= ${fmt(linear(probe))}`);
    expect(p.caption).toContain(`= ${fmt(f.value([probe]))}`);
    for (const x of [3.1, 3.5, 4, 5]) {
      expect(f.value([x]) - linear(x)).toBeCloseTo((x - 3) ** 2, 12);
    }
    expect(p.caption).toContain(`${fmt(f.value([3.5]) - linear(3.5))} at x = 3.5`);
    expect(p.caption).toContain(`${fmt(f.value([4]) - linear(4))} at x = 4`);
  });

  it('saddle: Hessian eigenvalues +2 and −2; on-axis run goes to the saddle, off-axis escapes along y', () => {
    const p = presetOrThrow('saddle');
    expect(p.scene.overlays.hessian).toBe(true);
    const h = new Float64Array(4);
    objectiveOf(p.scene).hessian([0.3, -0.7], h);
    expect([...h]).toEqual([2, 0, 0, -2]);

    const on = runDocOf(p, 'on-axis');
    const off = runDocOf(p, 'off-axis');
    expect(on.start[1]).toBe(0);
    expect(Math.abs(off.start[1]!)).toBeGreaterThan(0);
    expect(Math.abs(off.start[1]!)).toBeLessThanOrEqual(0.1);

    const tOn = trajectory('saddle', on.id);
    for (const q of rows(tOn, tOn.count)) expect(q.y).toBe(0);
    expect(distance(lastRow(tOn), [0, 0])).toBeLessThan(0.05);

    const tOff = trajectory('saddle', off.id);
    const ys = rows(tOff, tOff.count).map((q) => Math.abs(q.y));
    for (let k = 1; k < ys.length; k++) expect(ys[k]).toBeGreaterThan(ys[k - 1]!);
    const end = lastRow(tOff);
    expect(Math.abs(end.x)).toBeLessThan(0.05);
    expect(Math.abs(end.y)).toBeGreaterThan(1);
    expect(Math.abs(end.y)).toBeLessThanOrEqual(p.scene.domain.y[1]);
    expect(p.caption).toContain(`${fmt(off.start[1]!)} off the axis`);
    expect(p.caption).toContain(`after ${off.steps} steps sits at y ≈ ${fmt(end.y, 2)}`);
  });
});

describe('comparative claims in captions, computed', () => {
  it('minibatch-sgd: the least-squares fit is w ≈ 2.01, b ≈ 1.00; full batch reaches it, batch 8 zig-zags near it, batch 1 ends furthest', () => {
    const p = presetOrThrow('minibatch-sgd');
    const [fit] = resolveProblem(p.scene.problem).minima;
    expect(fit!.point.map((v) => v.toFixed(2))).toEqual(['2.01', '1.00']);
    const full = lastRow(trajectory('minibatch-sgd', 'full'));
    const b8 = trajectory('minibatch-sgd', 'batch8');
    const b1 = lastRow(trajectory('minibatch-sgd', 'batch1'));
    expect(distance(full, fit!.point)).toBeLessThan(1e-3);
    expect(distance(lastRow(b8), fit!.point)).toBeGreaterThan(distance(full, fit!.point));
    expect(distance(b1, fit!.point)).toBeGreaterThan(distance(lastRow(b8), fit!.point));
    // Zig-zag: the minibatch path turns back on itself (successive updates point apart).
    let turns = 0;
    for (let k = 10; k + 1 < b8.count - 1; k++) {
      const a = row(b8, k);
      const b = row(b8, k + 1);
      const ua = [b.x - a.x, b.y - a.y];
      const c = row(b8, k + 2);
      const ub = [c.x - b.x, c.y - b.y];
      if (ua[0]! * ub[0]! + ua[1]! * ub[1]! < 0) turns++;
    }
    expect(turns).toBeGreaterThan(10);
  });

  it('logistic-regression: overlapping blobs give a finite minimum; full batch reaches it, batches of 16 jitter near it, single points wander', () => {
    const p = presetOrThrow('logistic-regression');
    const problem = p.scene.problem;
    if (problem.kind !== 'model' || problem.data.kind !== 'builtin') {
      throw new Error('logistic-regression is not a model on a built-in data set');
    }
    expect(problem.model).toBe('logistic');
    expect(problem.data.name).toBe('blobs');
    const { n, seed, noise } = problem.data;
    expect(p.caption).toContain(`on ${n} points in two overlapping blobs`);

    // The scene's surface is logistic regression's full-data cross-entropy on these blobs.
    const data = builtinDataset('blobs', { n, seed, noise });
    const f = fullLossObjective(logisticModel(2), data);
    for (const q of [
      [0, 0],
      [-2, 4],
      [1.5, -2.5],
    ]) {
      expect(objectiveOf(p.scene).value(q)).toBe(f.value(q));
    }
    expect(f.value([0, 0])).toBeCloseTo(Math.LN2, 12);
    expect(p.caption).toContain(`ln 2 ≈ ${fmt(Math.LN2)} at w = 0`);

    // Newton's method from w = 0 finds a stationary point with a positive definite Hessian; the
    // cross-entropy is convex, so that is its finite global minimum (separable blobs have none).
    let min = [0, 0];
    const g = new Float64Array(2);
    const h = new Float64Array(4);
    for (let k = 0; k < 30; k++) {
      f.gradient(min, g);
      f.hessian(min, h);
      const det = h[0]! * h[3]! - h[1]! * h[2]!;
      min = [
        min[0]! - (h[3]! * g[0]! - h[1]! * g[1]!) / det,
        min[1]! - (h[0]! * g[1]! - h[2]! * g[0]!) / det,
      ];
    }
    f.gradient(min, g);
    f.hessian(min, h);
    expect(Math.hypot(g[0]!, g[1]!)).toBeLessThan(1e-12);
    expect(h[0]!).toBeGreaterThan(0);
    expect(h[0]! * h[3]! - h[1]! * h[2]!).toBeGreaterThan(0);
    const { x: bx, y: by } = p.scene.domain;
    expect(min[0]!).toBeGreaterThan(bx[0]);
    expect(min[0]!).toBeLessThan(bx[1]);
    expect(min[1]!).toBeGreaterThan(by[0]);
    expect(min[1]!).toBeLessThan(by[1]);
    const lowest = f.value(min);
    expect(p.caption).toContain(
      `(${fmt(min[0]!, 2)}, ${fmt(min[1]!, 2)}) with loss ${fmt(lowest)}`,
    );

    // The overlap: points on the wrong side of the fitted line w·x = 0.
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      const z = min[0]! * data.x[2 * i]! + min[1]! * data.x[2 * i + 1]!;
      if ((z > 0 ? 1 : 0) !== data.y[i]) wrong++;
    }
    expect(wrong).toBeGreaterThan(0);
    expect(p.caption).toContain(`still misclassifies ${wrong} points`);

    // Three runs alike but for the batch size: plain GD, on the full data or on minibatches.
    const full = runDocOf(p, 'full');
    const b16 = runDocOf(p, 'batch16');
    const b1 = runDocOf(p, 'batch1');
    expect([full.batch, b16.batch, b1.batch]).toEqual([undefined, 16, 1]);
    for (const r of [b16, b1]) {
      expect(r.params).toEqual(full.params);
      expect(r.start).toEqual(full.start);
      expect(r.steps).toBe(full.steps);
    }
    expect(full.params.kind).toBe('gd');
    expect(p.caption).toContain(
      `From (${full.start.map((v) => fmt(v)).join(', ')}) with η = ${fmt(full.params.lr)}`,
    );

    const tFull = trajectory('logistic-regression', 'full');
    const t16 = trajectory('logistic-regression', 'batch16');
    const t1 = trajectory('logistic-regression', 'batch1');
    for (const t of [tFull, t16, t1]) {
      expect(t.status).not.toBe('diverged');
      expect(t.count).toBe(full.steps + 1);
      // Every path stays in view.
      for (const q of rows(t, t.count)) {
        expect(q.x).toBeGreaterThanOrEqual(bx[0]);
        expect(q.x).toBeLessThanOrEqual(bx[1]);
        expect(q.y).toBeGreaterThanOrEqual(by[0]);
        expect(q.y).toBeLessThanOrEqual(by[1]);
      }
    }
    expect(distance(lastRow(tFull), min)).toBeLessThan(0.001);
    expect(p.caption).toContain(`full-batch GD ends within 0.001 of it after ${full.steps} steps`);

    // How far each path strays from the minimum over its last 100 steps.
    const TAIL = 100;
    const spread = (t: Trajectory): number =>
      Math.max(
        ...rows(t, t.count)
          .slice(t.count - 1 - TAIL)
          .map((q) => distance(q, min)),
      );
    expect(p.caption).toContain(`Over the last ${TAIL} steps`);
    expect(p.caption).toContain(`batches of 16 stays within ${fmt(spread(t16), 2)} of it`);
    expect(p.caption).toContain(`wander up to ${fmt(spread(t1), 2)} away`);
    expect(spread(tFull)).toBeLessThan(spread(t16));
    expect(spread(t16)).toBeLessThan(spread(t1));

    // Not an accident of the shuffling seed: the same order for other seeds.
    const solved = resolveProblem(problem);
    for (let s = 0; s < 20; s++) {
      const again = (r: RunDoc): Trajectory =>
        solveRun(solved, { ...r, params: { ...r.params, seed: s } }, p.scene.domain);
      const s16 = spread(again(b16));
      expect(spread(tFull)).toBeLessThan(s16);
      expect(s16).toBeLessThan(spread(again(b1)));
    }
  });

  it('nonconvex: one run ends in the local minimum, the other in the global one', () => {
    const p = presetOrThrow('nonconvex');
    const minima = getSurface('two-valley')!.minima;
    const global = minima.find((m) => m.kind === 'global')!;
    const local = minima.find((m) => m.kind === 'local')!;
    const nearest = (r: Row) =>
      [...minima].sort((a, b) => distance(r, a.point) - distance(r, b.point))[0]!;

    const right = runDocOf(p, 'right');
    const left = runDocOf(p, 'left');
    expect(right.params).toEqual(left.params);
    expect(right.steps).toBe(left.steps);
    expect(
      fmt(Math.hypot(right.start[0]! - left.start[0]!, right.start[1]! - left.start[1]!)),
    ).toBe('0.6');

    const endRight = lastRow(trajectory('nonconvex', right.id));
    const endLeft = lastRow(trajectory('nonconvex', left.id));
    expect(nearest(endRight)).toBe(local);
    expect(nearest(endLeft)).toBe(global);
    expect(distance(endRight, local.point)).toBeLessThan(1e-3);
    expect(distance(endLeft, global.point)).toBeLessThan(1e-3);
    expect(global.value).toBeLessThan(local.value);

    expect(p.caption).toContain(`x ≈ ${fmt(endRight.x, 2)} (f ≈ ${fmt(endRight.f, 2)})`);
    expect(p.caption).toContain(`x ≈ ${fmt(endLeft.x, 2)} (f ≈ ${fmt(endLeft.f, 2)})`);
  });

  it('momentum-vs-gd: with the same start and η, momentum ends far closer to the minimum', () => {
    const p = presetOrThrow('momentum-vs-gd');
    const gd = runDocOf(p, 'gd');
    const mom = runDocOf(p, 'momentum');
    expect(gd.params.kind).toBe('gd');
    expect(mom.params.kind).toBe('momentum');
    expect(mom.params.momentum).toBe(0.9);
    expect(gd.params.lr).toBe(mom.params.lr);
    expect(gd.start).toEqual(mom.start);
    expect(gd.steps).toBe(mom.steps);

    const min = getSurface('rosenbrock')!.minima[0]!.point;
    const tGd = trajectory('momentum-vs-gd', gd.id);
    const tMom = trajectory('momentum-vs-gd', mom.id);
    expect(tGd.status).not.toBe('diverged');
    expect(tMom.status).not.toBe('diverged');
    const dGd = distance(lastRow(tGd), min);
    const dMom = distance(lastRow(tMom), min);
    expect(dMom).toBeLessThan(dGd);
    expect(dMom).toBeLessThan(0.1);
    expect(dGd).toBeGreaterThan(1);
    expect(lastRow(tMom).f).toBeLessThan(lastRow(tGd).f);
    expect(p.caption).toContain(`${gd.steps} steps`);
    expect(p.caption).toContain(`about ${fmt(dGd, 2)} away`);
    expect(p.caption).toContain('within 0.1');
  });

  it('adam-vs-sgd: Adam ends on the minimum, noisy SGD is still > 0.4 away for any seed', () => {
    const p = presetOrThrow('adam-vs-sgd');
    const sgd = runDocOf(p, 'sgd');
    const adam = runDocOf(p, 'adam');
    expect(sgd.params.kind).toBe('sgd');
    expect(sgd.params.noise).toBeGreaterThan(0);
    expect(adam.params.kind).toBe('adam');
    expect(sgd.start).toEqual(adam.start);
    expect(sgd.steps).toBe(adam.steps);
    expect(p.caption).toContain(`η = ${sgd.params.lr}, gradient noise σ = ${sgd.params.noise}`);
    expect(p.caption).toContain(`after ${sgd.steps} steps is still more than 0.4`);
    expect(p.caption).toContain('within 0.01');

    const min = getSurface('beale')!.minima[0]!.point;
    const tSgd = trajectory('adam-vs-sgd', sgd.id);
    const tAdam = trajectory('adam-vs-sgd', adam.id);
    expect(tSgd.status).not.toBe('diverged');
    expect(tAdam.status).not.toBe('diverged');
    expect(distance(lastRow(tAdam), min)).toBeLessThan(0.01);
    expect(distance(lastRow(tSgd), min)).toBeGreaterThan(0.4);

    // Same seed, same path: what the scene shows is reproducible.
    expect(trajectory('adam-vs-sgd', sgd.id).data).toEqual(tSgd.data);

    // "whatever the seed": the claim does not hinge on the one seed the scene uses.
    const objective = objectiveOf(p.scene);
    for (let seed = 0; seed < 40; seed++) {
      const t = runTrajectory(objective, { ...sgd.params, seed }, sgd.start, sgd.steps, {
        domain: p.scene.domain,
      });
      expect(t.status).not.toBe('diverged');
      expect(distance(lastRow(t), min)).toBeGreaterThan(0.4);
    }
  });

  it('warmup-cosine: the constant run blows up, the warmed-up run ramps η then decays and settles', () => {
    const p = presetOrThrow('warmup-cosine');
    const constant = runDocOf(p, 'constant');
    const scheduled = runDocOf(p, 'warmup-cosine');
    expect(constant.params.schedule.kind).toBe('constant');
    expect(scheduled.params.schedule.kind).toBe('warmup-cosine');
    expect(constant.params.lr).toBe(scheduled.params.lr);
    expect(constant.start).toEqual(scheduled.start);
    const warmup = scheduled.params.schedule.warmup;
    expect(p.caption).toContain(`first ${warmup} steps`);

    const tConst = trajectory('warmup-cosine', constant.id);
    expect(tConst.status).toBe('diverged');
    expect(tConst.divergedAt).not.toBeNull();
    // "flung off the surface within two steps": the second step lands outside the viewing box.
    const second = row(tConst, 2);
    expect(
      Math.abs(second.x) > p.scene.domain.x[1] || Math.abs(second.y) > p.scene.domain.y[1],
    ).toBe(true);

    const tSched = trajectory('warmup-cosine', scheduled.id);
    expect(tSched.status).not.toBe('diverged');
    const lrs = rows(tSched, tSched.count).map((q) => q.lr);
    const peak = scheduled.params.lr;
    expect(fmt(lrs[0]!)).toBe(fmt(peak / warmup));
    expect(p.caption).toContain(`from ${fmt(lrs[0]!)} over`);
    for (let k = 1; k < warmup; k++) expect(lrs[k]).toBeGreaterThan(lrs[k - 1]!);
    expect(lrs[warmup - 1]).toBeCloseTo(peak, 12);
    for (let k = warmup + 1; k < scheduled.steps; k++) {
      expect(lrs[k]).toBeLessThanOrEqual(lrs[k - 1]!);
    }
    expect(lrs[scheduled.steps - 1]!).toBeLessThan(peak / 100);

    const min = getSurface('beale')!.minima[0]!.point;
    const end = lastRow(tSched);
    expect(distance(end, min)).toBeLessThan(0.04);
    expect(p.caption).toContain('within 0.04');
  });
});

describe('optional presets, computed', () => {
  it('zigzag: y is multiplied by 1 − 10η each step; only η < 0.2 is stable', () => {
    const p = presetOrThrow('zigzag');
    const h = new Float64Array(4);
    objectiveOf(p.scene).hessian([0, 0], h);
    expect([...h]).toEqual([1, 0, 0, 10]);
    for (const r of p.scene.runs) {
      const factor = 1 - 10 * r.params.lr;
      expect(p.caption).toContain(`${fmt(factor)} for η = ${fmt(r.params.lr)}`);
      const t = trajectory('zigzag', r.id);
      const rs = rows(t, t.count);
      for (let k = 1; k < rs.length; k++) expect(rs[k]!.y / rs[k - 1]!.y).toBeCloseTo(factor, 9);
      const grows = Math.abs(lastRow(t).y) > Math.abs(rs[0]!.y);
      expect(grows).toBe(r.params.lr >= 0.2);
    }
  });

  it('himmelblau: the four runs end in four different minima', () => {
    const p = presetOrThrow('himmelblau');
    const minima = getSurface('himmelblau')!.minima;
    const reached = new Set<number>();
    for (const r of p.scene.runs) {
      const end = lastRow(trajectory('himmelblau', r.id));
      const i = minima.findIndex((m) => distance(end, m.point) < 1e-3);
      expect(i).toBeGreaterThanOrEqual(0);
      reached.add(i);
      if (r.start[0] === 1 && r.start[1] === 1) {
        expect(p.caption).toContain(`(${fmt(end.x)}, ${fmt(end.y)})`);
      }
    }
    expect(reached.size).toBe(4);
  });
});

describe('the tiny-network preset, computed', () => {
  it('mlp-slice: 33 weights, 600 steps, loss 0.870 → 0.043, the plane holds 98% and 1% of the path', () => {
    const p = presetOrThrow('mlp-slice');
    const problem = resolveProblem(p.scene.problem);
    const slice = problem.slice!;
    expect(slice.parameters).toBe(33);
    expect(slice.loss).toHaveLength(601);
    expect(slice.loss[0]!.toFixed(3)).toBe('0.870');
    expect(slice.loss.at(-1)!.toFixed(3)).toBe('0.043');
    expect(slice.explained!.map((r) => Math.round(r * 100))).toEqual([98, 1]);
    expect(slice.plane).toBe('pca');
    // The scene's box is the slice's, so the whole training path is on the surface drawn.
    expect(p.scene.domain).toEqual(problem.domain);
    for (const v of slice.path) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-12);
    for (const claim of ['33 weights', '600 steps', '0.870 to 0.043', '98% and 1%']) {
      expect(p.caption).toContain(claim);
    }
  });
});
