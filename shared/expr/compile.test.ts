import { describe, expect, it } from 'vitest';
import { Builder, type Node, evaluate } from './ast.ts';
import { type Program, compileProgram } from './compile.ts';
import { differentiate } from './derivative.ts';
import { compileExpression } from './index.ts';
import { parseSource, toAst } from './parse.ts';
import { GRADIENT_SHAPE_ROWS, compileGradient, gradientMethod, gradientValue } from './poly.ts';

/** f, ∇f and the upper Hessian of src over (x, y) (or over x only), as trees of one builder. */
function trees(src: string, variables = ['x', 'y']): { f: Node; grad: Node[]; hess: Node[] } {
  const parsed = parseSource(src, variables);
  const b = new Builder();
  const f = toAst(b, parsed.tree, parsed.variables);
  const grad = variables.map((_, i) => differentiate(b, f, i, new Map()));
  const hess =
    variables.length === 1
      ? [differentiate(b, grad[0]!, 0, new Map())]
      : [
          differentiate(b, grad[0]!, 0, new Map()),
          differentiate(b, grad[1]!, 0, new Map()),
          differentiate(b, grad[1]!, 1, new Map()),
        ];
  return { f, grad, hess };
}

/** Runs prog at p (outputs in order, as its callers do). */
function run(prog: Program, p: readonly number[]): number[] {
  p.forEach((v, i) => (prog.R[i] = v));
  return prog.outputs.map((o) => o());
}

const agree = (a: number, b: number): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) ||
  a === b ||
  Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

const POINTS = [
  [0.3, -0.7],
  [1.3, 2.1],
  [-1.1, 0.4],
  [0, 0],
  [1, 1],
];

// Each one exercises fused closures: register terms plus sin/cos/exp (written out) or rarer
// functions (dispatched on a function code), products of two calls, functions of sums, e^u,
// constant factors folded into coefficients, and pairs of outputs computed by one closure.
const EXPRESSIONS = [
  '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)',
  'sin(x)*cos(y)',
  'sin(x) + sin(y)',
  'exp(-x) + exp(-y) + x y',
  'x^2 + 3*sin(2*x) + y^2 - cos(3*y)',
  'x^2 + x y + y^2 + x + sin(x) + sin(y)',
  'exp(x)*cos(2y)',
  'cos(x)*exp(-y) + sin(y) exp(x)',
  'x*sin(y) + y^2 sin(x)',
  'x y sin(x)',
  'exp(-x^2-y^2)',
  'sin(x + y) + cos(x - 2y + 1)',
  'exp(x^2 + x y + y^2 - 3)',
  'tanh(2x) + sigmoid(3y) + log(x^2 + 1) * y',
  'sqrt(x^2 + y^2 + 1) + tan(0.5 x)',
  'pi * e * x * sin(3*pi*y/2) + e^(2x) - e^x e^y',
  'sin(1) * x * y + log(2) * 2^x',
  '(sin(x) + cos(y))^2',
  'x * (1/0) + y',
  'tanh(x) tanh(y) + sigmoid(x) log(y^2 + 1) + sqrt(x^2 + 1) tan(y / 3)',
  'relu(x) y + abs(x) y^2 + x relu(2y) + abs(3y)',
  'tanh(2x)',
  'sigmoid(x + y)',
  '2 * (x + sin(y))',
  'x + y + x sin(y)',
  // Products of sin/cos/exp with a rarer function: the written-out products must not take them
  // for another pair (sin·sigmoid once ran as cos·sin).
  ...['sin', 'cos', 'exp'].flatMap((F) =>
    ['tanh', 'sigmoid', 'log', 'sqrt', 'tan', 'abs'].map((G) => `${F}(x) * ${G}(y)`),
  ),
  // H₀₀ and H₀₁ of the same written-out shape: the pair closure is only for two outputs.
  'cos(x) + x*sin(y)',
  'exp(2x) + y*exp(x)',
];

