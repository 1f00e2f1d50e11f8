import { describe, expect, it } from 'vitest';
import { STRIDE } from '../../../shared/types.ts';
import { advance, clampPosition, interpolateRow, rowAt } from './timeline.ts';

/** Rows x = k, y = 2k, f = k² for k = 0..n−1. */
function rows(n: number): Float64Array {
  const data = new Float64Array(n * STRIDE);
  for (let k = 0; k < n; k++) {
    data[k * STRIDE] = k;
    data[k * STRIDE + 1] = 2 * k;
    data[k * STRIDE + 2] = k * k;
  }
  return data;
}

describe('timeline', () => {
  it('rowAt floors, tolerates float error and clamps', () => {
    expect(rowAt(2.9999999999, 10)).toBe(3);
    expect(rowAt(2.5, 10)).toBe(2);
    expect(rowAt(-1, 10)).toBe(0);
    expect(rowAt(50, 10)).toBe(9);
  });

  it('interpolates between rows and holds the last row', () => {
    const data = rows(4);
    const out = new Float64Array(3);
    interpolateRow(data, 4, 1.5, out);
    expect([...out]).toEqual([1.5, 3, 2.5]);
    interpolateRow(data, 4, 7, out);
    expect([...out]).toEqual([3, 6, 9]);
    interpolateRow(data, 4, 2, out);
    expect([...out]).toEqual([2, 4, 4]);
  });

  it('position depends on speed·dt only: the same total time gives the same place at any fps', () => {
    const at = (fps: number): number => {
      let p = 0;
      for (let i = 0; i < fps * 2; i++) p = advance(p, 1 / fps, 3, 100, false);
      return p;
    };
    expect(at(24)).toBeCloseTo(6, 9);
    expect(at(60)).toBeCloseTo(6, 9);
    expect(at(144)).toBeCloseTo(6, 9);
  });

  it('stops at the end, or wraps when looping', () => {
    expect(advance(9.5, 1, 1, 10, false)).toBe(10);
    expect(advance(9.5, 1, 1, 10, true)).toBeCloseTo(0.5, 12);
    expect(advance(3, 1, 1, 0, true)).toBe(0);
    expect(clampPosition(NaN, 5)).toBe(0);
    expect(clampPosition(7, 5)).toBe(5);
  });
});
