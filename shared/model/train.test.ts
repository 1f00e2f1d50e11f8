import { describe, expect, it } from 'vitest';
import {
  COL,
  DEFAULT_OPTIMIZER,
  OPTIMIZER_KINDS,
  STRIDE,
  type OptimizerKind,
  type OptimizerParams,
} from '../types.ts';
import { runTrajectory } from '../optim/trajectory.ts';
import { blobs, moons, noisyLine, type Dataset } from './data.ts';
import {
  fullLossObjective,
  linearModel,
  logisticModel,
  mlpInit,
  mlpModel,
  type Model,
} from './models.ts';
import { train, type TrainOptions } from './train.ts';

const line = noisyLine({ n: 60, seed: 4 });
const linear = linearModel();

function opt(
  kind: OptimizerKind,
  lr: number,
  over: Partial<OptimizerParams> = {},
): OptimizerParams {
  return { ...DEFAULT_OPTIMIZER, kind, lr, ...over };
}

function base(over: Partial<TrainOptions> = {}): TrainOptions {
  return { optimizer: opt('sgd', 0.05), batch: 8, epochs: 5, seed: 1, ...over };
}

describe('full batch equals gradient descent on the full loss', () => {
  // The full loss summed point by point, as the trainer sums a full batch (the surface's own
  // objective uses centred moments: equal only to rounding).
  const pointwise = {
    ...fullLossObjective(linear, line),
    value: (p: ArrayLike<number>) => linear.loss(p, line),
    gradient: (p: ArrayLike<number>, out: Float64Array) => {
      linear.lossAndGradient(p, line, out);
    },
  };
  for (const kind of OPTIMIZER_KINDS) {
    it(kind, () => {
      const params = opt(kind, kind === 'adagrad' ? 0.5 : 0.05, { momentum: 0.8 });
      const steps = 150;
      const run = train(linear, line, [-1, 3], {
        optimizer: params,
        batch: line.y.length,
        epochs: steps,
        seed: 5,
        // Data order: the same summation order as the reference below, so the numbers agree to
        // the last bit even for rmsprop/adam, which amplify rounding near the minimum.
        shuffle: false,
      });
      const ref = runTrajectory(pointwise, params, [-1, 3], steps);
      expect(run.status).toBe('done');
      expect(run.steps).toBe(steps);
      expect(ref.count).toBe(steps + 1);
      for (let k = 0; k <= steps; k++) {
        for (let c = 0; c < 2; c++) {
          const want = ref.data[k * STRIDE + (c === 0 ? COL.x : COL.y)]!;
          expect(Math.abs(run.theta[2 * k + c]! - want)).toBeLessThan(1e-12 * (1 + Math.abs(want)));
        }
        const f = ref.data[k * STRIDE + COL.f]!;
        expect(Math.abs(run.fullLoss[k]! - f)).toBeLessThan(1e-12 * (1 + f));
      }
    });
  }

  it('gd with shuffled full batches agrees to 1e-12', () => {
    const params = opt('gd', 0.1);
    const run = train(linear, line, [-1, 3], {
      optimizer: params,
      batch: 60,
      epochs: 300,
      seed: 9,
    });
    const ref = runTrajectory(fullLossObjective(linear, line), params, [-1, 3], 300);
    for (let k = 0; k <= 300; k++) {
      expect(Math.abs(run.theta[2 * k]! - ref.data[k * STRIDE + COL.x]!)).toBeLessThan(1e-12);
      expect(Math.abs(run.theta[2 * k + 1]! - ref.data[k * STRIDE + COL.y]!)).toBeLessThan(1e-12);
    }
  });

  it('with gradient clipping too', () => {
    const params = opt('momentum', 0.05, { clip: 0.5 });
    const run = train(linear, line, [-4, 5], { optimizer: params, batch: 60, epochs: 80, seed: 1 });
    const ref = runTrajectory(fullLossObjective(linear, line), params, [-4, 5], 80);
    for (let k = 0; k <= 80; k++) {
      expect(run.theta[2 * k]).toBeCloseTo(ref.data[k * STRIDE + COL.x]!, 12);
      expect(run.theta[2 * k + 1]).toBeCloseTo(ref.data[k * STRIDE + COL.y]!, 12);
    }
  });
});

