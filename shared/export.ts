/**
 * Export settings and the deterministic frame plan, shared by the app's export dialog, the
 * renderer's pipeline and `descent render`.
 *
 * The animation is a pure function of the timeline position (see renderer/src/lib/timeline.ts),
 * so an export is a list of positions: frame n of a clip shows the playhead at
 * `start + n·speed/fps` steps (clamped to the clip's end), followed by hold frames that repeat
 * the last picture. No wall clock is involved anywhere, which is what makes two renders of the
 * same scene identical frame for frame.
 *
 * Pure TypeScript (no DOM, no Node).
 */
import { z } from 'zod';
import type { Scene } from './scene.ts';

// ─── Settings ────────────────────────────────────────────────────────────────────────────────

/**
 * What an export writes: H.264 in MP4, VP9 in WebM, an animated GIF, one PNG still, or a PNG
 * sequence in a zip archive.
 */
export const EXPORT_KINDS = ['mp4', 'webm', 'gif', 'png', 'zip'] as const;
/** See {@link EXPORT_KINDS}. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Human names of the kinds. */
export const EXPORT_KIND_LABELS: Readonly<Record<ExportKind, string>> = {
  mp4: 'MP4 video (H.264)',
  webm: 'WebM video (VP9)',
  gif: 'Animated GIF',
  png: 'PNG still',
  zip: 'PNG sequence (zip)',
};

/** Frame rates offered for video and PNG sequences. */
export const VIDEO_FPS = [24, 25, 30, 50, 60] as const;
/**
 * Frame rates offered for GIF. A GIF frame delay is a whole number of hundredths of a second,
 * so only rates that divide 100 play at the stated speed (30 fps would really be 33.3 fps).
 */
export const GIF_FPS = [10, 20, 25, 50] as const;

/** Largest width or height (pixels) of an export. */
export const MAX_EXPORT_SIDE = 8192;
/** Most frames one export may have (one hour at 60 fps would be 216 000). */
export const MAX_EXPORT_FRAMES = 100_000;
/** Largest GIF side: beyond it a GIF is megabytes per second; MP4 and WebM do it better. */
export const MAX_GIF_SIDE = 1920;
/** GIF pixels per frame above which the dialog warns about the file size (720p). */
const LARGE_GIF_PIXELS = 1280 * 720;

/** A named output size. */
export interface SizePreset {
  id: string;
  label: string;
  width: number;
  height: number;
}

/** Output sizes offered by the dialog (and accepted by name on the command line). */
export const SIZE_PRESETS: readonly SizePreset[] = [
  { id: '720p', label: '720p · 1280×720', width: 1280, height: 720 },
  { id: '1080p', label: '1080p · 1920×1080', width: 1920, height: 1080 },
  { id: '1440p', label: '1440p · 2560×1440', width: 2560, height: 1440 },
  { id: '4k', label: '4K · 3840×2160', width: 3840, height: 2160 },
  { id: 'square', label: 'Square · 1080×1080', width: 1080, height: 1080 },
  { id: '360p', label: 'Small · 640×360', width: 640, height: 360 },
  { id: '270p', label: 'Tiny · 480×270', width: 480, height: 270 },
];

/** Which part of the timeline to export. */
export const exportRangeSchema = z.discriminatedUnion('kind', [
  /** From step 0 to the last step of the longest visible run. */
  z.object({ kind: z.literal('all') }),
  /** From step `from` to step `to` (inclusive; fractional steps allowed). */
  z.object({ kind: z.literal('steps'), from: z.number().min(0), to: z.number().min(0) }),
  /** From `from` to `to` seconds of playback at the export speed. */
  z.object({ kind: z.literal('time'), from: z.number().min(0), to: z.number().gt(0) }),
]);
/** See {@link exportRangeSchema}. */
export type ExportRange = z.infer<typeof exportRangeSchema>;

/** Everything that decides what an export contains. */
export const exportSettingsSchema = z.object({
  kind: z.enum(EXPORT_KINDS),
  /** Output width in pixels. */
  width: z.number().int().min(16).max(MAX_EXPORT_SIDE),
  /** Output height in pixels. */
  height: z.number().int().min(16).max(MAX_EXPORT_SIDE),
  /** Frames per second ({@link VIDEO_FPS}, or {@link GIF_FPS} for GIF). */
  fps: z.number().int().min(1).max(120),
  range: exportRangeSchema,
  /** Playback speed in steps per second; null uses the scene's timeline speed. */
  speed: z.number().gt(0).max(10_000).nullable(),
  /** Seconds the last frame is held (so a looping slide pauses on the result). */
  hold: z.number().min(0).max(60),
  /** Transparent background, no floor (WebM, PNG, PNG sequence). */
  transparent: z.boolean(),
  /** Camera orbit over the clip in degrees about the vertical axis; 0 keeps the current view. */
  orbit: z.number().min(-1080).max(1080),
  /** Burn in the formula and a legend of the runs with their η. */
  caption: z.boolean(),
  /** One file per slide clip: timeline markers split the range. */
  clips: z.boolean(),
  /** PNG still: the step shown; null shows the current playhead. */
  at: z.number().min(0).nullable(),
});
/** See {@link exportSettingsSchema}. */
export type ExportSettings = z.infer<typeof exportSettingsSchema>;

