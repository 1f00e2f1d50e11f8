/**
 * Click-to-place points: a shift+click on the surface, the floor or the curve's plane (or any
 * click while "Pick start" is on) moves the selected run's start there; an alt+click puts the
 * Taylor probe (where the tangent estimate is compared with f) there. Points are kept inside the
 * domain: a click beyond it (the curve's click plane is wider than the plot) lands on its edge.
 */
import type { ThreeEvent } from '@react-three/fiber';
import { useCallback } from 'react';
import { frameOf, mathX, mathY } from './frame.ts';
import { clampToDomain } from './plotBox.ts';
import { appStore } from '../../store/hooks.ts';

/** Pointer travel (px) above which a click was really an orbit drag. */
const CLICK_SLOP = 5;

/** Rounds a coordinate to about 1/1000 of the domain span, so starts read well in the fields. */
function tidy(value: number, span: number): number {
  const step = Math.pow(10, Math.floor(Math.log10(span / 1000)));
  return Math.round(value / step) * step;
}

/** Returns an onClick handler for pickable objects. */
export function usePickStart(): (event: ThreeEvent<MouseEvent>) => void {
  return useCallback((event: ThreeEvent<MouseEvent>) => {
    const state = appStore.getState();
    const { scene, pickStart } = state;
    const frame = frameOf(state.surface);
    const probe = event.nativeEvent.altKey;
    if (!frame || !(pickStart || event.nativeEvent.shiftKey || probe)) return;
    if (event.delta > CLICK_SLOP) return;
    const run = scene.runs.find((r) => r.id === scene.selectedRunId);
    if (!run && !probe) {
      state.notify('info', 'Add a run first: the start point belongs to the selected run.');
      return;
    }
    event.stopPropagation();
    const { domain } = frame;
    const x = Number(tidy(mathX(frame, event.point.x), domain.x[1] - domain.x[0]).toPrecision(12));
    const start = clampToDomain(
      frame.dim === 1
        ? [x]
        : [x, Number(tidy(mathY(frame, event.point.z), domain.y[1] - domain.y[0]).toPrecision(12))],
      domain,
    );
    if (probe) {
      state.setProbe(start);
      return;
    }
    if (run) state.updateRun(run.id, { start });
    state.setPickStart(false);
  }, []);
}
