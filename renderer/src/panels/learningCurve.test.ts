import { describe, expect, it } from 'vitest';
import { COL, STRIDE } from '../../../shared/types.ts';
import {
  batchLossSeries,
  describeCurve,
  dotsPath,
  fullLossSeries,
  linePath,
  logAxis,
  logScale,
  logSafe,
  positiveExtent,
  stepTicks,
} from './learningCurve.ts';

/** Packed rows whose f column holds `losses`. */
function rows(losses: number[]): Float64Array {
  const data = new Float64Array(losses.length * STRIDE);
  losses.forEach((f, k) => (data[k * STRIDE + COL.f] = f));
  return data;
}

describe('series', () => {
  it('reads the full loss from the f column of every row, and only `count` rows', () => {
    const data = rows([52.8, 10, 1, 0.27, 99]);
    const s = fullLossSeries({ data, count: 4 });
    expect([...s.values]).toEqual([52.8, 10, 1, 0.27]);
    expect(s.drawable).toBe(4);
  });

  it('leaves zero, negative and non-finite values out (NaN), counting only drawable ones', () => {
    const s = fullLossSeries({ data: rows([1, 0, -2, NaN, Infinity, 0.5]), count: 6 });
    expect(s.drawable).toBe(2);
    expect(s.values[0]).toBe(1);
    expect(s.values[5]).toBe(0.5);
    for (const k of [1, 2, 3, 4]) expect(s.values[k]).toBeNaN();
    expect(logSafe(0)).toBeNaN();
    expect(logSafe(-1e-9)).toBeNaN();
    expect(logSafe(1e-300)).toBe(1e-300);
  });

  it('has no batch series for a full-batch run', () => {
    expect(batchLossSeries({ data: rows([3, 2, 1]), count: 3 })).toBeNull();
  });

  it('reads the batch loss of a minibatch run, the last row (no step) left out', () => {
    const loss = Float64Array.from([40, 12, 0, 3, NaN]);
    const s = batchLossSeries({
      data: rows([50, 10, 5, 2, 1]),
      count: 5,
      minibatch: { size: 8, loss },
    });
    expect(s).not.toBeNull();
    expect(s!.values).toHaveLength(5);
    expect(s!.drawable).toBe(3);
    expect(s!.values[2]).toBeNaN();
    expect(s!.values[4]).toBeNaN();
  });

  it('takes the extent over the drawable values of all series, null when there are none', () => {
    const a = fullLossSeries({ data: rows([5, 0.2, NaN]), count: 3 });
    const b = fullLossSeries({ data: rows([0, 80]), count: 2 });
    expect(positiveExtent([a, null, b])).toEqual([0.2, 80]);
    expect(positiveExtent([fullLossSeries({ data: rows([0, -1]), count: 2 })])).toBeNull();
    expect(positiveExtent([])).toBeNull();
  });
});

describe('logAxis', () => {
  it('widens to whole decades with a tick per decade', () => {
    const axis = logAxis(0.27, 52.8);
    expect(axis.lo).toBe(0.1);
    expect(axis.hi).toBe(100);
    expect(axis.ticks).toEqual([0.1, 1, 10, 100]);
  });

  it('keeps an exact power of ten on its own decade', () => {
    expect(logAxis(0.001, 1000)).toMatchObject({ lo: 0.001, hi: 1000 });
    expect(logAxis(1000, 1000)).toMatchObject({ lo: 1000, hi: 10000 });
  });

  it('adds 2× and 5× ticks on a short axis', () => {
    expect(logAxis(0.3, 0.9).ticks).toEqual([0.1, 0.2, 0.5, 1]);
    expect(logAxis(2, 30).ticks).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });

  it('thins the decades of a very long axis to about six ticks', () => {
    const axis = logAxis(1e-9, 1e3);
    expect(axis.lo).toBe(1e-9);
    expect(axis.hi).toBe(1e3);
    expect(axis.ticks).toEqual([1e-9, 1e-7, 1e-5, 0.001, 0.1, 10, 1000]);
    for (const t of axis.ticks) expect(t).toBeGreaterThanOrEqual(axis.lo);
  });

  it('falls back to a default axis for nothing positive', () => {
    for (const [a, b] of [
      [0, 1],
      [NaN, 2],
      [-1, -0.5],
    ]) {
      const axis = logAxis(a!, b!);
      expect(axis.lo).toBeGreaterThan(0);
      expect(axis.hi).toBeGreaterThan(axis.lo);
    }
  });

  it('maps lo to the bottom and hi to the top, a decade per equal distance', () => {
    const y = logScale(logAxis(0.27, 52.8), 10, 310);
    expect(y(0.1)).toBeCloseTo(310);
    expect(y(100)).toBeCloseTo(10);
    expect(y(1)).toBeCloseTo(210);
    expect(y(10)).toBeCloseTo(110);
  });
});

describe('stepTicks', () => {
  it('uses 1, 2 or 5 × 10^k steps from 0', () => {
    expect(stepTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(stepTicks(1000, 4)).toEqual([0, 500, 1000]);
    expect(stepTicks(7)).toEqual([0, 2, 4, 6]);
    expect(stepTicks(3)).toEqual([0, 1, 2, 3]);
    expect(stepTicks(0)).toEqual([0]);
  });
});

describe('paths', () => {
  const x = (k: number): number => k * 10;
  const y = (v: number): number => v;

  it('draws a line through the drawable values, lifted at a gap', () => {
    const values = Float64Array.from([1, 2, NaN, 4, 5]);
    expect(linePath(values, x, y)).toBe('M0 1L10 2M30 4L40 5');
  });

  it('draws nothing for nothing drawable', () => {
    expect(linePath(Float64Array.from([NaN, NaN]), x, y)).toBe('');
    expect(dotsPath(Float64Array.from([NaN]), x, y)).toEqual({ d: '', points: 0 });
  });

  it('keeps a long series to the lowest and highest value per pixel column', () => {
    const n = 10_000;
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) values[k] = 1 + (k % 7);
    const d = linePath(values, (k) => (k / (n - 1)) * 100, y);
    const points = d.match(/[ML]/g)!.length;
    expect(points).toBeLessThanOrEqual(2 * 101);
    // Every column shows the full spread 1…7.
    expect(d).toContain('L0 7');
  });

  it('draws one dot per drawable batch value and counts them', () => {
    const { d, points } = dotsPath(Float64Array.from([3, NaN, 1, 2]), x, y);
    expect(points).toBe(3);
    expect(d).toBe('M0 3h0M20 1h0M30 2h0');
  });
});

describe('describeCurve', () => {
  it('says the full loss from first to last, and the batch loss of a minibatch run', () => {
    const source = {
      data: rows([52.8, 5, 0.27]),
      count: 3,
      minibatch: { size: 8, loss: Float64Array.from([60, 0.1, NaN]) },
    };
    const text = describeCurve('Batch 8', fullLossSeries(source), batchLossSeries(source), 8);
    expect(text).toContain('Full loss of Batch 8 from 52.8 to 0.27 over 2 steps');
    expect(text).toContain('batch loss (batch 8) over 2 steps, between 0.1 and 60');
  });

  it('says a full-batch run uses the whole data set', () => {
    const source = { data: rows([4, 2]), count: 2 };
    expect(describeCurve('Full', fullLossSeries(source), null, null)).toContain(
      'every step uses the full data set',
    );
  });
});
