import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contourLines, defaultLevels, defaultLevelsOfSorted, sampleGrid } from './contours.ts';
import type { Domain, Objective, Point } from './types.ts';

/** A 2D objective from f alone: contouring needs only values. */
function surface(f: (x: number, y: number) => number): Objective {
  return {
    dim: 2,
    variables: ['x', 'y'],
    value: (p: Point) => f(p[0] ?? NaN, p[1] ?? NaN),
    gradient: () => {},
    hessian: () => {},
    isKink: () => false,
  };
}

/** Segments of one level as [[x0, y0, x1, y1], ...]. */
function segmentsOf(packed: Float64Array | undefined): number[][] {
  expect(packed).toBeDefined();
  const out: number[][] = [];
  const s = packed ?? new Float64Array(0);
  expect(s.length % 4).toBe(0);
  for (let k = 0; k < s.length; k += 4) out.push(Array.from(s.subarray(k, k + 4)));
  return out;
}

const totalLength = (segs: number[][]): number =>
  segs.reduce((sum, [x0 = 0, y0 = 0, x1 = 0, y1 = 0]) => sum + Math.hypot(x1 - x0, y1 - y0), 0);

describe('sampleGrid', () => {
  it('is row-major with endpoints included: values[j*nx + i] = f(x_i, y_j)', () => {
    const domain: Domain = { x: [-1, 3], y: [10, 20] };
    const g = sampleGrid(
      surface((x, y) => 1000 * x + y),
      domain,
      5,
      3,
    );
    expect(g.nx).toBe(5);
    expect(g.ny).toBe(3);
    expect(g.values).toHaveLength(15);
    const xs = [-1, 0, 1, 2, 3];
    const ys = [10, 15, 20];
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < 5; i++) {
        expect(g.values[j * 5 + i]).toBe(1000 * (xs[i] ?? NaN) + (ys[j] ?? NaN));
      }
    }
  });

  it('keeps non-finite values and validates its arguments', () => {
    const g = sampleGrid(
      surface((x) => Math.log(x)),
      { x: [-1, 1], y: [0, 1] },
      3,
      2,
    );
    expect(Array.from(g.values)).toEqual([NaN, -Infinity, 0, NaN, -Infinity, 0]);
    const f = surface(() => 0);
    expect(() => sampleGrid(f, { x: [0, 1], y: [0, 1] }, 1, 5)).toThrow(RangeError);
    expect(() => sampleGrid(f, { x: [1, 0], y: [0, 1] }, 5, 5)).toThrow(RangeError);
  });
});

