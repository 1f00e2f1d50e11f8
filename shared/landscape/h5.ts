/**
 * HDF5 files written by loss-landscape (github tomgoldstein/loss-landscape), read with h5wasm.
 *
 * Surface files (plot_surface.py) hold `xcoordinates`, `ycoordinates` (absent for 1D plots) and
 * value arrays such as `train_loss`, `train_acc`, `test_loss`, `test_acc`, declared with shape
 * (len(x), len(y)) — or (len(x),) in 1D — plus the odd string dataset (`dir_file`). Note the
 * memory order: loss-landscape fills these arrays through `losses.ravel()[ind]`, where `ind`
 * enumerates `np.meshgrid(x, y)`, i.e. ind = iy·nx + ix. So the flat data is y-major whatever the
 * declared shape says, and plot_2D.py draws it as Z[iy, ix] (contour(X, Y, Z) over
 * meshgrid(x, y)). We read it the same way; a 2D dataset may be declared (nx, ny) as
 * loss-landscape does or (ny, nx) as a meshgrid-shaped array would be — the data is the same.
 *
 * Trajectory files (projection.py) hold `proj_xcoord` and `proj_ycoord`.
 *
 * Loading h5wasm. The package's default ESM entry (`h5wasm`, dist/esm) carries its wasm inline
 * and has no Node-only code, so the same import works in Node (CLI worker thread, tests) and in a
 * module Web Worker bundled by Vite; `h5wasm/node` is only needed to open files on the real disk,
 * which we never do. The import is dynamic so that its ~4 MB load only when an HDF5 file is
 * opened (Vite puts it in its own chunk). All of it goes through `loadH5wasm` below.
 */

import { LandscapeError, buildLandscape, buildTrajectory, describeShape } from './grid.ts';
import type { Landscape, LandscapeTrajectory, RawSurface } from './grid.ts';

type H5wasm = typeof import('h5wasm');

/** The few in-memory file-system calls used here (emscripten's MEMFS). */
interface MemoryFs {
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
}

let loading: Promise<{ h5: H5wasm; fs: MemoryFs }> | null = null;

/**
 * The one place h5wasm is loaded (once; later calls share the promise). If a platform ever
 * needs a different entry, only this function changes.
 */
