import { describe, expect, it } from 'vitest';
import { buildViridis, LUT_SIZE, sampleLut, srgbToLinear } from './colormap.ts';

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
