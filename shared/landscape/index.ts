/**
 * Loss landscapes computed by research code, read from the files people have: loss-landscape's
 * HDF5 surface and trajectory files, NumPy .npy arrays, and CSV grids. Everything ends up as a
 * `Landscape` (grid.ts); `gridObjective` turns one into an Objective the optimizers can run on.
 */

import { LandscapeError } from './grid.ts';
import type { Landscape, LandscapeTrajectory } from './grid.ts';
import { landscapeFromCsv, trajectoryFromCsv } from './csv.ts';
import { readLandscapeH5, readTrajectoryH5 } from './h5.ts';
import { landscapeFromNpy, trajectoryFromNpy } from './npy.ts';

export {
  LandscapeError,
  buildLandscape,
  buildTrajectory,
  countNonFinite,
  fillNonFinite,
  finiteRange,
  gridObjective,
  pickSurface,
} from './grid.ts';
export type {
  GridObjective,
  Landscape,
  LandscapeSurface,
  LandscapeTrajectory,
  RawLandscape,
  RawSurface,
} from './grid.ts';
export { landscapeFromNpy, parseNpy, trajectoryFromNpy } from './npy.ts';
export type { NpyArray, NpyLandscapeOptions } from './npy.ts';
export { landscapeFromCsv, trajectoryFromCsv } from './csv.ts';
export type { CsvLandscapeOptions } from './csv.ts';
export { loadH5wasm, readLandscapeH5, readTrajectoryH5 } from './h5.ts';

export { isLandscapeFileName, LANDSCAPE_EXTENSIONS } from './files.ts';

type Kind = 'h5' | 'npy' | 'csv';

function kindOf(fileName: string): Kind {
  const lower = fileName.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const extension = dot >= 0 ? lower.slice(dot) : '';
  if (extension === '.h5' || extension === '.hdf5' || extension === '.he5') return 'h5';
  if (extension === '.npy') return 'npy';
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') return 'csv';
  throw new LandscapeError(
    `Cannot read '${fileName}': expected a .h5/.hdf5 (loss-landscape), .npy or .csv file.`,
  );
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * A landscape from a file's bytes, by extension: .h5/.hdf5 (loss-landscape surface file), .npy
 * (1D curve or 2D grid over −1…1), .csv/.tsv/.txt (matrix or long form).
 */
export async function readLandscape(bytes: Uint8Array, fileName: string): Promise<Landscape> {
  switch (kindOf(fileName)) {
    case 'h5':
      return readLandscapeH5(bytes, fileName);
    case 'npy':
      return landscapeFromNpy(bytes, { source: fileName });
    case 'csv':
      return landscapeFromCsv(decodeText(bytes), { source: fileName });
  }
}

/**
 * A projected trajectory from a file's bytes, by extension: .h5 (proj_xcoord/proj_ycoord), .csv
 * (columns x, y), .npy (shape (n, 2)).
 */
export async function readTrajectory(
  bytes: Uint8Array,
  fileName: string,
): Promise<LandscapeTrajectory> {
  switch (kindOf(fileName)) {
    case 'h5':
      return readTrajectoryH5(bytes, fileName);
    case 'npy':
      return trajectoryFromNpy(bytes, fileName);
    case 'csv':
      return trajectoryFromCsv(decodeText(bytes), fileName);
  }
}
