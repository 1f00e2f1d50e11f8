import { describe, expect, it } from 'vitest';
import { type CompiledExpression, compileExpression } from './index.ts';

const grad = (c: CompiledExpression, ...p: number[]): number[] => {
  const out = new Float64Array(2);
  c.gradient(p, out);
  return [...out.subarray(0, c.dim)];
};
const hess = (c: CompiledExpression, ...p: number[]): number[] => {
  const out = new Float64Array(4);
  c.hessian(p, out);
  return [...out.subarray(0, c.dim * c.dim)];
};

describe('chapter worked examples', () => {
  it("f(x) = x²: f'(3) = 6, f'' = 2", () => {
    const f = compileExpression('x^2');
    expect(f.dim).toBe(1);
    expect(f.variables).toEqual(['x']);
    expect(f.value([3])).toBe(9);
    expect(grad(f, 3)[0]).toBeCloseTo(6, 12);
    expect(hess(f, 3)[0]).toBeCloseTo(2, 12);
    expect(hess(f, -7)[0]).toBeCloseTo(2, 12);
  });

  it("f(x) = (3x+1)²: f'(1) = 24 and f'(x) = 18x + 6 everywhere", () => {
    const f = compileExpression('(3x+1)^2');
    expect(grad(f, 1)[0]).toBeCloseTo(24, 12);
    for (const x of [-2, -0.5, 0, 0.3, 4]) expect(grad(f, x)[0]).toBeCloseTo(18 * x + 6, 10);
    expect(hess(f, 0.7)[0]).toBeCloseTo(18, 12);
  });

  it('fork L = a² + 3a: dL/da at a = 2 is 7', () => {
    const f = compileExpression('a^2 + 3a');
    expect(f.variables).toEqual(['a']);
    expect(grad(f, 2)[0]).toBeCloseTo(7, 12);
  });

  it("sigmoid: σ(2) = 0.8808, σ'(2) = 0.105 = σ(1−σ)", () => {
    const f = compileExpression('sigmoid(z)');
    const s = f.value([2]);
    expect(s).toBeCloseTo(0.8808, 4);
    const d = grad(f, 2)[0]!;
    expect(d).toBeCloseTo(0.105, 3);
    expect(d).toBeCloseTo(s * (1 - s), 14);
    expect(f.derivatives.gradient[0]).toBe('sigmoid(z) * (1 - sigmoid(z))');
  });

  it('f(x, y) = x² + xy: ∇f(1, 2) = [4, 1], H = [[2, 1], [1, 0]]', () => {
    const f = compileExpression('x^2 + x*y');
    expect(f.dim).toBe(2);
    expect(f.variables).toEqual(['x', 'y']);
    const g = grad(f, 1, 2);
    expect(g[0]).toBeCloseTo(4, 12);
    expect(g[1]).toBeCloseTo(1, 12);
    expect(hess(f, 1, 2)).toEqual([2, 1, 1, 0]);
    expect(f.derivatives.gradient).toEqual(['2 * x + y', 'x']);
    expect(f.derivatives.hessian).toEqual([
      ['2', '1'],
      ['1', '0'],
    ]);
  });

  it('x² + y² and x² − y² have Hessians diag(2, 2) and diag(2, −2)', () => {
    expect(hess(compileExpression('x^2 + y^2'), 0.3, -1.1)).toEqual([2, 0, 0, 2]);
    expect(hess(compileExpression('x^2 - y^2'), 0.3, -1.1)).toEqual([2, 0, 0, -2]);
  });

  it("x³: f''(x) = 6x, negative at −1 and positive at 1", () => {
    const f = compileExpression('x^3');
    expect(hess(f, -1)[0]).toBeCloseTo(-6, 12);
    expect(hess(f, 1)[0]).toBeCloseTo(6, 12);
    expect(f.derivatives.hessian[0]![0]).toBe('6 * x');
  });

  it('product rule: d/dx x·eˣ = eˣ + x·eˣ', () => {
    const f = compileExpression('x*e^x');
    for (const x of [-1, 0, 0.5, 2]) {
      expect(grad(f, x)[0]).toBeCloseTo(Math.exp(x) + x * Math.exp(x), 12);
    }
    expect(f.derivatives.gradient[0]).toBe('e ^ x + x * e ^ x');
  });

  it('d/dx 5x² = 10x and d/dx ln x = 1/x', () => {
    const p = compileExpression('5x^2');
    expect(p.derivatives.gradient[0]).toBe('10 * x');
    expect(grad(p, 1.5)[0]).toBeCloseTo(15, 12);
    const l = compileExpression('log(x)');
    expect(l.derivatives.gradient[0]).toBe('1 / x');
    expect(grad(l, 4)[0]).toBeCloseTo(0.25, 14);
    expect(hess(l, 2)[0]).toBeCloseTo(-0.25, 14);
  });
});

