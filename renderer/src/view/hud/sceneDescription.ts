/**
 * The 3D view in words, for screen readers: what is drawn (kind, f, domain), the runs and how
 * each ended, and the current step with the selected run's point and value. The canvas itself
 * is only pixels; this is its text alternative.
 */
import { optimizerLabel, runLabel } from '../../../../shared/scene/runName.ts';
import { COL, STRIDE } from '../../../../shared/types.ts';
import { timelineEnd } from '../../../../shared/scene/document.ts';
import { currentInfo } from '../../store/problemInfo.ts';
import { describeFigure } from '../figure/describe.ts';
import { rowAt } from '../../store/timeline.ts';
import type { AppState } from '../../store/types.ts';

/** Six significant digits, no trailing zeros: short to hear, exact enough to check. */
const n = (v: number): string => String(Number(v.toPrecision(6)));

/** One paragraph describing the view at playhead `position`. */
export function describeScene(state: AppState, position: number): string {
  const { scene, trajectories } = state;
  const figure = describeFigure(scene, position, timelineEnd(scene));
  if (figure !== null) return figure;
  const info = currentInfo(state);
  const vars = info?.variables ?? (scene.kind === 'curve' ? ['x'] : ['x', 'y']);
  const parts: string[] = [];
  const what = scene.kind === 'curve' ? 'Curve' : 'Surface';
  const f = info ? `f(${vars.join(', ')}) = ${info.expression}` : 'f (still being computed)';
  const { x, y } = scene.domain;
  const box =
    scene.kind === 'curve'
      ? `for x from ${n(x[0])} to ${n(x[1])}`
      : `over x from ${n(x[0])} to ${n(x[1])} and y from ${n(y[0])} to ${n(y[1])}`;
  parts.push(`${what} of ${f}, ${box}.`);

  const visible = scene.runs.filter((r) => r.visible);
  if (visible.length === 0) parts.push('No runs are shown.');
  for (const run of visible) {
    const t = trajectories[run.id];
    const outcome = !t
      ? 'not computed yet'
      : t.error
        ? `cannot start: ${t.error}`
        : t.status === 'diverged'
          ? `diverges at step ${t.divergedAt ?? t.count}`
          : t.status === 'converged'
            ? `converges at step ${t.convergedAt}`
            : `runs ${run.steps} steps`;
    parts.push(
      `Run ${runLabel(run)}: ${optimizerLabel(run)}, learning rate ${n(run.params.lr)}, ${outcome}.`,
    );
  }

  const selected = scene.runs.find((r) => r.id === scene.selectedRunId);
  const t = selected ? trajectories[selected.id] : undefined;
  if (selected && t && t.count > 0) {
    const k = rowAt(position, t.count);
    const b = k * STRIDE;
    const point = vars.map((_, i) => n(t.data[b + (i === 0 ? COL.x : COL.y)]!)).join(', ');
    parts.push(
      `At step ${k} of ${t.count - 1}, ${runLabel(selected)} is at (${point}) where f = ${n(t.data[b + COL.f]!)}.`,
    );
  }
  return parts.join(' ');
}
