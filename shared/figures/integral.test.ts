import { describe, expect, it } from 'vitest';
import { figureTimelineEnd, defaultFigure } from '../scene/figure.ts';
import { FIGURE_PRESET_SPECS } from '../scene/figurePresets.ts';
import {
  areaEstimate,
  areaModel,
  convergenceTable,
  observedOrder,
  riemannSlices,
  RIEMANN_RULES,
  slicesAt,
} from './integral.ts';

const spec = (id: string) => FIGURE_PRESET_SPECS.find((p) => p.id === id)!;

describe('the integral figure’s model', () => {
  it('shows 1 + ⌊p⌋ slices at playhead p, all n at the end of the timeline', () => {
    const figure = { ...defaultFigure(), n: 6 };
    const end = figureTimelineEnd('integral', figure);
    expect(end).toBe(5);
    expect(slicesAt(0, 6)).toBe(1);
    expect(slicesAt(0.99, 6)).toBe(1);
    expect(slicesAt(2.5, 6)).toBe(3);
    expect(slicesAt(end, 6)).toBe(6);
    expect(slicesAt(end + 4, 6)).toBe(6);
    expect(slicesAt(NaN, 6)).toBe(1);
  });

  it('slices tile [a, b] and their areas add up to the Riemann sum', () => {
    const m = areaModel('sin(x) + x^2/4', -1, 2.5);
    for (const rule of RIEMANN_RULES) {
      const slices = riemannSlices(m.integrand.f, -1, 2.5, 7, rule);
      expect(slices[0]!.x0).toBe(-1);
      expect(slices[6]!.x1).toBe(2.5);
      const area = slices.reduce((s, c) => s + ((c.top0 + c.top1) / 2) * (c.x1 - c.x0), 0);
      expect(area).toBeCloseTo(areaEstimate(m, 7, rule), 12);
    }
  });

  it('the reference is exact from an antiderivative, else from quadrature', () => {
    expect(areaModel('x^2', 0, 3).reference).toMatchObject({ kind: 'antiderivative', value: 9 });
    const q = areaModel('exp(-x^2)', -1, 1).reference!;
    expect(q.kind).toBe('quadrature');
    expect(q.value).toBeCloseTo(1.493648265624854, 12);
    const bad = areaModel('1/x', -1, 1);
    expect(bad.reference).toBeNull();
    expect(bad.problem).toMatch(/undefined or infinite/);
  });

  it('the errors shrink at the rules’ known orders: 1/n for left/right, 1/n² for mid/trapezoid', () => {
    // Smooth, not polynomial of low degree, on a few intervals.
    const cases = [
      ['exp(x)', 0, 2],
      ['sin(x) + 2', 0.3, 1.7],
      ['1/(1 + x^2)', -0.5, 1.5],
    ] as const;
    for (const [f, a, b] of cases) {
      const m = areaModel(f, a, b);
      for (const rule of RIEMANN_RULES) {
        const order = observedOrder(convergenceTable(m, rule));
        expect(order, `${rule} on ${f}`).toBeCloseTo(
          rule === 'left' || rule === 'right' ? 1 : 2,
          1,
        );
      }
    }
  });

  it('no order where the rule is exact: the midpoint sum of a line', () => {
    const rows = convergenceTable(areaModel('3x + 1', 0, 2), 'mid');
    expect(rows.every((r) => Math.abs(r.error) < 1e-12)).toBe(true);
    expect(observedOrder(rows)).toBeNull();
  });
});

describe('the §9 presets say what the figure computes', () => {
  it('integral-x2: six midpoint slices give 8.9375 against the exact 3³/3 = 9', () => {
    const s = spec('integral-x2');
    const { f, a, b, n, rule } = s.figure;
    const m = areaModel(f!, a!, b!);
    expect(m.reference).toMatchObject({ kind: 'antiderivative', value: 9 });
    expect(areaEstimate(m, n!, rule!)).toBe(8.9375);
    expect(rule).toBe('mid');
    expect(n).toBe(6);
    expect(s.caption).toContain('8.9375');
    expect(s.caption).toContain('3³/3 = 9');
    // The midpoint and trapezoid errors shrink by 4 per doubling.
    for (const r of ['mid', 'trapezoid'] as const) {
      for (const row of convergenceTable(m, r).slice(1)) expect(row.ratio).toBeCloseTo(4, 9);
    }
  });

  it('integral-density: 0.6827 within one standard deviation, total area 1, by quadrature', () => {
    const s = spec('integral-density');
    const { f, a, b, n, rule } = s.figure;
    const m = areaModel(f!, a!, b!);
    expect(m.reference!.kind).toBe('quadrature');
    expect(m.reference!.value).toBeCloseTo(0.6827, 4);
    expect(m.reference!.value).toBeCloseTo(0.6826894921370859, 12);
    expect(areaModel(f!, -40, 40).reference!.value).toBeCloseTo(1, 12);
    // Ten trapezoids are already close.
    expect(Math.abs(areaEstimate(m, n!, rule!) - m.reference!.value)).toBeLessThan(2e-3);
    expect(s.caption).toContain('0.6827');
  });
});
