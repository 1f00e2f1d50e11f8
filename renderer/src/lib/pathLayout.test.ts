import { describe, expect, it } from 'vitest';
import type { SurfaceResult } from '../../../shared/protocol.ts';
import { STRIDE } from '../../../shared/types.ts';
import { makeFrame } from './frame.ts';
import { layoutPath, locateOnPath, MAX_SUBDIVISIONS, PathScratch } from './pathLayout.ts';
import type { VertexSink } from './pathLayout.ts';
import { sampleSurface } from './sampler.ts';

class ArraySink implements VertexSink {
  points: number[][] = [];
  reserve(): void {}
  set(i: number, x: number, y: number, z: number): void {
    this.points[i] = [x, y, z];
  }
}

/** Trajectory rows from points [x, y, f]; updates are the differences. */
function trajectory(points: [number, number, number][]): Float64Array {
  const data = new Float64Array(points.length * STRIDE);
  points.forEach(([x, y, f], k) => {
    const next = points[k + 1];
    data.set([x, y, f, 0, 0, next ? next[0] - x : 0, next ? next[1] - y : 0, 0.1], k * STRIDE);
  });
  return data;
}

/** f = x² + y² sampled on [-2, 2]². */
function bowl(n: number): SurfaceResult {
  const values = new Float64Array(n * n);
  const domain = { x: [-2, 2] as [number, number], y: [-2, 2] as [number, number] };
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const x = -2 + (4 * i) / (n - 1);
      const y = -2 + (4 * j) / (n - 1);
      values[j * n + i] = x * x + y * y;
    }
  return {
    nx: n,
    ny: n,
    domain,
    values,
    gradients: new Float64Array(2 * n * n),
    valid: new Uint8Array(n * n).fill(1),
    min: 0,
    max: 8,
    contours: { levels: [], segments: [] },
  };
}

describe('sampleSurface', () => {
  it('is exact at grid points and bilinear between', () => {
    const s = bowl(5);
    expect(sampleSurface(s, 1, 1)).toBeCloseTo(2, 12);
    expect(sampleSurface(s, 0.5, 0)).toBeCloseTo(0.5, 12); // between x=0 (0) and x=1 (1)
    expect(sampleSurface(s, 3, 0)).toBeNaN();
  });

  it('is NaN next to a masked vertex', () => {
    const s = bowl(5);
    s.valid[12] = 0; // (0, 0)
    expect(sampleSurface(s, 0.5, 0.5)).toBeNaN();
    expect(sampleSurface(s, 1.5, 1.5)).not.toBeNaN();
  });
});

describe('layoutPath', () => {
  const frame = makeFrame(2, { x: [-2, 2], y: [-2, 2] }, 0, 8);

  it('puts rows at their exact f and drapes steps over the surface', () => {
    const surface = bowl(41);
    const data = trajectory([
      [-1.5, 0, 2.25],
      [1.5, 0, 2.25],
    ]);
    const path = new ArraySink();
    const dots = new ArraySink();
    const layout = layoutPath(data, 2, frame, surface, new PathScratch(), path, dots);
    expect(layout.drawRows).toBe(2);
    expect(layout.vertexCount).toBeGreaterThan(2);
    expect(layout.vertexCount).toBeLessThanOrEqual(MAX_SUBDIVISIONS + 1);
    // The middle of the step sits low in the bowl, not on the chord at f = 2.25.
    const middle = path.points[Math.floor(layout.vertexCount / 2)]!;
    const chordHeight = dots.points[0]![1]!;
    expect(middle[1]).toBeLessThan(chordHeight);
    for (const p of path.points) for (const c of p) expect(Number.isFinite(c)).toBe(true);
  });

  it('without a surface, steps are straight chords (one segment per step)', () => {
    const data = trajectory([
      [0, 0, 0],
      [1, 0, 1],
      [-1, 0, 1],
    ]);
    const layout = layoutPath(
      data,
      3,
      frame,
      null,
      new PathScratch(),
      new ArraySink(),
      new ArraySink(),
    );
    expect(layout.vertexCount).toBe(3);
  });

  it('cuts the path where it leaves the drawing box', () => {
    const data = trajectory([
      [1, 0, 1],
      [-3, 0, 9],
      [5, 0, 25],
      [-9, 0, 81],
    ]);
    const layout = layoutPath(
      data,
      4,
      frame,
      bowl(11),
      new PathScratch(),
      new ArraySink(),
      new ArraySink(),
    );
    expect(layout.drawRows).toBe(3);
  });
});

describe('locateOnPath', () => {
  it('maps a fractional position onto the draped vertices', () => {
    const rows = Int32Array.from([0, 4, 8]);
    const out = new Float64Array(2);
    locateOnPath(0.5, 3, rows, out);
    expect([...out]).toEqual([2, 0]);
    locateOnPath(1.125, 3, rows, out);
    expect([...out]).toEqual([4, 0.5]);
    locateOnPath(10, 3, rows, out);
    expect([...out]).toEqual([8, 0]);
  });
});

describe('layoutPath merging', () => {
  it('merges sub-pixel steps of a converged run into one vertex', () => {
    const frame = makeFrame(2, { x: [-2, 2], y: [-2, 2] }, 0, 8);
    const points: [number, number, number][] = [[1, 0, 1]];
    for (let k = 0; k < 500; k++) points.push([1e-6 * (500 - k), 0, 0]);
    const data = trajectory(points);
    const scratch = new PathScratch();
    const layout = layoutPath(
      data,
      points.length,
      frame,
      null,
      scratch,
      new ArraySink(),
      new ArraySink(),
    );
    expect(layout.drawRows).toBe(501);
    expect(layout.vertexCount).toBe(2);
    // Every merged row maps to the vertex that stands for it.
    expect(scratch.rowVertex[0]).toBe(0);
    expect(scratch.rowVertex[500]).toBe(1);
  });
});
