/** The committed icons are complete and well-formed containers (see scripts/make-icons.mjs). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeRgbaPng,
  ICNS_TYPES,
  ICO_SIZES,
  PNG_SIZES,
  pngSize,
} from '../../scripts/make-icons.mjs';

const build = join(import.meta.dirname, '..', '..', 'build');
const read = (name: string) => readFileSync(join(build, name));

describe('icons', () => {
  it('has a PNG of every size, of that size', () => {
    for (const size of PNG_SIZES) {
      expect(pngSize(read(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
    expect(pngSize(read('icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('has an ICO whose BMP and PNG entries match the rendered PNGs', () => {
    const ico = read('icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(ICO_SIZES.length);
    ICO_SIZES.forEach((size, i) => {
      const entry = 6 + i * 16;
      expect(ico[entry] === 0 ? 256 : ico[entry]).toBe(size);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      const data = ico.subarray(offset, offset + length);
      const png = read(`icons/${size}x${size}.png`);
      if (data.readUInt32BE(0) === 0x89504e47) {
        expect(data.equals(png)).toBe(true);
        return;
      }
      // 32-bit BMP: header, BGRA rows bottom-up, then the AND mask.
      expect(data.readUInt32LE(0)).toBe(40);
      expect(data.readInt32LE(4)).toBe(size);
      expect(data.readInt32LE(8)).toBe(size * 2);
      expect(data.readUInt16LE(14)).toBe(32);
      const { rgba } = decodeRgbaPng(png);
      for (const [x, y] of [
        [0, 0],
        [size >> 1, size >> 1],
        [size - 1, size - 1],
        [size >> 2, (3 * size) >> 2],
      ] as const) {
        const bmp = 40 + ((size - 1 - y) * size + x) * 4;
        const src = (y * size + x) * 4;
        expect([data[bmp + 2], data[bmp + 1], data[bmp], data[bmp + 3]]).toEqual([
          rgba[src],
          rgba[src + 1],
          rgba[src + 2],
          rgba[src + 3],
        ]);
      }
      expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
    });
  });

  it('has an ICNS with a PNG for each type, up to 1024 px', () => {
    const icns = read('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: [string, number][] = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('latin1', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      found.push([type, pngSize(icns.subarray(at + 8, at + length)).width]);
      at += length;
    }
    expect(found).toEqual(ICNS_TYPES);
  });
});
