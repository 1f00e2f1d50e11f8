import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LandscapeError } from './grid.ts';
import { fileStem, landscapeFromNpy, linspace, parseNpy, trajectoryFromNpy } from './npy.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

/** The formula of every 2D fixture (make_npy.py): A[r, c] = 10 r + c + 0.5, shape (3, 4). */
const GRID = [0, 1, 2].flatMap((r) => [0, 1, 2, 3].map((c) => 10 * r + c + 0.5));

/**
 * A tiny .npy writer to cross-check the reader independently of numpy: header padded so the data
 * starts on a 64-byte boundary, as numpy does.
 */
function writeNpy(
  values: number[],
  shape: number[],
  options: { descr?: string; fortran?: boolean; version?: 1 | 2 | 3; header?: string } = {},
): Uint8Array {
  const descr = options.descr ?? '<f8';
  const version = options.version ?? 1;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header =
    options.header ??
    `{'descr': '${descr}', 'fortran_order': ${options.fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const lengthBytes = version === 1 ? 2 : 4;
  const pad = (64 - ((8 + lengthBytes + header.length + 1) % 64)) % 64;
  header = header + ' '.repeat(pad) + '\n';
  const size = Number(descr.slice(2));
  const little = descr[0] !== '>';
  const out = new Uint8Array(8 + lengthBytes + header.length + values.length * size);
  const view = new DataView(out.buffer);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[8 + lengthBytes + i] = header.charCodeAt(i);
  let at = 8 + lengthBytes + header.length;
  for (const v of values) {
    const kind = descr.slice(1);
    if (kind === 'f8') view.setFloat64(at, v, little);
    else if (kind === 'f4') view.setFloat32(at, v, little);
    else if (kind === 'i4') view.setInt32(at, v, little);
    else if (kind === 'i8') view.setBigInt64(at, BigInt(v), little);
    else if (kind === 'u1') view.setUint8(at, v);
    else if (kind === 'i2') view.setInt16(at, v, little);
    else throw new Error(kind);
    at += size;
  }
  return out;
}

describe('parseNpy on numpy-written fixtures', () => {
  for (const [file, dtype] of [
    ['grid_f8.npy', '<f8'],
    ['grid_f4.npy', '<f4'],
    ['grid_f8_fortran.npy', '<f8'],
    ['grid_f4_fortran.npy', '<f4'],
    ['grid_f8_big.npy', '>f8'],
    ['grid_f4_big.npy', '>f4'],
    ['grid_f8_v2.npy', '<f8'],
    ['grid_f8_v3.npy', '<f8'],
  ] as const) {
    it(`reads ${file}`, () => {
      const array = parseNpy(fixture(file));
      expect(array.dtype).toBe(dtype);
      expect(array.shape).toEqual([3, 4]);
      expect(Array.from(array.data)).toEqual(GRID);
    });
  }

  it('reads int32 and int64', () => {
    for (const file of ['grid_i4.npy', 'grid_i8.npy']) {
      expect(Array.from(parseNpy(fixture(file)).data)).toEqual(GRID.map((v) => v - 0.5));
    }
  });

  it('transposes a 3D Fortran array to C order', () => {
    const array = parseNpy(fixture('cube_fortran.npy'));
    expect(array.shape).toEqual([2, 3, 4]);
    const expected: number[] = [];
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) expected.push(100 * i + 10 * j + k);
    }
    expect(Array.from(array.data)).toEqual(expected);
  });

  it('names object and complex arrays as unsupported', () => {
    expect(() => parseNpy(fixture('objects.npy'))).toThrow(/object array \(dtype '\|O'\)/);
    expect(() => parseNpy(fixture('complex.npy'))).toThrow("Unsupported .npy dtype '<c16'");
  });

  it('agrees with the hand-written writer byte for byte in meaning', () => {
    const ours = parseNpy(writeNpy(GRID, [3, 4]));
    expect(Array.from(ours.data)).toEqual(Array.from(parseNpy(fixture('grid_f8.npy')).data));
  });
});

describe('parseNpy on hand-written files', () => {
  it('reads every version and both byte orders', () => {
    for (const version of [1, 2, 3] as const) {
      for (const descr of ['<f8', '>f8', '<f4', '>f4', '<i4', '>i4', '<i8', '>i8', '<i2']) {
        const values = [1, -2, 3, 4, 5, -6];
        const array = parseNpy(writeNpy(values, [2, 3], { descr, version }));
        expect(array.dtype).toBe(descr);
        expect(Array.from(array.data)).toEqual(values);
      }
    }
    expect(Array.from(parseNpy(writeNpy([0, 200, 255], [3], { descr: '|u1' })).data)).toEqual([
      0, 200, 255,
    ]);
  });

  it('reorders Fortran 2D data', () => {
    // C-order [[1, 2, 3], [4, 5, 6]] is stored column by column: 1 4 2 5 3 6.
    const array = parseNpy(writeNpy([1, 4, 2, 5, 3, 6], [2, 3], { fortran: true }));
    expect(Array.from(array.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads scalars and empty arrays', () => {
    expect(parseNpy(writeNpy([7], [])).data).toEqual(new Float64Array([7]));
    expect(parseNpy(writeNpy([], [0, 3])).data.length).toBe(0);
  });

  it('reports bad magic, versions, truncation and headers', () => {
    expect(() => parseNpy(new TextEncoder().encode('x,y\n1,2\n'))).toThrow(/Not a \.npy file/);
    const good = writeNpy([1, 2, 3, 4], [4]);
    const bad = good.slice();
    bad[6] = 9;
    expect(() => parseNpy(bad)).toThrow('Unsupported .npy format version 9.0');
    expect(() => parseNpy(good.subarray(0, good.length - 3))).toThrow(
      "The .npy file is truncated: shape (4,) of '<f8' needs 32 bytes of data, only 29 are there.",
    );
    expect(() => parseNpy(good.subarray(0, 40))).toThrow(/truncated: its header should be/);
    expect(() =>
      parseNpy(writeNpy([1], [1], { descr: '<i2', header: "{'descr': '<i2'}" })),
    ).toThrow("no 'fortran_order'");
    expect(() =>
      parseNpy(
        writeNpy([], [0], {
          header:
            "{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (0,), }",
        }),
      ),
    ).toThrow(/structured array/);
    expect(() =>
      parseNpy(
        writeNpy([], [0], { header: "{'descr': '<U8', 'fortran_order': False, 'shape': (0,), }" }),
      ),
    ).toThrow("Unsupported .npy dtype '<U8'");
  });
});

describe('landscapeFromNpy', () => {
  it('reads a 2D array with rows as y and columns as x over −1…1', () => {
    const l = landscapeFromNpy(fixture('grid_f4_fortran.npy'), { source: 'runs/train_loss.npy' });
    expect(l.surfaces.map((s) => s.name)).toEqual(['train_loss']);
    expect(Array.from(l.xs)).toEqual(Array.from(linspace([-1, 1], 4)));
    expect(Array.from(l.ys ?? [])).toEqual(Array.from(linspace([-1, 1], 3)));
    // values[iy * nx + ix] = A[iy, ix]
    expect(Array.from(l.surfaces[0]?.values ?? [])).toEqual(GRID);
  });

  it('uses the given ranges, flipping decreasing ones', () => {
    const l = landscapeFromNpy(fixture('grid_f8.npy'), {
      source: 'g.npy',
      xRange: [0, 3],
      yRange: [2, 0],
    });
    expect(Array.from(l.xs)).toEqual([0, 1, 2, 3]);
    expect(Array.from(l.ys ?? [])).toEqual([0, 1, 2]);
    // y reversed: the first row of values is the file's last row.
    expect(Array.from(l.surfaces[0]?.values.subarray(0, 4) ?? [])).toEqual([
      20.5, 21.5, 22.5, 23.5,
    ]);
  });

  it('reads a 1D array as a curve', () => {
    const l = landscapeFromNpy(fixture('curve.npy'), { source: 'curve.npy' });
    expect(l.ys).toBeNull();
    expect(Array.from(l.surfaces[0]?.values ?? [])).toEqual([1, 0.25, 0, 0.25, 1]);
  });

  it('rejects other ranks', () => {
    expect(() => landscapeFromNpy(fixture('cube_fortran.npy'), { source: 'c.npy' })).toThrow(
      'c.npy holds an array of shape (2, 3, 4); a landscape needs a 1D curve or a 2D grid.',
    );
    expect(() => landscapeFromNpy(writeNpy([1], [1]), { source: 'one.npy' })).toThrow(
      LandscapeError,
    );
  });
});

describe('trajectoryFromNpy', () => {
  it('reads (n, 2) arrays', () => {
    const t = trajectoryFromNpy(fixture('trajectory.npy'), 'trajectory.npy');
    expect(t.xs.length).toBe(6);
    expect(t.xs[5]).toBe(1);
    expect(t.ys[0]).toBe(1);
    expect(t.ys[5]).toBe(0);
  });

  it('rejects other shapes', () => {
    expect(() => trajectoryFromNpy(fixture('grid_f8.npy'), 'g.npy')).toThrow(
      'g.npy holds an array of shape (3, 4); a trajectory needs shape (n, 2).',
    );
  });
});

describe('fileStem', () => {
  it('drops folders and the extension', () => {
    expect(fileStem('C:\\runs\\train_loss.npy')).toBe('train_loss');
    expect(fileStem('/a/b.c/x.y.csv')).toBe('x.y');
    expect(fileStem('.hidden')).toBe('.hidden');
  });
});
