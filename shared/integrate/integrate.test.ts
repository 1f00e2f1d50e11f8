import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  IntegrationError,
  RIEMANN_RULES,
  adaptiveQuadrature,
  compileIntegrand,
  integrate,
  riemannSum,
} from './index.ts';

describe('chapter §9: integral = area', () => {
  it('∫₀¹ x² dx = 1/3 exactly, and every Riemann sum approaches it', () => {
    const r = integrate('x^2', { a: 0, b: 1, n: 4, rule: 'mid' });
    expect(r.exact).toBeCloseTo(1 / 3, 15);
    expect(r.antiderivative).toBe('x ^ 3 / 3');
    expect(r.reference).toEqual({
      kind: 'exact',
      value: r.exact,
      errorEstimate: null,
      converged: true,
    });
    // Midpoints 1/8, 3/8, 5/8, 7/8: (1 + 9 + 25 + 49)/64 · 1/4 = 84/256.
    expect(r.estimate).toBeCloseTo(84 / 256, 15);
    expect(r.error).toBeCloseTo(84 / 256 - 1 / 3, 15);
    const sums = Object.fromEntries(
      RIEMANN_RULES.map((rule) => [rule, integrate('x^2', { a: 0, b: 1, n: 4, rule }).estimate]),
    );
    // Left (0 + 1 + 4 + 9)/64, right (1 + 4 + 9 + 16)/64, trapezoid their mean.
    expect(sums.left).toBeCloseTo(14 / 64, 15);
    expect(sums.right).toBeCloseTo(30 / 64, 15);
    expect(sums.trapezoid).toBeCloseTo(22 / 64, 15);
  });

  it('a density has total area 1: the standard normal over [−10, 10]', () => {
    const r = integrate('exp(-x^2/2) / sqrt(2pi)', { a: -10, b: 10, n: 200, rule: 'mid' });
    expect(r.exact).toBeNull();
    expect(r.reference.kind).toBe('quadrature');
    expect(r.reference.value).toBeCloseTo(1, 12);
    expect(r.reference.errorEstimate!).toBeLessThan(1e-9);
    expect(r.estimate).toBeCloseTo(1, 10);
  });

  it('a density has total area 1: e^(−x) on [0, ∞), truncated at 50', () => {
    const r = integrate('e^(-x)', { a: 0, b: 50, n: 1000, rule: 'trapezoid' });
    expect(r.antiderivative).toBe('-e ^ (-x)');
    expect(r.exact).toBeCloseTo(1, 15);
    expect(Math.abs(r.error)).toBeLessThan(1e-3);
  });

  it('an expectation is an integral: E[X] = ∫ x p(x) dx = 1 for p(x) = e^(−x)', () => {
    const r = integrate('x e^(-x)', { a: 0, b: 60, n: 10, rule: 'mid' });
    expect(r.reference.kind).toBe('quadrature');
    expect(r.reference.value).toBeCloseTo(1, 12);
  });
});

