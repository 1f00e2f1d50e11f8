import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Dim, Objective, Point } from '../types.ts';
import { analyzePoint, classifyCurvature } from './analyze.ts';
import { convexityVerdict } from './convexity.ts';
import { stabilityLimit } from './stability.ts';
import { taylorEstimate } from './taylor.ts';

/** Hand-made objective with exact derivatives (independent of the expression compiler). */
function make(
  dim: Dim,
  f: (x: number, y: number) => number,
  grad: (x: number, y: number) => readonly number[],
  hess: (x: number, y: number) => readonly number[],
  isKink: (x: number, y: number) => boolean = () => false,
): Objective {
  const xy = (p: Point): [number, number] => [p[0] ?? NaN, dim === 2 ? (p[1] ?? NaN) : 0];
  return {
    dim,
    variables: dim === 2 ? ['x', 'y'] : ['x'],
    value: (p) => f(...xy(p)),
    gradient: (p, out) => out.set(grad(...xy(p))),
    hessian: (p, out) => out.set(hess(...xy(p))),
    isKink: (p) => isKink(...xy(p)),
  };
}

// The chapter's running examples.
const xSqPlusXy = make(
  2,
  (x, y) => x * x + x * y,
  (x, y) => [2 * x + y, x],
  () => [2, 1, 1, 0],
);
const bowl = make(
  2,
  (x, y) => x * x + y * y,
  (x, y) => [2 * x, 2 * y],
  () => [2, 0, 0, 2],
);
const saddle = make(
  2,
  (x, y) => x * x - y * y,
  (x, y) => [2 * x, -2 * y],
  () => [2, 0, 0, -2],
);
const cap = make(
  2,
  (x, y) => -x * x - y * y,
  (x, y) => [-2 * x, -2 * y],
  () => [-2, 0, 0, -2],
);
const square = make(
  1,
  (x) => x * x,
  (x) => [2 * x],
  () => [2],
);
const cube = make(
  1,
  (x) => x ** 3,
  (x) => [3 * x * x],
  (x) => [6 * x],
);
const quartic = make(
  1,
  (x) => x ** 4,
  (x) => [4 * x ** 3],
  (x) => [12 * x * x],
);
const abs = make(
  1,
  (x) => Math.abs(x),
  (x) => [Math.sign(x) + 0],
  () => [0],
  (x) => x === 0,
);
const logX = make(
  2,
  (x) => Math.log(x),
  (x) => [1 / x, 0],
  (x) => [-1 / (x * x), 0, 0, 0],
);

