import { describe, expect, it } from 'vitest';
import {
  buildViridis,
  contrastRatio,
  cssLuminance,
  lineOver,
  luminance,
  LUT_SIZE,
  sampleLut,
  srgbToLinear,
  VIRIDIS_LINEAR,
  viridisCss,
  withContrast,
} from './colormap.ts';

describe('viridis', () => {
  const srgb = buildViridis(false);

  it('starts dark purple and ends yellow', () => {
    expect(srgb[0]! * 255).toBeCloseTo(68, 0);
    expect(srgb[2]! * 255).toBeCloseTo(84, 0);
    const last = (LUT_SIZE - 1) * 3;
    expect(srgb[last]! * 255).toBeCloseTo(253, 0);
    expect(srgb[last + 1]! * 255).toBeCloseTo(231, 0);
  });

  it('gets lighter monotonically (perceptual: luminance increases)', () => {
    let previous = -1;
    for (let i = 0; i < LUT_SIZE; i++) {
      const [r, g, b] = [srgb[i * 3]!, srgb[i * 3 + 1]!, srgb[i * 3 + 2]!].map(srgbToLinear) as [
        number,
        number,
        number,
      ];
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      expect(luminance).toBeGreaterThan(previous);
      previous = luminance;
    }
  });

  it('clamps t and maps NaN to the bottom', () => {
    const out = new Float32Array(3);
    sampleLut(srgb, -5, out, 0);
    expect(out[0]).toBe(srgb[0]);
    sampleLut(srgb, NaN, out, 0);
    expect(out[0]).toBe(srgb[0]);
    sampleLut(srgb, 5, out, 0);
    expect(out[0]).toBe(srgb[(LUT_SIZE - 1) * 3]);
  });
});

describe('contour line colours', () => {
  const at = (t: number): Float32Array => {
    const out = new Float32Array(3);
    sampleLut(VIRIDIS_LINEAR, t, out, 0);
    return out;
  };
  const lum = (c: ArrayLike<number>): number => luminance(c[0]!, c[1]!, c[2]!);

  it('over the surface, every level contrasts with the colour it crosses', () => {
    const line = new Float32Array(3);
    for (let t = 0; t <= 1; t += 0.05) {
      const fill = at(t);
      lineOver(fill, line, 0);
      expect(contrastRatio(lum(line), lum(fill))).toBeGreaterThan(3);
    }
  });

  it.each([
    ['light floor', '#eef0f4'],
    ['dark floor', '#1f232b'],
  ])('on the %s, every level reaches 3:1 against the floor', (_name, floor) => {
    const background = cssLuminance(floor);
    const line = new Float32Array(3);
    for (let t = 0; t <= 1; t += 0.05) {
      withContrast(at(t), background, 3, line, 0);
      expect(contrastRatio(lum(line), background)).toBeGreaterThanOrEqual(2.99);
    }
  });

  it('leaves colours that already contrast alone', () => {
    const line = new Float32Array(3);
    const purple = at(0);
    withContrast(purple, cssLuminance('#eef0f4'), 3, line, 0);
    expect(Array.from(line)).toEqual(Array.from(purple));
  });

  it('gives the colour bar sRGB stops of the same map', () => {
    expect(viridisCss(0)).toBe('#440154');
    expect(viridisCss(1)).toBe('#fde725');
    expect(viridisCss(2)).toBe('#fde725');
  });
});
