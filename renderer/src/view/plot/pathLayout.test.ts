import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import { STRIDE } from '../../../../shared/types.ts';
import { HEIGHT, makeFrame } from './frame.ts';
import {
  layoutPath,
  PATH_LIFT,
  locateOnPath,
  MAX_GAP,
  MAX_SUBDIVISIONS,
  PathScratch,
  Simplified,
  simplifyPath,
  SIMPLIFY_TOLERANCE,
  thinDots,
} from './pathLayout.ts';
import type { VertexSink } from './pathLayout.ts';
import { findPlotExit } from './plotBox.ts';
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

  it('ends the path on the box edge where the run leaves the plot, drawing nothing after', () => {
    const data = trajectory([
      [1, 0, 1],
      [-1.5, 0.5, 2.5],
      [3, -1, 10],
      [-9, 0, 81],
    ]);
    const exit = findPlotExit(data, 4, frame)!;
    // Row 2 (x = 3) is outside x ≤ 2: the step from row 1 crosses x = 2 at 3.5/4.5 of its length.
    expect(exit.step).toBe(2);
    expect(exit.fraction).toBeCloseTo(3.5 / 4.5, 12);
    const path = new ArraySink();
    const dots = new ArraySink();
    const scratch = new PathScratch();
    const layout = layoutPath(data, 4, frame, bowl(11), scratch, path, dots, exit);
    expect(layout.drawRows).toBe(2);
    expect(layout.exitFraction).toBeCloseTo(exit.fraction, 12);
    expect(dots.points.length).toBe(2);
    // The last vertex is the edge point (world X = 1 is x = 2), and every vertex is in the box.
    const last = path.points[layout.vertexCount - 1]!;
    expect(last[0]).toBeCloseTo(1, 12);
    expect(scratch.rowVertex[2]).toBe(layout.vertexCount - 1);
    for (const [x, y, z] of path.points.slice(0, layout.vertexCount)) {
      expect(Math.abs(x!)).toBeLessThanOrEqual(1 + 1e-12);
      expect(Math.abs(z!)).toBeLessThanOrEqual(1 + 1e-12);
      expect(y!).toBeGreaterThanOrEqual(0);
      expect(y!).toBeLessThanOrEqual(HEIGHT + PATH_LIFT);
    }
  });

  it('a curve leaving through the top ends on the top edge', () => {
    const line = makeFrame(1, { x: [-4, 4], y: [0, 0] }, 0, 16);
    const data = trajectory([
      [3, 0, 9],
      [-3.6, 0, 12.96],
      [4.32, 0, 18.6624],
    ]);
    const exit = findPlotExit(data, 3, line)!;
    expect(exit.step).toBe(2);
    const path = new ArraySink();
    const layout = layoutPath(data, 3, line, null, new PathScratch(), path, new ArraySink(), exit);
    const last = path.points[layout.vertexCount - 1]!;
    expect(last[1]).toBeCloseTo(HEIGHT, 12);
    expect(last[0]).toBeLessThan(1);
  });

  it('a run that starts outside draws nothing', () => {
    const data = trajectory([
      [5, 0, 25],
      [1, 0, 1],
    ]);
    const exit = findPlotExit(data, 2, frame)!;
    expect(exit.step).toBe(0);
    const layout = layoutPath(
      data,
      2,
      frame,
      null,
      new PathScratch(),
      new ArraySink(),
      new ArraySink(),
      exit,
    );
    expect(layout.drawRows).toBe(0);
    expect(layout.vertexCount).toBe(0);
  });
});

