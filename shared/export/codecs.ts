/**
 * Codec tables: which H.264 profile and level, and which VP9 level, fit a size and frame rate,
 * and the bit rate to ask for. Pure TypeScript (no DOM, no Node).
 */

/** H.264 profiles, most capable first, with the profile_idc and constraint byte of avc1.PPCCLL. */
export const AVC_PROFILES = [
  { id: 'high', label: 'High', hex: '6400' },
  { id: 'main', label: 'Main', hex: '4d00' },
  { id: 'baseline', label: 'Constrained Baseline', hex: '42e0' },
] as const;
/** See {@link AVC_PROFILES}. */
export type AvcProfile = (typeof AVC_PROFILES)[number]['id'];

/**
 * H.264 levels (ITU-T H.264 Table A-1): level_idc, max macroblocks per second, max frame size
 * in macroblocks, max bitrate (kbit/s, Baseline/Main; High allows 1.25×).
 */
const AVC_LEVELS: readonly (readonly [number, number, number, number])[] = [
  [30, 40_500, 1_620, 10_000],
  [31, 108_000, 3_600, 14_000],
  [32, 216_000, 5_120, 20_000],
  [40, 245_760, 8_192, 20_000],
  [41, 245_760, 8_192, 50_000],
  [42, 522_240, 8_704, 50_000],
  [50, 589_824, 22_080, 135_000],
  [51, 983_040, 36_864, 240_000],
  [52, 2_073_600, 36_864, 240_000],
  [60, 4_177_920, 139_264, 240_000],
  [61, 8_355_840, 139_264, 480_000],
  [62, 16_711_680, 139_264, 800_000],
];

/** An H.264 configuration for a size and rate. */
export interface AvcChoice {
  /** WebCodecs codec string, e.g. `avc1.640028` (High, level 4.0). */
  codec: string;
  profile: AvcProfile;
  /** Level as written, e.g. `4.0`. */
  level: string;
  /** Target bitrate in bits per second (within the level's limit). */
  bitrate: number;
}

/**
 * Target bitrate (bits/s) for these animations: flat colours and thin lines compress well, so
 * about 0.08 bits per pixel per frame looks clean (1080p30 ≈ 5 Mbit/s, 4K30 ≈ 20 Mbit/s).
 */
export function targetBitrate(width: number, height: number, fps: number): number {
  return Math.round(Math.max(500_000, width * height * fps * 0.08));
}

/**
 * The smallest H.264 level that fits `width`×`height` at `fps` (frame size, macroblock rate and
 * the frame's longest side), with the codec string for `profile`. Null when even level 6.2
 * cannot hold it. Baseline 3.1, for example, stops at 720p30, so 1080p needs level 4.0.
 */
export function avcChoice(
  width: number,
  height: number,
  fps: number,
  profile: AvcProfile = 'high',
): AvcChoice | null {
  const mbW = Math.ceil(width / 16);
  const mbH = Math.ceil(height / 16);
  const frameMbs = mbW * mbH;
  const rate = frameMbs * fps;
  const wanted = targetBitrate(width, height, fps);
  const p = AVC_PROFILES.find((x) => x.id === profile) ?? AVC_PROFILES[0];
  for (const [idc, maxRate, maxFs, maxBr] of AVC_LEVELS) {
    // Neither side may exceed sqrt(8·MaxFS) macroblocks (A.3.1 h/i).
    const maxSide = Math.sqrt(8 * maxFs);
    if (frameMbs > maxFs || rate > maxRate || mbW > maxSide || mbH > maxSide) continue;
    const brLimit = maxBr * 1000 * (profile === 'high' ? 1.25 : 1);
    return {
      codec: `avc1.${p.hex}${idc.toString(16).padStart(2, '0')}`,
      profile: p.id,
      level: `${Math.floor(idc / 10)}.${idc % 10}`,
      bitrate: Math.min(wanted, brLimit),
    };
  }
  return null;
}

/** VP9 levels: level, max luma picture size, max luma sample rate (VP9 spec Annex A). */
const VP9_LEVELS: readonly (readonly [number, number, number])[] = [
  [10, 36_864, 829_440],
  [11, 73_728, 2_764_800],
  [20, 122_880, 4_608_000],
  [21, 245_760, 9_216_000],
  [30, 552_960, 20_736_000],
  [31, 983_040, 36_864_000],
  [40, 2_228_224, 83_558_400],
  [41, 2_228_224, 160_432_128],
  [50, 8_912_896, 311_951_360],
  [51, 8_912_896, 588_251_136],
  [52, 8_912_896, 1_176_502_272],
  [60, 35_651_584, 1_176_502_272],
  [61, 35_651_584, 2_353_004_544],
  [62, 35_651_584, 4_706_009_088],
];

/** WebCodecs codec string for VP9 profile 0, 8-bit, at the smallest fitting level. */
export function vp9Codec(width: number, height: number, fps: number): string {
  const size = width * height;
  const level = VP9_LEVELS.find(([, maxSize, maxRate]) => size <= maxSize && size * fps <= maxRate);
  return `vp09.00.${String(level?.[0] ?? 62).padStart(2, '0')}.08`;
}