// Every written-out shape, for each of sin, cos and exp (whose derivatives are cos, −sin, exp).
const WRITTEN_OUT = ['sin', 'cos', 'exp'].flatMap((F) => [
  `${F}(2x)`,
  `${F}(x + 2y)`,
  `${F}(x + y - 1)`,
  `${F}(x + y + x y + 1)`,
  `3 ${F}(2x) y`,
  `x + ${F}(2x) + x^2 y^2`,
  `x + y + ${F}(2x) + x^2 y^2`,
  `${F}(2x) + ${F}(3y)`,
  `x^2 + ${F}(2x) + y^2 + ${F}(3y)`,
  `x^2 + x y + y^2 + ${F}(x) + ${F}(y)`,
  ...['sin', 'cos', 'exp'].map((G) => `${F}(x) * ${G}(2y)`),
]);

describe('compiled programs agree with the reference evaluator', () => {
  it.each([...EXPRESSIONS, ...WRITTEN_OUT])('%s', (src) => {
    const { f, grad, hess } = trees(src);
    for (const roots of [[f], grad, hess]) {
      const prog = compileProgram(roots, 2);
      for (const p of POINTS) {
        prog.R[0] = p[0]!;
        prog.R[1] = p[1]!;
        const got = prog.outputs.map((o) => o());
        roots.forEach((r, i) => {
          const want = evaluate(r, p);
          expect(agree(got[i]!, want), `${src} root ${i} at ${p}: ${got[i]} vs ${want}`).toBe(true);
        });
        if (prog.secondOutput !== undefined) {
          // outputs[0] leaves output 1 in a register, refreshed on every call.
          prog.R[prog.secondOutput] = NaN;
          prog.outputs[0]!();
          expect(agree(prog.R[prog.secondOutput]!, got[1]!)).toBe(true);
        }
      }
    }
  });

  it('computes the gradient of a separable surface in one closure', () => {
    const { grad } = trees('20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)');
    expect(compileProgram(grad, 2).secondOutput).toBeDefined();
    const f = compileExpression('20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)');
    const out = new Float64Array(2);
    for (const [x, y] of POINTS as [number, number][]) {
      f.gradient([x, y], out);
      expect(out[0]).toBeCloseTo(2 * x + 20 * Math.PI * Math.sin(2 * Math.PI * x), 12);
      expect(out[1]).toBeCloseTo(2 * y + 20 * Math.PI * Math.sin(2 * Math.PI * y), 12);
    }
  });

  it('compiles programs of more than two roots whose first two share a shape', () => {
    // Both once threw "Could not compile the expression" (the Hessian's, the kink test's).
    const f = compileExpression('cos(x) + x*sin(y)');
    const h = new Float64Array(4);
    f.hessian([0.3, 0.7], h);
    expect([...h]).toEqual([-Math.cos(0.3), Math.cos(0.7), Math.cos(0.7), -0.3 * Math.sin(0.7)]);
    const k = compileExpression('relu(-cos(x)) + max(cos(-x), x^2, 0.3)');
    expect(k.isKink([0, 0])).toBe(false);
    expect(k.value([0, 0])).toBe(1);
  });

  it('prints constant factors first', () => {
    const f = compileExpression('20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)');
    expect(f.derivatives.gradient).toEqual([
      '2 * x + 20 * pi * sin(2 * pi * x)',
      '2 * y + 20 * pi * sin(2 * pi * y)',
    ]);
    expect(f.derivatives.hessian[0]![0]).toBe('2 + 40 * pi ^ 2 * cos(2 * pi * x)');
  });
});

