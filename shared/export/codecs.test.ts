import { describe, expect, it } from 'vitest';
import { avcChoice, vp9Codec } from './codecs.ts';

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