/** The settings a first export starts from: the PowerPoint-safe MP4. */
export function defaultExportSettings(): ExportSettings {
  return {
    kind: 'mp4',
    width: 1920,
    height: 1080,
    fps: 30,
    range: { kind: 'all' },
    speed: null,
    hold: 1,
    transparent: false,
    orbit: 0,
    caption: false,
    clips: false,
    at: null,
  };
}

/** True for the kinds that are animations (everything but the PNG still). */
export function isAnimated(kind: ExportKind): boolean {
  return kind !== 'png';
}

/** True for the kinds that can carry a transparent background. */
export function supportsTransparency(kind: ExportKind): boolean {
  return kind === 'webm' || kind === 'png' || kind === 'zip';
}

/**
 * The settings as they will really be used: H.264 sizes rounded up to even numbers (4:2:0
 * chroma needs them), transparency dropped where the format cannot carry it, clips and ranges
 * dropped for a still. Returns the notes worth telling the user about the changes.
 */
export function normalizeSettings(settings: ExportSettings): {
  settings: ExportSettings;
  notes: string[];
} {
  const notes: string[] = [];
  const s = { ...settings };
  if (s.kind === 'mp4' && (s.width % 2 !== 0 || s.height % 2 !== 0)) {
    const width = s.width + (s.width % 2);
    const height = s.height + (s.height % 2);
    notes.push(`H.264 needs even sizes: ${s.width}×${s.height} becomes ${width}×${height}.`);
    s.width = Math.min(width, MAX_EXPORT_SIDE);
    s.height = Math.min(height, MAX_EXPORT_SIDE);
  }
  if (s.transparent && !supportsTransparency(s.kind)) {
    notes.push(`${EXPORT_KIND_LABELS[s.kind]} has no transparency: the background is kept.`);
    s.transparent = false;
  }
  if (!isAnimated(s.kind)) {
    s.clips = false;
    s.orbit = 0;
  }
  if (s.kind === 'gif' && s.width * s.height > LARGE_GIF_PIXELS) {
    notes.push(
      `A ${s.width}×${s.height} GIF gets large; 640×360 keeps a slide light, and MP4 is far smaller at this size.`,
    );
  }
  return { settings: s, notes };
}

/**
 * Why these settings cannot be exported, or null when they can. Messages are one sentence
 * each, worded for the dialog and the command line alike.
 */
export function checkSettings(settings: ExportSettings): string | null {
  const s = settings;
  if (s.kind === 'gif') {
    if (s.width > MAX_GIF_SIDE || s.height > MAX_GIF_SIDE) {
      return `GIF is limited to ${MAX_GIF_SIDE} pixels per side (not ${s.width}×${s.height}); use MP4 or WebM for bigger clips.`;
    }
    if (!(GIF_FPS as readonly number[]).includes(s.fps)) {
      return `GIF frame delays are whole hundredths of a second, so GIF plays correctly only at ${GIF_FPS.join(', ')} fps (not ${s.fps}).`;
    }
  } else if (isAnimated(s.kind) && !(VIDEO_FPS as readonly number[]).includes(s.fps)) {
    return `The frame rate must be one of ${VIDEO_FPS.join(', ')} fps (not ${s.fps}).`;
  }
  if (s.range.kind === 'steps' && !(s.range.to > s.range.from)) {
    return `The step range must end after it starts (${s.range.from} to ${s.range.to}).`;
  }
  if (s.range.kind === 'time' && !(s.range.to > s.range.from)) {
    return `The time range must end after it starts (${s.range.from} s to ${s.range.to} s).`;
  }
  return null;
}

// ─── Frame plan ──────────────────────────────────────────────────────────────────────────────

/** One output file's worth of frames. */
export interface ClipPlan {
  /** 0-based clip number. */
  index: number;
  /** Playhead position (steps) of frame 0. */
  start: number;
  /** Position where the motion stops (frames never go past it). */
  stop: number;
  /** Steps advanced per frame (speed / fps). */
  stepPerFrame: number;
  /** Frames that move (including frame 0). */
  motionFrames: number;
  /** The last moving frame shows exactly `stop` (step ranges and clips; not a time range). */
  landsOnStop: boolean;
  /** Frames that repeat the last moving frame. */
  holdFrames: number;
  /** motionFrames + holdFrames. */
  frames: number;
}

