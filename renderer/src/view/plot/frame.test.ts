import { describe, expect, it } from 'vitest';
import {
  HEIGHT,
  heightRange,
  makeFrame,
  mathX,
  mathY,
  rawWorldY,
  worldX,
  worldY,
  worldZ,
} from './frame.ts';

describe('view frame', () => {
  const frame = makeFrame(2, { x: [-2, 2], y: [-1, 3] }, 0, 10);

  it('maps the domain uniformly into a box of half-width 1', () => {
    expect(worldX(frame, -2)).toBeCloseTo(-1, 12);
    expect(worldX(frame, 2)).toBeCloseTo(1, 12);
    // math y → world −Z
    expect(worldZ(frame, 3)).toBeCloseTo(-1, 12);
    expect(worldZ(frame, -1)).toBeCloseTo(1, 12);
  });

  it('inverts', () => {
    for (const x of [-2, -0.3, 1.7]) expect(mathX(frame, worldX(frame, x))).toBeCloseTo(x, 12);
    for (const y of [-1, 0.4, 3]) expect(mathY(frame, worldZ(frame, y))).toBeCloseTo(y, 12);
  });

  it('keeps aspect ratio (one scale for x and y) so right angles stay right angles', () => {
    const wide = makeFrame(2, { x: [-10, 10], y: [-1, 1] }, 0, 1);
    expect(worldX(wide, 1) - worldX(wide, 0)).toBeCloseTo(-(worldZ(wide, 1) - worldZ(wide, 0)), 12);
  });

  it('clamps heights to the box and never returns NaN', () => {
    expect(worldY(frame, 5)).toBeCloseTo(HEIGHT / 2, 12);
    expect(worldY(frame, 1e9)).toBe(HEIGHT);
    expect(worldY(frame, -1e9)).toBe(0);
    expect(worldY(frame, NaN)).toBe(HEIGHT);
    expect(rawWorldY(frame, 20)).toBeCloseTo(2 * HEIGHT, 12);
  });
});

describe('heightRange', () => {
  const all = (n: number): Uint8Array => new Uint8Array(n).fill(1);

  it('uses min..max for an ordinary surface', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => (i / 10) ** 2);
    expect(heightRange(values, all(101))).toEqual([0, 100]);
  });

  it('clamps a thin spike at the 98th percentile', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i < 995 ? i / 1000 : 1e6));
    const [lo, hi] = heightRange(values, all(1000));
    expect(lo).toBe(0);
    expect(hi).toBeLessThan(1);
  });

  it('ignores masked values and handles constant or empty grids', () => {
    expect(heightRange(Float64Array.from([1, 999, 2]), Uint8Array.from([1, 0, 1]))).toEqual([1, 2]);
    expect(heightRange(Float64Array.from([3, 3]), all(2))).toEqual([3, 4]);
    expect(heightRange(new Float64Array(0), new Uint8Array(0))).toEqual([0, 1]);
  });
});