describe('contourLines', () => {
  const box: Domain = { x: [-2, 2], y: [-2, 2] };

  it('x^2 + y^2 at level r^2 lies on the circle of radius r (within grid spacing)', () => {
    const n = 81;
    const h = 4 / (n - 1);
    const grid = sampleGrid(
      surface((x, y) => x * x + y * y),
      box,
      n,
      n,
    );
    const radii = [0.5, 1, 1.5];
    const set = contourLines(
      grid,
      box,
      radii.map((r) => r * r),
    );
    expect(set.levels).toEqual([0.25, 1, 2.25]);
    expect(set.segments).toHaveLength(3);
    for (const [k, r] of radii.entries()) {
      const segs = segmentsOf(set.segments[k]);
      expect(segs.length).toBeGreaterThan(20);
      for (const [x0 = NaN, y0 = NaN, x1 = NaN, y1 = NaN] of segs) {
        expect(Math.abs(Math.hypot(x0, y0) - r)).toBeLessThan(h);
        expect(Math.abs(Math.hypot(x1, y1) - r)).toBeLessThan(h);
        // Endpoints lie on grid lines (marching squares interpolates along cell edges), with
        // much better than grid accuracy: linear interpolation of r² is exact up to O(h²).
        expect(Math.abs(Math.hypot(x0, y0) - r)).toBeLessThan(h * h);
      }
      // A full closed ring: length ≈ 2πr.
      expect(totalLength(segs) / (2 * Math.PI * r)).toBeCloseTo(1, 2);
    }
  });

  it('uses the sample-centred convention: contours are not shifted by half a cell', () => {
    // Off-centre bowl on a coarse grid: a half-cell bias would move the centre by 0.25.
    const grid = sampleGrid(
      surface((x, y) => (x - 0.3) ** 2 + (y + 0.2) ** 2),
      box,
      9,
      9,
    );
    const segs = segmentsOf(contourLines(grid, box, [1]).segments[0]);
    let cx = 0;
    let cy = 0;
    for (const [x0 = 0, y0 = 0] of segs) {
      cx += x0 / segs.length;
      cy += y0 / segs.length;
    }
    expect(cx).toBeCloseTo(0.3, 1);
    expect(cy).toBeCloseTo(-0.2, 1);
  });

  it('plane f = x: straight vertical lines at the level, nothing along the border', () => {
    const domain: Domain = { x: [-1, 1], y: [0, 3] };
    const grid = sampleGrid(
      surface((x) => x),
      domain,
      21,
      11,
    );
    const levels = [-0.73, 0.05, 0.5];
    const set = contourLines(grid, domain, levels);
    for (const [k, level] of levels.entries()) {
      const segs = segmentsOf(set.segments[k]);
      expect(segs.length).toBeGreaterThan(0);
      for (const [x0 = NaN, y0 = NaN, x1 = NaN, y1 = NaN] of segs) {
        expect(x0).toBeCloseTo(level, 12);
        expect(x1).toBeCloseTo(level, 12);
        for (const y of [y0, y1]) {
          expect(y).toBeGreaterThanOrEqual(-1e-12);
          expect(y).toBeLessThanOrEqual(3 + 1e-12);
        }
      }
      // Exactly one line spanning the full height: no stubs beyond the domain, no gaps.
      expect(totalLength(segs)).toBeCloseTo(3, 12);
    }
  });

  it('drops the border closures of every level of a tilted plane', () => {
    const grid = sampleGrid(
      surface((x, y) => x + 2 * y),
      box,
      17,
      17,
    );
    const set = contourLines(grid, box, [-5, -1, 0, 2.5, 5]);
    for (const packed of set.segments) {
      for (const [x0 = NaN, y0 = NaN, x1 = NaN, y1 = NaN] of segmentsOf(packed)) {
        expect(x0 + 2 * y0).toBeCloseTo(x1 + 2 * y1, 10);
        // Both ends inside the domain and no segment running along an edge.
        for (const v of [x0, y0, x1, y1]) expect(Math.abs(v)).toBeLessThanOrEqual(2 + 1e-12);
        const alongEdge =
          (Math.abs(Math.abs(x0) - 2) < 1e-9 && x0 === x1) ||
          (Math.abs(Math.abs(y0) - 2) < 1e-9 && y0 === y1);
        expect(alongEdge).toBe(false);
      }
    }
  });

  it('levels outside the value range or non-finite give no segments', () => {
    const grid = sampleGrid(
      surface((x, y) => x * x + y * y),
      box,
      11,
      11,
    );
    const set = contourLines(grid, box, [-1, 100, NaN, Infinity]);
    expect(set.segments.map((s) => s.length)).toEqual([0, 0, 0, 0]);
  });

  it('log(x), non-finite on half the domain: no NaN, no wall of lines at x = 0', () => {
    const grid = sampleGrid(
      surface((x) => Math.log(x)),
      box,
      41,
      41,
    );
    expect(grid.values.some((v) => !Number.isFinite(v))).toBe(true);
    // −4: e^−4 ≈ 0.018 lies in the cells next to the undefined column x = 0.
    const levels = [-4, -2, -1, 0, 0.5];
    const set = contourLines(grid, box, levels);
    for (const [k, level] of levels.entries()) {
      const packed = set.segments[k] ?? new Float64Array(0);
      expect(packed.every(Number.isFinite)).toBe(true);
      const segs = segmentsOf(packed);
      if (level > -4) expect(totalLength(segs)).toBeCloseTo(4, 10);
      for (const [x0 = NaN, , x1 = NaN] of segs) {
        // log x = c ⇔ x = e^c: the lines are where log says, never at the x = 0 edge.
        expect(x0).toBeGreaterThan(0);
        expect(Math.abs(x0 - Math.exp(level))).toBeLessThan(0.02);
        expect(Math.abs(x1 - Math.exp(level))).toBeLessThan(0.02);
      }
    }
  });

  it('never outputs NaN for random grids with holes (property)', () => {
    const value = fc.oneof(
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.constantFrom(NaN, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 2, max: 7 }),
        fc.array(value, { minLength: 49, maxLength: 49 }),
        fc.array(fc.double({ min: -12, max: 12, noNaN: true }), { maxLength: 4 }),
        (nx, ny, pool, levels) => {
          const values = Float64Array.from(pool.slice(0, nx * ny));
          const set = contourLines({ values, nx, ny }, box, levels);
          expect(set.segments).toHaveLength(levels.length);
          for (const s of set.segments) {
            expect(s.every(Number.isFinite)).toBe(true);
            for (const v of s) expect(Math.abs(v)).toBeLessThanOrEqual(2 + 1e-9);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects a grid whose size does not match its values', () => {
    expect(() => contourLines({ values: new Float64Array(5), nx: 2, ny: 2 }, box, [0])).toThrow(
      RangeError,
    );
  });
});

describe('defaultLevels', () => {
  it('gives the same levels from heights the worker has already sorted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double(), fc.constant(Infinity), fc.constant(NaN)), { maxLength: 60 }),
        fc.integer({ min: 0, max: 20 }),
        (heights, count) => {
          const values = Float64Array.from(heights);
          const sorted = values.filter(Number.isFinite).sort();
          // The rule written out: quadratic spacing from the lowest height to the 98th centile.
          const finite = heights.filter(Number.isFinite).sort((a, b) => a - b);
          const lo = finite[0]!;
          const top = finite[Math.floor(0.98 * (finite.length - 1))]!;
          const expected =
            finite.length === 0 || !(top > lo) || count < 1
              ? []
              : Array.from({ length: count }, (_, k) => {
                  const t = (k + 1) / (count + 1);
                  return lo + (top - lo) * t * t;
                });
          expect(defaultLevels(values, count)).toEqual(expected);
          expect(defaultLevelsOfSorted(sorted, count)).toEqual(expected);
        },
      ),
    );
  });

  it('gives count increasing levels strictly inside the range', () => {
    const grid = sampleGrid(
      surface((x, y) => x * x + y * y),
      { x: [-2, 2], y: [-2, 2] },
      41,
      41,
    );
    const levels = defaultLevels(grid.values, 10);
    expect(levels).toHaveLength(10);
    for (let k = 1; k < levels.length; k++) {
      expect(levels[k]).toBeGreaterThan(levels[k - 1] ?? Infinity);
    }
    expect(levels[0]).toBeGreaterThan(0);
    expect(levels[9]).toBeLessThan(8);
  });

  it('spaces a bowl’s rings evenly in radius (sqrt spacing)', () => {
    const grid = sampleGrid(
      surface((x, y) => x * x + y * y),
      { x: [-2, 2], y: [-2, 2] },
      41,
      41,
    );
    const radii = defaultLevels(grid.values, 8).map(Math.sqrt);
    const gaps = radii.slice(1).map((r, k) => r - (radii[k] ?? NaN));
    for (const g of gaps) expect(g).toBeCloseTo(radii[0] ?? NaN, 10);
  });

  it('ignores non-finite values and is not flattened by a spike', () => {
    const values = new Float64Array(1000);
    for (let k = 0; k < values.length; k++) values[k] = k / 999;
    values[0] = NaN;
    values[1] = -Infinity;
    values[2] = 1e12; // a singularity such as 1/r near r = 0
    values[3] = Infinity;
    const levels = defaultLevels(values, 4);
    expect(levels).toHaveLength(4);
    expect(levels.every(Number.isFinite)).toBe(true);
    // Top of the levels comes from the bulk of the values, not the 1e12 spike.
    expect(levels[3]).toBeLessThan(1);
    expect(levels[3]).toBeGreaterThan(0.5);
  });

  it('returns [] when there is nothing to contour', () => {
    expect(defaultLevels(new Float64Array([3, 3, 3]), 5)).toEqual([]);
    expect(defaultLevels(new Float64Array([NaN, Infinity]), 5)).toEqual([]);
    expect(defaultLevels(new Float64Array([0, 1]), 0)).toEqual([]);
  });
});