/** Everything an export renders. */
export interface ExportPlan {
  settings: ExportSettings;
  /** Steps per second actually used. */
  speed: number;
  clips: ClipPlan[];
  /** Frames over all clips. */
  totalFrames: number;
}

/** Last step of the timeline: the largest step count among visible runs (0 if none). */
export function sceneEnd(scene: Scene): number {
  let end = 0;
  for (const run of scene.runs) if (run.visible && run.steps > end) end = run.steps;
  return end;
}

/** Frames needed to move from `from` to `to` at `stepPerFrame`, ending exactly on `to`. */
function motionFramesBetween(from: number, to: number, stepPerFrame: number): number {
  if (!(to > from)) return 1;
  // 1e-9 keeps an exact multiple (3 steps at 0.1 per frame) from gaining a frame to float error.
  return Math.ceil((to - from) / stepPerFrame - 1e-9) + 1;
}

/** Clip boundaries: the range's ends plus the markers strictly inside it, ascending. */
export function clipBoundaries(markers: readonly number[], from: number, to: number): number[] {
  const inside = markers.filter((m) => m > from && m < to);
  return [...new Set([from, ...inside, to])].sort((a, b) => a - b);
}

/**
 * Plans an export of `scene`: which positions every frame of every clip shows. `position` is
 * the current playhead (used by a PNG still without `at`).
 */
export function planExport(scene: Scene, settings: ExportSettings, position = 0): ExportPlan {
  const speed = settings.speed ?? scene.timeline.speed;
  const end = sceneEnd(scene);
  const step = speed / settings.fps;
  const hold = Math.round(settings.hold * settings.fps);
  const clamp = (p: number): number => (p < 0 ? 0 : p > end ? end : p);

  if (!isAnimated(settings.kind)) {
    const at = clamp(settings.at ?? position);
    const clip = {
      index: 0,
      start: at,
      stop: at,
      stepPerFrame: 0,
      motionFrames: 1,
      landsOnStop: true,
    };
    return { settings, speed, clips: [{ ...clip, holdFrames: 0, frames: 1 }], totalFrames: 1 };
  }

  const range = settings.range;
  let from = 0;
  let to = end;
  if (range.kind === 'steps') {
    from = clamp(range.from);
    to = clamp(range.to);
  } else if (range.kind === 'time') {
    from = clamp(range.from * speed);
    to = clamp(range.to * speed);
  }

  const clips: ClipPlan[] = [];
  const add = (start: number, stop: number, motionFrames: number, landsOnStop = true): void => {
    const frames = motionFrames + hold;
    clips.push({
      index: clips.length,
      start,
      stop,
      stepPerFrame: step,
      motionFrames,
      landsOnStop,
      holdFrames: hold,
      frames,
    });
  };

  if (settings.clips) {
    const bounds = clipBoundaries(scene.timeline.markers, from, to);
    if (bounds.length === 1) add(from, to, 1);
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i]!;
      const b = bounds[i + 1]!;
      add(a, b, motionFramesBetween(a, b, step));
    }
  } else if (range.kind === 'time') {
    // A time range is a duration: exactly (to − from)·fps frames at t = from + n/fps, whatever
    // the playhead does meanwhile (it stops at the end of the run and holds there).
    const frames = Math.max(1, Math.round((range.to - range.from) * settings.fps));
    add(from, end, frames, false);
  } else {
    add(from, to, motionFramesBetween(from, to, step));
  }
  const totalFrames = clips.reduce((sum, c) => sum + c.frames, 0);
  return { settings, speed, clips, totalFrames };
}

/** Playhead position (steps) shown by frame `n` of `clip`. */
export function framePosition(clip: ClipPlan, n: number): number {
  const k = n < clip.motionFrames ? n : clip.motionFrames - 1;
  // Exactly on the end, not a rounding error short of it (the last row, not its predecessor).
  if (clip.landsOnStop && k === clip.motionFrames - 1) return clip.stop;
  // start + k·step, computed as a product (not a running sum) so no error accumulates.
  const p = clip.start + k * clip.stepPerFrame;
  return p > clip.stop ? clip.stop : p;
}

/**
 * Camera orbit angle (degrees) of frame `n`: 0 at frame 0, growing evenly so that the frame
 * after the last would be at `orbit` — a full turn loops without a repeated frame.
 */
export function orbitAngle(clip: ClipPlan, orbit: number, n: number): number {
  return clip.frames > 0 ? (orbit * n) / clip.frames : 0;
}

/** Presentation time (microseconds) of frame `n` at `fps`; integer and exact for n/fps. */
export function frameTimestampUs(n: number, fps: number): number {
  return Math.round((n * 1_000_000) / fps);
}