// Polynomials (the gradient and Hessian programs are expanded into coefficient tables by
// poly.ts when that is accurate): dense kernels (total degree ≤ 3 or 4) and rows (up to 8) in
// either orientation, some with huge or tiny coefficients, some prone to cancellation.
const POLYNOMIALS = [
  '(1 - x)^2 + 100*(y - x^2)^2',
  '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
  'x^2 + y^2',
  '0.5*x^2 + 5*y^2',
  'x^2 + x*y',
  'x^3 - 3*x*y^2',
  '(x^2 - 1)^2 + 0.3*x + y^2',
  '(x - 0.1)^2 + (y + 0.7)^2',
  '(x^2 + y^2 - 1)^2',
  'x^4 + y^4 - 4 x y',
  '2x^2 - 1.05x^4 + x^6/6 + x*y + y^2',
  '4x^2 - 2.1x^4 + x^6/3 + x*y - 4y^2 + 4y^4',
  '(x+y+1)^2*(19 - 14x + 3x^2 - 14y + 6x y + 3y^2)',
  '3x^5 - 2x^2 y^3 + y^6',
  'x^8 + y',
  'x + y^8',
  'x^7 y - y^7 x',
  'x^2 y^6 + x^6 y^2 - x y',
  '1e6 * (x - 1.001)^2 + 1e-6 * y^4',
  'pi * x^2 * y + e * (x - y)^3',
  '(x-1)^4 + (y-2)^4',
  '(x - 3)^8',
  '(x + y)^8',
  '(x y - 1)^4',
  '(x - y)^2 * (x + y)^2 - (x^2 - y^2)^2',
  '0 * x + 7',
];

const POLYNOMIALS_1D = [
  'x^2',
  '(3x+1)^2',
  'x^4 - 2x^2',
  '(x^2 - 1)^2 + 0.3*x',
  'x^7 / 7 - x^3',
  'x^8 - x',
  '(x - 1)^3',
  '(x - 3)^8',
  '1e8 * x^5 - 1e-8 * x',
];

/** POINTS and a grid over [−3, 3]², including points near the zeros of many factors above. */
const GRID = [
  ...POINTS,
  ...[-3, -1.7, -0.9, -0.4, 0.5, 0.999, 1.001, 1.6, 2.2, 3].flatMap((x) =>
    [-2.9, -1.1, -0.3, 0.6, 1.2, 2.001, 2.9].map((y) => [x, y]),
  ),
];

