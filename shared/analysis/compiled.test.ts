/**
 * The chapter's worked examples end to end: typed expression → compileExpression → analysis.
 * (analyze.test.ts checks the same numbers on hand-written objectives.)
 */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../expr/index.ts';
import { contourLines, sampleGrid } from '../contours.ts';
import { analyzePoint, convexityVerdict, stabilityLimit, taylorEstimate } from './index.ts';

const box = { x: [-2, 2], y: [-2, 2] } as const;
const line = { x: [-2, 2], y: [0, 0] } as const;

describe('worked examples on compiled expressions', () => {
  it('f = x^2 + xy at (1, 2)', () => {
    const f = compileExpression('x^2 + x*y');
    const a = analyzePoint(f, [1, 2], { direction: [1, 0] });
    expect(a.gradient).toEqual([4, 1]);
    expect(a.directionalDerivative?.value).toBe(4);
    const c = analyzePoint(f, [1, 2], { direction: [-1 / Math.sqrt(17), 4 / Math.sqrt(17)] });
    expect(c.directionalDerivative?.value).toBeCloseTo(0, 14);
    expect(a.hessian).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(a.eigenvalues[0]).toBeCloseTo(1 - Math.SQRT2, 14);
    expect(a.eigenvalues[1]).toBeCloseTo(1 + Math.SQRT2, 14);
    expect(a.curvature).toBe('saddle');
    const v = convexityVerdict(f, box);
    expect(v.convex).toBe(false);
    expect(v.convex ? NaN : v.witness.eigenvalue).toBeCloseTo(1 - Math.SQRT2, 14);
    expect(f.isQuadratic).toBe(true);
    expect(stabilityLimit(a.eigenvalues).lambdaMax).toBeCloseTo(1 + Math.SQRT2, 14);
  });

  it('bowl, saddle, cap and a flat quartic', () => {
    const bowl = compileExpression('x^2 + y^2');
    const b = analyzePoint(bowl, [0, 0]);
    expect(b.eigenvalues).toEqual([2, 2]);
    expect(b.curvature).toBe('bowl');
    expect(b.critical).toBe(true);
    expect(convexityVerdict(bowl, box)).toEqual({ convex: true, samples: 41 * 41 });
    expect(stabilityLimit(b.eigenvalues).etaMax).toBe(1);

    const saddle = compileExpression('x^2 - y^2');
    const s = analyzePoint(saddle, [0, 0]);
    expect(s.eigenvalues).toEqual([-2, 2]);
    expect(s.curvature).toBe('saddle');
    expect(s.critical).toBe(true);
    expect(convexityVerdict(saddle, box).convex).toBe(false);

    expect(analyzePoint(compileExpression('-x^2 - y^2'), [0.3, 0.1]).curvature).toBe('cap');
    expect(analyzePoint(compileExpression('x^4'), [0]).curvature).toBe('flat');

    const aniso = analyzePoint(compileExpression('x^2 + 10*y^2'), [1, 1]);
    expect(stabilityLimit(aniso.eigenvalues)).toEqual({ lambdaMax: 20, etaMax: 0.1 });
  });

  it('1D: x^2 and x^3', () => {
    const sq = compileExpression('x^2');
    const a = analyzePoint(sq, [3]);
    expect(a.gradient).toEqual([6]);
    expect(a.hessian).toEqual([[2]]);
    expect(a.curvature).toBe('bowl');
    expect(stabilityLimit(a.eigenvalues).etaMax).toBe(1);
    const cube = convexityVerdict(compileExpression('x^3'), line);
    expect(cube.convex).toBe(false);
    if (!cube.convex) {
      expect(cube.witness.point[0]).toBeLessThan(0);
      expect(cube.witness.eigenvalue).toBeLessThan(0);
    }
  });

  it('Taylor for x^2 at 3', () => {
    const sq = compileExpression('x^2');
    const t = taylorEstimate(sq, [3], [3.1]);
    expect(t.linear).toBeCloseTo(9.6, 12);
    expect(t.actual).toBeCloseTo(9.61, 12);
    expect(t.linearError).toBeCloseTo(0.01, 12);
    for (const [x, err] of [
      [3.5, 0.25],
      [4, 1],
      [5, 4],
    ] as const) {
      expect(taylorEstimate(sq, [3], [x]).linearError).toBeCloseTo(err, 12);
      expect(taylorEstimate(sq, [3], [x]).quadraticError).toBeCloseTo(0, 12);
    }
  });

  it('kinks are reported', () => {
    expect(analyzePoint(compileExpression('abs(x) + y^2'), [0, 1]).kink).toBe(true);
    expect(analyzePoint(compileExpression('abs(x) + y^2'), [0.5, 1]).kink).toBe(false);
  });

  it('contours of log(x) (undefined for x ≤ 0) contain no NaN', () => {
    const f = compileExpression('log(x) + 0*y');
    const grid = sampleGrid(f, box, 60, 60);
    const set = contourLines(grid, box, [-3, -1, 0, 0.5]);
    const all = set.segments.flatMap((s) => Array.from(s));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every(Number.isFinite)).toBe(true);
  });
});
