/**
 * The buttons that hide and show a side panel, at the ends of the top bar so they stay visible
 * (and bring a hidden panel back) whatever the panels do. The choice is UI state, remembered
 * for the window, never written into the scene.
 */
import { actions, useApp } from '../store/hooks.ts';
import type { PanelSide } from '../store/types.ts';
import { panelShown, toggledMode, useWindowWidth } from './panelLayout.ts';
import './PanelToggle.css';

const NAMES: Readonly<Record<PanelSide, string>> = {
  left: 'function and runs panel',
  right: 'numbers panel',
};

/** Element ids of the panels, for `aria-controls`. */
export const PANEL_IDS: Readonly<Record<PanelSide, string>> = {
  left: 'left-panel',
  right: 'right-panel',
};

/** Whether `side`'s panel shows now (its mode at the current window width). */
export function usePanelShown(side: PanelSide): boolean {
  const mode = useApp((s) => s.panels[side]);
  return panelShown(side, mode, useWindowWidth());
}

/** A window outline with the panel's side filled in while it shows. */
function PanelIcon({ side, shown }: { side: PanelSide; shown: boolean }) {
  const x = side === 'left' ? 1.5 : 10.5;
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" fill="none" stroke="currentColor" />
      <rect
        x={x}
        y="2.5"
        width="4"
        height="11"
        fill={shown ? 'currentColor' : 'none'}
        stroke="currentColor"
      />
    </svg>
  );
}

export function PanelToggle({ side }: { side: PanelSide }) {
  const width = useWindowWidth();
  const mode = useApp((s) => s.panels[side]);
  const shown = panelShown(side, mode, width);
  const label = `${shown ? 'Hide' : 'Show'} the ${NAMES[side]}`;
  return (
    <button
      type="button"
      className={`icon-button panel-toggle panel-toggle-${side}`}
      data-testid={`toggle-${side}-panel`}
      aria-expanded={shown}
      aria-controls={shown ? PANEL_IDS[side] : undefined}
      aria-label={label}
      title={label}
      onClick={() => actions().setPanelMode(side, toggledMode(side, mode, width))}
    >
      <PanelIcon side={side} shown={shown} />
    </button>
  );
}
