import { describe, expect, it } from 'vitest';
import { niceTicks, tickLabel } from './ticks.ts';

describe('niceTicks', () => {
  it.each([
    [-3, 3, 6, [-3, -2, -1, 0, 1, 2, 3]],
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-5.12, 5.12, 6, [-4, -2, 0, 2, 4]],
    [0, 2509, 4, [0, 500, 1000, 1500, 2000, 2500]],
  ])('[%d, %d] ≈ %d ticks', (lo, hi, target, ticks) => {
    expect(niceTicks(lo, hi, target)).toEqual(ticks);
  });

  it('stays inside the range and uses 1-2-5 steps', () => {
    for (const [lo, hi] of [
      [0.0013, 0.0371],
      [-17, 230],
      [1e5, 3e5],
    ] as const) {
      const ticks = niceTicks(lo, hi, 5);
      expect(ticks.length).toBeGreaterThan(1);
      for (const t of ticks) {
        expect(t).toBeGreaterThanOrEqual(lo - 1e-12);
        expect(t).toBeLessThanOrEqual(hi + 1e-12);
      }
      const step = ticks[1]! - ticks[0]!;
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
    }
  });

  it('returns nothing for empty or non-finite ranges', () => {
    expect(niceTicks(1, 1)).toEqual([]);
    expect(niceTicks(0, Infinity)).toEqual([]);
  });
});

describe('tickLabel', () => {
  it.each([
    [0, '0'],
    [0.30000000000000004, '0.3'],
    [-2, '-2'],
    [250000, '2.5e5'],
    [0.0001, '1e-4'],
  ])('%d → %s', (value, label) => expect(tickLabel(value)).toBe(label));
});