describe('familiar surfaces', () => {
  it('Rosenbrock: value, gradient and Hessian match the closed forms', () => {
    const f = compileExpression('(1-x)^2 + 100(y-x^2)^2');
    for (const [x, y] of [
      [1, 1],
      [-1.2, 1],
      [0.5, -0.3],
      [2, 3],
    ] as const) {
      expect(f.value([x, y])).toBeCloseTo((1 - x) ** 2 + 100 * (y - x * x) ** 2, 9);
      const g = grad(f, x, y);
      expect(g[0]).toBeCloseTo(-2 * (1 - x) - 400 * x * (y - x * x), 9);
      expect(g[1]).toBeCloseTo(200 * (y - x * x), 9);
      const h = hess(f, x, y);
      expect(h[0]).toBeCloseTo(2 - 400 * (y - x * x) + 800 * x * x, 9);
      expect(h[1]).toBeCloseTo(-400 * x, 9);
      expect(h[2]).toBe(h[1]);
      expect(h[3]).toBeCloseTo(200, 12);
    }
    // Exactly zero at the minimum (possibly −0, as in the hand-written formula).
    expect(grad(f, 1, 1).map(Math.abs)).toEqual([0, 0]);
  });

  it('sin(x)·cos(y) and exp(−x²−y²)', () => {
    const f = compileExpression('sin(x)*cos(y)');
    const g = grad(f, 0.4, -1.3);
    expect(g[0]).toBeCloseTo(Math.cos(0.4) * Math.cos(-1.3), 14);
    expect(g[1]).toBeCloseTo(-Math.sin(0.4) * Math.sin(-1.3), 14);
    const b = compileExpression('exp(-x^2 - y^2)');
    const h = hess(b, 0.3, 0.6);
    const v = Math.exp(-0.45);
    expect(h[0]).toBeCloseTo((4 * 0.09 - 2) * v, 12);
    expect(h[1]).toBeCloseTo(4 * 0.3 * 0.6 * v, 12);
    expect(h[3]).toBeCloseTo((4 * 0.36 - 2) * v, 12);
  });

  it('tan, sqrt, tanh, general powers and division', () => {
    const cases: [string, number, number, number][] = [
      // [f, x, f'(x), f''(x)]
      ['tan(x)', 0.5, 1 / Math.cos(0.5) ** 2, (2 * Math.sin(0.5)) / Math.cos(0.5) ** 3],
      ['sqrt(x)', 4, 0.25, -1 / 32],
      ['tanh(x)', 0.3, 1 - Math.tanh(0.3) ** 2, -2 * Math.tanh(0.3) * (1 - Math.tanh(0.3) ** 2)],
      ['2^x', 1.5, 2 ** 1.5 * Math.LN2, 2 ** 1.5 * Math.LN2 ** 2],
      ['x^x', 2, 4 * (Math.log(2) + 1), 4 * (Math.log(2) + 1) ** 2 + 2],
      ['1/x', 2, -0.25, 0.25],
      ['(x-1)/(x+1)', 1, 0.5, -0.5],
      ['exp(x)/3', 0, 1 / 3, 1 / 3],
    ];
    for (const [src, x, d1, d2] of cases) {
      const f = compileExpression(src);
      expect(grad(f, x)[0], src).toBeCloseTo(d1, 10);
      expect(hess(f, x)[0], src).toBeCloseTo(d2, 10);
    }
  });

  it('sqrt′(0) is reported as a non-finite number, not thrown', () => {
    const f = compileExpression('sqrt(x)');
    expect(Number.isFinite(grad(f, 0)[0])).toBe(false);
  });
});

