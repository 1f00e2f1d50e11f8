/**
 * Viridis, the perceptually uniform colour map (matplotlib's default): equal steps in height look
 * like equal steps in colour, it stays readable in greyscale and for colour-blind viewers.
 */

/** Viridis at t = 0, 0.1, …, 1 as sRGB bytes (matplotlib's table, 11 evenly spaced samples). */
const VIRIDIS_STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [72, 36, 117],
  [65, 68, 135],
  [53, 95, 141],
  [42, 120, 142],
  [33, 145, 140],
  [34, 168, 132],
  [68, 191, 112],
  [122, 209, 81],
  [189, 223, 38],
  [253, 231, 37],
];

/** Number of entries in the lookup table (enough that neighbouring entries are indistinguishable). */
export const LUT_SIZE = 256;

/** sRGB transfer function → linear light, for one channel in [0, 1]. */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/**
 * Builds the lookup table: LUT_SIZE × RGB in [0, 1], interpolated between the stops in sRGB and
 * optionally converted to linear light (three.js expects vertex colours in linear space).
 */
export function buildViridis(linear: boolean): Float32Array {
  const lut = new Float32Array(LUT_SIZE * 3);
  const last = VIRIDIS_STOPS.length - 1;
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * last;
    const k = Math.min(last - 1, Math.floor(t));
    const u = t - k;
    const a = VIRIDIS_STOPS[k]!;
    const b = VIRIDIS_STOPS[k + 1]!;
    for (let c = 0; c < 3; c++) {
      const srgb = (a[c]! + (b[c]! - a[c]!) * u) / 255;
      lut[i * 3 + c] = linear ? srgbToLinear(srgb) : srgb;
    }
  }
  return lut;
}

/** Linear-light viridis, shared by every mesh and line that colours by height. */
export const VIRIDIS_LINEAR = buildViridis(true);

/**
 * Writes the colour for t ∈ [0, 1] (clamped; NaN maps to 0) into `out` at `offset`.
 * Allocates nothing, so it can run per vertex.
 */
export function sampleLut(lut: Float32Array, t: number, out: Float32Array, offset: number): void {
  const clamped = t > 1 ? 1 : t > 0 ? t : 0;
  const i = Math.round(clamped * (LUT_SIZE - 1)) * 3;
  out[offset] = lut[i]!;
  out[offset + 1] = lut[i + 1]!;
  out[offset + 2] = lut[i + 2]!;
}
