import { describe, expect, it } from 'vitest';
import { exportOptionsSchema } from '../../../shared/bridge.ts';
import { exportSettingsSchema } from '../../../shared/export/settings.ts';
import { prettyFormula } from './caption.ts';
import { DIALOG_PRESETS } from './presets.ts';
import { choicesFromRecord, choicesToRecord, defaultChoices, sizeIdOf } from './remember.ts';

describe('remembered export choices', () => {
  it('round-trip through the record the settings file stores', () => {
    const choices = {
      ...defaultChoices(),
      presetId: 'web-gif',
      sizeId: '360p',
      scale: 2,
      settings: {
        ...defaultChoices().settings,
        kind: 'gif' as const,
        width: 640,
        height: 360,
        fps: 20,
      },
    };
    const record = choicesToRecord(choices);
    // The desktop settings file accepts it as is.
    expect(exportOptionsSchema.safeParse(record).success).toBe(true);
    expect(choicesFromRecord(record)).toEqual(choices);
  });

  it('fall back to defaults for missing or foreign values', () => {
    expect(choicesFromRecord(null)).toEqual(defaultChoices());
    const odd = choicesFromRecord({ size: 'huge', scale: 3, preset: 7, width: 1000, height: 500 });
    expect(odd.sizeId).toBe('custom');
    expect(odd.scale).toBe(1);
    expect(odd.presetId).toBeNull();
  });

  it('name the size presets', () => {
    expect(sizeIdOf(1280, 720)).toBe('720p');
    expect(sizeIdOf(1080, 1080)).toBe('square');
    expect(sizeIdOf(1000, 500)).toBe('custom');
  });
});

describe('dialog presets', () => {
  it.each(DIALOG_PRESETS.map((p) => [p.label, p] as const))('%s is a valid export', (_, preset) => {
    const settings = { ...defaultChoices().settings, ...preset.patch };
    expect(exportSettingsSchema.safeParse(settings).success).toBe(true);
  });

  it('include the six the issue names, and MP4 presets are H.264 at even sizes', () => {
    const labels = DIALOG_PRESETS.map((p) => p.label);
    for (const name of [
      'PowerPoint 1080p',
      'Keynote 1080p',
      'Web GIF',
      'Transparent WebM',
      '4K master',
      'PNG still',
    ]) {
      expect(labels).toContain(name);
    }
    for (const p of DIALOG_PRESETS.filter((x) => x.patch.kind === 'mp4')) {
      expect((p.patch.width ?? 0) % 2).toBe(0);
      expect((p.patch.height ?? 0) % 2).toBe(0);
      expect(p.patch.transparent).toBe(false);
    }
  });
});

describe('burned-in caption', () => {
  it.each([
    ['x^2 + y^2', 'x² + y²'],
    ['0.5 * x^2 + 5 * y^2', '0.5·x² + 5·y²'],
    ['x^10 - 3 * x', 'x¹⁰ − 3·x'],
    ['-x^2', '−x²'],
  ])('%s reads %s', (typed, shown) => {
    expect(prettyFormula(typed)).toBe(shown);
  });
});