describe('exact values from antiderivatives', () => {
  const cases: [string, number, number, number][] = [
    ['3', 0, 2, 6],
    ['(3x+1)^2', 0, 1, 7],
    ['x*(x+1)', 0, 3, 9 + 4.5],
    ['e^x', 0, 1, Math.E - 1],
    ['exp(2x)', 0, 1, (Math.exp(2) - 1) / 2],
    ['e^(-3x)', 0, 1, (1 - Math.exp(-3)) / 3],
    ['sin(2x)', 0, Math.PI / 2, 1],
    ['cos(x/2)', 0, Math.PI, 2],
    ['1/x', 1, Math.E, 1],
    ['1/x', -Math.E, -1, -1],
    ['2/x - 4x^3 + 5', 1, 2, 2 * Math.LN2 - 15 + 5],
    ['x^-2', 1, 4, 0.75],
    ['sqrt(x)^1', 0, 1, 2 / 3],
    ['x^0.5', 0, 4, 16 / 3],
    ['2^x', 0, 3, 7 / Math.LN2],
    ['sigmoid(x)', -1, 1, 1],
    ['-(x - 1)^2 / 2', 0, 3, -1.5],
  ];
  it.each(cases)('∫ %s from %d to %d', (src, a, b, want) => {
    const ig = compileIntegrand(src);
    const got = ig.exact(a, b);
    if (src === 'sqrt(x)^1') {
      expect(got).toBeNull(); // √x has no antiderivative rule here: quadrature instead
      expect(adaptiveQuadrature(ig.f, a, b).value).toBeCloseTo(want, 9);
      return;
    }
    expect(got, ig.antiderivative ?? 'none').not.toBeNull();
    expect(got!).toBeCloseTo(want, 12);
    expect(adaptiveQuadrature(ig.f, a, b).value).toBeCloseTo(want, 9);
  });

  it('σ integrates to the softplus', () => {
    expect(compileIntegrand('sigmoid(x)').antiderivative).toBe('log(1 + exp(x))');
  });

  it('null where no rule applies, or where the formula does not hold on [a, b]', () => {
    expect(compileIntegrand('x sin(x)').exact(0, 1)).toBeNull();
    expect(compileIntegrand('exp(-x^2)').exact(0, 1)).toBeNull();
    expect(compileIntegrand('1/x').exact(-1, 1)).toBeNull();
    expect(compileIntegrand('x^0.5').exact(-1, 1)).toBeNull();
    expect(compileIntegrand('(2x - 1)^-2').exact(0, 1)).toBeNull();
    expect(compileIntegrand('(2x - 1)^-2').exact(1, 2)).toBeCloseTo(1 / 2 - 1 / 6, 14);
  });
});

describe('bad input', () => {
  it('f of two variables, or a bad expression', () => {
    expect(() => compileIntegrand('x y')).toThrow(/one variable to integrate; it has 2 \(x, y\)/);
    expect(() => compileIntegrand('x +')).toThrow(ExpressionError);
  });

  it('f undefined or infinite inside [a, b]', () => {
    expect(() => integrate('1/x', { a: -1, b: 1, n: 10, rule: 'mid' })).toThrow(
      /f is infinite at x = 0, inside \[-1, 1\]/,
    );
    expect(() => integrate('1/x', { a: 0, b: 1, n: 10, rule: 'left' })).toThrow(IntegrationError);
    expect(() => integrate('log(x)', { a: -1, b: 1, n: 2, rule: 'mid' })).toThrow(
      /f is undefined at x = -0.5, a sample point of the mid sum/,
    );
  });

  it('n must be a whole number ≥ 1', () => {
    expect(() => riemannSum((x) => x, 0, 1, 0, 'left')).toThrow(RangeError);
    expect(() => riemannSum((x) => x, 0, 1, 1.5, 'left')).toThrow(RangeError);
  });
});

