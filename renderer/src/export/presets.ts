/**
 * The export dialog's presets: one click to the settings a destination needs. The MP4 presets
 * are H.264 High (level from the size), yuv420p, even sizes and `moov` at the front — what
 * PowerPoint and Keynote play — and 720p is offered because full-HD clips are what long decks
 * stumble on.
 */
import type { ExportSettings } from '../../../shared/export/settings.ts';

/** One preset button. */
export interface DialogPreset {
  id: string;
  label: string;
  /** One line under the label. */
  hint: string;
  /** Settings it sets (the range, speed and hold the user chose are kept). */
  patch: Partial<ExportSettings>;
  /** PNG still: size multiplier. */
  scale?: number;
}

const video = (width: number, height: number, fps = 30): Partial<ExportSettings> => ({
  kind: 'mp4',
  width,
  height,
  fps,
  transparent: false,
});

export const DIALOG_PRESETS: readonly DialogPreset[] = [
  {
    id: 'powerpoint-1080p',
    label: 'PowerPoint 1080p',
    hint: 'MP4 · H.264 · 1920×1080 · 30 fps',
    patch: video(1920, 1080),
  },
  {
    id: 'powerpoint-720p',
    label: 'PowerPoint 720p',
    hint: 'Smaller MP4 for long decks · 1280×720',
    patch: video(1280, 720),
  },
  {
    id: 'keynote-1080p',
    label: 'Keynote 1080p',
    hint: 'MP4 · H.264 · 1920×1080 · 30 fps',
    patch: video(1920, 1080),
  },
  {
    id: 'web-gif',
    label: 'Web GIF',
    hint: 'GIF · 640×360 · 20 fps · loops',
    patch: { kind: 'gif', width: 640, height: 360, fps: 20, transparent: false },
  },
  {
    id: 'transparent-webm',
    label: 'Transparent WebM',
    hint: 'VP9 with alpha · 1920×1080 · for editors',
    patch: { kind: 'webm', width: 1920, height: 1080, fps: 30, transparent: true },
  },
  {
    id: '4k-master',
    label: '4K master',
    hint: 'MP4 · H.264 · 3840×2160 · 30 fps',
    patch: video(3840, 2160),
  },
  {
    id: 'png-still',
    label: 'PNG still',
    hint: 'This frame · 1920×1080 (2×, 4× for print)',
    patch: { kind: 'png', width: 1920, height: 1080, transparent: false },
    scale: 1,
  },
];

/** The preset with this id, if any. */
export function dialogPreset(id: string | null | undefined): DialogPreset | undefined {
  return DIALOG_PRESETS.find((p) => p.id === id);
}
