import { describe, expect, it } from 'vitest';
import { SHRINK_STEPS } from '../scene/figure.ts';
import { FIGURE_PRESET_SPECS } from '../scene/figurePresets.ts';
import { curveFunction, limitTable, secantGap, secantSlope, secantState } from './secant.ts';

const x2 = curveFunction('x^2');

describe('§1: the secant of x² at 3 has slope 6 + h', () => {
  it('is 6 + h for every gap, from both sides (to rounding)', () => {
    for (const h of [2, 1, 0.5, 0.1, 0.01, 1e-3, -1e-3, -0.5, -1, -2]) {
      expect(secantSlope(x2, 3, h)).toBeCloseTo(6 + h, 9);
    }
    expect(secantSlope(x2, 3, 1)).toBe(7);
  });

  it('is the tangent’s slope f′(x₀) at h = 0', () => {
    expect(secantSlope(x2, 3, 0)).toBe(6);
    expect(secantSlope(curveFunction('exp(x)'), 1, 0)).toBeCloseTo(Math.E, 14);
  });

  it('shrinks h linearly over the timeline, to exactly 0 at the end', () => {
    expect(secantGap(1, 0, SHRINK_STEPS)).toBe(1);
    expect(secantGap(1, SHRINK_STEPS / 2, SHRINK_STEPS)).toBe(0.5);
    expect(secantGap(-2, SHRINK_STEPS / 4, SHRINK_STEPS)).toBe(-1.5);
    expect(secantGap(1, SHRINK_STEPS, SHRINK_STEPS)).toBe(0);
    // Past the end (a longer timeline elsewhere) stays at the tangent.
    expect(secantGap(1, SHRINK_STEPS + 3, SHRINK_STEPS)).toBe(0);
  });

  it('the slope along the timeline falls from 7 to 6 and never overshoots', () => {
    let last = Infinity;
    for (let p = 0; p <= SHRINK_STEPS; p++) {
      const s = secantSlope(x2, 3, secantGap(1, p, SHRINK_STEPS));
      expect(s).toBeLessThan(last);
      expect(s).toBeGreaterThanOrEqual(6);
      last = s;
    }
    expect(last).toBe(6);
  });

  it('the limit table closes in on 6 by a decade per row, from above and below', () => {
    const rows = limitTable(x2, 3);
    for (const row of rows) expect(row.gap).toBeCloseTo(row.h, 8);
    const above = rows.filter((r) => r.h > 0).map((r) => Math.abs(r.gap));
    for (let i = 1; i < above.length; i++) expect(above[i]! / above[i - 1]!).toBeCloseTo(0.1, 6);
    expect(rows.filter((r) => r.h < 0).every((r) => r.slope < 6)).toBe(true);
  });

  it('state: rise is f(x₀ + h) − f(x₀)', () => {
    const s = secantState(x2, 3, 1);
    expect(s).toMatchObject({ y0: 9, y1: 16, rise: 7, slope: 7, derivative: 6 });
  });
});

describe('the secant-x2 preset says what the figure computes', () => {
  const spec = FIGURE_PRESET_SPECS.find((p) => p.id === 'secant-x2')!;

  it('opens at h = 1 with slope 7 and ends on the tangent, slope 6', () => {
    expect(spec.kind).toBe('secant');
    const { f, x0, h } = spec.figure;
    const curve = curveFunction(f!);
    expect(secantSlope(curve, x0!, secantGap(h!, 0, SHRINK_STEPS))).toBe(7);
    expect(secantSlope(curve, x0!, secantGap(h!, SHRINK_STEPS, SHRINK_STEPS))).toBe(6);
    expect(spec.caption).toContain('6 + h');
    expect(spec.caption).toContain('7 for h = 1');
    // From below: a negative gap gives a slope under 6.
    expect(secantSlope(curve, x0!, -0.5)).toBeCloseTo(5.5, 12);
  });
});
