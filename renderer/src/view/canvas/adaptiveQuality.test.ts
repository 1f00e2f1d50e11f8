/** Adaptive quality: which resolution frame times lead to, during a drag and after it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  afterFrame,
  FRAME_BUDGET_MS,
  FULL,
  LEVELS,
  resumeFrom,
  targetLight,
  targetMeshStride,
  targetRatio,
  targetStaticCache,
  WINDOW,
} from './adaptiveQuality.ts';
import type { Quality } from './adaptiveQuality.ts';

/** The state after frames of the given times, from full resolution. */
function run(times: readonly number[], from: Quality = FULL): Quality {
  return times.reduce((q, ms) => afterFrame(q, ms), from);
}

const frames = (n: number, ms: number): number[] => Array.from({ length: n }, () => ms);

describe('afterFrame', () => {
  it('a machine that keeps up with a 60 Hz display stays at full resolution', () => {
    expect(run(frames(200, 16.7)).level).toBe(0);
    // Display jitter around the refresh interval is no reason either.
    expect(run([15, 18.5, 16.7, 17.9, 16.1, 19, 16.6, 17.2]).level).toBe(0);
  });

  it('slow frames lower the quality one level per window, down to the coarsest', () => {
    expect(run(frames(WINDOW - 1, 80)).level).toBe(0);
    expect(run(frames(WINDOW, 80)).level).toBe(1);
    expect(run(frames(2 * WINDOW, 80)).level).toBe(2);
    // Never below the coarsest level, however slow.
    expect(run(frames(10 * WINDOW, 500)).level).toBe(LEVELS.length - 1);
    expect(LEVELS.at(-1)).toEqual({ staticCache: true, ratio: 0.35, meshStride: 2, light: true });
  });

  it('one slow frame among fast ones changes nothing (the median decides)', () => {
    expect(run([16, 16, 300, 16, 17, 16, 16, 250]).level).toBe(0);
  });

  it('frames just within the budget keep the level; just over it lower it', () => {
    expect(run(frames(WINDOW, FRAME_BUDGET_MS)).level).toBe(0);
    expect(run(frames(WINDOW, FRAME_BUDGET_MS + 1)).level).toBe(1);
  });

  it('a new level starts measuring afresh', () => {
    const lowered = run(frames(WINDOW, 80));
    expect(lowered.samples).toEqual([]);
    // Frames now fast enough for the coarser level: it stays there (well above half the budget).
    expect(run(frames(3 * WINDOW, 20), lowered).level).toBe(1);
  });

  it('frames far below the budget at a coarse level try the finer one again', () => {
    const coarse = run(frames(2 * WINDOW, 80));
    expect(run(frames(WINDOW, 8), coarse).level).toBe(1);
    expect(run(frames(2 * WINDOW, 8), coarse).level).toBe(0);
  });

  it('ignores readings that are not frame times', () => {
    expect(run([NaN, -5, Infinity])).toEqual(FULL);
  });
});

describe('resumeFrom', () => {
  it('the next drag starts at the level the last one reached, measuring afresh', () => {
    const coarse = run(frames(3 * WINDOW, 80));
    const next = resumeFrom(afterFrame(coarse, 80));
    expect(next).toEqual({ level: 3, samples: [] });
    // Still slow: it goes on down from there, not from full.
    expect(run(frames(WINDOW, 80), next).level).toBe(4);
    // Fast now (a lighter scene): it steps back up as from any level.
    expect(run(frames(3 * WINDOW, 8), next).level).toBe(0);
  });

  it('after a drag that kept up, the next starts at full resolution', () => {
    expect(resumeFrom(run(frames(20, 16)))).toBe(FULL);
    expect(resumeFrom(FULL)).toBe(FULL);
  });
});

describe('targetRatio', () => {
  const slow = run(frames(3 * WINDOW, 80));

  it('lowers only while interacting with the setting on auto', () => {
    expect(targetRatio('auto', true, slow, 2)).toBe(1);
    expect(targetRatio('auto', true, run(frames(2 * WINDOW, 80)), 1)).toBe(0.75);
  });

  it('is full at rest (release, still frames), whatever the controller measured', () => {
    expect(targetRatio('auto', false, slow, 1)).toBe(1);
    expect(targetRatio('auto', false, slow, 2)).toBe(2);
  });

  it('is always full with the setting "full"', () => {
    expect(targetRatio('full', true, slow, 1)).toBe(1);
    expect(targetRatio('full', true, slow, 1.5)).toBe(1.5);
  });

  it('a machine that keeps up draws at full resolution while dragging', () => {
    expect(targetRatio('auto', true, run(frames(100, 16.7)), 2)).toBe(2);
  });
});