describe('analyzePoint', () => {
  it('f = x^2 + xy at (1, 2): gradient, Hessian, eigen, saddle', () => {
    const a = analyzePoint(xSqPlusXy, [1, 2]);
    expect(a.point).toEqual([1, 2]);
    expect(a.value).toBe(3);
    expect(a.gradient).toEqual([4, 1]);
    expect(a.gradientNorm).toBeCloseTo(Math.sqrt(17), 14);
    expect(a.hessian).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(a.eigenvalues[0]).toBeCloseTo(1 - Math.SQRT2, 14);
    expect(a.eigenvalues[1]).toBeCloseTo(1 + Math.SQRT2, 14);
    expect(a.eigenvalues[0]).toBeCloseTo(-0.414, 3);
    expect(a.eigenvalues[1]).toBeCloseTo(2.414, 3);
    // eigenvectors[i] goes with eigenvalues[i]: H v = λ v.
    for (const [i, v] of a.eigenvectors.entries()) {
      const l = a.eigenvalues[i] ?? NaN;
      const [v0 = NaN, v1 = NaN] = v;
      expect(2 * v0 + v1).toBeCloseTo(l * v0, 12);
      expect(v0).toBeCloseTo(l * v1, 12);
    }
    expect(a.curvature).toBe('saddle');
    expect(a.critical).toBe(false);
    expect(a.kink).toBe(false);
    expect(a.directionalDerivative).toBeUndefined();
  });

  it('directional derivative of x^2 + xy at (1, 2): 4 along (1, 0), 0 along the contour', () => {
    const along = analyzePoint(xSqPlusXy, [1, 2], { direction: [1, 0] });
    expect(along.directionalDerivative).toEqual({ direction: [1, 0], value: 4 });
    // The direction is normalised before use: (5, 0) gives the same answer.
    expect(analyzePoint(xSqPlusXy, [1, 2], { direction: [5, 0] }).directionalDerivative).toEqual({
      direction: [1, 0],
      value: 4,
    });
    const contour = analyzePoint(xSqPlusXy, [1, 2], { direction: [-1, 4] });
    const dd = contour.directionalDerivative;
    expect(dd?.direction[0]).toBeCloseTo(-1 / Math.sqrt(17), 15);
    expect(dd?.direction[1]).toBeCloseTo(4 / Math.sqrt(17), 15);
    expect(dd?.value).toBeCloseTo(0, 14);
    // Along the gradient the rate is |∇f|.
    expect(
      analyzePoint(xSqPlusXy, [1, 2], { direction: [4, 1] }).directionalDerivative?.value,
    ).toBeCloseTo(Math.sqrt(17), 14);
  });

  it('rejects a zero, wrong-length or non-finite direction', () => {
    expect(() => analyzePoint(xSqPlusXy, [1, 2], { direction: [0, 0] })).toThrow(RangeError);
    expect(() => analyzePoint(xSqPlusXy, [1, 2], { direction: [1] })).toThrow(RangeError);
    expect(() => analyzePoint(xSqPlusXy, [1, 2], { direction: [NaN, 1] })).toThrow(RangeError);
  });

  it('x^2 + y^2: bowl with eigenvalues 2, 2, critical at the origin only', () => {
    const a = analyzePoint(bowl, [0, 0]);
    expect(a.hessian).toEqual([
      [2, 0],
      [0, 2],
    ]);
    expect(a.eigenvalues).toEqual([2, 2]);
    expect(a.curvature).toBe('bowl');
    expect(a.critical).toBe(true);
    expect(analyzePoint(bowl, [0.5, 0]).critical).toBe(false);
  });

  it('x^2 − y^2: ascending eigenvalues −2, 2 with matching axes, saddle, critical at 0', () => {
    const a = analyzePoint(saddle, new Float64Array([0, 0]));
    expect(a.eigenvalues).toEqual([-2, 2]);
    expect(a.eigenvectors).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(a.curvature).toBe('saddle');
    expect(a.critical).toBe(true);
  });

  it('−x^2 − y^2 is a cap', () => {
    expect(analyzePoint(cap, [1, -1]).curvature).toBe('cap');
  });

  it('1D: x^2 has f′(3) = 6, f″ = 2, bowl; x^4 is flat at 0 but a bowl nearby; x^3 cap at −1', () => {
    const a = analyzePoint(square, [3]);
    expect(a.gradient).toEqual([6]);
    expect(a.hessian).toEqual([[2]]);
    expect(a.eigenvalues).toEqual([2]);
    expect(a.eigenvectors).toEqual([[1]]);
    expect(a.curvature).toBe('bowl');
    const q = analyzePoint(quartic, [0]);
    expect(q.curvature).toBe('flat');
    expect(q.critical).toBe(true);
    expect(analyzePoint(quartic, [0.5]).curvature).toBe('bowl');
    expect(analyzePoint(cube, [-1]).curvature).toBe('cap');
  });

  it('the tolerance option decides "critical"', () => {
    expect(analyzePoint(square, [1e-4]).critical).toBe(false);
    expect(analyzePoint(square, [1e-4], { tolerance: 1e-3 }).critical).toBe(true);
    expect(() => analyzePoint(square, [1], { tolerance: -1 })).toThrow(RangeError);
  });

  it('reports kinks from the objective', () => {
    expect(analyzePoint(abs, [0]).kink).toBe(true);
    expect(analyzePoint(abs, [0.1]).kink).toBe(false);
  });

  it('throws outside f’s domain and for a wrong-length point', () => {
    expect(() => analyzePoint(logX, [-1, 0])).toThrow(RangeError);
    expect(() => analyzePoint(logX, [0, 0])).toThrow(RangeError);
    expect(analyzePoint(logX, [1, 0]).curvature).toBe('flat');
    expect(() => analyzePoint(bowl, [1])).toThrow(RangeError);
    expect(() => analyzePoint(square, [1, 2])).toThrow(RangeError);
  });
});

describe('classifyCurvature', () => {
  it('uses a relative tolerance for zero eigenvalues', () => {
    expect(classifyCurvature([0, 2])).toBe('flat');
    expect(classifyCurvature([1e-12, 2])).toBe('flat');
    expect(classifyCurvature([-1e-3, 1e6])).toBe('flat');
    expect(classifyCurvature([1e-3, 1e6])).toBe('flat');
    expect(classifyCurvature([1e-2, 1e6])).toBe('bowl');
    expect(classifyCurvature([0.4, 1001.6])).toBe('bowl'); // Rosenbrock at its minimum
    expect(classifyCurvature([-1e-6, 1e-6])).toBe('saddle');
    expect(classifyCurvature([-1e-10, 1e-6])).toBe('flat');
    expect(classifyCurvature([-3, -1])).toBe('cap');
    expect(classifyCurvature([0])).toBe('flat');
    expect(classifyCurvature([1e-3], 1e-2)).toBe('flat');
  });

  it('never calls a 1D Hessian a saddle', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (l) => {
        expect(classifyCurvature([l])).not.toBe('saddle');
      }),
    );
  });
});

