/**
 * RGB → Y′CbCr 4:2:0 (I420), BT.709, limited ("TV") range — the colour format PowerPoint,
 * Keynote and QuickTime expect of H.264 (yuv420p).
 *
 * Why here and not in the browser: given RGB frames, Chromium's software encoders choose the
 * range themselves, and on this machine they write full-range video (ffprobe: yuvj420p) that
 * players which ignore the range flag show with crushed blacks and clipped whites. Handing the
 * encoder I420 frames we converted ourselves fixes the result on every machine.
 */

/** Colour space of the frames {@link rgbaToI420} produces (nclx 1-1-1, limited range). */
export const BT709_LIMITED: VideoColorSpaceInit = {
  primaries: 'bt709',
  transfer: 'bt709',
  matrix: 'bt709',
  fullRange: false,
};

/** Bytes of an I420 picture of `width`×`height` (odd sizes round the chroma planes up). */
export function i420Size(width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
}

// BT.709 limited-range coefficients for 8-bit R, G, B, in 16.16 fixed point:
// Y = 16 + 0.18259 R + 0.61423 G + 0.06201 B; Cb = 128 − 0.10064 R − 0.33857 G + 0.43922 B;
// Cr = 128 + 0.43922 R − 0.39894 G − 0.04027 B. Each chroma row sums to zero, so grey stays grey.
const YR = 11966;
const YG = 40254;
const YB = 4064;
const UR = -6596;
const UG = -22189;
const UB = 28785;
const VR = 28785;
const VG = -26145;
const VB = -2640;
const Y_OFFSET = (16 << 16) + (1 << 15);
const C_OFFSET = (128 << 18) + (1 << 17);

/**
 * Converts RGBA pixels (alpha ignored) to I420 in `out` (length {@link i420Size}). `bottomUp`:
 * the rows of `rgba` run bottom to top, as `gl.readPixels` returns them. Chroma is the average
 * of each 2×2 block (edge pixels repeat on odd sizes).
 */
export function rgbaToI420(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  bottomUp: boolean,
  out: Uint8Array,
): void {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const uBase = width * height;
  const vBase = uBase + cw * ch;
  const stride = width * 4;
  for (let cy = 0; cy < ch; cy++) {
    const y0 = cy * 2;
    const y1 = y0 + 1 < height ? y0 + 1 : y0;
    const row0 = (bottomUp ? height - 1 - y0 : y0) * stride;
    const row1 = (bottomUp ? height - 1 - y1 : y1) * stride;
    const yOut0 = y0 * width;
    const yOut1 = y1 * width;
    for (let cx = 0; cx < cw; cx++) {
      const x0 = cx * 2;
      const x1 = x0 + 1 < width ? x0 + 1 : x0;
      const a = row0 + x0 * 4;
      const b = row0 + x1 * 4;
      const c = row1 + x0 * 4;
      const d = row1 + x1 * 4;
      const ra = rgba[a]!;
      const ga = rgba[a + 1]!;
      const ba = rgba[a + 2]!;
      const rb = rgba[b]!;
      const gb = rgba[b + 1]!;
      const bb = rgba[b + 2]!;
      const rc = rgba[c]!;
      const gc = rgba[c + 1]!;
      const bc = rgba[c + 2]!;
      const rd = rgba[d]!;
      const gd = rgba[d + 1]!;
      const bd = rgba[d + 2]!;
      out[yOut0 + x0] = (YR * ra + YG * ga + YB * ba + Y_OFFSET) >> 16;
      out[yOut0 + x1] = (YR * rb + YG * gb + YB * bb + Y_OFFSET) >> 16;
      out[yOut1 + x0] = (YR * rc + YG * gc + YB * bc + Y_OFFSET) >> 16;
      out[yOut1 + x1] = (YR * rd + YG * gd + YB * bd + Y_OFFSET) >> 16;
      const r = ra + rb + rc + rd;
      const g = ga + gb + gc + gd;
      const bl = ba + bb + bc + bd;
      const i = cy * cw + cx;
      out[uBase + i] = (UR * r + UG * g + UB * bl + C_OFFSET) >> 18;
      out[vBase + i] = (VR * r + VG * g + VB * bl + C_OFFSET) >> 18;
    }
  }
}
