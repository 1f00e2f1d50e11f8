import { describe, expect, it } from 'vitest';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import type { PathDoc } from '../../../../shared/scene/document.ts';
import { COL, STRIDE } from '../../../../shared/types.ts';
import { importedPathTrajectory } from './importedPath.ts';

/** f = x + 10·y on a 3×3 grid over [0, 2]², with the vertex at (2, 2) masked when asked. */
function grid(maskCorner = false): SurfaceResult {
  const values = new Float64Array(9);
  const valid = new Uint8Array(9).fill(1);
  for (let j = 0; j < 3; j++) for (let i = 0; i < 3; i++) values[j * 3 + i] = i + 10 * j;
  if (maskCorner) {
    valid[8] = 0;
    values[8] = 0;
  }
  return {
    nx: 3,
    ny: 3,
    domain: { x: [0, 2], y: [0, 2] },
    values,
    gradients: new Float64Array(18),
    valid,
    min: 0,
    max: 22,
    contours: { levels: [], segments: [] },
  };
}

const path = (points: [number, number][]): PathDoc => ({
  id: 'path-1',
  name: 'proj.h5',
  color: '#000000',
  visible: true,
  points,
});

describe('imported path rows', () => {
  it('lays every point on the surface grid, with updates to the next point', () => {
    const rows = importedPathTrajectory(
      path([
        [0.5, 0.5],
        [1, 1.5],
        [2, 0],
      ]),
      grid(),
    )!;
    expect(rows.count).toBe(3);
    expect(rows.dim).toBe(2);
    const at = (k: number, c: number): number => rows.data[k * STRIDE + c]!;
    expect(at(0, COL.f)).toBeCloseTo(0.5 + 5, 12);
    expect(at(1, COL.f)).toBeCloseTo(1 + 15, 12);
    expect(at(0, COL.ux)).toBeCloseTo(0.5, 12);
    expect(at(0, COL.uy)).toBeCloseTo(1, 12);
    // The last point takes no step.
    expect(at(2, COL.ux)).toBe(0);
    expect(at(2, COL.uy)).toBe(0);
  });

  it('keeps every height finite: off the grid clamps in, next to a masked vertex the nearest', () => {
    const rows = importedPathTrajectory(
      path([
        [-5, 0],
        [1.9, 1.9],
      ]),
      grid(true),
    )!;
    expect(rows.data[COL.f]).toBe(0);
    const f = rows.data[STRIDE + COL.f]!;
    expect(Number.isFinite(f)).toBe(true);
    // Nearest valid vertices of (2, 2) are (1, 2) = 21 and (2, 1) = 12; the first found wins.
    expect([12, 21]).toContain(f);
  });

  it('draws nothing without a two-variable surface', () => {
    expect(importedPathTrajectory(path([[0, 0]]), null)).toBeUndefined();
    expect(importedPathTrajectory(path([[0, 0]]), { ...grid(), ny: 1 })).toBeUndefined();
  });
});