describe('exports are never adaptive', () => {
  // Exports, stills and `descent render` draw through the export's own root (export/
  // offscreen.tsx), which mounts ViewContents. AdaptiveQuality is mounted by the on-screen
  // Viewport alone, so nothing it does can reach an exported picture.
  const here = import.meta.dirname;
  const source = (path: string): string => readFileSync(join(here, path), 'utf8');

  it('neither the export pipeline nor the shared view contents mount it', () => {
    const exportDir = join(here, '../../export');
    const files = readdirSync(exportDir).filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'));
    expect(files).toContain('offscreen.tsx');
    for (const file of files) {
      expect(readFileSync(join(exportDir, file), 'utf8'), file).not.toMatch(/AdaptiveQuality/);
    }
    expect(source('../ViewContents.tsx')).not.toMatch(/AdaptiveQuality/);
  });

  it('the on-screen view does', () => {
    expect(source('../Viewport.tsx')).toMatch(/<AdaptiveQuality \/>/);
  });
});

describe('targetMeshStride', () => {
  it('thins the surface mesh only after the resolution is at its lowest', () => {
    expect(targetMeshStride('auto', true, run(frames(3 * WINDOW, 80)))).toBe(1);
    expect(targetMeshStride('auto', true, run(frames(4 * WINDOW, 80)))).toBe(2);
    expect(targetRatio('auto', true, run(frames(4 * WINDOW, 80)), 1)).toBe(0.5);
  });

  it('is the full mesh at rest and with the setting "full"', () => {
    const slowest = run(frames(10 * WINDOW, 500));
    expect(targetMeshStride('auto', false, slowest)).toBe(1);
    expect(targetMeshStride('full', true, slowest)).toBe(1);
  });
});

describe('targetLight', () => {
  it('lightens the moving objects with the thinned mesh, before the last resolution step', () => {
    expect(targetLight('auto', true, run(frames(3 * WINDOW, 80)))).toBe(false);
    expect(targetLight('auto', true, run(frames(4 * WINDOW, 80)))).toBe(true);
    expect(targetRatio('auto', true, run(frames(4 * WINDOW, 80)), 1)).toBe(0.5);
    // The last step lowers the resolution once more and keeps both.
    const last = run(frames(5 * WINDOW, 80));
    expect(targetRatio('auto', true, last, 2)).toBeCloseTo(0.7, 10);
    expect(targetLight('auto', true, last)).toBe(true);
    expect(targetMeshStride('auto', true, last)).toBe(2);
  });

  it('is the full form at rest and with the setting "full"', () => {
    const slowest = run(frames(10 * WINDOW, 500));
    expect(targetLight('auto', false, slowest)).toBe(false);
    expect(targetLight('full', true, slowest)).toBe(false);
    expect(targetLight('auto', true, FULL)).toBe(false);
  });

  it('never comes before the levels that change less (cache, then resolution, then geometry)', () => {
    // Each level is at least as coarse as the one before it in every respect.
    for (let i = 1; i < LEVELS.length; i++) {
      const [a, b] = [LEVELS[i - 1]!, LEVELS[i]!];
      expect(b.ratio).toBeLessThanOrEqual(a.ratio);
      expect(b.meshStride).toBeGreaterThanOrEqual(a.meshStride);
      expect(Number(b.light)).toBeGreaterThanOrEqual(Number(a.light));
      expect(Number(b.staticCache)).toBeGreaterThanOrEqual(Number(a.staticCache));
    }
  });
});

describe('targetStaticCache', () => {
  it('is the first step: the static layer is cached before the resolution drops', () => {
    expect(targetStaticCache('auto', true, FULL)).toBe(false);
    const first = run(frames(WINDOW, 80));
    expect(targetStaticCache('auto', true, first)).toBe(true);
    expect(targetRatio('auto', true, first, 1)).toBe(1);
    // It stays on at every coarser level.
    for (let n = 2; n <= LEVELS.length; n++) {
      expect(targetStaticCache('auto', true, run(frames(n * WINDOW, 80)))).toBe(true);
    }
  });

  it('is off at rest, with the setting "full", and on a machine that keeps up', () => {
    const slowest = run(frames(10 * WINDOW, 500));
    expect(targetStaticCache('auto', false, slowest)).toBe(false);
    expect(targetStaticCache('full', true, slowest)).toBe(false);
    expect(targetStaticCache('auto', true, run(frames(100, 16.7)))).toBe(false);
  });
});
