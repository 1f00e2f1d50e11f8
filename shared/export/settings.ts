/**
 * Export settings: the formats, sizes and frame rates an export can have, the settings schema
 * shared by the Export dialog, the renderer's pipeline and `descent render`, and the flat form
 * the desktop remembers them in. Pure TypeScript (no DOM, no Node).
 */
import { z } from 'zod';

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
  /**
   * Reveal each path as it plays: nothing ahead of a ball is drawn, so a step-by-step video
   * does not give the ending away (the scene's own setting applies when this is off).
   */
  reveal: z.boolean(),
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
    reveal: true,
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
    reveal: settings.reveal,
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
    reveal: record.reveal ?? base.reveal,
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
