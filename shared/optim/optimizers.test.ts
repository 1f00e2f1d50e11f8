import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getSurface } from '../surfaces.ts';
import {
  COL,
  DEFAULT_OPTIMIZER,
  OPTIMIZER_KINDS,
  STRIDE,
  type Objective,
  type OptimizerKind,
  type OptimizerParams,
} from '../types.ts';
import { clipByNorm, norm2 } from './clip.ts';
import { createState, optimizerStep } from './optimizers.ts';
import { runTrajectory } from './trajectory.ts';

const parabola = getSurface('parabola')!.objective;
const bowl = getSurface('bowl')!.objective;
const rosenbrock = getSurface('rosenbrock')!.objective;

function opt(kind: OptimizerKind, over: Partial<OptimizerParams> = {}): OptimizerParams {
  return { ...DEFAULT_OPTIMIZER, kind, ...over };
}

/** x positions of rows 0..n−1. */
function xs(data: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_, k) => data[k * STRIDE + COL.x] as number);
}

/** f = ½(a x² + 2b xy + c y²), a test-local objective independent of the surface module. */
function quad(a: number, b: number, c: number): Objective {
  return {
    dim: 2,
    variables: ['x', 'y'],
    value: (p) => {
      const x = p[0] as number;
      const y = p[1] as number;
      return 0.5 * (a * x * x + 2 * b * x * y + c * y * y);
    },
    gradient: (p, out) => {
      const x = p[0] as number;
      const y = p[1] as number;
      out[0] = a * x + b * y;
      out[1] = b * x + c * y;
    },
    hessian: (_p, out) => {
      out[0] = a;
      out[1] = b;
      out[2] = b;
      out[3] = c;
    },
    isKink: () => false,
  };
}

describe('first steps worked by hand on f = x², x₀ = 1 (g = 2x)', () => {
  it('gd: x ← x − 0.1·2x', () => {
    const t = runTrajectory(parabola, opt('gd'), [1], 2);
    const [x0, x1, x2] = xs(t.data, 3);
    expect(x0).toBe(1);
    expect(x1).toBeCloseTo(0.8, 14);
    expect(x2).toBeCloseTo(0.64, 14);
  });

  it('momentum β = 0.9: v = 2 → Δ −0.2; v = 0.9·2 + 1.6 = 3.4 → Δ −0.34', () => {
    const t = runTrajectory(parabola, opt('momentum', { momentum: 0.9 }), [1], 2);
    expect(xs(t.data, 3)[1]).toBeCloseTo(0.8, 14);
    expect(xs(t.data, 3)[2]).toBeCloseTo(0.46, 14);
    expect(t.data[1 * STRIDE + COL.ux]).toBeCloseTo(-0.34, 14);
  });

  it('nesterov β = 0.9: second gradient is taken at 0.8 − 0.1·0.9·2 = 0.62', () => {
    const t = runTrajectory(parabola, opt('nesterov', { momentum: 0.9 }), [1], 2);
    expect(xs(t.data, 3)[1]).toBeCloseTo(0.8, 14);
    // v₂ = 0.9·2 + 2·0.62 = 3.04, Δ = −0.304.
    expect(xs(t.data, 3)[2]).toBeCloseTo(0.496, 14);
    // The row still records the exact gradient at θ₁, not the look-ahead one.
    expect(t.data[1 * STRIDE + COL.gx]).toBeCloseTo(1.6, 14);
  });

  it('adagrad (ε = 0): s = 4, Δ = −0.1; s = 4 + 1.8², Δ = −0.1·1.8/√7.24', () => {
    const t = runTrajectory(parabola, opt('adagrad', { eps: 0 }), [1], 2);
    expect(xs(t.data, 3)[1]).toBeCloseTo(0.9, 14);
    expect(xs(t.data, 3)[2]).toBeCloseTo(0.9 - 0.18 / Math.sqrt(7.24), 14);
  });

  it('rmsprop ρ = 0.9 (ε = 0): s = 0.4, Δ = −0.1·2/√0.4; then s = 0.36 + 0.1·g²', () => {
    const t = runTrajectory(parabola, opt('rmsprop', { rho: 0.9, eps: 0, lr: 0.1 }), [1], 2);
    const x1 = 1 - 0.2 / Math.sqrt(0.4);
    expect(xs(t.data, 3)[1]).toBeCloseTo(x1, 14);
    const g1 = 2 * x1;
    expect(xs(t.data, 3)[2]).toBeCloseTo(x1 - (0.1 * g1) / Math.sqrt(0.36 + 0.1 * g1 * g1), 14);
  });

  it('adam (ε = 0, bias-corrected): step 2 uses m̂ = m/(1 − β₁²), ŝ = s/(1 − β₂²)', () => {
    const t = runTrajectory(parabola, opt('adam', { eps: 0, lr: 0.1 }), [1], 2);
    const x1 = 0.9; // first bias-corrected step is exactly −η·sign(g)
    expect(xs(t.data, 3)[1]).toBeCloseTo(x1, 14);
    const g1 = 2 * x1;
    const m = 0.9 * 0.1 * 2 + 0.1 * g1;
    const s = 0.999 * 0.001 * 4 + 0.001 * g1 * g1;
    const dx = (-0.1 * (m / (1 - 0.81))) / Math.sqrt(s / (1 - 0.999 ** 2));
    expect(xs(t.data, 3)[2]).toBeCloseTo(x1 + dx, 14);
  });
});