describe('Riemann sums', () => {
  it('reversed bounds flip the sign (left ends become right ends); empty intervals give 0', () => {
    const mirror = { left: 'right', right: 'left', mid: 'mid', trapezoid: 'trapezoid' } as const;
    for (const rule of RIEMANN_RULES) {
      const f = (x: number) => Math.exp(x);
      expect(riemannSum(f, 2, -1, 7, rule)).toBeCloseTo(-riemannSum(f, -1, 2, 7, mirror[rule]), 12);
      expect(riemannSum(f, 1, 1, 3, rule)).toBe(0);
    }
    const r = integrate('x^2', { a: 1, b: 0, n: 1000, rule: 'mid' });
    expect(r.exact).toBeCloseTo(-1 / 3, 15);
    expect(Math.abs(r.error)).toBeLessThan(1e-6);
  });

  it('are exact for lines (mid, trapezoid) and constants (all rules)', () => {
    for (const rule of RIEMANN_RULES)
      expect(riemannSum(() => 2, -1, 3, 5, rule)).toBeCloseTo(8, 13);
    expect(riemannSum((x) => 3 * x + 1, 0, 2, 3, 'mid')).toBeCloseTo(8, 13);
    expect(riemannSum((x) => 3 * x + 1, 0, 2, 3, 'trapezoid')).toBeCloseTo(8, 13);
  });

  /** Smooth f = p·x³ + q·e^(c·x) + s·sin(x), with its exact integral. */
  const smooth = fc.record({
    p: fc.double({ min: -2, max: 2, noNaN: true }),
    q: fc.double({ min: -2, max: 2, noNaN: true }),
    // |c| ≥ 0.2: q·e^(cx)/c is the exact integral, without cancellation for tiny c.
    c: fc
      .tuple(fc.boolean(), fc.double({ min: 0.2, max: 1.5, noNaN: true }))
      .map(([negative, c]) => (negative ? -c : c)),
    s: fc.double({ min: -2, max: 2, noNaN: true }),
    a: fc.double({ min: -2, max: 1, noNaN: true }),
    len: fc.double({ min: 0.5, max: 3, noNaN: true }),
  });
  const model = ({ p, q, c, s }: { p: number; q: number; c: number; s: number }) => ({
    f: (x: number) => p * x ** 3 + q * Math.exp(c * x) + s * Math.sin(x),
    df: (x: number) => 3 * p * x ** 2 + q * c * Math.exp(c * x) + s * Math.cos(x),
    F: (x: number) => (p * x ** 4) / 4 + (q * Math.exp(c * x)) / c - s * Math.cos(x),
  });

  it('left and right sums converge at order 1/n, midpoint and trapezoid at 1/n²', () => {
    fc.assert(
      fc.property(smooth, (params) => {
        const { a, len } = params;
        const b = a + len;
        const { f, df, F } = model(params);
        const exact = F(b) - F(a);
        // The leading error terms are (b−a)·(f(a) − f(b))/(2n) for left, the opposite for right,
        // and multiples of (b−a)²·(f′(b) − f′(a))/n² for midpoint and trapezoid: skip functions
        // where a leading coefficient (nearly) vanishes.
        const scale = 1 + Math.abs(params.p) * 27 + Math.abs(params.q) * 20 + Math.abs(params.s);
        fc.pre(Math.abs(f(b) - f(a)) > 0.05 * scale && Math.abs(df(b) - df(a)) > 0.05 * scale);
        const order = (rule: (typeof RIEMANN_RULES)[number]): number => {
          const e1 = riemannSum(f, a, b, 1000, rule) - exact;
          const e2 = riemannSum(f, a, b, 2000, rule) - exact;
          return Math.log2(e1 / e2);
        };
        expect(order('left')).toBeCloseTo(1, 1);
        expect(order('right')).toBeCloseTo(1, 1);
        expect(order('mid')).toBeCloseTo(2, 1);
        expect(order('trapezoid')).toBeCloseTo(2, 1);
      }),
      { numRuns: 200 },
    );
  });

  it('midpoint error ≈ −½ trapezoid error on smooth functions', () => {
    fc.assert(
      fc.property(smooth, (params) => {
        const { a, len } = params;
        const b = a + len;
        const { f, df, F } = model(params);
        fc.pre(Math.abs(df(b) - df(a)) > 0.1);
        const exact = F(b) - F(a);
        const mid = riemannSum(f, a, b, 1000, 'mid') - exact;
        const trap = riemannSum(f, a, b, 1000, 'trapezoid') - exact;
        expect(mid / trap).toBeCloseTo(-0.5, 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('adaptive quadrature', () => {
  it('matches the exact integral of random smooth functions within its error estimate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.25, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        (p, k, a, len) => {
          const f = (x: number) => p * x ** 5 + Math.cos(k * x);
          const F = (x: number) => (p * x ** 6) / 6 + Math.sin(k * x) / k;
          const b = a + len;
          const q = adaptiveQuadrature(f, a, b);
          const exact = F(b) - F(a);
          expect(q.converged).toBe(true);
          expect(Math.abs(q.value - exact)).toBeLessThanOrEqual(
            q.error + 1e-9 * (1 + Math.abs(exact)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is exact for polynomials up to degree 21 on one interval (Kronrod 15 points)', () => {
    const q = adaptiveQuadrature((x) => x ** 20 + x ** 21, -1, 1, { maxIntervals: 1 });
    expect(q.value).toBeCloseTo(2 / 21, 14);
    expect(q.evaluations).toBe(15);
  });

  it('copes with an integrable singularity at an end: ∫₀¹ 1/√x dx = 2', () => {
    const r = integrate('1/sqrt(x)', { a: 0, b: 1, n: 10, rule: 'mid' });
    expect(r.reference.value).toBeCloseTo(2, 6);
  });
});
