import { describe, expect, it } from 'vitest';
import {
  extendLrRange,
  formatParam,
  lrKeyStep,
  lrRangeAround,
  lrRangeWith,
  LR_SLIDER_MAX,
  LR_SLIDER_MIN,
  LR_SLIDER_STEP,
  lrToSlider,
  parseNumber,
  roundSignificant,
  sliderToLr,
} from './numbers.ts';

describe('parseNumber', () => {
  it.each([
    ['0.5', 0.5],
    [' 1e-3 ', 0.001],
    ['.25', 0.25],
    ['-2', -2],
    ['0,5', 0.5],
    ['3.', 3],
    ['-0', 0],
  ])('accepts %j', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it.each(['', '  ', 'abc', '0x10', '1e999', 'NaN', 'Infinity', '1/2', '--1', '1.2.3'])(
    'refuses %j with a message and never a NaN',
    (text) => {
      const result = parseNumber(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
    },
  );

  it('enforces inclusive and exclusive bounds and integers', () => {
    expect(parseNumber('0', { min: 0, minExclusive: true }).ok).toBe(false);
    expect(parseNumber('0', { min: 0 }).ok).toBe(true);
    expect(parseNumber('1', { max: 1, maxExclusive: true }).ok).toBe(false);
    expect(parseNumber('2.5', { integer: true }).ok).toBe(false);
    expect(parseNumber('25', { integer: true, max: 10 })).toEqual({
      ok: false,
      message: 'Must be at most 10.',
    });
  });
});

describe('learning-rate slider', () => {
  it('is log10 of η, clamped to 1e-4 … 10', () => {
    expect(lrToSlider(0.1)).toBeCloseTo(-1, 12);
    expect(lrToSlider(1e-9)).toBe(-4);
    expect(lrToSlider(1000)).toBe(1);
    expect(lrToSlider(0)).toBe(-4);
  });

  it('round-trips the chapter values exactly', () => {
    for (const lr of [0.1, 0.5, 1.1, 0.001, 10, 1e-4]) expect(sliderToLr(lrToSlider(lr))).toBe(lr);
  });

  it('gives three significant digits', () => {
    expect(sliderToLr(-1.3)).toBe(0.0501);
    expect(roundSignificant(123456, 3)).toBe(123000);
  });

  it('changes η with every arrow key step, up and down', () => {
    // What a range input does: snap the value η maps to onto the step grid, then step.
    const snapped = (lr: number): number =>
      LR_SLIDER_MIN +
      Math.round((lrToSlider(lr) - LR_SLIDER_MIN) / LR_SLIDER_STEP) * LR_SLIDER_STEP;
    for (let k = 1; LR_SLIDER_MIN + (k + 1) * LR_SLIDER_STEP <= LR_SLIDER_MAX + 1e-9; k++) {
      const lr = sliderToLr(LR_SLIDER_MIN + k * LR_SLIDER_STEP);
      expect(sliderToLr(snapped(lr) + LR_SLIDER_STEP)).toBeGreaterThan(lr);
      expect(sliderToLr(snapped(lr) - LR_SLIDER_STEP)).toBeLessThan(lr);
    }
    // The chapter's values too.
    for (const lr of [0.1, 0.5, 1.1]) {
      expect(sliderToLr(snapped(lr) + LR_SLIDER_STEP)).toBeGreaterThan(lr);
      expect(sliderToLr(snapped(lr) - LR_SLIDER_STEP)).toBeLessThan(lr);
    }
  });

  it('is monotone over the slider range', () => {
    let previous = 0;
    for (let v = -4; v <= 1; v += 0.001) {
      const lr = sliderToLr(v);
      expect(lr).toBeGreaterThanOrEqual(previous);
      previous = lr;
    }
  });
});

describe('η slider window', () => {
  it.each([
    [0.1, -2, 0],
    [0.5, -1, 1],
    [1.1, -1, 1],
    [0.3, -2, 0],
    [0.001, -4, -2],
    [1e-4, -4, -2],
    [10, -1, 1],
    [1e6, -1, 1],
  ])('around η = %d spans 10^%d … 10^%d', (lr, min, max) => {
    expect(lrRangeAround(lr)).toEqual({ min, max });
  });

  it('holds η in its middle half wherever it can', () => {
    for (let v = -3.4; v <= 0.4; v += 0.01) {
      const { min, max } = lrRangeAround(Math.pow(10, v));
      expect(max - min).toBe(2);
      expect(v - min).toBeGreaterThanOrEqual(0.49);
      expect(max - v).toBeGreaterThanOrEqual(0.49);
    }
  });

  it('grows by a decade for a value just past an end, and moves for one far away', () => {
    const range = { min: -2, max: 0 };
    expect(lrRangeWith(range, 0.5)).toBe(range);
    expect(lrRangeWith(range, 2)).toEqual({ min: -2, max: 1 });
    expect(lrRangeWith(range, 0.005)).toEqual({ min: -3, max: 0 });
    expect(lrRangeWith(range, 1e-4)).toEqual({ min: -4, max: -2 });
    // A window already three decades wide moves instead of growing.
    expect(lrRangeWith({ min: -4, max: -1 }, 0.5)).toEqual({ min: -1, max: 1 });
    expect(extendLrRange(range, 'up')).toEqual({ min: -2, max: 1 });
    expect(extendLrRange({ min: -4, max: 1 }, 'down')).toEqual({ min: -4, max: 1 });
  });
});

describe('η key steps', () => {
  it.each<[number, 1 | -1, boolean, number]>([
    [0.1, 1, false, 0.12],
    [0.1, -1, false, 0.08],
    [0.12, -1, false, 0.1],
    [0.5, 1, false, 0.6],
    [1.1, 1, false, 1.2],
    [1.1, -1, false, 1],
    [0.126, 1, false, 0.15],
    [0.8, 1, false, 1],
    [0.1, 1, true, 1],
    [0.5, -1, true, 0.05],
    [10, 1, false, 10],
    [1e-4, -1, false, 1e-4],
    [5, 1, true, 10],
  ])('from η = %d, direction %d (page: %s) → %d', (lr, direction, big, next) => {
    expect(lrKeyStep(lr, direction, big)).toBe(next);
  });

  it('takes ten steps per decade, each a readable value', () => {
    const seen: number[] = [];
    let lr = 0.01;
    while (lr < 1) {
      lr = lrKeyStep(lr, 1);
      seen.push(lr);
    }
    expect(seen).toEqual([
      0.012, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4,
      0.5, 0.6, 0.8, 1,
    ]);
    // Down again retraces the same values.
    const back = seen.slice(0, -1).reverse();
    for (const expected of back) {
      lr = lrKeyStep(lr, -1);
      expect(lr).toBe(expected);
    }
  });
});

describe('formatParam', () => {
  it.each([
    [0.1, '0.1'],
    [1.1, '1.1'],
    [1e-8, '1e-8'],
    [0.000123, '1.23e-4'],
    [0, '0'],
    [2500, '2500'],
  ])('%d → %s', (value, text) => expect(formatParam(value)).toBe(text));
});
