import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getSurface } from '../surfaces.ts';
import {
  COL,
  DEFAULT_OPTIMIZER,
  DEFAULT_SCHEDULE,
  STRIDE,
  type Objective,
  type OptimizerParams,
  type ScheduleParams,
} from '../types.ts';
import { learningRate } from './schedules.ts';
import { defaultBound, runTrajectory } from './trajectory.ts';

const parabolaSurface = getSurface('parabola')!;
const parabola = parabolaSurface.objective;
const bowlSurface = getSurface('bowl')!;
const bowl = bowlSurface.objective;
const rosenbrock = getSurface('rosenbrock')!.objective;

function gd(lr: number, over: Partial<OptimizerParams> = {}): OptimizerParams {
  return { ...DEFAULT_OPTIMIZER, kind: 'gd', lr, ...over };
}

function col(data: Float64Array, n: number, c: number): number[] {
  return Array.from({ length: n }, (_, k) => data[k * STRIDE + c] as number);
}

function allFinite(data: Float64Array, count: number): boolean {
  for (let i = 0; i < count * STRIDE; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}

/** f = ½ θᵀAθ with A = R diag(l1, l2) Rᵀ (SPD for l1, l2 > 0). */
function spd(l1: number, l2: number, angle: number): Objective {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const a = l1 * c * c + l2 * s * s;
  const b = (l1 - l2) * c * s;
  const d = l1 * s * s + l2 * c * c;
  return {
    dim: 2,
    variables: ['x', 'y'],
    value: (p) => {
      const x = p[0] as number;
      const y = p[1] as number;
      return 0.5 * (a * x * x + 2 * b * x * y + d * y * y);
    },
    gradient: (p, out) => {
      const x = p[0] as number;
      const y = p[1] as number;
      out[0] = a * x + b * y;
      out[1] = b * x + d * y;
    },
    hessian: (_p, out) => {
      out[0] = a;
      out[1] = b;
      out[2] = b;
      out[3] = d;
    },
    isKink: () => false,
  };
}

describe("the chapter's gradient-descent table: f(x) = x², x₀ = 3, η = 0.1", () => {
  const t = runTrajectory(parabola, gd(0.1), [3], 3);
  const round = (v: number[], dp: number) => v.map((x) => Number(x.toFixed(dp)));

  it('x column 3.000, 2.400, 1.920, 1.536', () => {
    expect(t.count).toBe(4);
    expect(round(col(t.data, 4, COL.x), 3)).toEqual([3, 2.4, 1.92, 1.536]);
  });

  it("f'(x) column 6.00, 4.80, 3.84 (and 3.072 on the last row)", () => {
    expect(round(col(t.data, 4, COL.gx), 2)).toEqual([6, 4.8, 3.84, 3.07]);
    expect(t.data[3 * STRIDE + COL.gx]).toBeCloseTo(3.072, 12);
  });

  it('new x = x + update: 2.400, 1.920, 1.536; last row has update 0', () => {
    const x = col(t.data, 4, COL.x);
    const u = col(t.data, 4, COL.ux);
    expect(
      round(
        [0, 1, 2].map((k) => x[k]! + u[k]!),
        3,
      ),
    ).toEqual([2.4, 1.92, 1.536]);
    expect(u[3]).toBe(0);
  });

  it('f column 9.000, 5.760, 3.686, 2.359 (exactly 3.6864 and 2.359296)', () => {
    const f = col(t.data, 4, COL.f);
    expect(round(f, 3)).toEqual([9, 5.76, 3.686, 2.359]);
    expect(f[2]).toBeCloseTo(3.6864, 12);
    expect(f[3]).toBeCloseTo(2.359296, 12);
  });

  it('lr column is 0.1 throughout; 1D rows keep y, gy, uy at 0', () => {
    expect(col(t.data, 4, COL.lr)).toEqual([0.1, 0.1, 0.1, 0.1]);
    for (const c of [COL.y, COL.gy, COL.uy]) expect(col(t.data, 4, c)).toEqual([0, 0, 0, 0]);
  });

  it('learning-rate table: η = 0.1, 0.5, 1.1', () => {
    const path = (lr: number) =>
      col(runTrajectory(parabola, gd(lr), [3], 3).data, 4, COL.x).map(
        (x) => Number(x.toFixed(4)) + 0,
      );
    expect(path(0.1)).toEqual([3, 2.4, 1.92, 1.536]);
    expect(path(0.5)).toEqual([3, 0, 0, 0]);
    expect(path(1.1)).toEqual([3, -3.6, 4.32, -5.184]);
  });

  it('2D bowl from (3, 3), η = 0.1: each coordinate follows 3 → 2.4 → 1.92', () => {
    const b = runTrajectory(bowl, gd(0.1), [3, 3], 2);
    const r = (v: number[]) => v.map((x) => Number(x.toFixed(6)));
    expect(r(col(b.data, 3, COL.x))).toEqual([3, 2.4, 1.92]);
    expect(r(col(b.data, 3, COL.y))).toEqual([3, 2.4, 1.92]);
    expect(r(col(b.data, 3, COL.f))).toEqual([18, 11.52, 7.3728]);
  });
});

describe('GD on random SPD quadratics: the 2/λmax threshold', () => {
  const arb = fc.record({
    l1: fc.double({ min: 0.1, max: 10, noNaN: true }),
    l2: fc.double({ min: 0.1, max: 10, noNaN: true }),
    angle: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
    r: fc.double({ min: 0.5, max: 3, noNaN: true }),
    phi: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
  });

  /** Start with a guaranteed component (≥ 0.1·r) along the λmax eigenvector. */
  function start(l1: number, l2: number, angle: number, r: number, phi: number): number[] {
    const top = l1 >= l2 ? angle : angle + Math.PI / 2;
    const a = r * (0.1 + 0.9 * Math.abs(Math.cos(phi)));
    const b = r * Math.sin(phi);
    return [a * Math.cos(top) - b * Math.sin(top), a * Math.sin(top) + b * Math.cos(top)];
  }

  it('η = 1.9/λmax converges', () => {
    fc.assert(
      fc.property(arb, ({ l1, l2, angle, r, phi }) => {
        const lmax = Math.max(l1, l2);
        const t = runTrajectory(
          spd(l1, l2, angle),
          gd(1.9 / lmax),
          start(l1, l2, angle, r, phi),
          3000,
        );
        expect(t.status).toBe('converged');
        expect(t.divergedAt).toBeNull();
        expect(t.convergedAt).not.toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('η = 2.1/λmax diverges, leaving only finite rows', () => {
    fc.assert(
      fc.property(arb, ({ l1, l2, angle, r, phi }) => {
        const lmax = Math.max(l1, l2);
        const t = runTrajectory(
          spd(l1, l2, angle),
          gd(2.1 / lmax),
          start(l1, l2, angle, r, phi),
          3000,
        );
        expect(t.status).toBe('diverged');
        expect(t.divergedAt).toBe(t.count);
        expect(allFinite(t.data, t.count)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('matches the closed form θ_k = (I − ηA)^k θ₀', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 0.01, max: 1.9, noNaN: true }), (q, frac) => {
        const obj = spd(q.l1, q.l2, q.angle);
        const eta = frac / Math.max(q.l1, q.l2);
        const s0 = start(q.l1, q.l2, q.angle, q.r, q.phi);
        const t = runTrajectory(obj, gd(eta), s0, 10);
        const H = new Float64Array(4);
        obj.hessian(s0, H);
        let [x, y] = s0 as [number, number];
        for (let k = 0; k < 10; k++) {
          [x, y] = [x - eta * (H[0]! * x + H[1]! * y), y - eta * (H[2]! * x + H[3]! * y)];
        }
        expect(t.data[10 * STRIDE + COL.x]).toBeCloseTo(x, 10);
        expect(t.data[10 * STRIDE + COL.y]).toBeCloseTo(y, 10);
      }),
      { numRuns: 100 },
    );
  });
});

describe('divergence', () => {
  it('GD on x² with η = 1.1 over 5000 steps stops at the bound with finite rows', () => {
    const t = runTrajectory(parabola, gd(1.1), [3], 5000, { domain: parabolaSurface.domain });
    expect(t.status).toBe('diverged');
    expect(t.divergedAt).not.toBeNull();
    expect(t.divergedAt).toBe(t.count);
    expect(t.count).toBeGreaterThan(10);
    expect(t.count).toBeLessThan(5001);
    expect(allFinite(t.data, t.count)).toBe(true);
    // The default bound is 1000·max(1, |start|, domain edges) = 4000 here; |x| grows by 1.2.
    const bound = defaultBound(1, [3], parabolaSurface.domain);
    expect(bound).toBe(4000);
    const lastX = Math.abs(t.data[(t.count - 1) * STRIDE + COL.x]!);
    expect(lastX).toBeLessThanOrEqual(bound);
    expect(lastX * 1.2).toBeGreaterThan(bound);
    // Last valid row: no update, lr of the step that was refused.
    expect(t.data[(t.count - 1) * STRIDE + COL.ux]).toBe(0);
    expect(t.data[(t.count - 1) * STRIDE + COL.lr]).toBe(1.1);
    // Nothing past the valid rows.
    expect(t.data.subarray(t.count * STRIDE).every((v) => v === 0)).toBe(true);
    expect(t.convergedAt).toBeNull();
  });

  it('Rosenbrock with a huge η diverges without any NaN in the rows', () => {
    for (const lr of [0.01, 1, 1e3]) {
      const t = runTrajectory(rosenbrock, gd(lr), [-1.5, 2], 10_000);
      expect(t.status).toBe('diverged');
      expect(t.divergedAt).toBe(t.count);
      expect(allFinite(t.data, t.count)).toBe(true);
    }
  });

  it('a custom bound is honoured', () => {
    const t = runTrajectory(parabola, gd(1.1), [3], 100, { bound: 10 });
    expect(t.status).toBe('diverged');
    expect(col(t.data, t.count, COL.x).every((x) => Math.abs(x) <= 10)).toBe(true);
    // |x_k| = 3·1.2^k: 8.96 at k = 6 is the last inside, 10.75 at k = 7 is refused.
    expect(t.count).toBe(7);
    expect(t.divergedAt).toBe(7);
  });

  it('a step into the region where f is undefined (NaN) counts as divergence', () => {
    // f = x − log(x): minimum at 1, undefined for x ≤ 0; η = 10 from 5 jumps to x = −3.
    const logObj: Objective = {
      dim: 1,
      variables: ['x'],
      value: (p) => (p[0] as number) - Math.log(p[0] as number),
      gradient: (p, out) => {
        out[0] = 1 - 1 / (p[0] as number);
      },
      hessian: (p, out) => {
        out[0] = 1 / (p[0] as number) ** 2;
      },
      isKink: () => false,
    };
    const t = runTrajectory(logObj, gd(10), [5], 50);
    expect(t.status).toBe('diverged');
    expect(t.count).toBe(1);
    expect(t.divergedAt).toBe(1);
    expect(allFinite(t.data, t.count)).toBe(true);
    const ok = runTrajectory(logObj, gd(0.5), [0.9], 200);
    expect(ok.status).toBe('converged');
    expect(ok.data[(ok.count - 1) * STRIDE + COL.x]).toBeCloseTo(1, 6);
  });

  it('a NaN update is divergence even where f and ∇f would be finite', () => {
    // Adam with ε = 0 on a flat objective computes 0/0; the flat f is finite even at NaN.
    const flat: Objective = {
      dim: 2,
      variables: ['x', 'y'],
      value: () => 0,
      gradient: (_p, out) => {
        out[0] = 0;
        out[1] = 0;
      },
      hessian: (_p, out) => out.fill(0, 0, 4),
      isKink: () => false,
    };
    const t = runTrajectory(flat, { ...DEFAULT_OPTIMIZER, kind: 'adam', eps: 0 }, [1, 1], 10);
    expect(t.status).toBe('diverged');
    expect(t.count).toBe(1);
    expect(allFinite(t.data, t.count)).toBe(true);
  });

  it('a non-finite gradient component at the next point (x or y) is divergence', () => {
    for (const axis of [0, 1]) {
      // Bowl whose gradient is NaN once |θ_axis| < 1; GD from 2 shrinks by 0.8 per step.
      const holey: Objective = {
        ...bowl,
        gradient: (p, out) => {
          bowl.gradient(p, out);
          if (Math.abs(p[axis] as number) < 1) out[axis] = NaN;
        },
      };
      const t = runTrajectory(holey, gd(0.1), [2, 2], 50);
      expect(t.status).toBe('diverged');
      expect(t.count).toBe(4); // 2, 1.6, 1.28, 1.024; 0.8192 is refused
      expect(allFinite(t.data, t.count)).toBe(true);
    }
  });

  it('an overflowing schedule (exp with γ ≫ 1) diverges instead of writing Infinity', () => {
    const schedule: ScheduleParams = { ...DEFAULT_SCHEDULE, kind: 'exp', gamma: 1e30 };
    const t = runTrajectory(bowl, gd(1e-3, { schedule }), [1, 1], 100, { bound: 1e300 });
    expect(t.status).toBe('diverged');
    expect(allFinite(t.data, t.count)).toBe(true);
  });
});

describe('convergence bookkeeping', () => {
  it('keeps stepping after convergence; convergedAt is the first row under the tolerance', () => {
    const tol = 1e-6;
    const t = runTrajectory(bowl, gd(0.1), [3, 3], 500);
    expect(t.count).toBe(501);
    expect(t.status).toBe('converged');
    const norms = Array.from({ length: t.count }, (_, k) =>
      Math.hypot(t.data[k * STRIDE + COL.gx]!, t.data[k * STRIDE + COL.gy]!),
    );
    const first = norms.findIndex((n) => n < tol);
    expect(first).toBeGreaterThan(0);
    expect(t.convergedAt).toBe(first);
    expect(norms[first - 1]!).toBeGreaterThanOrEqual(tol);
  });

  it("is 'running' when the last row's gradient is still above the tolerance", () => {
    const t = runTrajectory(bowl, gd(0.1), [3, 3], 10);
    expect(t.status).toBe('running');
    expect(t.convergedAt).toBeNull();
    expect(t.divergedAt).toBeNull();
  });

  it("status follows the last row: a run that passed under the tolerance but left is 'running'", () => {
    // Near the saddle point of x² − y² the gradient starts tiny, then y grows by 1.2 per step.
    const t = runTrajectory(getSurface('saddle')!.objective, gd(0.1), [0, 1e-9], 100);
    expect(t.convergedAt).toBe(0);
    expect(t.status).toBe('running');
    expect(Math.abs(t.data[100 * STRIDE + COL.y]!)).toBeCloseTo(1e-9 * 1.2 ** 100, 12);
    const still = runTrajectory(bowl, gd(0.1), [0, 0], 5);
    expect(still.convergedAt).toBe(0);
    expect(still.status).toBe('converged');
  });

  it('tolerance option is honoured', () => {
    const loose = runTrajectory(bowl, gd(0.1), [3, 3], 20, { tolerance: 1 });
    expect(loose.status).toBe('converged');
    expect(loose.convergedAt).toBeLessThan(20);
  });
});

describe('rows', () => {
  it('lr column is the schedule; last row holds the lr that would apply next', () => {
    const schedule: ScheduleParams = { ...DEFAULT_SCHEDULE, kind: 'cosine', minLr: 0.01 };
    const p = gd(0.2, { schedule });
    const t = runTrajectory(bowl, p, [1, -1], 50);
    for (let k = 0; k <= 50; k++) expect(t.data[k * STRIDE + COL.lr]).toBe(learningRate(p, k, 50));
    expect(t.data[50 * STRIDE + COL.lr]).toBeCloseTo(0.01, 15);
    expect(t.data[50 * STRIDE + COL.ux]).toBe(0);
    expect(t.data[50 * STRIDE + COL.uy]).toBe(0);
  });

  it('each row: f and ∇f are exact at θ_k and θ_{k+1} = θ_k + update', () => {
    const t = runTrajectory(
      rosenbrock,
      { ...DEFAULT_OPTIMIZER, kind: 'adam', lr: 0.02 },
      [-1, 2],
      300,
    );
    const g = new Float64Array(2);
    for (let k = 0; k < t.count; k++) {
      const r = k * STRIDE;
      const p = [t.data[r + COL.x]!, t.data[r + COL.y]!];
      expect(t.data[r + COL.f]).toBe(rosenbrock.value(p));
      rosenbrock.gradient(p, g);
      expect(t.data[r + COL.gx]).toBe(g[0]);
      expect(t.data[r + COL.gy]).toBe(g[1]);
      if (k + 1 < t.count) {
        expect(t.data[r + STRIDE + COL.x]).toBe(p[0]! + t.data[r + COL.ux]!);
        expect(t.data[r + STRIDE + COL.y]).toBe(p[1]! + t.data[r + COL.uy]!);
      }
    }
  });

  it('zero steps gives just the start row', () => {
    const t = runTrajectory(bowl, gd(0.1), [1, 2], 0);
    expect(t.count).toBe(1);
    expect(t.data).toHaveLength(STRIDE);
    expect(Array.from(t.data)).toEqual([1, 2, 5, 2, 4, 0, 0, 0.1]);
  });
});

describe('buffers and errors', () => {
  it('reuses a preallocated buffer and zeroes the rows it did not fill', () => {
    const out = new Float64Array(1001 * STRIDE).fill(7);
    const t = runTrajectory(parabola, gd(1.1), [3], 1000, { out });
    expect(t.data).toBe(out);
    expect(t.status).toBe('diverged');
    expect(out.subarray(t.count * STRIDE).every((v) => v === 0)).toBe(true);
    const again = runTrajectory(bowl, gd(0.1), [3, 3], 1000, { out });
    expect(again.data).toBe(out);
    expect(again.count).toBe(1001);
    expect(allFinite(out, 1001)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(runTrajectory(bowl, gd(0.1), [3, 3], 1000).data));
  });

  it('throws RangeError for unusable input', () => {
    expect(() => runTrajectory(bowl, gd(0.1), [NaN, 0], 10)).toThrow(RangeError);
    expect(() => runTrajectory(bowl, gd(0.1), [0, Infinity], 10)).toThrow(/not finite/);
    expect(() => runTrajectory(bowl, gd(0.1), [1], 10)).toThrow(/2 coordinate/);
    expect(() => runTrajectory(bowl, gd(0.1), [1, 1], -1)).toThrow(RangeError);
    expect(() => runTrajectory(bowl, gd(0.1), [1, 1], 2.5)).toThrow(RangeError);
    expect(() => runTrajectory(bowl, gd(NaN), [1, 1], 2)).toThrow(/learning rate/);
    expect(() => runTrajectory(bowl, gd(0.1), [1, 1], 10, { bound: 0.5 })).toThrow(/bound/);
    expect(() =>
      runTrajectory(bowl, gd(0.1), [1, 1], 10, { out: new Float64Array(10 * STRIDE) }),
    ).toThrow(/buffer/);
    const nanAtStart: Objective = { ...bowl, value: () => NaN };
    expect(() => runTrajectory(nanAtStart, gd(0.1), [1, 1], 10)).toThrow(/f is not finite/);
  });
});

describe('scale', () => {
  // Speed is measured by bench/ (BENCHMARKS.md), never asserted here.
  it('runs 100 000 GD steps on the bowl, filling the whole buffer', () => {
    const steps = 100_000;
    const t = runTrajectory(bowl, gd(0.1), [3, 3], steps, { domain: bowlSurface.domain });
    expect(t.count).toBe(steps + 1);
    expect(t.data).toHaveLength((steps + 1) * STRIDE);
    expect(t.status).toBe('converged');
    expect(t.data[steps * STRIDE + COL.lr]).toBe(0.1);
    expect(allFinite(t.data, t.count)).toBe(true);
  });
});