describe('locateOnPath', () => {
  it('maps a fractional position onto the draped vertices', () => {
    const rows = Int32Array.from([0, 4, 8]);
    const out = new Float64Array(3);
    locateOnPath(0.5, 3, rows, out);
    expect([...out]).toEqual([2, 0, 0]);
    locateOnPath(1.125, 3, rows, out);
    expect([...out]).toEqual([4, 0.5, 0]);
    locateOnPath(10, 3, rows, out);
    expect([...out]).toEqual([8, 0, 0]);
  });

  it('after the last drawn row, moves along the partial step to the edge, then stays there', () => {
    // Rows 0 and 1 drawn; the edge point (vertex 8) is half a step after row 1.
    const rows = Int32Array.from([0, 4, 8]);
    const out = new Float64Array(3);
    locateOnPath(1.25, 2, rows, out, 0.5);
    expect([...out]).toEqual([6, 0, 0]);
    locateOnPath(1.5, 2, rows, out, 0.5);
    expect([...out]).toEqual([8, 0, 1]);
    locateOnPath(7, 2, rows, out, 0.5);
    expect([...out]).toEqual([8, 0, 1]);
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

/** Distance from p to the segment a→b (3D). */
function distanceToSegment(p: number[], a: number[], b: number[]): number {
  const d = [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!];
  const q = [p[0]! - a[0]!, p[1]! - a[1]!, p[2]! - a[2]!];
  const len2 = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
  const t =
    len2 > 0 ? Math.min(1, Math.max(0, (q[0]! * d[0]! + q[1]! * d[1]! + q[2]! * d[2]!) / len2)) : 0;
  return Math.hypot(q[0]! - t * d[0]!, q[1]! - t * d[1]!, q[2]! - t * d[2]!);
}

/** Checks everything simplifyPath promises about its output for the path `points`. */
function expectFaithful(points: number[][], out: Simplified, tolerance: number, maxGap: number) {
  const n = points.length;
  const kept = [...out.kept.subarray(0, out.count)];
  expect(kept[0]).toBe(0);
  expect(kept.at(-1)).toBe(n - 1);
  for (let i = 1; i < kept.length; i++) {
    expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
    expect(kept[i]! - kept[i - 1]!).toBeLessThanOrEqual(maxGap);
  }
  for (let v = 0; v < n; v++) {
    const k = out.keptBefore[v]!;
    expect(kept[k]!).toBeLessThanOrEqual(v);
    if (k + 1 < kept.length) expect(kept[k + 1]!).toBeGreaterThan(v);
    // Every vertex lies (within rounding of float32) on the drawn segment that skips it.
    const a = points[kept[k]!]!;
    const b = points[kept[Math.min(k + 1, kept.length - 1)]!]!;
    expect(distanceToSegment(points[v]!, a, b)).toBeLessThanOrEqual(tolerance * 1.0001 + 1e-7);
  }
}

describe('simplifyPath', () => {
  it('draws a smooth curve of tiny steps with few vertices, within the tolerance', () => {
    // A quarter circle of radius 0.8 in 2000 steps (~0.0006 world units each).
    const points = Array.from({ length: 2001 }, (_, i) => {
      const t = (i / 2000) * (Math.PI / 2);
      return [0.8 * Math.cos(t), 0.3, 0.8 * Math.sin(t)];
    });
    const out = new Simplified();
    simplifyPath(Float32Array.from(points.flat()), points.length, out);
    expectFaithful(points, out, SIMPLIFY_TOLERANCE, MAX_GAP);
    // Chord of sagitta ≤ 0.0008 on r = 0.8 spans ~0.07 rad: ~22 segments, capped by MAX_GAP.
    expect(out.count).toBeLessThan(2001 / 10);
  });

  it('keeps every corner of a zigzag wider than the tolerance', () => {
    const points = Array.from({ length: 300 }, (_, i) => [i * 0.002, 0, i % 2 ? 0.05 : -0.05]);
    const out = new Simplified();
    simplifyPath(Float32Array.from(points.flat()), points.length, out);
    expect(out.count).toBe(300);
  });

  it('handles one and two vertices', () => {
    const out = new Simplified();
    simplifyPath(Float32Array.from([1, 2, 3]), 1, out);
    expect([...out.kept.subarray(0, out.count)]).toEqual([0]);
    simplifyPath(Float32Array.from([1, 2, 3, 1, 2, 3]), 2, out);
    expect([...out.kept.subarray(0, out.count)]).toEqual([0, 1]);
  });

  it('is faithful on random walks at any scale (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1, max: 1, noNaN: true }),
            fc.double({ min: -1, max: 1, noNaN: true }),
            fc.double({ min: -1, max: 1, noNaN: true }),
          ),
          { minLength: 1, maxLength: 400 },
        ),
        fc.constantFrom(1e-4, 1e-3, 1e-2, 1e-1),
        fc.integer({ min: 2, max: 64 }),
        (moves, stepScale, maxGap) => {
          let x = 0;
          let y = 0;
          let z = 0;
          const points = moves.map(([dx, dy, dz]) => {
            x += dx * stepScale;
            y += dy * stepScale;
            z += dz * stepScale;
            return [Math.fround(x), Math.fround(y), Math.fround(z)];
          });
          const out = new Simplified();
          simplifyPath(Float32Array.from(points.flat()), points.length, out, 0.001, maxGap);
          expectFaithful(points, out, 0.001, maxGap);
        },
      ),
    );
  });
});

describe('thinDots', () => {
  it('merges dots that would overlap and maps every row to the dot standing for it', () => {
    // Ten well-separated rows, then 200 rows piled within 1e-5 of the last one.
    const rows: number[][] = [];
    for (let k = 0; k < 10; k++) rows.push([k * 0.01, 0, 0]);
    for (let k = 0; k < 200; k++) rows.push([0.09 + 1e-7 * k, 0, 0]);
    const dots = Float32Array.from(rows.flat());
    const rowDot = new Int32Array(rows.length);
    const n = thinDots(dots, rows.length, 0.003, rowDot);
    expect(n).toBe(10);
    for (let k = 0; k < 10; k++) expect(rowDot[k]).toBe(k);
    for (let k = 10; k < rows.length; k++) expect(rowDot[k]).toBe(9);
    // Kept dots are the original rows, in order, at the front of the array.
    expect(Array.from(dots.subarray(0, 6))).toEqual([0, 0, 0, Math.fround(0.01), 0, 0]);
  });
});
