/**
 * The view kinds, by the scene document's `kind`. Adding a kind of figure is one folder under
 * view/ and one line here.
 * @see ./viewKind.ts for what a kind provides.
 */
import type { Overlays, Scene, SceneKind } from '../../../shared/scene/document.ts';
import { curveView } from './curve/curveKind.tsx';
import { activationsView } from './figure/activations/index.ts';
import { derivativesView } from './figure/derivatives/index.ts';
import { graphView } from './figure/graph/index.ts';
import { integralView } from './figure/integral/index.ts';
import { jacobianView } from './figure/jacobian/index.ts';
import { secantView } from './figure/secant/index.ts';
import { surfaceView } from './surface/surfaceKind.tsx';
import type { Projection, ViewKind } from './viewKind.ts';

export const VIEW_KINDS: Readonly<Record<SceneKind, ViewKind>> = {
  surface: surfaceView,
  curve: curveView,
  secant: secantView,
  derivatives: derivativesView,
  graph: graphView,
  activations: activationsView,
  jacobian: jacobianView,
  integral: integralView,
};

/** The kind that draws `scene`. */
export function viewKindOf(scene: Scene): ViewKind {
  return VIEW_KINDS[scene.kind];
}

/** The projection `scene`'s camera uses (for the DOM and tests; the rig applies it). */
export function projectionOf(scene: Scene): Projection {
  const kind = viewKindOf(scene);
  return kind.projection ? kind.projection(scene.camera) : kind.pose(scene.camera, 1).projection;
}

/** Whether `scene` shows an overlay: switched on, and offered by its kind of figure. */
export function overlayShown(scene: Scene, key: keyof Overlays): boolean {
  return scene.overlays[key] && viewKindOf(scene).overlays.includes(key);
}
