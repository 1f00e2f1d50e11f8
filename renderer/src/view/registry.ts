/**
 * The view kinds, by the scene document's `kind`. Adding a kind of figure is one folder under
 * view/ and one line here.
 * @see ./viewKind.ts for what a kind provides.
 */
import type { Scene, SceneKind } from '../../../shared/scene/document.ts';
import { curveView } from './curve/curveKind.tsx';
import { surfaceView } from './surface/surfaceKind.tsx';
import type { ViewKind } from './viewKind.ts';

export const VIEW_KINDS: Readonly<Record<SceneKind, ViewKind>> = {
  surface: surfaceView,
  curve: curveView,
};

/** The kind that draws `scene`. */
export function viewKindOf(scene: Scene): ViewKind {
  return VIEW_KINDS[scene.kind];
}
