import { describe, expect, it } from 'vitest';
import {
  LandscapeError,
  buildLandscape,
  buildTrajectory,
  countNonFinite,
  fillNonFinite,
  finiteRange,
  gridObjective,
  pickSurface,
} from './grid.ts';
import type { Landscape } from './grid.ts';

/** A landscape of f sampled over xs × ys, values in the common layout. */
function sample(
  f: (x: number, y: number) => number,
  xs: number[],
  ys: number[],
  name = 'train_loss',
): Landscape {
  const data = new Float64Array(xs.length * ys.length);
  ys.forEach((y, iy) => xs.forEach((x, ix) => (data[iy * xs.length + ix] = f(x, y))));
  return buildLandscape({
    source: 'test',
    xs,
    ys,
    surfaces: [{ name, data, shape: [xs.length, ys.length] }],
  });
}

const wavy = (x: number, y: number) => Math.sin(2 * x) * Math.cos(y) + 0.3 * x * y * y;

describe('buildLandscape', () => {
  it('keeps increasing axes and the y-rows layout', () => {
    const l = sample((x, y) => 10 * x + y, [0, 1, 2], [0, 1]);
    expect(Array.from(l.xs)).toEqual([0, 1, 2]);
    expect(Array.from(l.ys ?? [])).toEqual([0, 1]);
    expect(Array.from(l.surfaces[0]?.values ?? [])).toEqual([0, 10, 20, 1, 11, 21]);
    expect(l.surfaces[0]?.nonFinite).toBe(0);
  });

  it('flips decreasing axes together with the values', () => {
    // data[iy * nx + ix] = 10 x + y at xs = [2, 1, 0], ys = [5, 4].
    const xs = [2, 1, 0];
    const ys = [5, 4];
    const data = ys.flatMap((y) => xs.map((x) => 10 * x + y));
    const l = buildLandscape({
      source: 't',
      xs,
      ys,
      surfaces: [{ name: 'v', data, shape: [3, 2] }],
    });
    expect(Array.from(l.xs)).toEqual([0, 1, 2]);
    expect(Array.from(l.ys ?? [])).toEqual([4, 5]);
    expect(Array.from(l.surfaces[0]?.values ?? [])).toEqual([4, 14, 24, 5, 15, 25]);
  });

  it('transposes x-rows data', () => {
    const xs = [0, 1, 2];
    const ys = [0, 1];
    const data = xs.flatMap((x) => ys.map((y) => 10 * x + y)); // [ix * ny + iy]
    const l = buildLandscape({
      source: 't',
      xs,
      ys,
      order: 'x-rows',
      surfaces: [{ name: 'v', data, shape: [3, 2] }],
    });
    expect(Array.from(l.surfaces[0]?.values ?? [])).toEqual([0, 10, 20, 1, 11, 21]);
  });

  it('accepts a (ny, nx) declaration in y-rows order, rejects other shapes by name', () => {
    const ok = buildLandscape({
      source: 't',
      xs: [0, 1, 2],
      ys: [0, 1],
      surfaces: [{ name: 'v', data: [1, 2, 3, 4, 5, 6], shape: [2, 3] }],
    });
    expect(Array.from(ok.surfaces[0]?.values ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() =>
      buildLandscape({
        source: 't',
        xs: [0, 1, 2],
        ys: [0, 1],
        xName: "dataset 'xcoordinates'",
        yName: "dataset 'ycoordinates'",
        surfaces: [{ name: 'train_loss', data: [1, 2, 3, 4], shape: [2, 2] }],
      }),
    ).toThrow(
      "'train_loss' has shape (2, 2), expected (3, 2) (dataset 'xcoordinates' has 3 points and " +
        "dataset 'ycoordinates' 2).",
    );
    expect(() =>
      buildLandscape({
        source: 't',
        xs: [0, 1, 2],
        ys: null,
        surfaces: [{ name: 'c', data: [1, 2], shape: [2] }],
      }),
    ).toThrow("'c' has shape (2,), expected (3,)");
  });

  it('rejects short, unsorted or non-finite axes', () => {
    const one = (xs: number[]) => () =>
      buildLandscape({
        source: 't',
        xs,
        ys: null,
        surfaces: [{ name: 'v', data: xs, shape: [xs.length] }],
      });
    expect(one([1])).toThrow('x coordinates has 1 point; at least 2 are needed.');
    expect(one([0, 1, 1])).toThrow('not strictly increasing: [1] = 1, [2] = 1');
    expect(one([3, 2, 2.5])).toThrow('not strictly decreasing');
    expect(one([0, NaN])).toThrow('x coordinates[1] is NaN');
    expect(one([0, 1, 2])).not.toThrow();
  });

  it('counts non-finite values and keeps them', () => {
    const l = buildLandscape({
      source: 't',
      xs: [0, 1, 2, 3],
      ys: null,
      surfaces: [{ name: 'v', data: [1, NaN, Infinity, -Infinity], shape: [4] }],
    });
    expect(l.surfaces[0]?.nonFinite).toBe(3);
    expect(Number.isNaN(l.surfaces[0]?.values[1])).toBe(true);
  });
});

describe('helpers', () => {
  it('finiteRange skips NaN and infinities', () => {
    expect(finiteRange([NaN, 3, -Infinity, -2, 7, Infinity])).toEqual({ min: -2, max: 7 });
    expect(finiteRange([NaN, Infinity])).toBeNull();
    expect(countNonFinite([NaN, 1, Infinity])).toBe(2);
  });

  it('fillNonFinite returns a finite copy', () => {
    const values = [1, NaN, 5, Infinity];
    expect(Array.from(fillNonFinite(values, 0))).toEqual([1, 0, 5, 0]);
    expect(Array.from(fillNonFinite(values, 'max'))).toEqual([1, 5, 5, 5]);
    expect(Array.from(fillNonFinite(values, 'min'))).toEqual([1, 1, 5, 1]);
    expect(Array.from(fillNonFinite([NaN], 'max'))).toEqual([0]);
    expect(Number.isNaN(values[1])).toBe(true); // input untouched
  });

  it('buildTrajectory checks lengths and finiteness', () => {
    expect(buildTrajectory([0, 1], [2, 3], 't').xs).toEqual(new Float64Array([0, 1]));
    expect(() => buildTrajectory([0, 1], [2], 't', ['proj_xcoord', 'proj_ycoord'])).toThrow(
      "t: 'proj_xcoord' has 2 points but 'proj_ycoord' has 1.",
    );
    expect(() => buildTrajectory([0, NaN], [2, 3], 't')).toThrow('trajectory point 1 is (NaN, 3)');
  });
});

describe('pickSurface', () => {
  const make = (names: string[]): Landscape => ({
    source: 'f.h5',
    xs: new Float64Array([0, 1]),
    ys: null,
    surfaces: names.map((name) => ({ name, values: new Float64Array(2), nonFinite: 0 })),
  });

  it('prefers train_loss, then any loss, then the first', () => {
    expect(pickSurface(make(['test_loss', 'train_acc', 'train_loss'])).name).toBe('train_loss');
    expect(pickSurface(make(['train_acc', 'Test_Loss'])).name).toBe('Test_Loss');
    expect(pickSurface(make(['acc', 'err'])).name).toBe('acc');
    expect(pickSurface(make(['acc', 'err']), 'err').name).toBe('err');
  });

  it('lists the available names for an unknown one', () => {
    expect(() => pickSurface(make(['train_loss', 'train_acc']), 'val_loss')).toThrow(
      "f.h5 has no values named 'val_loss'; available: 'train_loss', 'train_acc'.",
    );
    expect(() => pickSurface(make(['a']), 'b')).toThrow(LandscapeError);
  });
});

describe('gridObjective', () => {
  const xs = [-1, -0.7, -0.2, 0, 0.3, 0.5, 1]; // uneven on purpose
  const ys = [-1, -0.5, 0, 0.4, 1];
  const landscape = sample(wavy, xs, ys);
  const f = gridObjective(landscape);
  const g = new Float64Array(2);
  const h = new Float64Array(4);

  it('is exact at every node', () => {
    for (const x of xs) {
      for (const y of ys) expect(f.value([x, y])).toBe(wavy(x, y));
    }
    expect(f.dim).toBe(2);
    expect(f.variables).toEqual(['x', 'y']);
    expect(f.domain).toEqual({ x: [-1, 1], y: [-1, 1] });
  });

  it('has a gradient that matches finite differences of the interpolant', () => {
    const eps = 1e-6;
    for (const [x, y] of [
      [0.1, 0.2],
      [-0.85, -0.9],
      [0.45, 0.7],
      [0.99, -0.01],
      [-0.2, 0], // on nodes: C1, so the one-sided limits agree
      [0.3, 0.4],
    ] as const) {
      f.gradient([x, y], g);
      const fx = (f.value([x + eps, y]) - f.value([x - eps, y])) / (2 * eps);
      const fy = (f.value([x, y + eps]) - f.value([x, y - eps])) / (2 * eps);
      expect(g[0]).toBeCloseTo(fx, 5);
      expect(g[1]).toBeCloseTo(fy, 5);
    }
  });

  it('has a Hessian that matches finite differences of the gradient inside cells', () => {
    const eps = 1e-6;
    const gp = new Float64Array(2);
    const gm = new Float64Array(2);
    for (const [x, y] of [
      [0.1, 0.2],
      [-0.85, -0.9],
      [0.45, 0.7],
    ] as const) {
      f.hessian([x, y], h);
      f.gradient([x + eps, y], gp);
      f.gradient([x - eps, y], gm);
      expect(h[0]).toBeCloseTo(((gp[0] as number) - (gm[0] as number)) / (2 * eps), 4);
      expect(h[2]).toBeCloseTo(((gp[1] as number) - (gm[1] as number)) / (2 * eps), 4);
      f.gradient([x, y + eps], gp);
      f.gradient([x, y - eps], gm);
      expect(h[1]).toBeCloseTo(((gp[0] as number) - (gm[0] as number)) / (2 * eps), 4);
      expect(h[3]).toBeCloseTo(((gp[1] as number) - (gm[1] as number)) / (2 * eps), 4);
      expect(h[1]).toBe(h[2]);
    }
  });

  it('is C1 across cell boundaries', () => {
    const eps = 1e-9;
    const left = new Float64Array(2);
    const right = new Float64Array(2);
    for (const x of [-0.7, -0.2, 0, 0.3, 0.5]) {
      f.gradient([x - eps, 0.13], left);
      f.gradient([x + eps, 0.13], right);
      expect(left[0]).toBeCloseTo(right[0] as number, 6);
      expect(left[1]).toBeCloseTo(right[1] as number, 6);
    }
  });

  it('reproduces quadratics on a uniform grid closely and linear functions exactly', () => {
    const uniform = [-1, -0.5, 0, 0.5, 1];
    const lin = gridObjective(sample((x, y) => 3 * x - 2 * y + 1, uniform, uniform));
    expect(lin.value([0.37, -0.61])).toBeCloseTo(3 * 0.37 + 2 * 0.61 + 1, 12);
    lin.gradient([0.37, -0.61], g);
    expect(g[0]).toBeCloseTo(3, 12);
    expect(g[1]).toBeCloseTo(-2, 12);
    // Centred differences are exact for quadratics, so inner cells reproduce x² + y².
    const quad = gridObjective(sample((x, y) => x * x + y * y, uniform, uniform));
    expect(quad.value([0.2, -0.3])).toBeCloseTo(0.04 + 0.09, 12);
  });

  it('clamps outside the grid: constant value, zero derivative along the clamped axis', () => {
    expect(f.value([1.5, 0.4])).toBe(f.value([1, 0.4]));
    expect(f.value([-3, -2])).toBe(wavy(-1, -1));
    f.gradient([1.5, 0.1], g);
    expect(g[0]).toBe(0);
    const inside = new Float64Array(2);
    f.gradient([1, 0.1], inside);
    expect(g[1]).toBeCloseTo(inside[1] as number, 12);
    expect(f.isKink([1.5, 0.1])).toBe(true);
    expect(f.isKink([0.5, 0.1])).toBe(false);
  });

  it('lets NaN through only near non-finite samples', () => {
    const values = sample(wavy, xs, ys);
    const surface = values.surfaces[0];
    if (!surface) throw new Error('no surface');
    surface.values[0] = NaN; // (x = -1, y = -1)
    const nan = gridObjective(values);
    expect(Number.isNaN(nan.value([-0.9, -0.9]))).toBe(true);
    expect(nan.value([0.6, 0.6])).toBeCloseTo(f.value([0.6, 0.6]), 14);
    expect(nan.value([-0.7, -1])).toBe(wavy(-0.7, -1)); // a node next to it stays exact
  });

  it('handles 2-point axes (linear between them)', () => {
    const l = sample((x, y) => x + 2 * y, [0, 1], [0, 2]);
    const o = gridObjective(l);
    expect(o.value([0.25, 0.5])).toBeCloseTo(1.25, 12);
  });

  it('gives a dim-1 objective for a curve', () => {
    const cx = [-1, -0.5, 0, 0.5, 1];
    const curve = buildLandscape({
      source: 'c',
      xs: cx,
      ys: null,
      surfaces: [{ name: 'train_loss', data: cx.map((x) => Math.cos(x)), shape: [5] }],
    });
    const o = gridObjective(curve);
    expect(o.dim).toBe(1);
    expect(o.variables).toEqual(['x']);
    for (const x of cx) expect(o.value([x])).toBe(Math.cos(x));
    const out = new Float64Array(1);
    o.gradient([0.3], out);
    const eps = 1e-6;
    expect(out[0]).toBeCloseTo((o.value([0.3 + eps]) - o.value([0.3 - eps])) / (2 * eps), 6);
    o.hessian([0.3], out);
    const gp = new Float64Array(1);
    const gm = new Float64Array(1);
    o.gradient([0.3 + eps], gp);
    o.gradient([0.3 - eps], gm);
    expect(out[0]).toBeCloseTo(((gp[0] as number) - (gm[0] as number)) / (2 * eps), 4);
  });

  it('uses the named surface and complains about unknown names', () => {
    const two: Landscape = {
      ...landscape,
      surfaces: [
        ...landscape.surfaces,
        {
          name: 'train_acc',
          values: new Float64Array(xs.length * ys.length).fill(7),
          nonFinite: 0,
        },
      ],
    };
    expect(gridObjective(two, 'train_acc').value([0.1, 0.1])).toBeCloseTo(7, 12);
    expect(() => gridObjective(two, 'nope')).toThrow("available: 'train_loss', 'train_acc'");
  });
});