describe('kinks and conventions', () => {
  it("relu'(0) = 0 and isKink at 0; relu'(1) = 1; relu'(−1) = 0", () => {
    const f = compileExpression('relu(x)');
    expect(grad(f, 0)[0]).toBe(0);
    expect(f.isKink([0])).toBe(true);
    expect(grad(f, 1)[0]).toBe(1);
    expect(grad(f, -1)[0]).toBe(0);
    expect(f.isKink([1])).toBe(false);
    expect(f.isKink([-0.5])).toBe(false);
    expect(f.value([-2])).toBe(0);
    expect(f.value([2.5])).toBe(2.5);
  });

  it("abs'(0) = 0, abs' = ±1 elsewhere, kink only at 0", () => {
    const f = compileExpression('abs(x)');
    expect(grad(f, 0)[0]).toBe(0);
    expect(grad(f, 2)[0]).toBe(1);
    expect(grad(f, -2)[0]).toBe(-1);
    expect(f.isKink([0])).toBe(true);
    expect(f.isKink([0.1])).toBe(false);
  });

  it('kinks of inner arguments: relu(x − y) at x = y, abs(x² − 1) at ±1', () => {
    const f = compileExpression('relu(x - y) + y');
    expect(f.isKink([0.5, 0.5])).toBe(true);
    expect(f.isKink([0.5, 0.4])).toBe(false);
    expect(grad(f, 0.5, 0.5)).toEqual([0, 1]);
    expect(grad(f, 0.7, 0.5)).toEqual([1, 0]);
    const a = compileExpression('abs(x^2 - 1)');
    expect(a.isKink([1])).toBe(true);
    expect(a.isKink([-1])).toBe(true);
    expect(a.isKink([0.9])).toBe(false);
    expect(grad(a, 1)[0]).toBe(0);
  });

  it('max/min take the first argument’s derivative at a tie', () => {
    const f = compileExpression('max(x, y)');
    expect(grad(f, 1, 1)).toEqual([1, 0]);
    expect(grad(f, 1, 2)).toEqual([0, 1]);
    expect(grad(f, 3, 2)).toEqual([1, 0]);
    expect(f.isKink([1, 1])).toBe(true);
    expect(f.isKink([1, 2])).toBe(false);
    const g = compileExpression('min(2y, x, 3)');
    expect(grad(g, 1, 0.5)).toEqual([0, 2]); // tie 2y = x = 1: the first argument wins
    expect(grad(g, 1, 2)).toEqual([1, 0]);
    expect(grad(g, 5, 2)).toEqual([0, 0]);
    expect(g.isKink([1, 0.5])).toBe(true);
    expect(g.isKink([3, 4])).toBe(true); // x = 3 ties with the constant
    expect(g.isKink([1, 2])).toBe(false);
  });

  it('smooth functions never report kinks', () => {
    const f = compileExpression('x^2 + sin(y)');
    expect(f.isKink([0, 0])).toBe(false);
  });

  it('derivative strings of relu, abs and max are readable', () => {
    expect(compileExpression('relu(x)').derivatives.gradient).toEqual(['step(x)']);
    expect(compileExpression('abs(3x)').derivatives.gradient).toEqual(['3 * sign(3 * x)']);
    expect(compileExpression('max(x, y)').derivatives.gradient).toEqual([
      '(x >= y) ? 1 : 0',
      '(x >= y) ? 0 : 1',
    ]);
  });
});

