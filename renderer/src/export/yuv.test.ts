import { describe, expect, it } from 'vitest';
import { i420Size, rgbaToI420 } from './yuv.ts';

/** A width×height RGBA picture filled by `color(x, y)`. */
function picture(width: number, height: number, color: (x: number, y: number) => number[]) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...color(x, y), 255], (y * width + x) * 4);
  }
  return data;
}

function convert(rgba: Uint8Array, width: number, height: number, bottomUp = false) {
  const out = new Uint8Array(i420Size(width, height));
  rgbaToI420(rgba, width, height, bottomUp, out);
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  return {
    y: out.subarray(0, width * height),
    u: out.subarray(width * height, width * height + cw * ch),
    v: out.subarray(width * height + cw * ch),
  };
}

describe('rgbaToI420 (BT.709, limited range)', () => {
  it.each([
    ['white', [255, 255, 255], 235, 128, 128],
    ['black', [0, 0, 0], 16, 128, 128],
    ['grey', [128, 128, 128], 126, 128, 128],
    // BT.709 primaries (ITU-R BT.709 table 3.5, 8-bit limited range).
    ['red', [255, 0, 0], 63, 102, 240],
    ['green', [0, 255, 0], 173, 42, 26],
    ['blue', [0, 0, 255], 32, 240, 118],
  ])('%s', (_, rgb, y, u, v) => {
    const p = convert(
      picture(4, 2, () => rgb),
      4,
      2,
    );
    expect([...new Set(p.y)]).toEqual([y]);
    expect([...new Set(p.u)]).toEqual([u]);
    expect([...new Set(p.v)]).toEqual([v]);
  });

  it('averages chroma over 2×2 blocks and handles odd sizes', () => {
    const p = convert(
      picture(3, 3, (x) => (x === 0 ? [255, 255, 255] : [0, 0, 0])),
      3,
      3,
    );
    expect(p.y).toEqual(new Uint8Array([235, 16, 16, 235, 16, 16, 235, 16, 16]));
    expect(p.u).toHaveLength(4);
    expect([...new Set(p.u)]).toEqual([128]);
  });

  it('flips rows read bottom-up (gl.readPixels order)', () => {
    const topWhite = picture(2, 2, (_, y) => (y === 0 ? [255, 255, 255] : [0, 0, 0]));
    expect([...convert(topWhite, 2, 2).y]).toEqual([235, 235, 16, 16]);
    expect([...convert(topWhite, 2, 2, true).y]).toEqual([16, 16, 235, 235]);
  });
});