describe('taylorEstimate', () => {
  it('x^2 at 3 → 3.1: linear 9.6, actual 9.61, linear error 0.01', () => {
    const t = taylorEstimate(square, [3], [3.1]);
    expect(t.linear).toBeCloseTo(9.6, 12);
    expect(t.actual).toBeCloseTo(9.61, 12);
    expect(t.linearError).toBeCloseTo(0.01, 12);
    expect(t.quadratic).toBeCloseTo(9.61, 12);
    expect(t.quadraticError).toBeCloseTo(0, 12);
  });

  it('linear error of x^2 is (x − 3)^2: 0.25, 1, 4 at 3.5, 4, 5; quadratic error 0', () => {
    for (const [x, err] of [
      [3.5, 0.25],
      [4, 1],
      [5, 4],
    ] as const) {
      const t = taylorEstimate(square, [3], [x]);
      expect(t.linearError).toBeCloseTo(err, 12);
      expect(t.quadraticError).toBe(0);
    }
  });

  it('signs: the error of a convex f above its tangent is positive; concave negative', () => {
    expect(taylorEstimate(bowl, [1, 1], [2, 0]).linearError).toBeGreaterThan(0);
    expect(taylorEstimate(cap, [1, 1], [2, 0]).linearError).toBeLessThan(0);
  });

  it('2D quadratic x^2 + xy: quadratic model is exact anywhere', () => {
    const coord = fc.double({ min: -5, max: 5, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(coord, coord), fc.tuple(coord, coord), (a, b) => {
        const t = taylorEstimate(xSqPlusXy, a, b);
        expect(Math.abs(t.quadraticError)).toBeLessThan(1e-12);
        // linear error = ½ sᵀHs = s0² + s0·s1 for H = [[2,1],[1,0]].
        const s0 = b[0] - a[0];
        const s1 = b[1] - a[1];
        expect(t.linearError).toBeCloseTo(s0 * s0 + s0 * s1, 10);
      }),
    );
  });

  it('x^3 at 1 → 2: quadratic error is the cubic term (2 − 1)^3 = 1', () => {
    const t = taylorEstimate(cube, [1], [2]);
    expect(t.linear).toBe(4);
    expect(t.quadratic).toBe(7);
    expect(t.actual).toBe(8);
    expect(t.quadraticError).toBe(1);
  });

  it('rejects points of the wrong dimension', () => {
    expect(() => taylorEstimate(square, [3], [3, 1])).toThrow(RangeError);
  });
});

describe('stabilityLimit', () => {
  it('x^2 (λ = 2): η < 1', () => {
    expect(stabilityLimit([[2]])).toEqual({ lambdaMax: 2, etaMax: 1 });
    expect(stabilityLimit([2])).toEqual({ lambdaMax: 2, etaMax: 1 });
  });

  it('bowl x^2 + y^2: η < 1; anisotropic x^2 + 10y^2 limited by the steep axis', () => {
    expect(
      stabilityLimit([
        [2, 0],
        [0, 2],
      ]).etaMax,
    ).toBe(1);
    expect(
      stabilityLimit([
        [2, 0],
        [0, 20],
      ]),
    ).toEqual({ lambdaMax: 20, etaMax: 0.1 });
    expect(stabilityLimit([20, 2]).etaMax).toBe(0.1);
    const tilted = stabilityLimit([
      [2, 1],
      [1, 0],
    ]);
    expect(tilted.lambdaMax).toBeCloseTo(1 + Math.SQRT2, 14);
    expect(tilted.etaMax).toBeCloseTo(2 / (1 + Math.SQRT2), 14);
  });

  it('λmax ≤ 0: no limit', () => {
    expect(stabilityLimit([-2, -2]).etaMax).toBe(Infinity);
    expect(stabilityLimit([0]).etaMax).toBe(Infinity);
  });

  it('GD on the quadratic really is stable below the limit and unstable above', () => {
    // θ ← θ − η H θ on H = diag(2, 20).
    const run = (eta: number): number => {
      let x = 1;
      let y = 1;
      for (let k = 0; k < 200; k++) {
        x -= eta * 2 * x;
        y -= eta * 20 * y;
      }
      return Math.hypot(x, y);
    };
    const { etaMax } = stabilityLimit([2, 20]);
    expect(run(etaMax * 0.99)).toBeLessThan(1);
    expect(run(etaMax * 1.01)).toBeGreaterThan(1);
  });

  it('rejects empty and non-finite input', () => {
    expect(() => stabilityLimit([])).toThrow(RangeError);
    expect(() => stabilityLimit([NaN])).toThrow(RangeError);
  });
});

