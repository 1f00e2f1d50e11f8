/**
 * The view's test hooks on `window`, installed by LabelLayer.tsx on the on-screen canvas only.
 * Like `window.__descentPerf` (view/hud/PerfHud.tsx) they are read by the end-to-end tests, not
 * an API of the app. Kept in a file of their own (types only) so the tests can import them.
 */

/** A text label of the view, as `window.__descentLabels()` reports it (CSS px of the page). */
export interface LabelReport {
  text: string;
  /** 'overlay': placed by the label layout; 'fixed': placed by its owner (ticks, axis names). */
  role: 'overlay' | 'fixed';
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What `window.__descentPlotBox()` returns (CSS px of the page). */
export interface PlotBoxReport {
  canvas: { left: number; top: number; width: number; height: number };
  /**
   * The plot box's corners, projected (y down): for a surface 8, in the order x (min, max) ×
   * height (bottom, top) × world z (−, +), world −z being math y's maximum; for a curve 4,
   * x (min, max) × f (bottom, top).
   */
  corners: [number, number][];
}

declare global {
  interface Window {
    /** Every visible text label of the view with its rectangle (test hook). */
    __descentLabels?: () => LabelReport[];
    /** The plot box on the page (test hook); null before there is a grid. */
    __descentPlotBox?: () => PlotBoxReport | null;
  }
}