// ─── Codecs ──────────────────────────────────────────────────────────────────────────────────

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

// ─── File names ──────────────────────────────────────────────────────────────────────────────

/** A file-name-safe base from a scene title: letters, digits, dashes; never empty. */
export function safeBaseName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^\.+/, '')
    .slice(0, 80);
  return base || 'scene';
}

/**
 * The file name of clip `index` of `count`: `base.ext` for a single file, `base-01.ext`,
 * `base-02.ext`, … for clips (zero-padded so they sort in slide order).
 */
export function clipFileName(base: string, kind: ExportKind, index: number, count: number): string {
  if (count <= 1) return `${base}.${kind}`;
  const width = Math.max(2, String(count).length);
  return `${base}-${String(index + 1).padStart(width, '0')}.${kind}`;
}

/** Name of frame `n` inside a PNG-sequence zip. */
export function sequenceEntryName(n: number, count: number): string {
  const width = Math.max(4, String(count).length);
  return `frame-${String(n).padStart(width, '0')}.png`;
}

// ─── Remembered options ──────────────────────────────────────────────────────────────────────

/**
 * The settings as a flat record of scalars (the shape the desktop settings file stores, see
 * `exportOptionsSchema` in bridge.ts), plus the dialog's own fields in `extra`.
 */
export function flattenSettings(
  settings: ExportSettings,
  extra: Record<string, string | number | boolean | null> = {},
): Record<string, string | number | boolean | null> {
  const r = settings.range;
  return {
    ...extra,
    kind: settings.kind,
    width: settings.width,
    height: settings.height,
    fps: settings.fps,
    rangeKind: r.kind,
    rangeFrom: r.kind === 'all' ? null : r.from,
    rangeTo: r.kind === 'all' ? null : r.to,
    speed: settings.speed,
    hold: settings.hold,
    transparent: settings.transparent,
    orbit: settings.orbit,
    caption: settings.caption,
    clips: settings.clips,
  };
}

/** Reads settings back from {@link flattenSettings}; anything missing or invalid is a default. */
export function unflattenSettings(
  record: Readonly<Record<string, unknown>> | null | undefined,
): ExportSettings {
  const base = defaultExportSettings();
  if (!record) return base;
  const range =
    record.rangeKind === 'steps' || record.rangeKind === 'time'
      ? { kind: record.rangeKind, from: record.rangeFrom, to: record.rangeTo }
      : { kind: 'all' };
  const candidate = {
    ...base,
    kind: record.kind ?? base.kind,
    width: record.width ?? base.width,
    height: record.height ?? base.height,
    fps: record.fps ?? base.fps,
    range,
    speed: record.speed === undefined ? base.speed : record.speed,
    hold: record.hold ?? base.hold,
    transparent: record.transparent ?? base.transparent,
    orbit: record.orbit ?? base.orbit,
    caption: record.caption ?? base.caption,
    clips: record.clips ?? base.clips,
  };
  const parsed = exportSettingsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // Keep what is valid field by field rather than losing every choice to one bad value.
  const out: ExportSettings = { ...base };
  const shape = exportSettingsSchema.shape;
  for (const key of Object.keys(shape) as (keyof ExportSettings)[]) {
    const field = shape[key].safeParse((candidate as Record<string, unknown>)[key]);
    if (field.success) (out as Record<string, unknown>)[key] = field.data;
  }
  return out;
}

// ─── What an export reports (shared by the renderer and the `descent render` driver) ─────────

/** Where an export is. */
export interface ExportProgress {
  phase: 'preparing' | 'palette' | 'rendering' | 'finishing';
  /** Frames written over all clips. */
  done: number;
  total: number;
  /** 0-based clip being written, and how many there are. */
  clip: number;
  clips: number;
  /** Milliseconds since the first frame. */
  elapsedMs: number;
  /** Estimated milliseconds left, once a few frames give a rate. */
  etaMs: number | null;
}

/** One file written. */
export interface ExportedFile {
  /** Name it was saved under. */
  name: string;
  bytes: number;
  frames: number;
}

/** What an export produced. */
export interface ExportResult {
  files: ExportedFile[];
  frames: number;
  width: number;
  height: number;
  fps: number;
  /** Encoder used, for people (e.g. `H.264 High, level 4.0 (avc1.640028)`), or the format. */
  encoder: string;
  /** Wall time of the whole export (ms). */
  elapsedMs: number;
  /** Adjustments made to the settings (e.g. rounded to even sizes). */
  notes: string[];
  /** Frames per second rendered and encoded (first frame to last). */
  throughput: number;
}

/** What the driver gets back. */
export type RenderOutcome =
  | { ok: true; result: ExportResult }
  | {
      ok: false;
      kind: 'invalid' | 'unsupported' | 'failed' | 'canceled';
      message: string;
      alternatives: string[];
    };
