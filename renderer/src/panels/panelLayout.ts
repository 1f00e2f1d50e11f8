/**
 * When the side panels show. Each panel follows the window width until the user toggles it:
 * below a width it hides itself so the view keeps a useful size, and its toggle in the top bar
 * (always visible) brings it back.
 *
 * The widths: with both panels (280 + 388 px) a 1024 px window — the XGA projectors still found
 * in lecture rooms — leaves a 356 px view, the smallest that still reads; below 1000 px the view
 * would shrink under a third of the window, so the numbers panel (right) goes first. With only
 * the left panel a 720 px window leaves a 440 px view; below that the controls go too.
 */
import { useSyncExternalStore } from 'react';
import type { PanelMode, PanelSide } from '../store/types.ts';

/** Window width (CSS px) below which a panel in `auto` mode hides itself. */
export const PANEL_AUTO_HIDE_BELOW: Readonly<Record<PanelSide, number>> = {
  right: 1000,
  left: 720,
};

/** Whether a panel in `mode` shows in a window `width` CSS pixels wide. */
export function panelShown(side: PanelSide, mode: PanelMode, width: number): boolean {
  if (mode === 'shown') return true;
  if (mode === 'hidden') return false;
  return width >= PANEL_AUTO_HIDE_BELOW[side];
}

/** The explicit mode a toggle sets: the opposite of what shows now. */
export function toggledMode(side: PanelSide, mode: PanelMode, width: number): PanelMode {
  return panelShown(side, mode, width) ? 'hidden' : 'shown';
}

function subscribeToResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** The window's width in CSS pixels, re-rendering on resize. */
export function useWindowWidth(): number {
  return useSyncExternalStore(
    subscribeToResize,
    () => window.innerWidth,
    () => 1280,
  );
}
