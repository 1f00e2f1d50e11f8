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

/** sRGB viridis (the colour bar and anything drawn outside three.js). */
const VIRIDIS_SRGB = buildViridis(false);

/** sRGB viridis as a CSS colour (`#rrggbb`) at t ∈ [0, 1], for the colour bar. */
export function viridisCss(t: number): string {
  const lut = VIRIDIS_SRGB;
  const clamped = t > 1 ? 1 : t > 0 ? t : 0;
  const i = Math.round(clamped * (LUT_SIZE - 1)) * 3;
  const hex = (c: number): string =>
    Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  return `#${hex(lut[i]!)}${hex(lut[i + 1]!)}${hex(lut[i + 2]!)}`;
}

/** Relative luminance of a linear-light colour (WCAG). */
export function luminance(r: number, g: number, b: number): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two luminances (1 … 21). */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Luminance above which a fill is light enough for a dark line (and below which a light line
 * contrasts more): where black and white have the same contrast with it.
 */
const DARK_LINE_ABOVE = 0.179;

/**
 * Colour of a contour line drawn over a fill of linear colour `rgb` (the surface at that
 * level): the fill's own hue, much darker on light fills and much lighter on dark ones, so the
 * ring reads whatever colour it crosses (dark lines vanish in viridis's purple valley, light ones
 * on its yellow tops). Linear light, written into `out` at `offset`.
 */
export function lineOver(rgb: ArrayLike<number>, out: Float32Array, offset: number): void {
  const r = rgb[0]!;
  const g = rgb[1]!;
  const b = rgb[2]!;
  const dark = luminance(r, g, b) > DARK_LINE_ABOVE;
  for (let c = 0; c < 3; c++) {
    const v = rgb[c]!;
    out[offset + c] = dark ? v * 0.1 : v + (1 - v) * 0.75;
  }
}

/**
 * `rgb` (linear) changed as little as possible to reach `ratio` contrast with a background of
 * luminance `background`: scaled towards black on a light background, mixed towards white on a
 * dark one. Written into `out` at `offset`.
 */
export function withContrast(
  rgb: ArrayLike<number>,
  background: number,
  ratio: number,
  out: Float32Array,
  offset: number,
): void {
  const r = rgb[0]!;
  const g = rgb[1]!;
  const b = rgb[2]!;
  const l = luminance(r, g, b);
  if (background > 0.18) {
    const most = (background + 0.05) / ratio - 0.05;
    const k = l > most && l > 0 ? Math.max(0, most) / l : 1;
    out[offset] = r * k;
    out[offset + 1] = g * k;
    out[offset + 2] = b * k;
  } else {
    const least = ratio * (background + 0.05) - 0.05;
    // Mixing with white: l' = l + (1 − l)·m.
    const m = l < least ? Math.min(1, (least - l) / (1 - l)) : 0;
    out[offset] = r + (1 - r) * m;
    out[offset + 1] = g + (1 - g) * m;
    out[offset + 2] = b + (1 - b) * m;
  }
}

/** Luminance of an sRGB `#rrggbb` colour. */
export function cssLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => srgbToLinear(v / 255));
  return luminance(c[0]!, c[1]!, c[2]!);
}