describe('minibatch runs', () => {
  it('record rows, epochs, batches and learning rates', () => {
    // 60 points, batch 8 → 8 batches per epoch (the last one has 4 points), 5 epochs = 40 steps.
    const run = train(linear, line, [0, 0], base());
    expect(run.steps).toBe(40);
    expect(run.theta.length).toBe(41 * 2);
    expect(run.dim).toBe(2);
    expect(Number.isNaN(run.batchLoss[0])).toBe(true);
    expect(Number.isNaN(run.lr[0])).toBe(true);
    expect(run.epoch[0]).toBe(-1);
    expect(Array.from(run.epoch.subarray(1, 10))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(run.batch.subarray(1, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 0]);
    expect(run.epoch[40]).toBe(4);
    expect(run.lr[5]).toBe(0.05);
    expect(run.fullLoss[0]).toBe(linear.loss([0, 0], line));
    expect(run.fullLoss[40]).toBe(linear.loss(run.theta.subarray(80, 82), line));
    expect(run.fullLoss[40]!).toBeLessThan(run.fullLoss[0]! / 10);
  });

  it('batch loss of step k is the loss of its minibatch at θ_{k−1}', () => {
    const run = train(linear, line, [0, 0], base({ shuffle: false }));
    // Step 1 uses points 0..7 in data order at θ_0 = (0, 0).
    expect(run.batchLoss[1]).toBeCloseTo(linear.loss([0, 0], line, [0, 1, 2, 3, 4, 5, 6, 7]), 14);
  });

  it('is reproducible by seed and differs across seeds', () => {
    const a = train(linear, line, [0, 0], base({ seed: 11 }));
    const b = train(linear, line, [0, 0], base({ seed: 11 }));
    const c = train(linear, line, [0, 0], base({ seed: 12 }));
    expect(b).toEqual(a);
    expect(Array.from(c.theta)).not.toEqual(Array.from(a.theta));
    // Unshuffled runs do not depend on the seed.
    const u1 = train(linear, line, [0, 0], base({ seed: 1, shuffle: false }));
    const u2 = train(linear, line, [0, 0], base({ seed: 2, shuffle: false }));
    expect(u2.theta).toEqual(u1.theta);
  });

  it('ignores the sgd noise knob: the noise comes from sampling', () => {
    const noisy = train(linear, line, [0, 0], base({ optimizer: opt('sgd', 0.05, { noise: 3 }) }));
    const gd = train(linear, line, [0, 0], base({ optimizer: opt('gd', 0.05) }));
    expect(noisy.theta).toEqual(gd.theta);
  });

  it('maxSteps caps the run and the schedule spans the planned steps', () => {
    const run = train(linear, line, [0, 0], base({ maxSteps: 7 }));
    expect(run.steps).toBe(7);
    const cos = train(linear, line, [0, 0], {
      ...base({ maxSteps: 10 }),
      optimizer: opt('sgd', 0.1, {
        schedule: { ...DEFAULT_OPTIMIZER.schedule, kind: 'cosine', minLr: 0 },
      }),
    });
    expect(cos.lr[1]).toBe(0.1);
    expect(cos.lr[10]).toBeCloseTo((0.1 * (1 + Math.cos((Math.PI * 9) / 10))) / 2, 14);
  });

  it('nesterov takes its look-ahead gradient on the same minibatch', () => {
    const calls: number[][] = [];
    const spy: Model = {
      ...linear,
      loss: (t, d, idx, count) => linear.loss(t, d, idx, count),
      lossAndGradient: (t, d, out, idx, count) => {
        calls.push(Array.from(idx ?? [], Number).slice(0, count ?? idx?.length ?? 0));
        return linear.lossAndGradient(t, d, out, idx, count);
      },
    };
    train(spy, line, [0, 0], base({ optimizer: opt('nesterov', 0.05), epochs: 2 }));
    expect(calls.length).toBe(2 * 16);
    for (let k = 0; k < 16; k++) {
      expect(calls[2 * k + 1]).toEqual(calls[2 * k]);
      if (k > 0) expect(calls[2 * k]).not.toEqual(calls[2 * k - 2]);
    }
  });

  it('trains the mlp on moons and logistic regression on blobs', () => {
    const moon = moons({ n: 200, seed: 3 });
    const mlp = mlpModel();
    const run = train(mlp, moon, mlpInit(8, 1), {
      optimizer: opt('adam', 0.05),
      batch: 16,
      epochs: 30,
      seed: 2,
    });
    expect(run.status).toBe('done');
    expect(run.fullLoss[run.steps]!).toBeLessThan(0.5 * run.fullLoss[0]!);
    const blob: Dataset = blobs({ n: 200, seed: 3 });
    const lr = train(logisticModel(), blob, [-1, 1], { ...base(), optimizer: opt('sgd', 0.5) });
    expect(lr.fullLoss[lr.steps]!).toBeLessThan(0.2);
  });
});

describe('divergence and validation', () => {
  it('stops at the first non-finite step and keeps only finite rows', () => {
    const run = train(linear, line, [1, 1], base({ optimizer: opt('gd', 5), epochs: 500 }));
    expect(run.status).toBe('diverged');
    expect(run.divergedAt).toBe(run.steps + 1);
    expect(run.steps).toBeGreaterThan(10);
    expect(run.steps).toBeLessThan(4000);
    expect(run.theta.length).toBe((run.steps + 1) * 2);
    expect(run.fullLoss.length).toBe(run.steps + 1);
    expect(run.epoch.length).toBe(run.steps + 1);
    expect(run.theta.every(Number.isFinite)).toBe(true);
    expect(run.fullLoss.every(Number.isFinite)).toBe(true);
    expect(run.batchLoss.subarray(1).every(Number.isFinite)).toBe(true);
  });

  it('a finished run reports done', () => {
    const run = train(linear, line, [1, 1], base());
    expect(run.status).toBe('done');
    expect(run.divergedAt).toBeNull();
  });

  it('rejects bad options with clear RangeErrors', () => {
    const t =
      (o: Partial<TrainOptions>, theta: number[] = [0, 0]) =>
      () =>
        train(linear, line, theta, base(o));
    expect(t({ batch: 0 })).toThrow(/batch must be an integer in \[1, 60\]/);
    expect(t({ batch: 61 })).toThrow(RangeError);
    expect(t({ batch: 2.5 })).toThrow(RangeError);
    expect(t({ epochs: 0 })).toThrow(/epochs/);
    expect(t({ seed: NaN })).toThrow(/seed/);
    expect(t({ maxSteps: -1 })).toThrow(/maxSteps/);
    expect(t({ optimizer: opt('gd', Infinity) })).toThrow(/learning rate/);
    expect(t({ optimizer: opt('lbfgs' as OptimizerKind, 0.1) })).toThrow(/unknown optimizer/);
    expect(t({}, [0])).toThrow(/needs 2 parameter/);
    expect(t({}, [0, NaN])).toThrow(/θ0\[1\] \(b\)/);
    expect(t({ epochs: 1e6 })).toThrow(/more than/);
    expect(() => train(linear, moons({ n: 10 }), [0, 0], base())).toThrow(/feature/);
  });
});
