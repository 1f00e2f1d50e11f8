import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile } from 'mathjs';
import { getSurface, SURFACE_IDS, SURFACES, type Surface } from './surfaces.ts';

const REQUIRED = [
  'bowl',
  'aniso-bowl',
  'saddle',
  'x2-plus-xy',
  'monkey-saddle',
  'rosenbrock',
  'himmelblau',
  'beale',
  'rastrigin',
  'two-valley',
  'parabola',
];

function grad(s: Surface, p: readonly number[]): Float64Array {
  const out = new Float64Array(2);
  s.objective.gradient(p, out);
  return out;
}

function hess(s: Surface, p: readonly number[]): Float64Array {
  const out = new Float64Array(4);
  s.objective.hessian(p, out);
  return out;
}

/** Arbitrary point inside the surface's domain (dim coordinates). */
function pointIn(s: Surface): fc.Arbitrary<number[]> {
  const coord = (r: readonly [number, number]) =>
    fc.double({ min: r[0], max: r[1], noNaN: true, noDefaultInfinity: true });
  return s.objective.dim === 1
    ? coord(s.domain.x).map((x) => [x])
    : fc.tuple(coord(s.domain.x), coord(s.domain.y));
}

describe('surface catalogue', () => {
  it('contains every required id exactly once, in SURFACE_IDS order', () => {
    expect(SURFACE_IDS).toEqual(SURFACES.map((s) => s.id));
    expect(new Set(SURFACE_IDS).size).toBe(SURFACE_IDS.length);
    for (const id of REQUIRED) expect(SURFACE_IDS).toContain(id);
  });

  it('getSurface finds each id and rejects unknown ones', () => {
    for (const s of SURFACES) expect(getSurface(s.id)).toBe(s);
    expect(getSurface('no-such-surface')).toBeUndefined();
    expect(getSurface('')).toBeUndefined();
  });

  it('parabola is 1D on [-4, 4]; all others are 2D in x, y', () => {
    const p = getSurface('parabola');
    expect(p?.objective.dim).toBe(1);
    expect(p?.objective.variables).toEqual(['x']);
    expect(p?.domain.x).toEqual([-4, 4]);
    for (const s of SURFACES.filter((s) => s.id !== 'parabola')) {
      expect(s.objective.dim, s.id).toBe(2);
      expect(s.objective.variables, s.id).toEqual(['x', 'y']);
    }
  });

  it('minima are as documented for the classic functions', () => {
    const pts = (id: string) => getSurface(id)?.minima.map((m) => [m.kind, ...m.point]);
    expect(pts('rosenbrock')).toEqual([['global', 1, 1]]);
    expect(pts('beale')).toEqual([['global', 3, 0.5]]);
    expect(pts('rastrigin')).toEqual([['global', 0, 0]]);
    expect(pts('bowl')).toEqual([['global', 0, 0]]);
    expect(pts('parabola')).toEqual([['global', 0]]);
    for (const id of ['saddle', 'x2-plus-xy', 'monkey-saddle']) expect(pts(id)).toEqual([]);
    const published = [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ];
    const hb = getSurface('himmelblau')?.minima ?? [];
    expect(hb).toHaveLength(4);
    hb.forEach((m, i) => {
      expect(m.kind).toBe('global');
      expect(m.value).toBe(0);
      expect(Math.abs((m.point[0] ?? NaN) - (published[i]?.[0] ?? NaN))).toBeLessThan(1e-6);
      expect(Math.abs((m.point[1] ?? NaN) - (published[i]?.[1] ?? NaN))).toBeLessThan(1e-6);
    });
  });

  it('two-valley minima are the outer roots of 4x³ − 4x + 0.3 (closed form), y = 0', () => {
    // Trigonometric solution of x³ + px + q = 0 with p = −1, q = 0.075 (three real roots).
    const p = -1;
    const q = 0.075;
    const r = 2 * Math.sqrt(-p / 3);
    const phi = Math.acos(((3 * q) / (2 * p)) * Math.sqrt(-3 / p)) / 3;
    const roots = [0, 1, 2]
      .map((k) => r * Math.cos(phi - (2 * Math.PI * k) / 3))
      .sort((a, b) => a - b);
    const [left, , right] = roots as [number, number, number];
    const s = getSurface('two-valley');
    expect(s).toBeDefined();
    const [g, l] = s?.minima ?? [];
    expect(g?.kind).toBe('global');
    expect(l?.kind).toBe('local');
    expect(Math.abs((g?.point[0] ?? NaN) - left)).toBeLessThan(1e-9);
    expect(Math.abs((l?.point[0] ?? NaN) - right)).toBeLessThan(1e-9);
    expect(g?.point[1]).toBe(0);
    expect(l?.point[1]).toBe(0);
    const f = (x: number) => (x * x - 1) ** 2 + 0.3 * x;
    expect(Math.abs((g?.value ?? NaN) - f(left))).toBeLessThan(1e-12);
    expect(Math.abs((l?.value ?? NaN) - f(right))).toBeLessThan(1e-12);
    expect(g?.value ?? 0).toBeLessThan(l?.value ?? 0);
  });

  it('isKink is false for every built-in', () => {
    for (const s of SURFACES) {
      fc.assert(
        fc.property(pointIn(s), (p) => !s.objective.isKink(p)),
        { numRuns: 20 },
      );
    }
  });
});

