import { describe, expect, it } from 'vitest';
import { PANEL_AUTO_HIDE_BELOW, panelShown, toggledMode } from './panelLayout.ts';

describe('side panels', () => {
  it.each([
    // width, left shown, right shown (both in auto mode)
    [1920, true, true],
    [1280, true, true],
    [1024, true, true],
    [999, true, false],
    [720, true, false],
    [719, false, false],
  ])('in auto mode at %i px: left %s, right %s', (width, left, right) => {
    expect(panelShown('left', 'auto', width)).toBe(left);
    expect(panelShown('right', 'auto', width)).toBe(right);
  });

  it('the numbers panel hides before the controls', () => {
    expect(PANEL_AUTO_HIDE_BELOW.right).toBeGreaterThan(PANEL_AUTO_HIDE_BELOW.left);
  });

  it('an explicit choice holds at any width', () => {
    for (const width of [400, 1000, 2560]) {
      expect(panelShown('left', 'hidden', width)).toBe(false);
      expect(panelShown('right', 'shown', width)).toBe(true);
    }
  });

  it('a toggle sets the opposite of what shows now', () => {
    expect(toggledMode('right', 'auto', 1920)).toBe('hidden');
    expect(toggledMode('right', 'auto', 800)).toBe('shown');
    expect(toggledMode('left', 'hidden', 1920)).toBe('shown');
    expect(toggledMode('left', 'shown', 500)).toBe('hidden');
  });
});
