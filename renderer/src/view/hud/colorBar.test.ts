import { describe, expect, it } from 'vitest';
import { makeMapping } from '../surface/colorScale.ts';
import {
  colorBarContent,
  colorBarLayout,
  colorBarReserve,
  colorBarTicks,
  HORIZONTAL_BELOW,
} from './colorBar.ts';

describe('colour bar layout', () => {
  it.each([
    [1280, 720],
    [1920, 1080],
    [1250, 1000],
    [610, 645],
    [356, 560],
    [720, 1280],
  ])('on a %d × %d canvas it lies inside, in the room the camera keeps free', (width, height) => {
    const box = colorBarLayout(width, height);
    expect(box.orientation).toBe(width / height < HORIZONTAL_BELOW ? 'horizontal' : 'vertical');
    expect(box.x).toBeGreaterThan(0);
    expect(box.y).toBeGreaterThan(0);
    expect(box.x + box.width).toBeLessThan(width);
    expect(box.y + box.height).toBeLessThan(height);
    // The gradient inside the panel.
    expect(box.barX).toBeGreaterThanOrEqual(box.x);
    expect(box.barY).toBeGreaterThanOrEqual(box.y);
    expect(box.barX + box.barWidth).toBeLessThanOrEqual(box.x + box.width);
    expect(box.barY + box.barHeight).toBeLessThanOrEqual(box.y + box.height);
    const reserve = colorBarReserve(width, height);
    if (box.orientation === 'vertical') {
      expect(reserve.bottom).toBe(0);
      expect(width * (1 - reserve.right)).toBeLessThan(box.x);
      // Vertically centred, long enough to read.
      expect(box.y + box.height / 2).toBeCloseTo(height / 2);
      expect(box.barHeight).toBeGreaterThan(height * 0.3);
    } else {
      expect(reserve.right).toBe(0);
      expect(height * (1 - reserve.bottom)).toBeLessThan(box.y);
      // Bottom-right, a margin from the canvas's edges (the camera buttons are below the
      // canvas), long enough to read.
      expect(box.x + box.width).toBeGreaterThan(width * 0.95);
      expect(box.y + box.height).toBeLessThan(height - 4);
      expect(box.y + box.height).toBeGreaterThan(height - 30);
      expect(box.barWidth).toBeGreaterThan(width * 0.3);
    }
  });

  it('scales with the canvas, as the view text does', () => {
    const small = colorBarLayout(1280, 720);
    const large = colorBarLayout(2560, 1440);
    expect(large.width / small.width).toBeCloseTo(2);
    expect(large.barHeight / small.barHeight).toBeCloseTo(2);
  });
});

describe('colour bar content', () => {
  it('says whether f goes on above the top colour (a clamped surface)', () => {
    const m = makeMapping('linear', 0, 100);
    expect(colorBarContent(m, 100, 'light').beyond).toBe(false);
    expect(colorBarContent(m, 4000, 'light').beyond).toBe(true);
  });

  it('labels ticks in f units, log ticks on a log scale', () => {
    const box = colorBarLayout(1280, 720);
    const log = colorBarContent(makeMapping('log', 0, 2509, 0.52), 2509, 'dark');
    expect(log.scale).toBe('log');
    expect(colorBarTicks(log, box).map((t) => t.label)).toEqual(['0', '1', '10', '100', '1000']);
    const linear = colorBarContent(makeMapping('linear', 0, 50000), 50000, 'dark');
    expect(colorBarTicks(linear, box).map((t) => t.label)).toContain('50000');
  });

  it.each([
    [1280, 720],
    [610, 645],
    [356, 560],
  ])('gives every tick label room along the bar on a %d × %d canvas', (width, height) => {
    const box = colorBarLayout(width, height);
    const vertical = box.orientation === 'vertical';
    const length = vertical ? box.barHeight : box.barWidth;
    for (const mapping of [
      makeMapping('log', 0, 2509, 0.52),
      makeMapping('log', 0, 1.8e5, 0.7),
      makeMapping('linear', -9, 9),
      makeMapping('linear', 0, 50000),
    ]) {
      const ticks = colorBarTicks(colorBarContent(mapping, 0, 'light'), box);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < ticks.length; i++) {
        const apart = (ticks[i]!.t - ticks[i - 1]!.t) * length;
        // Label extents along the bar: a line of text, or five characters.
        const need = vertical ? 14 * box.scale : ticks[i]!.label.length * 7.5 * box.scale;
        expect(apart).toBeGreaterThan(need);
      }
    }
  });
});