describe.each(SURFACES.map((s) => [s.id, s] as const))('surface %s', (_id, s) => {
  const dim = s.objective.dim;
  const minima = s.minima;

  it('has well-formed metadata', () => {
    expect(s.name.length).toBeGreaterThan(0);
    expect(s.latex.length).toBeGreaterThan(0);
    expect(s.description.length).toBeGreaterThan(20);
    expect(s.domain.x[0]).toBeLessThan(s.domain.x[1]);
    expect(s.domain.y[0]).toBeLessThan(s.domain.y[1]);
    for (const m of minima) {
      expect(m.point).toHaveLength(dim);
      const x = m.point[0] as number;
      expect(x).toBeGreaterThanOrEqual(s.domain.x[0]);
      expect(x).toBeLessThanOrEqual(s.domain.x[1]);
      if (dim === 2) {
        const y = m.point[1] as number;
        expect(y).toBeGreaterThanOrEqual(s.domain.y[0]);
        expect(y).toBeLessThanOrEqual(s.domain.y[1]);
      }
    }
  });

  it('expression evaluates (mathjs) to the same f', () => {
    const code = compile(s.expression);
    fc.assert(
      fc.property(pointIn(s), (p) => {
        const scope = dim === 1 ? { x: p[0] } : { x: p[0], y: p[1] };
        const fe = code.evaluate(scope) as number;
        const fv = s.objective.value(p);
        return Math.abs(fe - fv) <= 1e-12 * (1 + Math.abs(fv));
      }),
      { numRuns: 100 },
    );
  });

  it('gradient matches central finite differences', () => {
    fc.assert(
      fc.property(pointIn(s), (p) => {
        const g = grad(s, p);
        const f0 = Math.abs(s.objective.value(p));
        for (let i = 0; i < dim; i++) {
          const h = 1e-5 * Math.max(1, Math.abs(p[i] as number));
          const a = p.slice();
          const b = p.slice();
          a[i] = (a[i] as number) + h;
          b[i] = (b[i] as number) - h;
          const fd = (s.objective.value(a) - s.objective.value(b)) / (a[i]! - b[i]!);
          const gi = g[i] as number;
          if (!(Math.abs(fd - gi) <= 1e-7 * (1 + f0 + Math.abs(gi)))) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('Hessian is symmetric and matches finite differences of the gradient', () => {
    fc.assert(
      fc.property(pointIn(s), (p) => {
        const H = hess(s, p);
        if (dim === 2 && H[1] !== H[2]) return false;
        const gscale = Math.abs(grad(s, p)[0]!) + Math.abs(grad(s, p)[1]!);
        for (let j = 0; j < dim; j++) {
          const h = 1e-5 * Math.max(1, Math.abs(p[j] as number));
          const a = p.slice();
          const b = p.slice();
          a[j] = (a[j] as number) + h;
          b[j] = (b[j] as number) - h;
          const ga = grad(s, a);
          const gb = grad(s, b);
          for (let i = 0; i < dim; i++) {
            const fd = (ga[i]! - gb[i]!) / (a[j]! - b[j]!);
            const hij = H[i * dim + j] as number;
            if (!(Math.abs(fd - hij) <= 1e-7 * (1 + gscale + Math.abs(hij)))) return false;
          }
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('flags constant-Hessian (degree ≤ 2) surfaces as quadratic, and only those', () => {
    const cx = (s.domain.x[0] + s.domain.x[1]) / 2;
    const cy = (s.domain.y[0] + s.domain.y[1]) / 2;
    const probes = [
      [cx, cy],
      [s.domain.x[1] * 0.37, s.domain.y[1] * 0.71],
      [s.domain.x[0] * 0.53, s.domain.y[0] * 0.29],
    ].map((q) => q.slice(0, dim));
    const hs = probes.map((q) => Array.from(hess(s, q)));
    const constant = hs.every((h) => h.every((v, i) => v === hs[0]?.[i]));
    expect(constant).toBe(s.quadratic);
  });

  if (minima.length > 0) {
    it('listed minima: ∇f ≈ 0, Hessian positive semidefinite, value correct', () => {
      for (const m of minima) {
        const g = grad(s, m.point);
        expect(Math.hypot(g[0]!, dim === 2 ? g[1]! : 0)).toBeLessThan(1e-9);
        const H = hess(s, m.point);
        if (dim === 1) {
          expect(H[0]).toBeGreaterThanOrEqual(0);
        } else {
          expect(H[0]).toBeGreaterThanOrEqual(0);
          expect(H[3]).toBeGreaterThanOrEqual(0);
          expect(H[0]! * H[3]! - H[1]! * H[2]!).toBeGreaterThanOrEqual(-1e-9);
        }
        expect(Math.abs(s.objective.value(m.point) - m.value)).toBeLessThan(1e-12);
      }
    });

    it('global minima are not undercut anywhere on a grid; local ones are strict and higher', () => {
      const globalValue = Math.min(...minima.map((m) => m.value));
      for (const m of minima) {
        if (m.kind === 'global') expect(m.value).toBe(globalValue);
        else expect(m.value).toBeGreaterThan(globalValue);
      }
      const n = 200;
      let lowest = Infinity;
      for (let i = 0; i <= n; i++) {
        const x = s.domain.x[0] + ((s.domain.x[1] - s.domain.x[0]) * i) / n;
        if (dim === 1) {
          lowest = Math.min(lowest, s.objective.value([x]));
          continue;
        }
        for (let j = 0; j <= n; j++) {
          const y = s.domain.y[0] + ((s.domain.y[1] - s.domain.y[0]) * j) / n;
          lowest = Math.min(lowest, s.objective.value([x, y]));
        }
      }
      expect(lowest).toBeGreaterThanOrEqual(globalValue - 1e-12);
      // Every listed minimum is lower than points a small step away in any direction.
      for (const m of minima) {
        for (let a = 0; a < 8; a++) {
          const d = [1e-3 * Math.cos((a * Math.PI) / 4), 1e-3 * Math.sin((a * Math.PI) / 4)];
          const q = m.point.map((v, i) => v + (d[i] as number));
          expect(s.objective.value(q)).toBeGreaterThan(m.value);
        }
      }
    });
  }
});

describe('specific shapes', () => {
  it('x2-plus-xy has an indefinite Hessian (eigenvalues 1 ± √2)', () => {
    const H = hess(getSurface('x2-plus-xy')!, [0.4, -1.3]);
    const tr = H[0]! + H[3]!;
    const det = H[0]! * H[3]! - H[1]! * H[2]!;
    expect(det).toBeLessThan(0);
    const disc = Math.sqrt(tr * tr - 4 * det);
    expect((tr + disc) / 2).toBeCloseTo(1 + Math.SQRT2, 12);
    expect((tr - disc) / 2).toBeCloseTo(1 - Math.SQRT2, 12);
  });

  it('aniso-bowl is 0.5x² + 5y² (Hessian diag(1, 10))', () => {
    const s = getSurface('aniso-bowl')!;
    expect(Array.from(hess(s, [0, 0]))).toEqual([1, 0, 0, 10]);
    expect(s.objective.value([2, 1])).toBe(7);
  });

  it('monkey-saddle has vanishing gradient and Hessian at the origin', () => {
    const s = getSurface('monkey-saddle')!;
    expect(Array.from(grad(s, [0, 0])).map(Math.abs)).toEqual([0, 0]);
    expect(Array.from(hess(s, [0, 0])).map(Math.abs)).toEqual([0, 0, 0, 0]);
  });

  it("gradient and Hessian write every entry of the caller's buffer", () => {
    for (const s of SURFACES) {
      const out = new Float64Array(4).fill(NaN);
      const p = s.objective.dim === 1 ? [0.5] : [0.5, -0.25];
      s.objective.gradient(p, out);
      for (let i = 0; i < s.objective.dim; i++) expect(Number.isFinite(out[i])).toBe(true);
      out.fill(NaN);
      s.objective.hessian(p, out);
      for (let i = 0; i < s.objective.dim ** 2; i++) expect(Number.isFinite(out[i])).toBe(true);
    }
  });
});
