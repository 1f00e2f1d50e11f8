import fc from 'fast-check';
import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { type CompiledExpression, ExpressionError, compileExpression } from './index.ts';

/** Random smooth expressions in x and y, as the user would type them (with implicit products). */
const smooth = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'smooth' },
    fc.constantFrom('x', 'y', '2x', '0.5y', 'x y'),
    fc.constantFrom('1', '2', '3', '0.5', '1.5', 'pi', 'e'),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc
      .tuple(fc.constantFrom('sin', 'cos', 'exp', 'tanh', 'sigmoid'), tie('e'))
      .map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), fc.constantFrom(2, 3)).map(([a, k]) => `(${a})^${k}`),
    tie('e').map((a) => `-${a}`),
  ),
})).e;

/** Generated expressions may be constant or use one variable: fix the variables to x, y. */
const XY = { variables: ['x', 'y'] } as const;
const coord = fc.double({ min: -2, max: 2, noNaN: true });
const LIMIT = 1e5;
const finite = (...xs: number[]): boolean =>
  xs.every((v) => Number.isFinite(v) && Math.abs(v) < LIMIT);
const close = (a: number, b: number, rel: number): boolean =>
  Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** f, ∇f and H at p, for a 1D or 2D objective, as plain arrays of length 2 / 4 (padded with 0). */
function at(c: CompiledExpression, p: readonly number[]) {
  const q = p.slice(0, c.dim);
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  c.gradient(q, g);
  c.hessian(q, h);
  return { f: c.value(q), g, h };
}

