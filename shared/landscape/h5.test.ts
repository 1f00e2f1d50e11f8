import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridObjective, pickSurface } from './grid.ts';
import { loadH5wasm, readLandscapeH5, readTrajectoryH5 } from './h5.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

// The formulas of fixtures/make-fixtures.mjs.
const linspace = (a: number, b: number, n: number) =>
  Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const trainLoss = (x: number, y: number) => 1 + x * x + 2 * y * y + 0.5 * x * y;
const trainAcc = (x: number, y: number) => 100 - 10 * (x * x + y * y);
const testLoss = (x: number, y: number) => trainLoss(x, y) + 0.1 + 0.2 * x;
const curveLoss = (x: number) => (x - 0.2) * (x - 0.2) + 0.1;
const XS = linspace(-1, 1, 11);
const YS = linspace(-1, 1, 9);

/** Root entries of h5wasm's in-memory file system, to check nothing is left behind. */
async function memoryFiles(): Promise<string[]> {
  await loadH5wasm();
  const h5 = await import('h5wasm');
  const fs = h5.FS as unknown as { readdir(path: string): string[] };
  return fs.readdir('/').filter((name) => name.endsWith('.h5'));
}

describe('readLandscapeH5', () => {
  it('reads a loss-landscape 2D surface file', async () => {
    const l = await readLandscapeH5(fixture('surface_2d.h5'), 'surface_2d.h5');
    expect(l.source).toBe('surface_2d.h5');
    expect(Array.from(l.xs)).toEqual(XS);
    expect(Array.from(l.ys ?? [])).toEqual(YS);
    // The string dataset dir_file is skipped; file order is kept.
    expect(l.surfaces.map((s) => s.name).sort()).toEqual(
      ['test_acc', 'test_loss', 'train_acc', 'train_loss'].sort(),
    );
    const loss = pickSurface(l);
    expect(loss.name).toBe('train_loss');
    expect(loss.nonFinite).toBe(0);
    for (const [ix, iy] of [
      [0, 0],
      [10, 0],
      [3, 7],
      [10, 8],
      [5, 4],
    ] as const) {
      const x = XS[ix] as number;
      const y = YS[iy] as number;
      expect(loss.values[iy * 11 + ix]).toBe(trainLoss(x, y));
      expect(pickSurface(l, 'train_acc').values[iy * 11 + ix]).toBe(trainAcc(x, y));
    }
  });

  it('reads float32 datasets and counts their NaN/inf', async () => {
    const l = await readLandscapeH5(fixture('surface_2d.h5'), 's.h5');
    const test = pickSurface(l, 'test_loss');
    expect(test.nonFinite).toBe(2);
    expect(Number.isNaN(test.values[0 * 11 + 10])).toBe(true);
    expect(test.values[8 * 11 + 0]).toBe(Infinity);
    expect(test.values[4 * 11 + 3]).toBeCloseTo(testLoss(XS[3] as number, YS[4] as number), 6);
    expect(test.values[4 * 11 + 3]).toBe(Math.fround(testLoss(XS[3] as number, YS[4] as number)));
  });

  it('gives an objective exact at the nodes', async () => {
    const l = await readLandscapeH5(fixture('surface_2d.h5'), 's.h5');
    const f = gridObjective(l);
    expect(f.value([XS[2] as number, YS[6] as number])).toBe(
      trainLoss(XS[2] as number, YS[6] as number),
    );
    expect(f.domain).toEqual({ x: [-1, 1], y: [-1, 1] });
  });

  it('reads a 1D file', async () => {
    const l = await readLandscapeH5(fixture('surface_1d.h5'), 'surface_1d.h5');
    expect(l.ys).toBeNull();
    expect(l.xs.length).toBe(21);
    const loss = pickSurface(l);
    const cx = linspace(-1, 1, 21);
    cx.forEach((x, i) => expect(loss.values[i]).toBe(curveLoss(x)));
    expect(gridObjective(l).dim).toBe(1);
  });

  it('names a missing xcoordinates and lists what is there', async () => {
    await expect(readLandscapeH5(fixture('broken_no_x.h5'), 'broken_no_x.h5')).rejects.toThrow(
      "broken_no_x.h5: no dataset 'xcoordinates'; datasets present: 'train_loss', 'ycoordinates'.",
    );
  });

  it('names a dataset with the wrong shape', async () => {
    await expect(readLandscapeH5(fixture('broken_shape.h5'), 'broken_shape.h5')).rejects.toThrow(
      "'train_loss' has shape (10, 9), expected (11, 9) (dataset 'xcoordinates' has 11 points " +
        "and dataset 'ycoordinates' 9).",
    );
  });

  it('points a trajectory file the right way', async () => {
    await expect(readLandscapeH5(fixture('trajectory.h5'), 'trajectory.h5')).rejects.toThrow(
      'open it as a trajectory',
    );
  });

  it('rejects bytes that are not HDF5', async () => {
    await expect(
      readLandscapeH5(new TextEncoder().encode('x,y\n1,2\n'), 'fake.h5'),
    ).rejects.toThrow('fake.h5 is not an HDF5 file (no HDF5 signature).');
    // A signature followed by garbage fails inside HDF5: still a LandscapeError naming the file.
    const garbage = fixture('surface_1d.h5').slice(0, 200);
    await expect(readLandscapeH5(garbage, 'cut.h5')).rejects.toThrow(
      /^cut\.h5: the HDF5 file could not be read/,
    );
  });

  it('leaves no files behind in the in-memory file system', async () => {
    await readLandscapeH5(fixture('surface_1d.h5'), 'a.h5');
    await readLandscapeH5(fixture('broken_shape.h5'), 'b.h5').catch(() => undefined);
    await readLandscapeH5(new Uint8Array(16), 'c.h5').catch(() => undefined);
    await readTrajectoryH5(fixture('trajectory.h5'), 'd.h5');
    expect(await memoryFiles()).toEqual([]);
  });
});

describe('readTrajectoryH5', () => {
  it('reads proj_xcoord and proj_ycoord', async () => {
    const t = await readTrajectoryH5(fixture('trajectory.h5'), 'trajectory.h5');
    expect(t.xs.length).toBe(15);
    expect(t.ys.length).toBe(15);
    expect(t.xs[0]).toBeCloseTo(0.8, 6);
    expect(t.ys[0]).toBe(0);
    expect(t.xs[14]).toBeCloseTo(0, 6);
  });

  it('names the missing dataset and hints at surface files', async () => {
    await expect(readTrajectoryH5(fixture('surface_1d.h5'), 's.h5')).rejects.toThrow(
      "s.h5: no dataset 'proj_xcoord'; datasets present: 'train_acc', 'train_loss', " +
        "'xcoordinates'. It looks like a surface file",
    );
  });
});
