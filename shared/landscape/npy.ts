/**
 * NumPy `.npy` files (format versions 1.0, 2.0 and 3.0) read into Float64Arrays.
 *
 * Layout of a file: the magic "\x93NUMPY", a major and a minor version byte, the header length
 * (uint16 little-endian in 1.x, uint32 in 2.x and 3.x), the header — a Python dict literal such as
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (11, 9), }` (latin-1 up to 2.x, UTF-8 in
 * 3.x) — then the raw data.
 */

import { LandscapeError, buildLandscape, buildTrajectory, describeShape } from './grid.ts';
import type { Landscape, LandscapeTrajectory } from './grid.ts';

export interface NpyArray {
  shape: number[];
  /** Every element as a float64, in C (row-major) order whatever the file's order. */
  data: Float64Array;
  /** The file's dtype descriptor, e.g. '<f4'. */
  dtype: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

type Reader = (view: DataView, offset: number, little: boolean) => number;

/** Element readers by kind letter and byte size. */
const READERS: Record<string, Reader> = {
  f2: (v, o, le) => halfToNumber(v.getUint16(o, le)),
  f4: (v, o, le) => v.getFloat32(o, le),
  f8: (v, o, le) => v.getFloat64(o, le),
  i1: (v, o) => v.getInt8(o),
  i2: (v, o, le) => v.getInt16(o, le),
  i4: (v, o, le) => v.getInt32(o, le),
  i8: (v, o, le) => Number(v.getBigInt64(o, le)),
  u1: (v, o) => v.getUint8(o),
  u2: (v, o, le) => v.getUint16(o, le),
  u4: (v, o, le) => v.getUint32(o, le),
  u8: (v, o, le) => Number(v.getBigUint64(o, le)),
  b1: (v, o) => (v.getUint8(o) === 0 ? 0 : 1),
};

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function headerText(bytes: Uint8Array, major: number): string {
  if (major >= 3) return new TextDecoder('utf-8').decode(bytes);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b); // latin-1
  return text;
}

/** Parses the header dict's three keys; anything else in it is ignored. */
function parseHeader(text: string): { descr: string; fortran: boolean; shape: number[] } {
  const descrMatch = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(text);
  if (!descrMatch) {
    if (/['"]descr['"]\s*:\s*\[/.test(text)) {
      throw new LandscapeError(
        'This .npy file holds a structured array (named fields); only plain numeric arrays ' +
          'are supported.',
      );
    }
    throw new LandscapeError(`The .npy header has no 'descr': ${text.trim()}`);
  }
  const fortranMatch = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  if (!fortranMatch) {
    throw new LandscapeError(`The .npy header has no 'fortran_order': ${text.trim()}`);
  }
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  if (!shapeMatch) throw new LandscapeError(`The .npy header has no 'shape': ${text.trim()}`);
  const shape = (shapeMatch[1] as string)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const n = Number(s.replace(/L$/, '')); // Python 2 wrote 11L
      if (!Number.isInteger(n) || n < 0) {
        throw new LandscapeError(`The .npy header has a bad shape: (${shapeMatch[1]}).`);
      }
      return n;
    });
  return { descr: descrMatch[2] as string, fortran: fortranMatch[1] === 'True', shape };
}

/**
 * Reads a .npy file. Supports float (f2, f4, f8), signed and unsigned integers (1, 2, 4, 8 bytes;
 * 8-byte values beyond 2^53 lose precision) and bool, in either byte order, C or Fortran order
 * (Fortran data is transposed to C order). Errors name what is wrong: magic, version, header,
 * dtype, object arrays, truncated data.
 */
