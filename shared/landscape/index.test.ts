import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LandscapeError, readLandscape, readTrajectory } from './index.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const text = (s: string) => new TextEncoder().encode(s);

describe('readLandscape', () => {
  it('dispatches on the extension, case-insensitively', async () => {
    const h5 = await readLandscape(fixture('surface_2d.h5'), 'runs/Surface.H5');
    expect(h5.surfaces.length).toBe(4);
    const hdf5 = await readLandscape(fixture('surface_1d.h5'), 'curve.hdf5');
    expect(hdf5.ys).toBeNull();
    const npy = await readLandscape(fixture('grid_f8.npy'), 'train_loss.npy');
    expect(npy.surfaces[0]?.name).toBe('train_loss');
    expect(npy.xs.length).toBe(4);
    const csv = await readLandscape(text('x,y,loss\n0,0,1\n1,0,2\n0,1,3\n1,1,4\n'), 'grid.csv');
    expect(Array.from(csv.surfaces[0]?.values ?? [])).toEqual([1, 2, 3, 4]);
  });

  it('rejects unknown extensions with the accepted ones', async () => {
    await expect(readLandscape(new Uint8Array(4), 'model.pt')).rejects.toThrow(
      "Cannot read 'model.pt': expected a .h5/.hdf5 (loss-landscape), .npy or .csv file.",
    );
    await expect(readLandscape(new Uint8Array(4), 'noext')).rejects.toThrow(LandscapeError);
  });

  it('passes on the readers’ errors', async () => {
    await expect(readLandscape(fixture('broken_no_x.h5'), 'b.h5')).rejects.toThrow(
      "no dataset 'xcoordinates'",
    );
    await expect(readLandscape(fixture('objects.npy'), 'o.npy')).rejects.toThrow('object array');
  });
});

describe('readTrajectory', () => {
  it('reads h5, csv and npy trajectories', async () => {
    expect((await readTrajectory(fixture('trajectory.h5'), 'p.h5')).xs.length).toBe(15);
    expect(Array.from((await readTrajectory(text('x,y\n1,2\n3,4\n'), 'p.csv')).ys)).toEqual([2, 4]);
    expect((await readTrajectory(fixture('trajectory.npy'), 'p.npy')).xs.length).toBe(6);
  });
});
