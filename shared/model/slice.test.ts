import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_OPTIMIZER } from '../types.ts';
import { createRng, nextGaussian } from '../optim/rng.ts';
import { moons } from './data.ts';
import { mlpFilters, mlpInit, mlpModel } from './models.ts';
import {
  filterNormalizedDirections,
  pcaDirections,
  projectPath,
  sliceCoordinate,
  sliceGrid,
  sliceRows,
} from './slice.ts';
import { train } from './train.ts';

const data = moons({ n: 60, seed: 5 });
const model = mlpModel({ hidden: 4 });
const thetaStar = mlpInit(4, 9);

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function gaussian(dim: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: dim }, () => nextGaussian(rng));
}

describe('filterNormalizedDirections', () => {
  it('gives each filter the norm of the same filter in θ*', () => {
    const filters = mlpFilters(4);
    const [d1, d2] = filterNormalizedDirections(model, thetaStar, filters, 3);
    for (const d of [d1, d2]) {
      for (const f of filters) {
        const nd = Math.hypot(...f.map((q) => d[q]!));
        const nt = Math.hypot(...f.map((q) => thetaStar[q]!));
        expect(nd).toBeCloseTo(nt, 12);
      }
    }
    expect(Array.from(d1)).not.toEqual(Array.from(d2));
    expect(filterNormalizedDirections(model, thetaStar, filters, 3)).toEqual([d1, d2]);
    expect(Array.from(filterNormalizedDirections(model, thetaStar, filters, 4)[0])).not.toEqual(
      Array.from(d1),
    );
  });

  it('leaves parameters outside every filter at 0 and checks indices', () => {
    const [d1] = filterNormalizedDirections(model, thetaStar, [[0, 1]], 1);
    expect(Array.from(d1.subarray(2)).every((v) => v === 0)).toBe(true);
    expect(Math.hypot(d1[0]!, d1[1]!)).toBeCloseTo(Math.hypot(thetaStar[0]!, thetaStar[1]!), 12);
    expect(() => filterNormalizedDirections(model, thetaStar, [[99]], 1)).toThrow(RangeError);
    expect(() => filterNormalizedDirections(model, [1, 2], [[0]], 1)).toThrow(/θ\*/);
  });
});

describe('sliceGrid', () => {
  const [d1, d2] = filterNormalizedDirections(model, thetaStar, mlpFilters(4), 1);
  const spec = { resolution: 5, alpha: [-1, 1], beta: [-2, 2] } as const;

  it('equals loss(θ*) at (0, 0) and the loss at each grid point', () => {
    const progress: [number, number][] = [];
    const grid = sliceGrid(model, data, thetaStar, d1, d2, spec, (done, total) =>
      progress.push([done, total]),
    );
    expect(grid.length).toBe(25);
    expect(grid[2 * 5 + 2]).toBe(model.loss(thetaStar, data));
    expect(progress).toEqual([1, 2, 3, 4, 5].map((k) => [k, 5]));
    // (α_3, β_1) = (0.5, −1).
    expect(sliceCoordinate(spec.alpha, 5, 3)).toBe(0.5);
    expect(sliceCoordinate(spec.beta, 5, 1)).toBe(-1);
    const p = thetaStar.map((t, q) => t + 0.5 * d1[q]! - 1 * d2[q]!);
    expect(grid[1 * 5 + 3]).toBeCloseTo(model.loss(p, data), 14);
  });

  it('sliceRows fills the same grid a few rows at a time', () => {
    const whole = sliceGrid(model, data, thetaStar, d1, d2, spec);
    const parts = new Float64Array(25);
    sliceRows(model, data, thetaStar, d1, d2, spec, 0, 2, parts);
    expect(parts.subarray(10).every((v) => v === 0)).toBe(true);
    sliceRows(model, data, thetaStar, d1, d2, spec, 2, 5, parts);
    expect(parts).toEqual(whole);
  });

  it('validates its arguments', () => {
    expect(() => sliceGrid(model, data, thetaStar, d1, d2, { ...spec, resolution: 1 })).toThrow(
      /resolution/,
    );
    expect(() => sliceGrid(model, data, thetaStar, d1, d2, { ...spec, alpha: [1, 1] })).toThrow(
      /alpha/,
    );
    expect(() => sliceGrid(model, data, [0], d1, d2, spec)).toThrow(RangeError);
    expect(() =>
      sliceRows(model, data, thetaStar, d1, d2, spec, 3, 6, new Float64Array(25)),
    ).toThrow(/rowEnd/);
  });
});

