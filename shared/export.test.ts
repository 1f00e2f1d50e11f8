import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  avcChoice,
  checkSettings,
  clipBoundaries,
  clipFileName,
  defaultExportSettings,
  exportSettingsSchema,
  flattenSettings,
  framePosition,
  frameTimestampUs,
  normalizeSettings,
  orbitAngle,
  planExport,
  safeBaseName,
  sequenceEntryName,
  unflattenSettings,
  vp9Codec,
} from './export.ts';
import type { ExportSettings } from './export.ts';
import { presetScene } from './presets.ts';
import { defaultScene } from './scene.ts';
import type { Scene } from './scene.ts';

const settings = (patch: Partial<ExportSettings> = {}): ExportSettings => ({
  ...defaultExportSettings(),
  hold: 0,
  ...patch,
});

/** lr-compare: 6 steps at 1 step/s, markers at 0, 1, 2, 3. */
const lrCompare = (): Scene => presetScene('lr-compare')!;

describe('planExport', () => {
  it('a time range is exactly duration × fps frames (2 s at 30 fps = 60)', () => {
    const plan = planExport(lrCompare(), settings({ range: { kind: 'time', from: 0, to: 2 } }));
    expect(plan.totalFrames).toBe(60);
    const clip = plan.clips[0]!;
    // Frame n shows t = n/30 s at 1 step/s.
    expect(framePosition(clip, 0)).toBe(0);
    expect(framePosition(clip, 30)).toBeCloseTo(1, 12);
    expect(framePosition(clip, 59)).toBeCloseTo(59 / 30, 12);
  });

  it('the whole run ends exactly on the last step, then holds', () => {
    const plan = planExport(lrCompare(), settings({ hold: 1 }));
    const clip = plan.clips[0]!;
    // 6 steps at 1 step/s and 30 fps: frames 0..180 move, then 30 hold frames.
    expect(clip.motionFrames).toBe(181);
    expect(clip.holdFrames).toBe(30);
    expect(plan.totalFrames).toBe(211);
    expect(framePosition(clip, 180)).toBe(6);
    expect(framePosition(clip, 210)).toBe(6);
  });

  it('speed overrides the scene timeline', () => {
    const plan = planExport(lrCompare(), settings({ speed: 3 }));
    expect(plan.speed).toBe(3);
    expect(plan.clips[0]!.motionFrames).toBe(61);
  });

  it('a step range is clamped to the run', () => {
    const plan = planExport(lrCompare(), settings({ range: { kind: 'steps', from: 2, to: 99 } }));
    const clip = plan.clips[0]!;
    expect(clip.start).toBe(2);
    expect(clip.stop).toBe(6);
    expect(framePosition(clip, clip.motionFrames - 1)).toBe(6);
  });

  it('markers split the run into clips, each ending on its marker', () => {
    const plan = planExport(lrCompare(), settings({ clips: true, hold: 0.5 }));
    expect(plan.clips.map((c) => [c.start, c.stop])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 6],
    ]);
    for (const clip of plan.clips) {
      expect(framePosition(clip, 0)).toBe(clip.start);
      expect(framePosition(clip, clip.frames - 1)).toBe(clip.stop);
      expect(clip.holdFrames).toBe(15);
    }
  });

  it('a still shows the requested step, or the playhead', () => {
    const scene = lrCompare();
    expect(planExport(scene, settings({ kind: 'png', at: 2 })).clips[0]!.start).toBe(2);
    const plan = planExport(scene, settings({ kind: 'png' }), 4.5);
    expect(plan.totalFrames).toBe(1);
    expect(plan.clips[0]!.start).toBe(4.5);
  });

  it('a scene without steps still gives one frame', () => {
    const scene: Scene = { ...defaultScene(), runs: [] };
    expect(planExport(scene, settings()).totalFrames).toBe(1);
  });

  it('positions never go back and stay within the clip (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(24, 25, 30, 50, 60),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        (steps, fps, speed) => {
          const scene = defaultScene();
          scene.runs[0]!.steps = steps;
          const plan = planExport(scene, settings({ fps, speed }));
          const clip = plan.clips[0]!;
          let last = -1;
          let ok = true;
          // Plain comparisons in the loop: up to tens of thousands of frames per case.
          for (let n = 0; n < clip.frames; n++) {
            const p = framePosition(clip, n);
            if (p < last || p > clip.stop) ok = false;
            last = p;
          }
          expect(ok).toBe(true);
          expect(last).toBe(steps);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('frame clock', () => {
  it('timestamps are n/fps in whole microseconds without drift', () => {
    expect(frameTimestampUs(0, 30)).toBe(0);
    expect(frameTimestampUs(1, 30)).toBe(33_333);
    expect(frameTimestampUs(30, 30)).toBe(1_000_000);
    expect(frameTimestampUs(3000, 30)).toBe(100_000_000);
  });

  it('a full orbit loops: the frame after the last would repeat frame 0', () => {
    const clip = planExport(lrCompare(), settings()).clips[0]!;
    expect(orbitAngle(clip, 360, 0)).toBe(0);
    expect(orbitAngle(clip, 360, clip.frames)).toBe(360);
    expect(orbitAngle(clip, 0, 17)).toBe(0);
  });
});

describe('clipBoundaries', () => {
  it.each([
    [[0, 1, 2, 3], 0, 6, [0, 1, 2, 3, 6]],
    [[5, 2, 2, 9], 0, 6, [0, 2, 5, 6]],
    [[], 1, 4, [1, 4]],
    [[0, 10], 2, 8, [2, 8]],
  ])('markers %j in [%d, %d] → %j', (markers, from, to, expected) => {
    expect(clipBoundaries(markers, from, to)).toEqual(expected);
  });
});

describe('H.264 profile and level', () => {
  it.each([
    [1280, 720, 30, 'high', 'avc1.64001f', '3.1'],
    [1280, 720, 60, 'high', 'avc1.640020', '3.2'],
    [1920, 1080, 30, 'high', 'avc1.640028', '4.0'],
    [1920, 1080, 60, 'high', 'avc1.64002a', '4.2'],
    [1080, 1080, 30, 'high', 'avc1.640020', '3.2'],
    [2560, 1440, 30, 'high', 'avc1.640032', '5.0'],
    [3840, 2160, 30, 'high', 'avc1.640033', '5.1'],
    [3840, 2160, 60, 'high', 'avc1.640034', '5.2'],
    [640, 360, 30, 'high', 'avc1.64001e', '3.0'],
    // Baseline 3.1 stops at 720p30: 1080p needs level 4.0.
    [1280, 720, 30, 'baseline', 'avc1.42e01f', '3.1'],
    [1920, 1080, 30, 'baseline', 'avc1.42e028', '4.0'],
  ] as const)('%d×%d@%d %s → %s', (w, h, fps, profile, codec, level) => {
    const choice = avcChoice(w, h, fps, profile);
    expect(choice?.codec).toBe(codec);
    expect(choice?.level).toBe(level);
  });

  it('stays within the level bitrate and says no beyond level 6.2', () => {
    expect(avcChoice(1920, 1080, 30)!.bitrate).toBeLessThanOrEqual(25_000_000);
    expect(avcChoice(8192, 8192, 60)).toBeNull();
  });

  it('VP9 level follows the picture size', () => {
    expect(vp9Codec(1920, 1080, 30)).toBe('vp09.00.40.08');
    expect(vp9Codec(640, 360, 30)).toBe('vp09.00.21.08');
    expect(vp9Codec(3840, 2160, 60)).toBe('vp09.00.51.08');
  });
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

describe('file names', () => {
  it('numbers clips so they sort in slide order', () => {
    expect(clipFileName('lesson', 'mp4', 0, 1)).toBe('lesson.mp4');
    expect(clipFileName('lesson', 'mp4', 0, 4)).toBe('lesson-01.mp4');
    expect(clipFileName('lesson', 'gif', 11, 120)).toBe('lesson-012.gif');
    expect(sequenceEntryName(7, 60)).toBe('frame-0007.png');
  });

  it('makes safe base names from titles', () => {
    expect(safeBaseName('Three learning rates on x²')).toBe('Three-learning-rates-on-x2');
    expect(safeBaseName('../../etc')).toBe('etc');
    expect(safeBaseName('∇∇')).toBe('scene');
  });
});