describe('derivatives agree with central finite differences', () => {
  it('gradient and Hessian of random smooth expressions', () => {
    fc.assert(
      fc.property(smooth, coord, coord, (src, x, y) => {
        const c = compileExpression(src, XY);
        const p = [x, y];
        const { f, g, h } = at(c, p);
        fc.pre(finite(f, ...g, ...h));
        for (let i = 0; i < c.dim; i++) {
          const step = 1e-5 * Math.max(1, Math.abs(p[i]!));
          // Central differences at h and h/2, combined by Richardson extrapolation: the h² error
          // term cancels, so steep high-degree terms no longer break the tolerance by truncation.
          const diffs = (hStep: number) => {
            const plus = [...p];
            const minus = [...p];
            plus[i]! += hStep;
            minus[i]! -= hStep;
            const fp = at(c, plus);
            const fm = at(c, minus);
            fc.pre(finite(fp.f, fm.f, ...fp.g, ...fm.g));
            return {
              f: (fp.f - fm.f) / (2 * hStep),
              g: [0, 1].map((j) => (fp.g[j]! - fm.g[j]!) / (2 * hStep)),
            };
          };
          const coarse = diffs(step);
          const fine = diffs(step / 2);
          const extrapolate = (a: number, b: number): number => (4 * b - a) / 3;
          const fd = extrapolate(coarse.f, fine.f);
          expect(close(g[i]!, fd, 1e-4), `${src} ∂/∂${c.variables[i]} ${g[i]} vs ${fd}`).toBe(true);
          for (let j = 0; j < c.dim; j++) {
            // Row i of H from differences of the exact gradient (more accurate than 2nd differences).
            const hd = extrapolate(coarse.g[j]!, fine.g[j]!);
            const hij = h[i * c.dim + j]!;
            expect(close(hij, hd, 1e-4), `${src} H[${i}][${j}] ${hij} vs ${hd}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Hessians are exactly symmetric, numerically and symbolically', () => {
    fc.assert(
      fc.property(smooth, coord, coord, (src, x, y) => {
        const c = compileExpression(src, XY);
        const { h } = at(c, [x, y]);
        expect(Object.is(h[1], h[2])).toBe(true);
        expect(c.derivatives.hessian[0]![1]).toBe(c.derivatives.hessian[1]![0]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('values agree with mathjs evaluate (independent reference)', () => {
  const scope = (x: number, y: number) => ({
    x,
    y,
    sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
    relu: (z: number) => Math.max(0, z),
  });

  it('random smooth expressions', () => {
    fc.assert(
      fc.property(smooth, coord, coord, (src, x, y) => {
        const c = compileExpression(src, XY);
        const mine = c.value([x, y]);
        const ref = evaluate(src, scope(x, y)) as number;
        fc.pre(finite(ref));
        expect(close(mine, ref, 1e-9), `${src}: ${mine} vs ${ref}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('kinked expressions: values, and gradients away from the kinks', () => {
    const kinked = fc.record({
      k: fc.constantFrom('relu', 'abs'),
      a: smooth,
      m: fc.constantFrom('max', 'min'),
      b: smooth,
      c: smooth,
    });
    fc.assert(
      fc.property(kinked, coord, coord, ({ k, a, m, b, c }, x, y) => {
        const src = `${k}(${a}) + ${m}(${b}, ${c}, 0.3)`;
        const f = compileExpression(src, XY);
        const ref = evaluate(src, scope(x, y)) as number;
        fc.pre(finite(ref));
        expect(close(f.value([x, y]), ref, 1e-9), `${src}: ${f.value([x, y])} vs ${ref}`).toBe(
          true,
        );
        // Finite differences are only valid if no kink lies between p − h and p + h: the sign of
        // the relu/abs argument and the order of the max/min arguments must not change.
        const { g } = at(f, [x, y]);
        fc.pre(finite(...g));
        const pattern = (px: number, py: number): string => {
          const [va, vb, vc] = [a, b, c].map((e) => evaluate(e, scope(px, py)) as number);
          const args = [vb!, vc!, 0.3];
          const ext = m === 'max' ? Math.max(...args) : Math.min(...args);
          return `${Math.sign(va!)}/${args.indexOf(ext)}`;
        };
        for (let i = 0; i < 2; i++) {
          const step = 1e-6;
          const plus = i === 0 ? [x + step, y] : [x, y + step];
          const minus = i === 0 ? [x - step, y] : [x, y - step];
          const here = pattern(x, y);
          fc.pre(pattern(plus[0]!, plus[1]!) === here && pattern(minus[0]!, minus[1]!) === here);
          const fd = (f.value(plus) - f.value(minus)) / (2 * step);
          fc.pre(finite(fd));
          expect(close(g[i]!, fd, 1e-4), `${src} ∂${i}: ${g[i]} vs ${fd}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('isQuadratic is sound', () => {
  it('a "quadratic" expression has the same Hessian everywhere', () => {
    const quadratic = fc
      .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), smooth)
      .map(([a, b, s]) => `(${a}) x^2 + (${b}) x y + (${s}) * 0 + (x - y)^2`);
    fc.assert(
      fc.property(
        fc.oneof(quadratic, smooth),
        coord,
        coord,
        coord,
        coord,
        (src, x1, y1, x2, y2) => {
          const c = compileExpression(src, XY);
          fc.pre(c.isQuadratic);
          const h1 = at(c, [x1, y1]).h;
          const h2 = at(c, [x2, y2]).h;
          for (let i = 0; i < 4; i++) expect(h1[i]).toBeCloseTo(h2[i]!, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('robustness: no input makes compileExpression throw anything but ExpressionError', () => {
  const check = (src: string): void => {
    let compiled: CompiledExpression | null = null;
    try {
      compiled = compileExpression(src);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      expect(e.position).toBeGreaterThanOrEqual(0);
      expect(e.position).toBeLessThanOrEqual(src.length);
      expect(e.length).toBeGreaterThanOrEqual(1);
      expect(e.message.length).toBeGreaterThan(0);
      return;
    }
    // Whatever compiled must also evaluate without throwing.
    const p = [0.37, -1.21];
    const out = new Float64Array(4);
    compiled.value(p);
    compiled.gradient(p, out);
    compiled.hessian(p, out);
    compiled.isKink(p);
  };

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), check), { numRuns: 2000 });
  });

  it('arbitrary unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), check), {
      numRuns: 500,
    });
  });

  it('strings over a math-ish alphabet', () => {
    const alphabet = [...'xy+-*/^()., 0123456789sincoexplgqrtabmd=[]{}!?\'"'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 }), check),
      {
        numRuns: 2000,
      },
    );
  });

  it('valid expressions with one random edit', () => {
    const edited = fc
      .tuple(smooth, fc.nat(), fc.string({ maxLength: 2 }), fc.nat({ max: 2 }))
      .map(([s, at, ins, del]) => {
        const i = at % (s.length + 1);
        return s.slice(0, i) + ins + s.slice(i + del);
      });
    fc.assert(fc.property(edited, check), { numRuns: 1000 });
  });
});
