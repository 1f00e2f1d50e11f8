import { describe, expect, it } from 'vitest';
import { COL, DEFAULT_OPTIMIZER, STRIDE } from '../types.ts';
import type { OptimizerParams } from '../types.ts';
import { builtinDataset } from './data.ts';
import { fullLossObjective, linearModel, logisticModel } from './models.ts';
import { minibatchTrajectory } from './trajectory.ts';
import { train } from './train.ts';

const line = builtinDataset('line', { n: 60, seed: 3 });
const blobs = builtinDataset('blobs', { n: 50, seed: 2 });

function run(kind: 'linear' | 'logistic', params: Partial<OptimizerParams>, steps = 40) {
  const model = kind === 'linear' ? linearModel() : logisticModel();
  const data = kind === 'linear' ? line : blobs;
  const objective = fullLossObjective(model, data);
  const p = { ...DEFAULT_OPTIMIZER, lr: 0.05, seed: 4, ...params };
  const start = [-2, 3];
  return {
    model,
    data,
    objective,
    p,
    start,
    t: minibatchTrajectory({ model, data, objective, params: p, start, steps, batch: 7 }),
  };
}

describe('minibatchTrajectory', () => {
  it.each(['linear', 'logistic'] as const)(
    'packs exactly the rows train() gives, with the full loss and gradient (%s)',
    (kind) => {
      const { model, data, objective, p, start, t } = run(kind, { kind: 'momentum' });
      const steps = 40;
      const trained = train(model, data, start, {
        optimizer: p,
        batch: 7,
        epochs: Math.ceil(steps / Math.ceil(data.y.length / 7)),
        seed: p.seed,
        maxSteps: steps,
      });
      expect(t.count).toBe(steps + 1);
      expect(t.status).toBe('running');
      const g = new Float64Array(2);
      for (let k = 0; k < t.count; k++) {
        const row = k * STRIDE;
        const theta = trained.theta.subarray(2 * k, 2 * k + 2);
        expect([t.data[row + COL.x], t.data[row + COL.y]]).toEqual([theta[0], theta[1]]);
        expect(t.data[row + COL.f]).toBe(objective.value(theta));
        objective.gradient(theta, g);
        expect([t.data[row + COL.gx], t.data[row + COL.gy]]).toEqual([g[0], g[1]]);
        if (k < steps) {
          expect(t.data[row + COL.ux]).toBe(trained.theta[2 * k + 2]! - theta[0]!);
          expect(t.data[row + COL.uy]).toBe(trained.theta[2 * k + 3]! - theta[1]!);
          expect(t.data[row + COL.lr]).toBe(trained.lr[k + 1]);
          expect(t.minibatch.loss[k]).toBe(trained.batchLoss[k + 1]);
          expect(t.minibatch.epoch[k]).toBe(trained.epoch[k + 1]);
          expect(t.minibatch.batch[k]).toBe(trained.batch[k + 1]);
        }
      }
      // The last row takes no step, and keeps the η in force.
      const last = steps * STRIDE;
      expect([t.data[last + COL.ux], t.data[last + COL.uy]]).toEqual([0, 0]);
      expect(t.data[last + COL.lr]).toBe(trained.lr[steps]);
      expect([t.minibatch.epoch[steps], t.minibatch.batch[steps]]).toEqual([-1, -1]);
      expect(t.minibatch.loss[steps]).toBeNaN();
    },
  );

  it('stops a run that blows up, keeping only finite rows', () => {
    const { t } = run('linear', { kind: 'gd', lr: 5 }, 200);
    expect(t.status).toBe('diverged');
    expect(t.count).toBeLessThan(201);
    expect(t.divergedAt).toBe(t.count);
    for (let i = 0; i < t.count * STRIDE; i++) expect(Number.isFinite(t.data[i])).toBe(true);
    expect(t.minibatch.loss).toHaveLength(t.count);
    expect(t.minibatch.epoch[t.count - 1]).toBe(-1);
  });

  it('repeats itself for a seed and differs for another', () => {
    const a = run('linear', { seed: 9 }).t;
    expect(run('linear', { seed: 9 }).t.data).toEqual(a.data);
    expect(run('linear', { seed: 10 }).t.data).not.toEqual(a.data);
  });
});
