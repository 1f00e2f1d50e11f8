import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScene } from '../scene/document.ts';
import type { Scene } from '../scene/document.ts';
import { presetScene } from '../scene/presets.ts';
import {
  clipBoundaries,
  framePosition,
  frameTimestampUs,
  orbitAngle,
  pictureFrame,
  planExport,
  repeatsPrevious,
} from './plan.ts';
import { defaultExportSettings } from './settings.ts';
import type { ExportSettings } from './settings.ts';

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

describe('repeated pictures', () => {
  it('the held frames repeat the last moving frame; nothing before them repeats', () => {
    const clip = planExport(lrCompare(), settings({ hold: 1 })).clips[0]!;
    const repeats = Array.from({ length: clip.frames }, (_, n) => repeatsPrevious(clip, 0, n));
    expect(repeats.slice(0, clip.motionFrames).some(Boolean)).toBe(false);
    expect(repeats.slice(clip.motionFrames).every(Boolean)).toBe(true);
    expect(repeats.filter(Boolean)).toHaveLength(clip.holdFrames);
    // Out of range: never.
    expect(repeatsPrevious(clip, 0, clip.frames)).toBe(false);
    expect(pictureFrame(clip, 0, clip.frames - 1)).toBe(clip.motionFrames - 1);
    expect(pictureFrame(clip, 0, 17)).toBe(17);
  });

  it('an orbit turns the camera on every frame, the held ones too', () => {
    const clip = planExport(lrCompare(), settings({ hold: 1 })).clips[0]!;
    for (let n = 0; n < clip.frames; n++) expect(repeatsPrevious(clip, 90, n)).toBe(false);
  });

  it('a time range repeats once the playhead has stopped at the end of the run', () => {
    // 6 steps at 1 step/s, t = 5…8 s at 10 fps: the run ends at frame 10.
    const plan = planExport(
      lrCompare(),
      settings({ fps: 10, range: { kind: 'time', from: 5, to: 8 } }),
    );
    const clip = plan.clips[0]!;
    expect(repeatsPrevious(clip, 0, 10)).toBe(false);
    expect(repeatsPrevious(clip, 0, 11)).toBe(true);
    expect(pictureFrame(clip, 0, 29)).toBe(10);
  });

  it('without an orbit, only the held frames repeat, each showing its first frame (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(24, 30, 60),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.constantFrom(0, 0.5, 2),
        (steps, fps, speed, hold) => {
          const scene = defaultScene();
          scene.runs[0]!.steps = steps;
          const clip = planExport(scene, settings({ fps, speed, hold })).clips[0]!;
          let repeats = 0;
          let ok = true;
          for (let n = 0; n < clip.frames; n++) {
            if (repeatsPrevious(clip, 0, n)) repeats++;
            const first = pictureFrame(clip, 0, n);
            if (first > n || framePosition(clip, first) !== framePosition(clip, n)) ok = false;
          }
          expect(ok).toBe(true);
          expect(repeats).toBe(clip.holdFrames);
        },
      ),
      { numRuns: 40 },
    );
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