describe('isQuadratic', () => {
  it.each(['x^2 + x*y', '3x^2 - 2y + 1', '(x+y)^2', 'x', '2w', 'x/3 + pi*y^2', '(2x - y)^2 / 4'])(
    '%s is quadratic',
    (src) => {
      expect(compileExpression(src).isQuadratic).toBe(true);
    },
  );
  it.each([
    'x^3',
    'sin(x)',
    'x*y*x',
    'x^2*y',
    'relu(x)',
    'x^2 + 1/x',
    'exp(x)',
    'x^0.5',
    '(x+y)^3',
  ])('%s is not quadratic', (src) => {
    expect(compileExpression(src).isQuadratic).toBe(false);
  });
});

describe('display', () => {
  it('keeps the trimmed source and renders LaTeX', () => {
    const f = compileExpression('  sigmoid(z) + relu(z) ');
    expect(f.source).toBe('sigmoid(z) + relu(z)');
    expect(f.latex).toBe('\\sigma\\left(z\\right)+\\operatorname{relu}\\left(z\\right)');
    expect(compileExpression('3x y').latex).toBe('3\\cdot x\\cdot y');
    expect(compileExpression('w b').latex).toBe('w\\cdot b');
    expect(compileExpression('(x-1)/(x+1)').latex).toBe('\\frac{x-1}{x+1}');
    expect(compileExpression('log(x) + abs(y)').latex).toBe(
      '\\ln\\left(x\\right)+\\left|y\\right|',
    );
  });

  it('Rosenbrock derivative strings are simplified but keep the user’s structure', () => {
    const f = compileExpression('(1-x)^2 + 100(y-x^2)^2');
    expect(f.derivatives.gradient).toEqual([
      '-2 * (1 - x) - 400 * x * (y - x ^ 2)',
      '200 * (y - x ^ 2)',
    ]);
    expect(f.derivatives.hessian[0]![1]).toBe('-400 * x');
    expect(f.derivatives.hessian[1]![0]).toBe('-400 * x');
    expect(f.derivatives.hessian[1]![1]).toBe('200');
  });
});

describe('Objective contract', () => {
  it('accepts plain arrays and typed arrays, and writes only dim (dim²) slots', () => {
    const f = compileExpression('x^2 + 3y');
    const out = new Float64Array([9, 9, 9, 9, 9]);
    f.gradient(new Float64Array([1, 2]), out);
    expect([...out]).toEqual([2, 3, 9, 9, 9]);
    f.hessian([1, 2], out);
    expect([...out]).toEqual([2, 0, 0, 0, 9]);
    const g = compileExpression('x^2');
    const o1 = new Float64Array([7, 7]);
    g.gradient([3], o1);
    expect([...o1]).toEqual([6, 7]);
  });

  it('is frozen, with frozen derivative lists', () => {
    const f = compileExpression('x*y');
    expect(Object.isFrozen(f)).toBe(true);
    expect(Object.isFrozen(f.derivatives.gradient)).toBe(true);
    expect(Object.isFrozen(f.variables)).toBe(true);
  });

  it('returns NaN outside the natural domain instead of throwing', () => {
    const f = compileExpression('log(x) + sqrt(y)');
    expect(f.value([-1, 1])).toBeNaN();
    expect(f.value([1, -1])).toBeNaN();
    // 0/0 stays NaN: the symbolic rule 0·u = 0 does not swallow a known-infinite constant.
    expect(compileExpression('0/0 + x').value([1])).toBeNaN();
    expect(compileExpression('x / 0').value([1])).toBe(Infinity);
  });

  it('evaluates repeatedly with consistent results (shared registers are refreshed)', () => {
    const f = compileExpression('(1-x)^2 + 100(y-x^2)^2');
    const a = grad(f, 0.3, 0.2);
    grad(f, -1, 4);
    expect(grad(f, 0.3, 0.2)).toEqual(a);
  });
});