describe('polynomial programs agree with the reference evaluator', () => {
  const check = (roots: readonly Node[], dim: number, points: readonly number[][], src: string) => {
    const prog = compileProgram(roots, dim, { expand: true });
    for (const p of points) {
      const got = run(prog, p);
      roots.forEach((r, i) => {
        const want = evaluate(r, p);
        expect(agree(got[i]!, want), `${src} root ${i} at ${p}: ${got[i]} vs ${want}`).toBe(true);
      });
      if (prog.secondOutput !== undefined) {
        prog.R[prog.secondOutput] = NaN;
        prog.outputs[0]!();
        expect(Object.is(prog.R[prog.secondOutput], got[1])).toBe(true);
      }
    }
    return prog;
  };

  // Gradients and Hessians, as compileExpression does (values are not expanded: see below).
  it.each(POLYNOMIALS)('%s', (src) => {
    const { grad, hess } = trees(src);
    for (const roots of [grad, hess]) check(roots, 2, GRID, src);
  });

  it.each(POLYNOMIALS_1D)('1D: %s', (src) => {
    const { grad, hess } = trees(src, ['x']);
    const points = GRID.map(([x]) => [x!]);
    for (const roots of [grad, hess]) check(roots, 1, points, src);
  });

  it('compileExpression: gradient and Hessian methods agree, in 2D and 1D', () => {
    const g = new Float64Array(2);
    const h = new Float64Array(4);
    for (const [list, variables] of [
      [POLYNOMIALS, ['x', 'y']],
      [POLYNOMIALS_1D, ['x']],
    ] as const) {
      for (const src of list) {
        const c = compileExpression(src, { variables: [...variables] });
        const { grad, hess } = trees(src, [...variables]);
        const upper = variables.length === 2 ? [0, 1, 1, 2] : [0];
        for (const point of GRID) {
          const p = point.slice(0, variables.length);
          c.gradient(p, g);
          c.hessian(p, h);
          grad.forEach((r, i) =>
            expect(agree(g[i]!, evaluate(r, p)), `${src} ∂${i} at ${p}`).toBe(true),
          );
          upper.forEach((k, i) =>
            expect(agree(h[i]!, evaluate(hess[k]!, p)), `${src} H${i} at ${p}`).toBe(true),
          );
        }
      }
    }
  });

  it('gradient methods give the results of their scheme to the bit (trimmed kernels included)', () => {
    // In 2D a polynomial f of a common shape has its gradient computed from f's own table
    // (compileGradient, poly.ts): the method must give exactly the reference evaluation of that
    // scheme, gradientValue(). Other gradients are methods over the gradient's own tables, which
    // read fewer coefficients where tables end in zeros: they must give the program outputs.
    // Rosenbrock's gradient is linear in y, Beale's rows are long over short, three-hump
    // camel's short over long; the extra ones add long rows only and 3 rows per output.
    const extra = [
      '(x^2 y - 1)^2 + (x - y^3)^2',
      'x^2 y^4 + x^3 y + y^2',
      '(x y^2 + x)^2 + (x^3 y - 2)^2',
      '(x^3 + y - 1)^2 * (1 + x)',
      '(2 - x y + x y^3)^2 + (x - 1)^2',
      'x^2 y^5 + x y^6 + x^2',
      'x^3 y^3 + x y^3 + x^2',
      'x^3 y^5 + x y^6 + x^3',
    ];
    const g = new Float64Array(2);
    const want = [0, 0];
    const fromF: string[] = [];
    for (const src of [...POLYNOMIALS, ...extra]) {
      const c = compileExpression(src, { variables: ['x', 'y'] });
      const { f, grad } = trees(src);
      const G = compileGradient(f, grad);
      if (G !== null) fromF.push(src);
      const prog = compileProgram(grad, 2, { expand: true });
      for (const p of GRID) {
        c.gradient(p, g);
        if (G !== null) gradientValue(G, p[0]!, p[1]!, want);
        else [want[0], want[1]] = run(prog, p) as [number, number];
        expect(Object.is(g[0], want[0]) && Object.is(g[1], want[1]), `${src} at ${p}`).toBe(true);
      }
    }
    // Rosenbrock, Himmelblau and Beale use it, in either orientation; the gradient tables
    // remain for the rest (and for polynomials whose expansion would lose accuracy).
    for (const src of [...POLYNOMIALS.slice(0, 3), '1e6 * (x - 1.001)^2 + 1e-6 * y^4']) {
      expect(fromF, src).toContain(src);
    }
    expect(fromF).not.toContain('(x^2 y - 1)^2 + (x - y^3)^2');
    expect(fromF).not.toContain('(x-1)^4 + (y-2)^4');
  });

  it('methods of every shape and orientation give gradientValue() to the bit', () => {
    // Random tables filling each shape (some coefficients 0), at GRID and random points.
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const g = new Float64Array(2);
    const want = [0, 0];
    GRADIENT_SHAPE_ROWS.forEach((lengths, shape) => {
      for (const swap of [false, true]) {
        for (let trial = 0; trial < 20; trial++) {
          const coefs = new Array<number>(lengths.length * 8).fill(0);
          lengths.forEach((n, r) => {
            for (let k = 0; k < n; k++) {
              coefs[r * 8 + k] = random() < 0.2 ? 0 : Math.round((random() - 0.5) * 2000) / 37;
            }
          });
          const G = { shape, coefs: [0.5, ...coefs].slice(1), n: lengths.length, swap };
          const method = gradientMethod(G);
          const points = [...GRID, [random() * 8 - 4, random() * 8 - 4]];
          for (const p of points) {
            method(p, g);
            gradientValue(G, p[0]!, p[1]!, want);
            const at = `shape ${shape} swap ${swap} at ${p}`;
            expect(Object.is(g[0], want[0]) && Object.is(g[1], want[1]), at).toBe(true);
          }
        }
      }
    });
  });

  it('expands the gradients and Hessians of the polynomial surfaces', () => {
    const expanded = [...POLYNOMIALS.slice(0, 13), ...POLYNOMIALS.slice(14, 21)];
    for (const src of expanded) {
      const { grad, hess } = trees(src);
      expect(compileProgram(grad, 2, { expand: true }).poly, src).toBeDefined();
      expect(compileProgram(hess, 2, { expand: true }).poly, src).toBeDefined();
    }
    for (const src of POLYNOMIALS_1D.slice(0, 5)) {
      const { grad, hess } = trees(src, ['x']);
      expect(compileProgram(grad, 1, { expand: true }).poly, src).toBeDefined();
      expect(compileProgram(hess, 1, { expand: true }).poly, src).toBeDefined();
    }
    // Only on request, and never for non-polynomials.
    expect(compileProgram(trees('x^2 + y^2').grad, 2).poly).toBeUndefined();
    const { grad } = trees('x^2 + sin(y)');
    expect(compileProgram(grad, 2, { expand: true }).poly).toBeUndefined();
  });

  it('does not expand where that would lose accuracy near a zero of a factor', () => {
    // Expanded, 4(x − 1)³ would be 4x³ − 12x² + 12x − 4: accurate relative to 4|x|³ + 12x² + …,
    // not to its value, near x = 1.
    for (const src of ['(x-1)^4 + (y-2)^4', '(x - 3)^8', '(x + y)^8', '(x y - 1)^4']) {
      const { f, grad } = trees(src);
      expect(compileProgram(grad, 2, { expand: true }).poly, src).toBeUndefined();
      // Nor is the gradient computed from f's expanded table (its accuracy guard).
      expect(compileGradient(f, grad), src).toBeNull();
    }
    expect(compileProgram(trees('(x - 3)^8', ['x']).grad, 1, { expand: true }).poly).toBe(
      undefined,
    );
    const f = compileExpression('(x-1)^4 + (y-2)^4');
    const g = new Float64Array(2);
    f.gradient([1 + 1e-6, 2 - 1e-6], g);
    expect(g[0]! / 4e-18).toBeCloseTo(1, 8);
    expect(g[1]! / -4e-18).toBeCloseTo(1, 8);
  });

  it('keeps values accurate near a minimum (they are never expanded)', () => {
    // x² − 2x + 1 + y² − 4y + 4 would be ~1e-16 off here, even negative.
    const f = compileExpression('(x-1)^2 + (y-2)^2');
    const [x, y] = [1 + 1e-9, 2 - 1e-9];
    expect(f.value([x, y]) / ((x - 1) ** 2 + (y - 2) ** 2)).toBeCloseTo(1, 12);
    const r = compileExpression('(1 - x)^2 + 100*(y - x^2)^2');
    expect(r.value([1 + 1e-9, 1 + 2e-9])).toBeGreaterThan(0);
  });

  it('gives exact zero gradients at exact minima', () => {
    const g = new Float64Array(2);
    for (const [src, x, y] of [
      ['(1 - x)^2 + 100*(y - x^2)^2', 1, 1],
      ['(x^2 + y - 11)^2 + (x + y^2 - 7)^2', 3, 2],
      ['(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2', 3, 0.5],
      ['(x - 0.1)^2 + (y + 0.7)^2', 0.1, -0.7],
    ] as const) {
      compileExpression(src).gradient([x, y], g);
      expect([...g].map(Math.abs), src).toEqual([0, 0]);
    }
  });

  it("is within 1e-12 of the terms' size at Himmelblau's irrational minima", () => {
    const f = compileExpression('(x^2 + y - 11)^2 + (x + y^2 - 7)^2');
    const { grad } = trees('(x^2 + y - 11)^2 + (x + y^2 - 7)^2');
    const g = new Float64Array(2);
    for (const [x, y] of [
      [-2.805118086952745, 3.131312518250573],
      [-3.779310253377747, -3.2831859912861696],
      [3.5844283403304917, -1.8481265269644034],
    ] as const) {
      f.gradient([x, y], g);
      // Size of the expanded terms: 4x³ + 4xy − 42x + 2y² − 14 and 2x² + 4xy + 4y³ − 26y − 22.
      const sizes = [
        4 * Math.abs(x) ** 3 + 4 * Math.abs(x * y) + 42 * Math.abs(x) + 2 * y * y + 14,
        2 * x * x + 4 * Math.abs(x * y) + 4 * Math.abs(y) ** 3 + 26 * Math.abs(y) + 22,
      ];
      for (const i of [0, 1]) {
        expect(Math.abs(g[i]!), `∂${i} at ${x}, ${y}`).toBeLessThan(1e-12 * sizes[i]!);
        expect(Math.abs(g[i]! - evaluate(grad[i]!, [x, y]))).toBeLessThan(1e-13 * sizes[i]!);
      }
    }
  });
});
