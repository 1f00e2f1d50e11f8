/**
 * Whether a store change can change the 3D picture by itself. The view redraws on demand, and
 * most of it follows the store through React, but overlays read the store in useFrame, so the
 * view used to redraw after every change. Two kinds of change cannot alter the picture, and a
 * redraw for them during a slider drag costs a whole frame before the new paths can be drawn:
 *
 * - panel-only state (a slider held, a notice, a dialog, the HUD, solver error messages, undo
 *   history and saved-state bookkeeping);
 * - a run's hyperparameters, start or step count: they reach the view only as new
 *   trajectories, which are a change of their own.
 *
 * Anything else, including keys this list does not know, counts as a change.
 */
import type { RunDoc } from '../../../../shared/scene/document.ts';
import type { AppState } from '../../store/types.ts';

const PANEL_ONLY = new Set<string>([
  'sliding',
  'notice',
  'dialog',
  'hudOpen',
  'errors',
  // Document bookkeeping: the scene itself is compared below.
  'history',
  'revision',
  'savedRevision',
  'documentFile',
]);

/** Run fields the view draws directly (the rest act through the solver). */
function sameDrawnRuns(a: readonly RunDoc[], b: readonly RunDoc[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.id !== y.id || x.visible !== y.visible || x.color !== y.color || x.name !== y.name)
      return false;
  }
  return true;
}

export function changesPicture(next: AppState, previous: AppState): boolean {
  for (const key of Object.keys(next) as (keyof AppState)[]) {
    if (next[key] === previous[key] || PANEL_ONLY.has(key)) continue;
    if (key !== 'scene') return true;
    const a = next.scene;
    const b = previous.scene;
    for (const field of Object.keys(a) as (keyof typeof a)[]) {
      if (a[field] === b[field]) continue;
      if (field === 'runs' && sameDrawnRuns(a.runs, b.runs)) continue;
      return true;
    }
  }
  return false;
}