export function loadH5wasm(): Promise<{ h5: H5wasm; fs: MemoryFs }> {
  loading ??= import('h5wasm').then(
    async (h5) => {
      const module = await h5.ready;
      return { h5, fs: module.FS as unknown as MemoryFs };
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

let fileCounter = 0;

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]; // \x89HDF\r\n\x1a\n

/** HDF5's signature sits at offset 0, or 512, 1024, 2048, … after a user block. */
function hasHdf5Signature(bytes: Uint8Array): boolean {
  for (let at = 0; at + SIGNATURE.length <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

function damaged(source: string, error: unknown): LandscapeError {
  const reason = error instanceof Error ? error.message : String(error);
  return new LandscapeError(`${source}: the HDF5 file could not be read (${reason}).`);
}

/**
 * Writes the bytes to h5wasm's in-memory file system, opens them read-only, runs `read`, then
 * closes and deletes the file whatever happens.
 */
async function withH5File<T>(
  bytes: Uint8Array,
  source: string,
  read: (file: InstanceType<H5wasm['File']>, h5: H5wasm) => T,
): Promise<T> {
  if (!hasHdf5Signature(bytes)) {
    // h5wasm would "open" it anyway and fail later with an unhelpful message.
    throw new LandscapeError(`${source} is not an HDF5 file (no HDF5 signature).`);
  }
  const { h5, fs } = await loadH5wasm();
  const path = `/descent-landscape-${++fileCounter}.h5`;
  fs.writeFile(path, bytes);
  try {
    let file: InstanceType<H5wasm['File']>;
    try {
      file = new h5.File(path, 'r');
    } catch (error) {
      throw damaged(source, error);
    }
    try {
      return read(file, h5);
    } catch (error) {
      throw error instanceof LandscapeError ? error : damaged(source, error);
    } finally {
      file.close();
    }
  } finally {
    fs.unlink(path);
  }
}

/** H5T class numbers as h5wasm reports them in `metadata.type`. */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

interface NumericDataset {
  name: string;
  shape: number[];
  data: ArrayLike<number>;
}

/** The root's numeric datasets by name; strings, groups and links are left out. */
function numericDatasets(file: InstanceType<H5wasm['File']>, h5: H5wasm) {
  const datasets = new Map<string, () => NumericDataset>();
  const names: string[] = [];
  for (const name of file.keys()) {
    const entity = file.get(name);
    if (!(entity instanceof h5.Dataset)) continue;
    names.push(name);
    const kind = entity.metadata.type;
    if (kind !== H5T_FLOAT && kind !== H5T_INTEGER) continue;
    datasets.set(name, () => {
      const value = entity.value;
      if (!ArrayBuffer.isView(value)) {
        throw new LandscapeError(`dataset '${name}' could not be read as numbers.`);
      }
      const typed = value as unknown as ArrayLike<number | bigint>;
      // int64 datasets come back as BigInt64Array: convert element by element.
      const data = typeof typed[0] === 'bigint' ? Float64Array.from(typed, Number) : typed;
      return { name, shape: entity.shape ?? [], data: data as ArrayLike<number> };
    });
  }
  return { datasets, names };
}

function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `'${n}'`).join(', ');
}

function require1D(dataset: NumericDataset, source: string): ArrayLike<number> {
  if (dataset.shape.length !== 1) {
    throw new LandscapeError(
      `${source}: dataset '${dataset.name}' has shape ${describeShape(dataset.shape)}; ` +
        'expected a 1D array.',
    );
  }
  return dataset.data;
}

/**
 * A loss-landscape surface file (or any HDF5 file in its layout) from its bytes. Every numeric
 * root dataset besides the coordinates becomes a surface; scalars are skipped; anything else with
 * the wrong shape is an error naming it.
 */
export async function readLandscapeH5(bytes: Uint8Array, source: string): Promise<Landscape> {
  return withH5File(bytes, source, (file, h5) => {
    const { datasets, names } = numericDatasets(file, h5);
    const xRead = datasets.get('xcoordinates');
    if (xRead === undefined) {
      const hint = datasets.has('proj_xcoord')
        ? ' It looks like a projected trajectory (proj_xcoord): open it as a trajectory.'
        : '';
      throw new LandscapeError(
        `${source}: no dataset 'xcoordinates'; datasets present: ${listNames(names)}.${hint}`,
      );
    }
    const xs = require1D(xRead(), source);
    const yRead = datasets.get('ycoordinates');
    const ys = yRead === undefined ? null : require1D(yRead(), source);
    const surfaces: RawSurface[] = [];
    for (const [name, read] of datasets) {
      if (name === 'xcoordinates' || name === 'ycoordinates') continue;
      const dataset = read();
      if (dataset.shape.length === 0 || dataset.data.length <= 1) continue; // scalar metadata
      surfaces.push({ name, data: dataset.data, shape: dataset.shape });
    }
    if (surfaces.length === 0) {
      throw new LandscapeError(
        `${source}: no value datasets (such as 'train_loss') besides the coordinates; ` +
          `datasets present: ${listNames(names)}.`,
      );
    }
    return buildLandscape({
      source,
      xs,
      ys,
      surfaces,
      order: 'y-rows',
      xName: "dataset 'xcoordinates'",
      yName: "dataset 'ycoordinates'",
    });
  });
}

/** A loss-landscape projected trajectory (`proj_xcoord`, `proj_ycoord`) from its bytes. */
export async function readTrajectoryH5(
  bytes: Uint8Array,
  source: string,
): Promise<LandscapeTrajectory> {
  return withH5File(bytes, source, (file, h5) => {
    const { datasets, names } = numericDatasets(file, h5);
    const pick = (name: string) => {
      const read = datasets.get(name);
      if (read === undefined) {
        const hint = datasets.has('xcoordinates')
          ? ' It looks like a surface file (xcoordinates): open it as a landscape.'
          : '';
        throw new LandscapeError(
          `${source}: no dataset '${name}'; datasets present: ${listNames(names)}.${hint}`,
        );
      }
      return require1D(read(), source);
    };
    const xs = pick('proj_xcoord');
    const ys = pick('proj_ycoord');
    return buildTrajectory(xs, ys, source, ['proj_xcoord', 'proj_ycoord']);
  });
}
