import { describe, expect, it } from 'vitest';
import { planExport } from '../../../shared/export/plan.ts';
import type { ClipPlan } from '../../../shared/export/plan.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { defaultExportSettings } from '../../../shared/export/settings.ts';
import type { ExportSettings } from '../../../shared/export/settings.ts';
import { SampledPictures, writeClipFrames } from './frames.ts';

const clipsOf = (patch: Partial<ExportSettings>): ClipPlan[] =>
  planExport(presetScene('lr-compare')!, { ...defaultExportSettings(), ...patch }).clips;

/** Runs the frame loop, recording what happened to each frame. */
async function record(clip: ClipPlan, orbit: number): Promise<string[]> {
  const log: string[] = [];
  const count = await writeClipFrames(clip, orbit, {
    draw: (n) => {
      log.push(`draw ${n}`);
      return Promise.resolve();
    },
    repeat: (n) => {
      log.push(`repeat ${n}`);
      return Promise.resolve();
    },
    after: () => Promise.resolve(),
  });
  expect(count.drawn + count.repeated).toBe(clip.frames);
  expect(log.filter((l) => l.startsWith('draw'))).toHaveLength(count.drawn);
  return log;
}

describe('writeClipFrames', () => {
  it('draws the moving frames once each and repeats the held ones (the README example)', async () => {
    const clip = clipsOf({ fps: 30, hold: 2 })[0]!;
    // 6 steps at 1 step/s and 30 fps: 181 moving frames, then 60 held.
    expect(clip.frames).toBe(241);
    const log = await record(clip, 0);
    expect(log.slice(0, 181)).toEqual(Array.from({ length: 181 }, (_, n) => `draw ${n}`));
    expect(log.slice(181)).toEqual(Array.from({ length: 60 }, (_, i) => `repeat ${181 + i}`));
  });

  it('every clip of --clips: one draw per picture', async () => {
    const clips = clipsOf({ fps: 30, hold: 2, clips: true });
    expect(clips).toHaveLength(4);
    let frames = 0;
    let draws = 0;
    for (const clip of clips) {
      const log = await record(clip, 0);
      frames += clip.frames;
      draws += log.filter((l) => l.startsWith('draw')).length;
      expect(log.filter((l) => l.startsWith('draw'))).toHaveLength(clip.motionFrames);
    }
    // Clips of 1, 1, 1 and 3 steps: 31 + 31 + 31 + 91 moving frames, then 4 × 60 held.
    expect(frames).toBe(424);
    expect(draws).toBe(184);
  });

  it('a time range past the end of the run draws the stopped picture once', async () => {
    // 6 steps at 1 step/s: from t = 6 s on the playhead stands still.
    const clip = clipsOf({ fps: 10, hold: 0, range: { kind: 'time', from: 5, to: 8 } })[0]!;
    expect(clip.frames).toBe(30);
    const log = await record(clip, 0);
    // Frames 0…10 show t = 5.0 … 6.0 s; 11…29 repeat the last step.
    expect(log.filter((l) => l.startsWith('draw'))).toHaveLength(11);
    expect(log[10]).toBe('draw 10');
    expect(log[11]).toBe('repeat 11');
  });

  it('an orbiting camera changes every frame: nothing repeats', async () => {
    const clip = clipsOf({ fps: 30, hold: 2, orbit: 360 })[0]!;
    const log = await record(clip, 360);
    expect(log.every((l) => l.startsWith('draw'))).toBe(true);
  });
});

describe('SampledPictures', () => {
  it('draws each sampled picture once and hands it to the frame loop once', async () => {
    const clip = clipsOf({ fps: 30, hold: 2 })[0]!;
    const drawn: number[] = [];
    const samples = new SampledPictures(clip, 0, (n) => {
      drawn.push(n);
      return Promise.resolve(`picture ${n}`);
    });
    // Three samples in the hold show the picture of frame 180.
    const got = [];
    for (const n of [0, 90, 200, 220, 240]) got.push(await samples.sample(n));
    expect(got).toEqual(['picture 0', 'picture 90', 'picture 180', 'picture 180', 'picture 180']);
    expect(drawn).toEqual([0, 90, 180]);
    expect(samples.take(180)).toBe('picture 180');
    expect(samples.take(180)).toBeUndefined();
    expect(samples.take(1)).toBeUndefined();
    expect(samples.size).toBe(2);
  });
});
