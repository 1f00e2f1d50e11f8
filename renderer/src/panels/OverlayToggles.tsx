/**
 * Switches for what is drawn on top of f: the chapter's objects and the decorations, and the
 * caption over the view.
 */
import type { Overlays } from '../../../shared/scene/document.ts';
import { useShallow } from 'zustand/react/shallow';
import { actions, useApp } from '../store/hooks.ts';
import type { AppState } from '../store/types.ts';
import { VIEW_KINDS } from '../view/registry.ts';
import { CaptionField } from './CaptionField.tsx';

const ITEMS: { key: keyof Overlays; label: string; title: string }[] = [
  {
    key: 'gradient',
    label: '∇f and −∇f arrows',
    title: 'Gradient (uphill) and steepest-descent arrows at the current point',
  },
  {
    key: 'tangent',
    label: 'Tangent plane / line',
    title:
      'First-order Taylor model at the current point, with its error at the probe or the next step',
  },
  {
    key: 'hessian',
    label: 'Hessian eigen-directions',
    title: 'Curvature directions scaled by eigenvalue, with the curvature class',
  },
  { key: 'readout', label: 'Readout panel', title: 'Numbers at the current point' },
  {
    key: 'contours',
    label: 'Contours on surface',
    title: 'Level curves drawn on the surface',
  },
  {
    key: 'floorContours',
    label: 'Contours on floor',
    title: 'Level curves projected on the floor',
  },
  { key: 'wireframe', label: 'Wireframe', title: 'Grid lines over the surface' },
  { key: 'minima', label: 'Known minima', title: 'Markers at the minima of built-in surfaces' },
  { key: 'axes', label: 'Axes', title: 'Axes, ticks and labels' },
  { key: 'colorBar', label: 'Colour bar', title: 'The colour scale of heights, with ticks' },
  {
    key: 'directional',
    label: 'Directional derivative',
    title: 'The slope along a chosen direction d̂ at the current point, with the contour’s tangent',
  },
  {
    key: 'lrPlot',
    label: 'η over time',
    title: 'The learning rate of the selected run, step by step',
  },
  {
    key: 'batchSurface',
    label: 'Minibatch loss',
    title:
      'The loss of the minibatch the selected run’s current step uses, under its path: it changes every step',
  },
];

/** Switches that mean something only for some problems. */
const ONLY_FOR: Partial<Record<keyof Overlays, (s: AppState) => boolean>> = {
  // The minibatch surface belongs to a model's loss.
  batchSurface: (s) => s.scene.problem.kind === 'model',
};

function Toggle({ item }: { item: (typeof ITEMS)[number] }) {
  const on = useApp((s) => s.scene.overlays[item.key]);
  return (
    <label className="check" title={item.title}>
      <input
        type="checkbox"
        checked={on}
        data-testid={`overlay-${item.key}`}
        onChange={(e) => actions().setOverlay(item.key, e.target.checked)}
      />
      {item.label}
    </label>
  );
}

export function OverlayToggles() {
  // Only the switches that mean something for the scene's kind of figure.
  const offered = useApp(
    useShallow((s) =>
      VIEW_KINDS[s.scene.kind].overlays.filter((key) => ONLY_FOR[key]?.(s) ?? true),
    ),
  );
  return (
    <section className="panel-section">
      <h2>Show</h2>
      <div className="toggle-grid">
        {ITEMS.filter((i) => offered.includes(i.key)).map((item) => (
          <Toggle key={item.key} item={item} />
        ))}
      </div>
      <CaptionField />
    </section>
  );
}
