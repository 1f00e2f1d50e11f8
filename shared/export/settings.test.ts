import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  defaultExportSettings,
  exportSettingsSchema,
  flattenSettings,
  normalizeSettings,
  unflattenSettings,
} from './settings.ts';
import type { ExportSettings } from './settings.ts';

const settings = (patch: Partial<ExportSettings> = {}): ExportSettings => ({
  ...defaultExportSettings(),
  hold: 0,
  ...patch,
});

describe('settings', () => {
  it('H.264 sizes are rounded up to even, with a note', () => {
    const { settings: s, notes } = normalizeSettings(settings({ width: 1281, height: 719 }));
    expect([s.width, s.height]).toEqual([1282, 720]);
    expect(notes[0]).toMatch(/even/);
    expect(normalizeSettings(settings({ kind: 'webm', width: 1281 })).settings.width).toBe(1281);
  });

  it('warns about large GIFs', () => {
    const { notes } = normalizeSettings(
      settings({ kind: 'gif', fps: 20, width: 1920, height: 1080 }),
    );
    expect(notes[0]).toMatch(/GIF gets large/);
    expect(
      normalizeSettings(settings({ kind: 'gif', fps: 20, width: 640, height: 360 })).notes,
    ).toEqual([]);
  });

  it('transparency is dropped where the format has none', () => {
    const { settings: s, notes } = normalizeSettings(settings({ transparent: true }));
    expect(s.transparent).toBe(false);
    expect(notes).toHaveLength(1);
    expect(
      normalizeSettings(settings({ kind: 'webm', transparent: true })).settings.transparent,
    ).toBe(true);
  });

  it.each([
    [{ kind: 'gif', fps: 30 }, /hundredths/],
    [{ kind: 'gif', fps: 20, width: 3840, height: 2160 }, /GIF is limited to 1920/],
    [{ kind: 'mp4', fps: 20 }, /24, 25, 30, 50, 60/],
    [{ range: { kind: 'steps', from: 3, to: 3 } }, /step range/],
    [{ range: { kind: 'time', from: 2, to: 1 } }, /time range/],
  ] as const)('refuses %j', (patch, message) => {
    expect(checkSettings(settings(patch as Partial<ExportSettings>))).toMatch(message);
  });

  it('accepts the defaults and GIF at 20 fps', () => {
    expect(checkSettings(settings())).toBeNull();
    expect(checkSettings(settings({ kind: 'gif', fps: 20 }))).toBeNull();
  });

  it('survive the flat record the settings file keeps', () => {
    const s = settings({
      kind: 'webm',
      width: 1280,
      height: 720,
      range: { kind: 'steps', from: 1, to: 4 },
      speed: 2.5,
      transparent: true,
      orbit: -90,
      caption: true,
      clips: true,
    });
    const record = flattenSettings(s, { preset: 'x' });
    expect(Object.values(record).every((v) => v === null || typeof v !== 'object')).toBe(true);
    expect(unflattenSettings(record)).toEqual({ ...s, at: null });
  });

  it('keep the valid fields of a damaged record', () => {
    const s = unflattenSettings({ kind: 'gif', width: -5, fps: 20, hold: 'x' });
    expect(s.kind).toBe('gif');
    expect(s.fps).toBe(20);
    expect(s.width).toBe(defaultExportSettings().width);
    expect(exportSettingsSchema.safeParse(s).success).toBe(true);
  });
});