describe('pcaDirections', () => {
  it('returns orthonormal directions for a real training path', () => {
    const run = train(model, data, thetaStar, {
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'sgd', lr: 0.3 },
      batch: 10,
      epochs: 10,
      seed: 4,
    });
    const end = run.theta.slice(run.steps * run.dim);
    const { d1, d2, explained } = pcaDirections(run.theta, run.steps, run.dim, end);
    expect(dot(d1, d1)).toBeCloseTo(1, 12);
    expect(dot(d2, d2)).toBeCloseTo(1, 12);
    expect(Math.abs(dot(d1, d2))).toBeLessThan(1e-12);
    expect(explained[0]).toBeGreaterThan(0.3);
    expect(explained[0]).toBeGreaterThanOrEqual(explained[1]);
    expect(explained[0] + explained[1]).toBeLessThanOrEqual(1 + 1e-12);
    // The end point projects to the origin.
    const xy = projectPath(run.theta, run.steps, run.dim, end, d1, d2);
    expect(xy[2 * run.steps]).toBe(0);
    expect(xy[2 * run.steps + 1]).toBe(0);
  });

  it('finds the plane of a path that lies in a plane (both Gram matrices)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        (dim, steps, seed) => {
          const rows = steps + 1;
          // Orthonormal u, v and path θ_t = c + a_t u + b_t v with a dominant a spread.
          const u = gaussian(dim, seed);
          const nu = Math.sqrt(dot(u, u));
          u.forEach((x, i) => (u[i] = x / nu));
          const v = gaussian(dim, seed + 1);
          const uv = dot(u, v);
          v.forEach((x, i) => (v[i] = x - uv * u[i]!));
          const nv = Math.sqrt(dot(v, v));
          v.forEach((x, i) => (v[i] = x / nv));
          const c = gaussian(dim, seed + 2);
          const thetas = new Float64Array(rows * dim);
          for (let t = 0; t < rows; t++) {
            const a = 3 * Math.cos(t + 0.3) + 0.5;
            const b = Math.sin(2 * t + 1);
            for (let i = 0; i < dim; i++) thetas[t * dim + i] = c[i]! + a * u[i]! + b * v[i]!;
          }
          const { d1, d2, explained } = pcaDirections(thetas, steps, dim, c);
          expect(Math.abs(dot(d1, d2))).toBeLessThan(1e-9);
          expect(dot(d1, d1)).toBeCloseTo(1, 9);
          expect(dot(d2, d2)).toBeCloseTo(1, 9);
          // u and v lie in span(d1, d2) whenever the path spans the plane.
          const spans = steps >= 2;
          for (const w of spans ? [u, v] : [u]) {
            const a = dot(w, d1);
            const b = dot(w, d2);
            expect(a * a + b * b).toBeCloseTo(1, 6);
          }
          expect(explained[0] + explained[1]).toBeCloseTo(1, 6);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses a path that never moves', () => {
    const thetas = new Float64Array(9).fill(2);
    expect(() => pcaDirections(thetas, 2, 3, [2, 2, 2])).toThrow(/never leaves/);
    expect(() => pcaDirections(thetas, 5, 3, [2, 2, 2])).toThrow(/needs/);
  });
});

describe('projectPath', () => {
  it('recovers known coordinates for non-orthogonal directions and maps θ* to (0, 0)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer(),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (dim, seed, coords) => {
          const center = gaussian(dim, seed);
          const d1 = gaussian(dim, seed + 1);
          const d2 = d1.map((x, i) => 0.6 * x + gaussian(dim, seed + 2)[i]!);
          const rows = Math.floor(coords.length / 2);
          const thetas = new Float64Array(rows * dim);
          for (let t = 0; t < rows; t++) {
            for (let i = 0; i < dim; i++) {
              thetas[t * dim + i] =
                center[i]! + coords[2 * t]! * d1[i]! + coords[2 * t + 1]! * d2[i]!;
            }
          }
          const xy = projectPath(thetas, rows - 1, dim, center, d1, d2);
          for (let k = 0; k < 2 * rows; k++) {
            expect(Math.abs(xy[k]! - coords[k]!)).toBeLessThan(1e-8);
          }
          const zero = projectPath(center, 0, dim, center, d1, d2);
          expect(Array.from(zero)).toEqual([0, 0]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('projects off-plane points to their nearest in-plane coordinates', () => {
    // Plane spanned by e1 and e1 + e2 in R³; the point (1, 2, 7) is (−1, 2) in those directions.
    const xy = projectPath(Float64Array.from([1, 2, 7]), 0, 3, [0, 0, 0], [1, 0, 0], [1, 1, 0]);
    expect(xy[0]).toBeCloseTo(-1, 14);
    expect(xy[1]).toBeCloseTo(2, 14);
    expect(() => projectPath(Float64Array.from([1, 2]), 0, 2, [0, 0], [1, 1], [2, 2])).toThrow(
      /parallel/,
    );
  });
});
