import { describe, expect, it } from 'vitest';
import { SWEEP_STEPS } from '../scene/figure.ts';
import { FIGURE_PRESET_SPECS } from '../scene/figurePresets.ts';
import { criticalPoints, derivativesModel, sweepX } from './derivatives.ts';
import { curveFunction } from './secant.ts';

const spec = (id: string) => FIGURE_PRESET_SPECS.find((p) => p.id === id)!;

describe('critical points', () => {
  it('x³ − 3x: a peak at −1 (f = 2) and a valley at 1 (f = −2)', () => {
    const points = criticalPoints(curveFunction('x^3 - 3*x'), -2.2, 2.2);
    expect(points).toHaveLength(2);
    const [peak, valley] = points;
    expect(peak!.x).toBeCloseTo(-1, 12);
    expect(peak!.f).toBeCloseTo(2, 12);
    expect(peak!.second).toBeCloseTo(-6, 9);
    expect(peak!.kind).toBe('peak');
    expect(valley!.x).toBeCloseTo(1, 12);
    expect(valley!.f).toBeCloseTo(-2, 12);
    expect(valley!.kind).toBe('valley');
    expect(points.some((p) => p.touch)).toBe(false);
  });

  it('x·eˣ: one valley at −1 with f = −1/e', () => {
    const points = criticalPoints(curveFunction('x*exp(x)'), -5, 1.2);
    expect(points).toHaveLength(1);
    expect(points[0]!.x).toBeCloseTo(-1, 12);
    expect(points[0]!.f).toBeCloseTo(-1 / Math.E, 12);
    expect(points[0]!.kind).toBe('valley');
  });

  it('x³: f′ touches 0 at 0 without changing sign, a flat point', () => {
    const points = criticalPoints(curveFunction('x^3'), -1.3, 2.1);
    expect(points).toHaveLength(1);
    expect(points[0]!.x).toBeCloseTo(0, 6);
    expect(points[0]!.kind).toBe('flat');
    expect(points[0]!.touch).toBe(true);
  });

  it('none for eˣ, ln x or a line; none at the pole of 1/x', () => {
    expect(criticalPoints(curveFunction('exp(x)'), -3, 1.5)).toEqual([]);
    expect(criticalPoints(curveFunction('log(x)'), 0.2, 4.2)).toEqual([]);
    expect(criticalPoints(curveFunction('2x + 1'), -3, 3)).toEqual([]);
    // f′ = −1/x² never changes sign; x + 1/x: f′ = 1 − 1/x² is 0 at ±1 only, not at the pole.
    const xs = criticalPoints(curveFunction('x + 1/x'), -3, 3).map((p) => p.x);
    expect(xs).toHaveLength(2);
    expect(xs[0]).toBeCloseTo(-1, 10);
    expect(xs[1]).toBeCloseTo(1, 10);
  });

  it('skips where f is undefined: log(x) over [−1, 3]', () => {
    expect(criticalPoints(curveFunction('log(x)'), -1, 3)).toEqual([]);
    const sin = criticalPoints(curveFunction('sin(x)'), 0, 7).map((p) => p.x);
    expect(sin).toHaveLength(2);
    expect(sin[0]).toBeCloseTo(Math.PI / 2, 10);
    expect(sin[1]).toBeCloseTo((3 * Math.PI) / 2, 10);
  });
});

describe('the sweep', () => {
  it('moves from lo to hi over the timeline', () => {
    expect(sweepX(-5, 1.2, 0, SWEEP_STEPS)).toBe(-5);
    expect(sweepX(-5, 1.2, SWEEP_STEPS, SWEEP_STEPS)).toBe(1.2);
    expect(sweepX(-2.2, 2.2, 50, SWEEP_STEPS)).toBeCloseTo(0, 12);
  });
});

describe('the §2 presets say what the figure computes', () => {
  it('each opens with the marker where its caption looks: −1, 0, 1 and 0', () => {
    const at = (id: string) => {
      const s = spec(id);
      return sweepX(s.domain!.x[0], s.domain!.x[1], s.timeline!.position!, SWEEP_STEPS);
    };
    expect(at('rules-product')).toBeCloseTo(-1, 12);
    expect(at('rules-exp')).toBeCloseTo(0, 12);
    expect(at('rules-log')).toBeCloseTo(1, 12);
    expect(at('rules-critical')).toBeCloseTo(0, 12);
  });

  it('rules-product: f′ = eˣ + x·eˣ, zero only at −1, f(−1) = −1/e ≈ −0.368', () => {
    const s = spec('rules-product');
    const m = derivativesModel(s.figure.f!, s.domain!.x[0], s.domain!.x[1]);
    expect(m.curve.derivativeText.replace(/\s/g, '')).toMatch(/exp\(x\)/);
    for (const x of [-3, -1, 0, 0.7]) {
      expect(m.curve.df(x)).toBeCloseTo((1 + x) * Math.exp(x), 12);
    }
    expect(m.critical).toHaveLength(1);
    expect(m.critical[0]!.x).toBeCloseTo(-1, 12);
    expect(m.critical[0]!.f).toBeCloseTo(-0.368, 3);
    expect(m.critical[0]!.kind).toBe('valley');
    expect(s.caption).toContain('−1/e ≈ −0.368');
  });

  it('rules-exp: f′ = f, 1 at 0 and e ≈ 2.718 at 1', () => {
    const s = spec('rules-exp');
    const m = derivativesModel(s.figure.f!, s.domain!.x[0], s.domain!.x[1]);
    for (const x of [-3, -1, 0, 1, 2]) expect(m.curve.df(x)).toBe(m.curve.f(x));
    expect(m.curve.df(0)).toBe(1);
    expect(m.curve.df(1)).toBeCloseTo(2.718, 3);
    expect(m.critical).toEqual([]);
  });

  it('rules-log: the slope of ln x is 1/x: 1, ½ and ¼ at 1, 2 and 4, inside its range', () => {
    const s = spec('rules-log');
    const [lo, hi] = s.domain!.x;
    const m = derivativesModel(s.figure.f!, lo, hi);
    expect(m.curve.df(1)).toBe(1);
    expect(m.curve.df(2)).toBe(0.5);
    expect(m.curve.df(4)).toBe(0.25);
    // The whole range is where ln is defined.
    expect(lo).toBeGreaterThan(0);
    expect(4).toBeLessThanOrEqual(hi);
  });

  it('rules-critical: f′ = 3x² − 3, zero at ±1: peak f = 2 (f″ = −6), valley f = −2 (f″ = 6)', () => {
    const s = spec('rules-critical');
    const m = derivativesModel(s.figure.f!, s.domain!.x[0], s.domain!.x[1]);
    expect(m.curve.df(2)).toBe(9);
    expect(m.critical.map((p) => [p.kind, Math.round(p.x), Math.round(p.f), p.second])).toEqual([
      ['peak', -1, 2, expect.closeTo(-6, 9)],
      ['valley', 1, -2, expect.closeTo(6, 9)],
    ]);
    expect(s.figure.second).toBe(true);
  });
});
