import { describe, expect, it } from 'vitest';
import { resolveProblem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import { problemSchema } from '../schema.ts';
import { COL, DEFAULT_OPTIMIZER, STRIDE } from '../types.ts';
import { builtinDataset } from './data.ts';
import { checkMlpSpec, mlpProblem } from './mlpProblem.ts';
import { mlpDomain, mlpPlannedSteps, trainingLabel, trainingPathDoc } from './mlpSpec.ts';
import type { MlpSpec } from './mlpSpec.ts';
import { mlpModel, mlpInit } from './models.ts';
import { train } from './train.ts';

const spec = (patch: Partial<MlpSpec> = {}): MlpSpec => ({
  kind: 'mlp',
  data: { kind: 'builtin', name: 'moons', n: 60, seed: 1, noise: 0.1 },
  hidden: 4,
  activation: 'tanh',
  plane: 'pca',
  params: { ...DEFAULT_OPTIMIZER, kind: 'gd', lr: 0.5 },
  batch: 20,
  epochs: 10,
  seed: 3,
  ...patch,
});

describe('a network on a slice', () => {
  it('is a valid problem spec', () => {
    expect(problemSchema.safeParse(spec()).success).toBe(true);
    expect(problemSchema.safeParse({ ...spec(), hidden: 0 }).success).toBe(false);
    expect(problemSchema.safeParse({ ...spec(), plane: 'pc3' }).success).toBe(false);
  });

  it('plans epochs × batches per epoch steps, and draws one point per step', () => {
    expect(mlpPlannedSteps(spec())).toBe(30);
    expect(mlpPlannedSteps(spec({ batch: 1000 }))).toBe(10);
    const problem = mlpProblem(spec());
    expect(problem.slice!.path).toHaveLength(2 * 31);
    expect(problem.slice!.loss).toHaveLength(31);
    expect(problem.dim).toBe(2);
  });

  it('samples the real loss on the plane: its centre is the trained network', () => {
    const s = spec();
    const problem = mlpProblem(s);
    const data = builtinDataset('moons', { n: 60, seed: 1, noise: 0.1 });
    const model = mlpModel({ hidden: 4, activation: 'tanh' });
    const trained = train(model, data, mlpInit(4, 3, 'tanh'), {
      optimizer: s.params,
      batch: 20,
      epochs: 10,
      seed: 3,
    });
    const last = trained.fullLoss[trained.steps]!;
    expect(problem.slice!.loss.at(-1)).toBe(last);
    expect(problem.minima[0]).toEqual({ point: [0, 0], value: last, kind: 'local' });
    // The grid's centre is not a sample (64 points per axis), but the interpolant passes close.
    expect(problem.objective.value(new Float64Array([0, 0]))).toBeCloseTo(last, 3);
    // The path ends at the centre and (PCA plane, scaled) reaches ±1 on both axes.
    const path = problem.slice!.path;
    expect(path.at(-2)).toBeCloseTo(0, 12);
    expect(path.at(-1)).toBeCloseTo(0, 12);
    const reach = (axis: number): number =>
      Math.max(...path.filter((_, k) => k % 2 === axis).map(Math.abs));
    expect(reach(0)).toBeCloseTo(1, 12);
    expect(reach(1)).toBeCloseTo(1, 12);
    expect(problem.domain).toEqual(mlpDomain('pca'));
  });

  it('gives the training as step-table rows: the plane point, the true loss, its slope along each axis', () => {
    const problem = mlpProblem(spec());
    const { rows, path, loss } = problem.slice!;
    expect(rows.count).toBe(31);
    for (let k = 0; k < rows.count; k++) {
      expect(rows.data[k * STRIDE + COL.x]).toBe(path[2 * k]);
      expect(rows.data[k * STRIDE + COL.y]).toBe(path[2 * k + 1]);
      expect(rows.data[k * STRIDE + COL.f]).toBe(loss[k]);
    }
    // The last row is the trained network, on the plane at its centre: its slope along the axes
    // is the slice's own slope there (which the interpolated surface approximates).
    const last = (rows.count - 1) * STRIDE;
    const g = new Float64Array(2);
    problem.objective.gradient(new Float64Array([0, 0]), g);
    expect(rows.data[last + COL.gx]).toBeCloseTo(g[0]!, 2);
    expect(rows.data[last + COL.gy]).toBeCloseTo(g[1]!, 2);
    // Batches of 20 from 60 points: three per epoch, the first step from batch 0 of epoch 0.
    expect(rows.minibatch.size).toBe(20);
    expect(Array.from(rows.minibatch.epoch.slice(0, 4))).toEqual([0, 0, 0, 1]);
    expect(Array.from(rows.minibatch.batch.slice(0, 4))).toEqual([0, 1, 2, 0]);
    expect(rows.minibatch.epoch[30]).toBe(-1);
  });

  it('says which plane it is drawn on', () => {
    const pca = mlpProblem(spec());
    expect(pca.slice!.plane).toBe('pca');
    expect(pca.slice!.label).toMatch(/^Plane: path's 2 principal components \(\d+%, \d+%\)$/);
    const [a, b] = pca.slice!.explained!;
    expect(a).toBeGreaterThan(b);
    expect(a + b).toBeLessThanOrEqual(1 + 1e-12);
    const random = mlpProblem(spec({ plane: 'random' }));
    expect(random.slice!.label).toBe('Plane: 2 random filter-normalised directions');
    expect(random.slice!.explained).toBeNull();
    expect(random.domain).toEqual({ x: [-1, 1], y: [-1, 1] });
  });

  it('reports progress once per sampled row', () => {
    const calls: [number, number][] = [];
    mlpProblem(spec({ seed: 4 }), (done, total) => calls.push([done, total]));
    expect(calls).toHaveLength(64);
    expect(calls[0]).toEqual([1, 64]);
    expect(calls.at(-1)).toEqual([64, 64]);
  });

  it('is reproducible by seed, and another seed gives another network', () => {
    const a = mlpProblem(spec());
    const b = mlpProblem(spec());
    const c = mlpProblem(spec({ seed: 9 }));
    expect(b.slice!.path).toEqual(a.slice!.path);
    expect(c.slice!.loss).not.toEqual(a.slice!.loss);
  });

  it('refuses data it cannot classify, and training too long to draw, in words', () => {
    const line = spec({ data: { kind: 'builtin', name: 'line', n: 50, seed: 1, noise: 0.5 } });
    expect(() => mlpProblem(line)).toThrow(ProblemError);
    expect(checkMlpSpec(line)).toMatch(/classifies points with two inputs/);
    const long = spec({ batch: 1, epochs: 1000 });
    expect(checkMlpSpec(long)).toMatch(/60000 steps .* at most 20000/);
    expect(checkMlpSpec(spec())).toBeNull();
  });

  it('labels the training as the panel sets it', () => {
    expect(trainingLabel(spec())).toBe('Training: SGD η = 0.5, batch 20, 10 epochs');
    expect(trainingLabel(spec({ batch: 60, epochs: 1 }))).toBe(
      'Training: GD η = 0.5, full batch, 1 epoch',
    );
    const doc = trainingPathDoc(spec(), mlpProblem(spec()).slice!);
    expect(doc.points).toHaveLength(31);
    expect(doc.points.at(-1)![0]).toBeCloseTo(0, 12);
  });

  it('is cached like any problem, progress reported only when it is built', () => {
    const s = spec({ seed: 11 });
    let reports = 0;
    const first = resolveProblem(s, () => reports++);
    expect(reports).toBe(64);
    expect(resolveProblem(s, () => reports++)).toBe(first);
    expect(reports).toBe(64);
  });
});