describe('convexityVerdict', () => {
  const square2 = { x: [-2, 2], y: [-2, 2] } as const;

  it('x^2 + y^2 is convex; the sample count is reported', () => {
    expect(convexityVerdict(bowl, square2)).toEqual({ convex: true, samples: 41 * 41 });
    expect(convexityVerdict(bowl, square2, { samples: 5 })).toEqual({ convex: true, samples: 25 });
  });

  it('x^2 + xy is not convex: witness eigenvalue 1 − √2 (constant Hessian)', () => {
    const v = convexityVerdict(xSqPlusXy, square2);
    expect(v.convex).toBe(false);
    if (v.convex) return;
    expect(v.witness.eigenvalue).toBeCloseTo(1 - Math.SQRT2, 14);
    expect(v.witness.point).toHaveLength(2);
  });

  it('x^2 − y^2 and −x^2 − y^2 are not convex', () => {
    const s = convexityVerdict(saddle, square2);
    expect(s.convex ? NaN : s.witness.eigenvalue).toBe(-2);
    expect(convexityVerdict(cap, square2).convex).toBe(false);
  });

  it('1D x^3 on [−2, 2]: witness at the most negative f″, x = −2', () => {
    const v = convexityVerdict(cube, { x: [-2, 2], y: [0, 0] });
    expect(v).toEqual({ convex: false, witness: { point: [-2], eigenvalue: -12 } });
    // Only x is sampled in 1D: 41 samples, and the (degenerate) y range is ignored.
    expect(convexityVerdict(square, { x: [-1, 1], y: [0, 0] })).toEqual({
      convex: true,
      samples: 41,
    });
    // On x ≥ 0 the cube is convex.
    expect(convexityVerdict(cube, { x: [0, 3], y: [0, 0] }).convex).toBe(true);
  });

  it('affine and kinked-convex functions (zero Hessian) are convex', () => {
    const plane = make(
      2,
      (x, y) => x + 2 * y,
      () => [1, 2],
      () => [0, 0, 0, 0],
    );
    expect(convexityVerdict(plane, square2).convex).toBe(true);
    expect(convexityVerdict(abs, { x: [-1, 1], y: [0, 0] }).convex).toBe(true);
  });

  it('relative tolerance: rounding-level negatives are ignored, real ones are not', () => {
    // Hessian diag(2, ε·2) with a tiny negative ε: a PSD-singular Hessian with rounding noise.
    const noisy = (eps: number): Objective =>
      make(
        2,
        (x, y) => x * x + eps * y * y,
        (x, y) => [2 * x, 2 * eps * y],
        () => [2, 0, 0, 2 * eps],
      );
    expect(convexityVerdict(noisy(-1e-15), square2).convex).toBe(true);
    expect(convexityVerdict(noisy(-1e-9), square2).convex).toBe(true);
    const real = convexityVerdict(noisy(-1e-3), square2);
    expect(real.convex ? NaN : real.witness.eigenvalue).toBeCloseTo(-2e-3, 15);
    expect(convexityVerdict(noisy(-1e-3), square2, { tolerance: 1e-2 }).convex).toBe(true);
    // Scale invariance: multiplying f by 1e-8 does not change the verdict.
    const small = make(
      2,
      (x, y) => 1e-8 * (x * x - y * y),
      (x, y) => [2e-8 * x, -2e-8 * y],
      () => [2e-8, 0, 0, -2e-8],
    );
    expect(convexityVerdict(small, square2).convex).toBe(false);
  });

  it('skips samples outside f’s domain; throws if there are none', () => {
    // −log x has Hessian 1/x² on x > 0 (convex), non-finite at x ≤ 0.
    const negLog = make(
      2,
      (x) => -Math.log(x),
      (x) => [-1 / x, 0],
      (x) => (x > 0 ? [1 / (x * x), 0, 0, 0] : [NaN, NaN, NaN, NaN]),
    );
    expect(convexityVerdict(negLog, { x: [-1, 1], y: [-1, 1] }, { samples: 11 })).toEqual({
      convex: true,
      samples: 5 * 11,
    });
    expect(() => convexityVerdict(negLog, { x: [-2, -1], y: [-1, 1] })).toThrow(RangeError);
    expect(convexityVerdict(logX, { x: [0.5, 2], y: [-1, 1] }).convex).toBe(false);
  });

  it('validates its options and domain', () => {
    expect(() => convexityVerdict(bowl, square2, { samples: 1 })).toThrow(RangeError);
    expect(() => convexityVerdict(bowl, square2, { samples: 2.5 })).toThrow(RangeError);
    expect(() => convexityVerdict(bowl, square2, { tolerance: -1 })).toThrow(RangeError);
    expect(() => convexityVerdict(bowl, { x: [1, -1], y: [-1, 1] })).toThrow(RangeError);
  });
});
