import { describe, expect, it } from 'vitest';
import { getSurface } from '../../../../shared/surfaces.ts';
import { heightRange } from '../plot/frame.ts';
import {
  AUTO_LOG_MEDIAN,
  autoScale,
  colorF,
  colorT,
  contourLevels,
  logFloor,
  makeMapping,
  resolveMapping,
  scaleTicks,
} from './colorScale.ts';

/** A built-in surface sampled on an n × n grid over its own domain, sorted, with its range. */
function sampled(id: string, n = 96): { sorted: Float64Array; lo: number; hi: number } {
  const surface = getSurface(id)!;
  const { domain, objective } = surface;
  const values = new Float64Array(n * n);
  const p = new Float64Array(2);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      p[0] = domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (n - 1);
      p[1] = domain.y[0] + ((domain.y[1] - domain.y[0]) * j) / (n - 1);
      values[j * n + i] = objective.value(p);
    }
  }
  const [lo, hi] = heightRange(values, new Uint8Array(n * n).fill(1));
  return { sorted: values.slice().sort(), lo, hi };
}

describe('colour mapping', () => {
  it('linear: t grows in proportion to f, clamped to [0, 1]', () => {
    const m = makeMapping('linear', -2, 8);
    expect(colorT(m, -2)).toBe(0);
    expect(colorT(m, 3)).toBeCloseTo(0.5);
    expect(colorT(m, 8)).toBe(1);
    expect(colorT(m, 100)).toBe(1);
    expect(colorT(m, -100)).toBe(0);
    expect(colorT(m, NaN)).toBe(0);
  });

  it('log: every decade above the floor gets the same share of the colours', () => {
    const m = makeMapping('log', 0, 1000, 1e-3);
    const t1 = colorT(m, 1);
    const t10 = colorT(m, 10);
    const t100 = colorT(m, 100);
    expect(t100 - t10).toBeCloseTo(t10 - t1, 3);
    // Most of the colours go to the small values a linear scale would paint alike.
    expect(t1).toBeGreaterThan(0.4);
  });

  it('log copes with f ≤ 0 by shifting by the minimum', () => {
    const m = makeMapping('log', -9, 9, 0.01);
    expect(colorT(m, -9)).toBe(0);
    expect(colorT(m, -8.99)).toBeGreaterThan(0);
    expect(colorT(m, 0)).toBeGreaterThan(colorT(m, -5));
    expect(colorT(m, 9)).toBeCloseTo(1);
    for (const f of [-9, -3, 0, 0.5, 9]) expect(Number.isFinite(colorT(m, f))).toBe(true);
  });

  it('colorF inverts colorT on both scales', () => {
    for (const m of [makeMapping('linear', -1, 5), makeMapping('log', -1, 5e4, 0.02)]) {
      for (const t of [0, 0.1, 0.5, 0.93, 1]) expect(colorT(m, colorF(m, t))).toBeCloseTo(t, 9);
    }
  });
});

describe('auto', () => {
  it('picks log when the median height lies in the lowest tenth of the range', () => {
    const flat = [0, 0, 0, 0.5, 1, 2, 100];
    expect(autoScale(flat, 0, 100)).toBe('log');
    const even = [0, 20, 40, 50, 60, 80, 100];
    expect(autoScale(even, 0, 100)).toBe('linear');
    expect(AUTO_LOG_MEDIAN).toBe(0.1);
  });

  it.each([
    ['rosenbrock', 'log'],
    ['beale', 'log'],
    ['bowl', 'linear'],
    ['saddle', 'linear'],
    ['x2-plus-xy', 'linear'],
    ['rastrigin', 'linear'],
  ])('%s reads as %s from its heights alone', (id, scale) => {
    const { sorted, lo, hi } = sampled(id);
    expect(autoScale(sorted, lo, hi)).toBe(scale);
  });

  it("a surface's own preference wins over the height rule; explicit settings win over both", () => {
    const { sorted, lo, hi } = sampled('himmelblau');
    expect(resolveMapping('auto', null, sorted, lo, hi).scale).toBe('linear');
    expect(resolveMapping('auto', 'log', sorted, lo, hi).scale).toBe('log');
    expect(resolveMapping('linear', 'log', sorted, lo, hi).scale).toBe('linear');
    expect(resolveMapping('log', null, sorted, lo, hi).scale).toBe('log');
  });
});

describe('log floor', () => {
  it('sits where the lowest 1 % of the grid lies, within 10⁻⁶ … 10⁻² of the range', () => {
    const { sorted, lo, hi } = sampled('rosenbrock');
    const floor = logFloor(sorted, lo, hi);
    expect(floor).toBeGreaterThan(0.1);
    expect(floor).toBeLessThan(2);
    // A grid that is mostly exactly at its minimum still gets a positive floor.
    expect(logFloor([0, 0, 0, 0, 0, 10], 0, 10)).toBeCloseTo(1e-5);
    // And one whose lowest percent is high up is capped.
    expect(logFloor([0, ...new Array<number>(100).fill(9), 10], 0, 10)).toBeCloseTo(0.1);
  });
});

describe('contour levels', () => {
  it('on a log scale, give the valley of Rosenbrock rings: several levels below f = 10', () => {
    const { sorted, lo, hi } = sampled('rosenbrock');
    const log = resolveMapping('log', null, sorted, lo, hi);
    const linear = resolveMapping('linear', null, sorted, lo, hi);
    const below = (levels: number[]) => levels.filter((v) => v < 10).length;
    expect(below(contourLevels(log, 14))).toBeGreaterThanOrEqual(4);
    expect(below(contourLevels(linear, 14))).toBe(0);
  });

  it('are evenly spaced in colour and strictly increasing', () => {
    const m = makeMapping('log', 0, 2500, 0.5);
    const levels = contourLevels(m, 9);
    expect(levels).toHaveLength(9);
    levels.forEach((level, k) => expect(colorT(m, level)).toBeCloseTo((k + 1) / 10, 9));
  });
});

describe('colour bar ticks', () => {
  it('linear: nice steps in f units at their place on the bar', () => {
    const ticks = scaleTicks(makeMapping('linear', 0, 32));
    expect(ticks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(ticks[2]!.t).toBeCloseTo(10 / 32);
  });

  it('log: powers of ten, spread over the bar', () => {
    const ticks = scaleTicks(makeMapping('log', 0, 2509, 0.52));
    expect(ticks.map((t) => t.value)).toEqual([0, 1, 10, 100, 1000]);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.t).toBeGreaterThan(ticks[i - 1]!.t);
  });
});
