import { describe, expect, it } from 'vitest';
import { MIN_SHORT_SIDE, REFERENCE_SHORT_SIDE, textScale } from './text.ts';

describe('text size in the view', () => {
  it('is the nominal size on the reference canvas (every export) and grows with the canvas', () => {
    expect(textScale(REFERENCE_SHORT_SIDE)).toBe(1);
    // A 1080p export is the 720p picture at 1.5×; a view 1000 px high gets 1000/720 of it.
    expect(textScale(1000)).toBeCloseTo(1000 / 720, 12);
    expect(textScale(2 * REFERENCE_SHORT_SIDE)).toBe(2);
  });

  it('never shrinks below a readable floor, however narrow the view', () => {
    expect(textScale(300)).toBe(textScale(MIN_SHORT_SIDE));
    expect(textScale(300) * REFERENCE_SHORT_SIDE).toBe(MIN_SHORT_SIDE);
    // Monotone: a bigger canvas never gets smaller text.
    for (let side = 100; side < 3000; side += 37) {
      expect(textScale(side + 37)).toBeGreaterThanOrEqual(textScale(side));
    }
  });
});