/** Plain, independent re-implementation of every rule for one 2D run (noise-free kinds). */
function reference(p: OptimizerParams, obj: Objective, start: number[], steps: number): number[][] {
  let th = start.slice();
  let v = [0, 0];
  let m = [0, 0];
  let s = [0, 0];
  const out = [th.slice()];
  const gradAt = (q: number[]) => {
    const g = new Float64Array(2);
    obj.gradient(q, g);
    return [g[0]!, g[1]!];
  };
  for (let t = 1; t <= steps; t++) {
    const eta = p.lr;
    let g =
      p.kind === 'nesterov' ? gradAt(th.map((x, i) => x - eta * p.momentum * v[i]!)) : gradAt(th);
    if (p.clip !== null) {
      const n = Math.hypot(g[0]!, g[1]!);
      if (n > p.clip) g = g.map((x) => (x * p.clip!) / n);
    }
    let d: number[];
    switch (p.kind) {
      case 'gd':
      case 'sgd':
        d = g.map((x) => -eta * x);
        break;
      case 'momentum':
      case 'nesterov':
        v = v.map((x, i) => p.momentum * x + g[i]!);
        d = v.map((x) => -eta * x);
        break;
      case 'adagrad':
        s = s.map((x, i) => x + g[i]! ** 2);
        d = g.map((x, i) => (-eta * x) / (Math.sqrt(s[i]!) + p.eps));
        break;
      case 'rmsprop':
        s = s.map((x, i) => p.rho * x + (1 - p.rho) * g[i]! ** 2);
        d = g.map((x, i) => (-eta * x) / (Math.sqrt(s[i]!) + p.eps));
        break;
      case 'adam': {
        m = m.map((x, i) => p.beta1 * x + (1 - p.beta1) * g[i]!);
        s = s.map((x, i) => p.beta2 * x + (1 - p.beta2) * g[i]! ** 2);
        const c1 = p.biasCorrection ? 1 - p.beta1 ** t : 1;
        const c2 = p.biasCorrection ? 1 - p.beta2 ** t : 1;
        d = m.map((x, i) => (-eta * (x / c1)) / (Math.sqrt(s[i]! / c2) + p.eps));
        break;
      }
    }
    th = th.map((x, i) => x + d[i]!);
    out.push(th.slice());
  }
  return out;
}

