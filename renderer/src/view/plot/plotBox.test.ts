import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runTrajectory } from '../../../../shared/optim/trajectory.ts';
import { getSurface } from '../../../../shared/surfaces.ts';
import { COL, DEFAULT_OPTIMIZER, STRIDE } from '../../../../shared/types.ts';
import { makeFrame } from './frame.ts';
import { clampToDomain, findPlotExit, pointInside, rowInside } from './plotBox.ts';

/** Rows from points [x, y, f]. */
function rows(points: [number, number, number][]): Float64Array {
  const data = new Float64Array(points.length * STRIDE);
  points.forEach(([x, y, f], k) => data.set([x, y, f], k * STRIDE));
  return data;
}

describe('the plot box', () => {
  const square = makeFrame(2, { x: [-4, 4], y: [-4, 4] }, 0, 100);

  it('is the domain for a surface, whatever f is', () => {
    expect(pointInside(square, 4, -4, 1e9)).toBe(true);
    expect(pointInside(square, 4.01, 0, 0)).toBe(false);
    expect(pointInside(square, 0, -4.01, 0)).toBe(false);
  });

  it('is the domain and the f range up to the top for a curve', () => {
    const curve = makeFrame(1, { x: [-4, 4], y: [0, 0] }, 0, 16);
    expect(pointInside(curve, 4, 0, 16)).toBe(true);
    expect(pointInside(curve, 0, 0, 16.5)).toBe(false);
    // Below the bottom is drawn on the bottom edge, not off the plot.
    expect(pointInside(curve, 0, 0, -3)).toBe(true);
  });

  it('zigzag, η = 0.21: y grows by −1.1 a step and crosses y = 4 during step 8', () => {
    // The chapter's zig-zag: f = ½x² + 5y², GD multiplies y by 1 − 10η = −1.1 each step.
    const surface = getSurface('aniso-bowl')!;
    const t = runTrajectory(surface.objective, { ...DEFAULT_OPTIMIZER, lr: 0.21 }, [-3.5, 2], 20);
    const exit = findPlotExit(t.data, t.count, square)!;
    // y_k = 2·(−1.1)^k: |y_7| = 3.897 < 4 < |y_8| = 4.287.
    expect(exit.step).toBe(8);
    expect(t.data[7 * STRIDE + COL.y]).toBeCloseTo(2 * (-1.1) ** 7, 9);
    expect(exit.y).toBe(4);
    expect(exit.fraction).toBeGreaterThan(0);
    expect(exit.fraction).toBeLessThan(1);
    // Crossing point on the chord from row 7 to row 8.
    const y7 = t.data[7 * STRIDE + COL.y]!;
    const y8 = t.data[8 * STRIDE + COL.y]!;
    expect(y7 + (y8 - y7) * exit.fraction).toBeCloseTo(4, 12);
    // It was heading up (+y) and the stable runs never leave.
    expect(exit.dirY).toBeGreaterThan(0.9);
    for (const lr of [0.05, 0.15]) {
      const stable = runTrajectory(surface.objective, { ...DEFAULT_OPTIMIZER, lr }, [-3.5, 2], 20);
      expect(findPlotExit(stable.data, stable.count, square)).toBeNull();
    }
  });

  it('a curve leaving through the top: the crossing is where the chord reaches the top', () => {
    const curve = makeFrame(1, { x: [-4, 4], y: [0, 0] }, 0, 16);
    // x² from 3 with η = 1.1: 3 → −3.6 → 4.32 (f = 18.66 > 16 and x > 4).
    const exit = findPlotExit(
      rows([
        [3, 0, 9],
        [-3.6, 0, 12.96],
        [4.32, 0, 18.6624],
      ]),
      3,
      curve,
    )!;
    expect(exit.step).toBe(2);
    // The chord reaches f = 16 before x = 4.
    const t = (16 - 12.96) / (18.6624 - 12.96);
    expect(exit.fraction).toBeCloseTo(t, 6);
    expect(exit.f).toBeCloseTo(16, 9);
    expect(exit.x).toBeCloseTo(-3.6 + 7.92 * t, 6);
    expect(exit.dirX).toBeGreaterThan(0);
    expect(exit.dirY).toBeGreaterThan(0);
  });

  it('a start outside the box is an exit at step 0 on the nearest edge', () => {
    const exit = findPlotExit(rows([[6, 1, 0]]), 1, square)!;
    expect(exit).toMatchObject({ step: 0, fraction: 0, x: 4, y: 1 });
    expect(exit.dirX).toBeGreaterThan(0.9);
  });

  it('every row before the exit is inside, the exit row is not, the crossing is on the edge (property)', () => {
    const coordinate = fc.double({ min: -12, max: 12, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate, fc.double({ min: 0, max: 200, noNaN: true })), {
          minLength: 1,
          maxLength: 12,
        }),
        (points) => {
          const data = rows(points);
          const exit = findPlotExit(data, points.length, square);
          const firstOutside = points.findIndex((_, k) => !rowInside(square, data, k));
          if (firstOutside < 0) return exit === null;
          if (!exit || exit.step !== firstOutside) return false;
          if (!pointInside(square, exit.x, exit.y, 0)) return false;
          if (exit.step === 0) return true;
          const onEdge =
            Math.abs(Math.abs(exit.x) - 4) < 1e-9 || Math.abs(Math.abs(exit.y) - 4) < 1e-9;
          return onEdge && exit.fraction >= 0 && exit.fraction <= 1;
        },
      ),
    );
  });

  it('clamps picked points into the domain', () => {
    expect(clampToDomain([5, -7], { x: [-4, 4], y: [-2, 2] })).toEqual([4, -2]);
    expect(clampToDomain([-9], { x: [-4, 4], y: [0, 0] })).toEqual([-4]);
    expect(clampToDomain([1, 1], { x: [-4, 4], y: [-2, 2] })).toEqual([1, 1]);
  });
});
