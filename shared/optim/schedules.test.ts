import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_OPTIMIZER, type OptimizerParams, type ScheduleParams } from '../types.ts';
import { learningRate } from './schedules.ts';

function params(lr: number, schedule: Partial<ScheduleParams>): OptimizerParams {
  return { ...DEFAULT_OPTIMIZER, lr, schedule: { ...DEFAULT_OPTIMIZER.schedule, ...schedule } };
}

/** η_t for t = from..to inclusive. */
function series(p: OptimizerParams, from: number, to: number, T: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to; t++) out.push(learningRate(p, t, T));
  return out;
}

/** Count of places where the sequence goes up (or down, with sign −1). */
function rises(v: number[], sign = 1): number {
  let n = 0;
  for (let i = 1; i < v.length; i++) if (sign * (v[i]! - v[i - 1]!) > 0) n++;
  return n;
}

const lrArb = fc.double({ min: 1e-4, max: 10, noNaN: true });
const stepsArb = fc.integer({ min: 1, max: 2000 });

describe('constant', () => {
  it('is η at every step, start and end included', () => {
    const p = params(0.3, { kind: 'constant' });
    for (const t of [0, 1, 50, 99, 100, 500]) expect(learningRate(p, t, 100)).toBe(0.3);
  });
});

describe('step decay', () => {
  it('is piecewise constant and multiplies by the factor at each boundary', () => {
    fc.assert(
      fc.property(
        lrArb,
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        stepsArb,
        (lr, every, factor, T) => {
          const p = params(lr, { kind: 'step', stepEvery: every, stepFactor: factor });
          expect(learningRate(p, 0, T)).toBe(lr);
          const v = series(p, 0, T, T);
          let wrong = 0;
          for (let t = 1; t <= T; t++) {
            const want = t % every === 0 ? v[t - 1]! * factor : v[t - 1]!;
            if (Math.abs(v[t]! - want) > 1e-12 * lr) wrong++;
            if (t % every !== 0 && v[t] !== v[t - 1]) wrong++;
          }
          expect(wrong).toBe(0);
          expect(learningRate(p, T, T)).toBeCloseTo(lr * factor ** Math.floor(T / every), 12);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('matches the chapter-style example η = 1, every 10, factor 0.5', () => {
    const p = params(1, { kind: 'step', stepEvery: 10, stepFactor: 0.5 });
    expect([0, 9, 10, 19, 20, 35].map((t) => learningRate(p, t, 100))).toEqual([
      1, 1, 0.5, 0.5, 0.25, 0.125,
    ]);
  });
});

describe('exponential decay', () => {
  it('is η·γ^t: η at 0, strictly decreasing for γ < 1, η·γ^T at the end', () => {
    fc.assert(
      fc.property(lrArb, fc.double({ min: 0.5, max: 0.999, noNaN: true }), stepsArb, (lr, g, T) => {
        const p = params(lr, { kind: 'exp', gamma: g });
        expect(learningRate(p, 0, T)).toBe(lr);
        expect(rises(series(p, 0, T, T))).toBe(0);
        expect(learningRate(p, 10, T)).toBeCloseTo(lr * g ** 10, 12);
        expect(learningRate(p, T, T)).toBeCloseTo(lr * g ** T, 12);
      }),
      { numRuns: 50 },
    );
  });
});

describe('cosine', () => {
  it('starts at η, ends at minLr, halfway is the mean, non-increasing throughout', () => {
    fc.assert(
      fc.property(lrArb, fc.double({ min: 0, max: 1, noNaN: true }), stepsArb, (lr, frac, T) => {
        const minLr = lr * frac;
        const p = params(lr, { kind: 'cosine', minLr });
        expect(learningRate(p, 0, T)).toBeCloseTo(lr, 12);
        expect(learningRate(p, T, T)).toBeCloseTo(minLr, 12);
        expect(learningRate(p, T + 5, T)).toBeCloseTo(minLr, 12);
        if (T % 2 === 0) expect(learningRate(p, T / 2, T)).toBeCloseTo((lr + minLr) / 2, 12);
        expect(rises(series(p, 0, T + 3, T))).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('with zero total steps returns minLr (no NaN)', () => {
    expect(learningRate(params(1, { kind: 'cosine', minLr: 0.1 }), 0, 0)).toBe(0.1);
  });
});

describe('warmup-cosine', () => {
  it('ramps up linearly from η/W to η, then decays by cosine to minLr at the end', () => {
    fc.assert(
      fc.property(
        lrArb,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (lr, W, extra, frac) => {
          const T = W + extra;
          const minLr = lr * frac;
          const p = params(lr, { kind: 'warmup-cosine', warmup: W, minLr });
          expect(learningRate(p, 0, T)).toBeCloseTo(lr / W, 12);
          const up = series(p, 0, W - 1, T);
          // Strictly increasing during warm-up.
          expect(up.filter((v, i) => i > 0 && !(v > up[i - 1]!)).length).toBe(0);
          expect(up.filter((v, t) => Math.abs(v - (lr * (t + 1)) / W) > 1e-12 * lr)).toEqual([]);
          expect(learningRate(p, W - 1, T)).toBeCloseTo(lr, 12);
          expect(learningRate(p, W, T)).toBeCloseTo(lr, 12);
          expect(rises(series(p, W, T, T))).toBe(0);
          expect(learningRate(p, T, T)).toBeCloseTo(minLr, 12);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('with warmup 0 is plain cosine', () => {
    const a = params(0.5, { kind: 'warmup-cosine', warmup: 0, minLr: 0.01 });
    const b = params(0.5, { kind: 'cosine', minLr: 0.01 });
    for (let t = 0; t <= 40; t++) expect(learningRate(a, t, 40)).toBe(learningRate(b, t, 40));
  });
});