describe('every optimizer agrees with an independent reference implementation', () => {
  it('on random convex quadratics, random hyperparameters, with and without clipping', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPTIMIZER_KINDS),
        fc.record({
          l1: fc.double({ min: 0.2, max: 5, noNaN: true }),
          l2: fc.double({ min: 0.2, max: 5, noNaN: true }),
          angle: fc.double({ min: 0, max: Math.PI, noNaN: true }),
          x: fc.double({ min: -3, max: 3, noNaN: true }),
          y: fc.double({ min: -3, max: 3, noNaN: true }),
          lr: fc.double({ min: 0.001, max: 0.3, noNaN: true }),
          momentum: fc.double({ min: 0, max: 0.95, noNaN: true }),
          beta1: fc.double({ min: 0, max: 0.95, noNaN: true }),
          beta2: fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
          rho: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
          bias: fc.boolean(),
          clip: fc.option(fc.double({ min: 0.1, max: 5, noNaN: true }), { nil: null }),
        }),
        (kind, r) => {
          const c = Math.cos(r.angle);
          const s = Math.sin(r.angle);
          const obj = quad(
            r.l1 * c * c + r.l2 * s * s,
            (r.l1 - r.l2) * c * s,
            r.l1 * s * s + r.l2 * c * c,
          );
          const p = opt(kind, {
            lr: r.lr,
            momentum: r.momentum,
            beta1: r.beta1,
            beta2: r.beta2,
            rho: r.rho,
            biasCorrection: r.bias,
            clip: r.clip,
          });
          const steps = 40;
          const got = runTrajectory(obj, p, [r.x, r.y], steps);
          const want = reference(p, obj, [r.x, r.y], steps);
          expect(got.count).toBe(steps + 1);
          for (let k = 0; k <= steps; k++) {
            for (let i = 0; i < 2; i++) {
              const a = got.data[k * STRIDE + i] as number;
              const b = want[k]![i]!;
              expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(b)));
            }
            // Once a gradient component is nearly 0, adaptive methods (whose steps stay ≈ η in
            // size) flip that coordinate's sign on rounding alone: two correct implementations
            // part ways chaotically there, so the comparison ends at that row.
            const g = new Float64Array(2);
            obj.gradient(want[k]!, g);
            if (Math.min(Math.abs(g[0]!), Math.abs(g[1]!)) < 1e-3) break;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('adam', () => {
  it('first bias-corrected step moves every component by ≈ η, whatever the gradient scale', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }).filter((v) => Math.abs(v) > 1e-2),
        fc.double({ min: -3, max: 3, noNaN: true }).filter((v) => Math.abs(v) > 1e-2),
        (lr, x, y) => {
          const t = runTrajectory(bowl, opt('adam', { lr }), [x, y], 1);
          expect(Math.abs(t.data[COL.ux]!) / lr).toBeCloseTo(1, 6);
          expect(Math.abs(t.data[COL.uy]!) / lr).toBeCloseTo(1, 6);
          expect(Math.sign(t.data[COL.ux]!)).toBe(-Math.sign(x));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('without bias correction the first step is η·(1 − β₁)/√(1 − β₂): 3.16η at the defaults', () => {
    // Not "smaller" in general: with PyTorch's β₂ = 0.999 the uncorrected first step is about
    // three times η (the large initial steps that motivated the correction); it is smaller
    // only when 1 − β₁ < √(1 − β₂), e.g. β₂ = 0.9.
    const lr = 0.01;
    for (const [b1, b2] of [
      [0.9, 0.999],
      [0.9, 0.9],
      [0.5, 0.99],
    ] as const) {
      const p = opt('adam', { lr, beta1: b1, beta2: b2, biasCorrection: false });
      const t = runTrajectory(bowl, p, [2, -1], 1);
      const factor = (1 - b1) / Math.sqrt(1 - b2);
      expect(Math.abs(t.data[COL.ux]!) / lr).toBeCloseTo(factor, 6);
      expect(Math.abs(t.data[COL.uy]!) / lr).toBeCloseTo(factor, 6);
    }
    const small = runTrajectory(
      bowl,
      opt('adam', { lr, beta2: 0.9, biasCorrection: false }),
      [2, -1],
      1,
    );
    expect(Math.abs(small.data[COL.ux]!)).toBeLessThan(lr);
  });
});

describe('gradient clipping', () => {
  it('clipByNorm rescales to the threshold, keeps direction, leaves short vectors alone', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (gx, gy, c) => {
          const g = new Float64Array([gx, gy]);
          const n = clipByNorm(g, 2, c);
          expect(n).toBeCloseTo(Math.hypot(gx, gy), 6);
          if (n <= c) {
            expect(Array.from(g)).toEqual([gx, gy]);
          } else {
            expect(Math.hypot(g[0]!, g[1]!)).toBeCloseTo(c, 9);
            expect(g[0]! * gy - g[1]! * gx).toBeCloseTo(0, 6); // parallel
            expect(g[0]! * gx + g[1]! * gy).toBeGreaterThan(0); // same way
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles null, 1D, huge finite gradients and non-finite ones', () => {
    const g = new Float64Array([3, 4]);
    clipByNorm(g, 2, null);
    expect(Array.from(g)).toEqual([3, 4]);
    const one = new Float64Array([-10]);
    expect(clipByNorm(one, 1, 2)).toBe(10);
    expect(one[0]).toBe(-2);
    const huge = new Float64Array([3e200, 4e200]);
    expect(clipByNorm(huge, 2, 1)).toBeCloseTo(5e200, -190);
    expect(huge[0]).toBeCloseTo(0.6, 12);
    expect(huge[1]).toBeCloseTo(0.8, 12);
    const bad = new Float64Array([Infinity, 1]);
    clipByNorm(bad, 2, 1);
    expect(bad[0]).toBe(Infinity);
    expect(norm2(NaN, 0)).toBeNaN();
  });

  it('bounds every GD update on Rosenbrock by η·clip, with equality when the gradient is longer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -1, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (x, y, clip) => {
          const lr = 1e-3;
          const t = runTrajectory(rosenbrock, opt('gd', { lr, clip }), [x, y], 200);
          for (let k = 0; k < t.count - 1; k++) {
            const r = k * STRIDE;
            const u = Math.hypot(t.data[r + COL.ux]!, t.data[r + COL.uy]!);
            const g = Math.hypot(t.data[r + COL.gx]!, t.data[r + COL.gy]!);
            expect(u).toBeLessThanOrEqual(lr * clip * (1 + 1e-12));
            if (g > clip) expect(u).toBeCloseTo(lr * clip, 12);
            else expect(u).toBeCloseTo(lr * g, 12);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('applies to the gradient every optimizer sees (momentum velocity ≤ clip/(1 − β))', () => {
    const lr = 1e-4;
    const clip = 0.5;
    const t = runTrajectory(
      rosenbrock,
      opt('momentum', { lr, clip, momentum: 0.9 }),
      [-1.5, 2.5],
      500,
    );
    let maxU = 0;
    for (let k = 0; k < t.count - 1; k++) {
      maxU = Math.max(maxU, Math.hypot(t.data[k * STRIDE + COL.ux]!, t.data[k * STRIDE + COL.uy]!));
    }
    expect(maxU).toBeLessThanOrEqual((lr * clip) / (1 - 0.9) + 1e-15);
    expect(maxU).toBeGreaterThan(lr * clip); // momentum does build up beyond a single step
  });
});

describe('sgd noise', () => {
  const base = opt('sgd', { lr: 0.05, noise: 0.5, seed: 1234 });

  it('same seed ⇒ bit-identical trajectory; another seed ⇒ a different one', () => {
    const a = runTrajectory(rosenbrock, base, [-1, 2], 2000);
    const b = runTrajectory(rosenbrock, { ...base }, [-1, 2], 2000);
    expect(b.data).toEqual(a.data);
    expect(b.count).toBe(a.count);
    const c = runTrajectory(rosenbrock, { ...base, seed: 1235 }, [-1, 2], 2000);
    expect(c.data).not.toEqual(a.data);
  });

  it('σ = 0 reproduces gd exactly (any seed)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: -2, max: 2, noNaN: true }), (seed, x) => {
        const s = runTrajectory(rosenbrock, opt('sgd', { lr: 1e-3, noise: 0, seed }), [x, 1], 300);
        const g = runTrajectory(rosenbrock, opt('gd', { lr: 1e-3 }), [x, 1], 300);
        expect(s.data).toEqual(g.data);
      }),
      { numRuns: 30 },
    );
  });

  it('adds N(0, σ²) per component to the gradient, while rows keep the exact gradient', () => {
    const sigma = 2;
    const lr = 1e-3;
    const steps = 20_000;
    const t = runTrajectory(bowl, opt('sgd', { lr, noise: sigma, seed: 9 }), [1, 1], steps);
    let sum = 0;
    let sq = 0;
    let n = 0;
    let exact = true;
    const g = new Float64Array(2);
    for (let k = 0; k < steps; k++) {
      const r = k * STRIDE;
      bowl.gradient([t.data[r + COL.x]!, t.data[r + COL.y]!], g);
      if (g[0] !== t.data[r + COL.gx] || g[1] !== t.data[r + COL.gy]) exact = false;
      for (const i of [0, 1]) {
        const z = -t.data[r + COL.ux + i]! / lr - g[i]!;
        sum += z;
        sq += z * z;
        n++;
      }
    }
    expect(exact).toBe(true);
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    expect(Math.sqrt(sq / n)).toBeCloseTo(sigma, 1);
  });

  it('is ignored by every other optimizer', () => {
    for (const kind of OPTIMIZER_KINDS.filter((k) => k !== 'sgd')) {
      const quiet = runTrajectory(rosenbrock, opt(kind, { lr: 1e-3, noise: 0 }), [-1, 2], 200);
      const loud = runTrajectory(rosenbrock, opt(kind, { lr: 1e-3, noise: 3 }), [-1, 2], 200);
      expect(loud.data, kind).toEqual(quiet.data);
    }
  });
});

describe('state and step function', () => {
  it('createState gives zero buffers of length dim and t = 0', () => {
    for (const dim of [1, 2] as const) {
      const s = createState(DEFAULT_OPTIMIZER, dim);
      expect(s.t).toBe(0);
      for (const b of [s.v, s.m, s.s]) expect(Array.from(b)).toEqual(new Array(dim).fill(0));
    }
  });

  it('optimizerStep increments t, uses the lr argument (not params.lr) and writes only dim entries', () => {
    const st = createState(opt('gd', { lr: 123 }), 1);
    const out = new Float64Array([NaN, 7]);
    optimizerStep(opt('gd', { lr: 123 }), st, parabola, [2], [4], 0.25, out);
    expect(st.t).toBe(1);
    expect(out[0]).toBe(-1);
    expect(out[1]).toBe(7);
  });

  it('every optimizer reaches the bowl minimum with sensible settings', () => {
    const settings: Record<OptimizerKind, Partial<OptimizerParams>> = {
      gd: { lr: 0.1 },
      sgd: { lr: 0.1, noise: 0 },
      momentum: { lr: 0.05, momentum: 0.9 },
      nesterov: { lr: 0.05, momentum: 0.9 },
      adagrad: { lr: 1 },
      rmsprop: { lr: 0.01 },
      adam: { lr: 0.05 },
    };
    for (const kind of OPTIMIZER_KINDS) {
      const t = runTrajectory(bowl, opt(kind, settings[kind]), [3, -2], 3000);
      const r = (t.count - 1) * STRIDE;
      expect(Math.hypot(t.data[r + COL.x]!, t.data[r + COL.y]!), kind).toBeLessThan(0.05);
    }
  });
});