export function parseNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new LandscapeError('Not a .npy file: it does not start with "\\x93NUMPY".');
  }
  const major = bytes[6] as number;
  const minor = bytes[7] as number;
  if (major < 1 || major > 3) {
    throw new LandscapeError(
      `Unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are supported).`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerStart = 8 + lengthBytes;
  if (bytes.length < headerStart) throw new LandscapeError('The .npy file is truncated.');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) {
    throw new LandscapeError(
      `The .npy file is truncated: its header should be ${headerLength} bytes, ` +
        `only ${bytes.length - headerStart} are there.`,
    );
  }
  const header = parseHeader(headerText(bytes.subarray(headerStart, dataStart), major));
  const { descr, fortran, shape } = header;

  const dtypeMatch = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  if (!dtypeMatch) throw new LandscapeError(`Unsupported .npy dtype '${descr}'.`);
  const [, endian, kind, sizeText] = dtypeMatch as unknown as [string, string, string, string];
  if (kind === 'O') {
    throw new LandscapeError(
      `This .npy file holds an object array (dtype '${descr}'); only numeric arrays are ` +
        'supported (save it with a float dtype, e.g. arr.astype(np.float64)).',
    );
  }
  const reader = READERS[`${kind}${sizeText}`];
  if (reader === undefined) {
    throw new LandscapeError(
      `Unsupported .npy dtype '${descr}'; supported: float16/32/64, int8–int64, uint8–uint64, ` +
        'bool.',
    );
  }
  const itemSize = Number(sizeText);
  // '|' (not applicable) and '=' (native; numpy writes the explicit order) read as little-endian.
  const little = endian !== '>';
  const count = shape.reduce((a, b) => a * b, 1);
  const needed = count * itemSize;
  const available = bytes.length - dataStart;
  if (available < needed) {
    throw new LandscapeError(
      `The .npy file is truncated: shape ${describeShape(shape)} of '${descr}' needs ${needed} ` +
        `bytes of data, only ${available} are there.`,
    );
  }
  const data = new Float64Array(count);
  if (!fortran || shape.length < 2) {
    for (let i = 0; i < count; i++) data[i] = reader(view, dataStart + i * itemSize, little);
  } else {
    // Fortran order: the first index varies fastest. Walk the file in its own order and place
    // each element at its C-order position.
    const nd = shape.length;
    const cStrides = new Array<number>(nd);
    let stride = 1;
    for (let d = nd - 1; d >= 0; d--) {
      cStrides[d] = stride;
      stride *= shape[d] as number;
    }
    const index = new Array<number>(nd).fill(0);
    let target = 0;
    for (let i = 0; i < count; i++) {
      data[target] = reader(view, dataStart + i * itemSize, little);
      for (let d = 0; d < nd; d++) {
        index[d] = (index[d] as number) + 1;
        target += cStrides[d] as number;
        if ((index[d] as number) < (shape[d] as number)) break;
        target -= (shape[d] as number) * (cStrides[d] as number);
        index[d] = 0;
      }
    }
  }
  return { shape, data, dtype: descr };
}

/** The file name without folders and extension: '/runs/a/train_loss.npy' → 'train_loss'. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** n evenly spaced numbers from range[0] to range[1]. */
export function linspace(range: readonly [number, number], n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = n === 1 ? range[0] : range[0] + ((range[1] - range[0]) * i) / (n - 1);
  }
  return out;
}

export interface NpyLandscapeOptions {
  /** The file name: names the surface and appears in messages. */
  source: string;
  /** Coordinates of the first and last column; default [-1, 1], loss-landscape's default. */
  xRange?: readonly [number, number];
  /** Coordinates of the first and last row; default [-1, 1]. */
  yRange?: readonly [number, number];
}

/**
 * A .npy array as a landscape. A 2D array A of shape (rows, cols) is read with rows as y and
 * columns as x: A[iy, ix] = f(x_ix, y_iy) — the `meshgrid(x, y)` convention that loss-landscape's
 * plot_2D.py and matplotlib use, and the same memory order as the h5 reader (for the default
 * square grids, `np.save(f['train_loss'][:])` gives the same landscape as the h5 file). A 1D
 * array is a curve. The surface is named after the file. Coordinates are evenly spaced over the
 * given ranges.
 */
export function landscapeFromNpy(bytes: Uint8Array, options: NpyLandscapeOptions): Landscape {
  const array = parseNpy(bytes);
  const name = fileStem(options.source) || 'values';
  const xRange = options.xRange ?? [-1, 1];
  const yRange = options.yRange ?? [-1, 1];
  const { shape } = array;
  if (shape.length === 1) {
    return buildLandscape({
      source: options.source,
      xs: linspace(xRange, shape[0] as number),
      ys: null,
      surfaces: [{ name, data: array.data, shape }],
      xName: 'the array',
    });
  }
  if (shape.length === 2) {
    const [rows, cols] = shape as [number, number];
    return buildLandscape({
      source: options.source,
      xs: linspace(xRange, cols),
      ys: linspace(yRange, rows),
      surfaces: [{ name, data: array.data, shape: [cols, rows] }],
      order: 'y-rows',
      xName: 'the array’s columns (x)',
      yName: 'its rows (y)',
    });
  }
  throw new LandscapeError(
    `${options.source} holds an array of shape ${describeShape(shape)}; a landscape needs a 1D ` +
      'curve or a 2D grid.',
  );
}

/** A trajectory from a .npy array of shape (n, 2): column 0 is x, column 1 is y. */
export function trajectoryFromNpy(bytes: Uint8Array, source: string): LandscapeTrajectory {
  const array = parseNpy(bytes);
  const { shape, data } = array;
  if (shape.length !== 2 || shape[1] !== 2) {
    throw new LandscapeError(
      `${source} holds an array of shape ${describeShape(shape)}; a trajectory needs shape (n, 2).`,
    );
  }
  const n = shape[0] as number;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = data[2 * i] as number;
    ys[i] = data[2 * i + 1] as number;
  }
  return buildTrajectory(xs, ys, source);
}
