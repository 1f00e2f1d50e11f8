import { describe, expect, it } from 'vitest';
import {
  axisPlacement,
  labelCenter,
  logTicks,
  niceTicks,
  rectsOverlap,
  tickLabel,
} from './ticks.ts';

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

describe('logTicks', () => {
  const log = (lo: number, hi: number, floor: number) => (v: number) =>
    Math.log1p((v - lo) / floor) / Math.log1p((hi - lo) / floor);

  it('puts powers of ten on a scale spanning several decades', () => {
    // Rosenbrock on its default domain: f from 0 to about 2500, floor 0.5.
    expect(logTicks(0, 2509, log(0, 2509, 0.52))).toEqual([0, 1, 10, 100, 1000]);
  });

  it('adds 2 and 5 between powers when only a few fit', () => {
    const ticks = logTicks(0, 890, log(0, 890, 2.5));
    expect(ticks).toContain(10);
    expect(ticks).toContain(100);
    expect(ticks.some((t) => t === 50 || t === 20 || t === 500 || t === 200)).toBe(true);
  });

  it('keeps ticks apart and inside the range, in ascending order', () => {
    for (const [lo, hi, floor] of [
      [0, 1.8e5, 0.7],
      [-3.2, 40, 0.05],
      [1000, 1e6, 10],
      [0.03, 890, 2.5],
    ] as const) {
      const position = log(lo, hi, floor);
      const ticks = logTicks(lo, hi, position, 0.08);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(8);
      for (let i = 0; i < ticks.length; i++) {
        expect(ticks[i]).toBeGreaterThanOrEqual(lo);
        expect(ticks[i]).toBeLessThanOrEqual(hi);
        if (i > 0) {
          expect(ticks[i]!).toBeGreaterThan(ticks[i - 1]!);
          expect(position(ticks[i]!) - position(ticks[i - 1]!)).toBeGreaterThanOrEqual(0.08);
        }
      }
    }
  });

  it('crosses zero when the range does', () => {
    const ticks = logTicks(-5, 100, log(-5, 100, 0.1));
    expect(ticks).toContain(0);
    expect(ticks).toContain(10);
    expect(ticks.some((t) => t < 0)).toBe(true);
  });

  it('returns nothing for empty ranges', () => {
    expect(logTicks(1, 1, () => 0)).toEqual([]);
  });
});

describe('tickLabel keeps large values whole', () => {
  it.each([
    [50000, '50000'],
    [25000, '25000'],
    [1e5, '1e5'],
  ])('%d → %s', (value, label) => expect(tickLabel(value)).toBe(label));
});

describe('axisPlacement', () => {
  const unit = (v: [number, number, number]): [number, number, number] => {
    const n = Math.hypot(...v);
    return [v[0] / n, v[1] / n, v[2] / n];
  };
  const rightOf = (back: [number, number, number]): [number, number, number] => {
    const r = unit([back[2], 0, -back[0]]);
    return Number.isFinite(r[0]) ? r : [1, 0, 0];
  };

  it('three-quarter view: x on the front edge, y on the right edge, f at the left corner', () => {
    const back = unit([1, 1.05, 1.25]);
    expect(axisPlacement(back, rightOf(back))).toEqual({ xEdge: 1, yEdge: 1, fCorner: [-1, 1] });
  });

  it('top view: a map, x below and y on the left, no f axis', () => {
    const back = unit([0, 1, 0.0001]);
    expect(axisPlacement(back, rightOf(back))).toEqual({ xEdge: 1, yEdge: -1, fCorner: null });
  });

  it('a map turned a quarter: labels still below and on the left of the screen', () => {
    // Looking down with screen right along world −Z (math +y) and screen up along −X.
    const back: [number, number, number] = [0, 1, 0];
    const right: [number, number, number] = [0, 0, -1];
    // x runs up the screen: its labels on the left edge, which is world +Z.
    // y runs across: its labels on the bottom edge, which is world +X.
    expect(axisPlacement(back, right)).toEqual({ xEdge: 1, yEdge: 1, fCorner: null });
  });

  it('front and side: the axis pointing at the camera is not labelled', () => {
    const front: [number, number, number] = [0, 0, 1];
    expect(axisPlacement(front, rightOf(front))).toEqual({ xEdge: 1, yEdge: 0, fCorner: [-1, 1] });
    const side: [number, number, number] = [1, 0, 0];
    expect(axisPlacement(side, rightOf(side))).toEqual({ xEdge: 0, yEdge: 1, fCorner: [1, 1] });
  });

  it('from behind, the labelled edges follow the camera round', () => {
    const back = unit([-1, 0.8, -1.2]);
    const place = axisPlacement(back, rightOf(back));
    expect(place.xEdge).toBe(-1);
    expect(place.yEdge).toBe(-1);
  });
});

describe('labelCenter', () => {
  it('puts a label beside its point, on the side it points to', () => {
    // Right: the label's left edge at the point (plus the gap).
    expect(labelCenter(1, 0, 40, 20, 0)).toEqual([0, 0.5]);
    expect(labelCenter(-1, 0, 40, 20, 4)).toEqual([1.1, 0.5]);
    // Down: its top edge at the point.
    expect(labelCenter(0, -1, 40, 20, 0)).toEqual([0.5, 1]);
    // Pointing at the camera (no length on screen): below.
    expect(labelCenter(0, 0.01, 40, 20, 0)).toEqual([0.5, 1]);
    // Diagonal: a corner at the point.
    const [cx, cy] = labelCenter(1, -1, 40, 20, 0);
    expect(cx).toBeCloseTo(0);
    expect(cy).toBeCloseTo(1);
  });
});

describe('rectsOverlap', () => {
  const r = (left: number, top: number) => ({ left, top, width: 10, height: 10 });
  it('tells touching from overlapping, with padding', () => {
    expect(rectsOverlap(r(0, 0), r(5, 5))).toBe(true);
    expect(rectsOverlap(r(0, 0), r(10, 0))).toBe(false);
    expect(rectsOverlap(r(0, 0), r(11, 0), 2)).toBe(true);
  });
});
