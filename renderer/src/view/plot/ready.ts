/**
 * When a function plot (surface or curve) has everything it draws: the current f described,
 * its grid computed and a trajectory for every visible run.
 */
import { currentInfo } from '../../store/problemInfo.ts';
import type { AppState } from '../../store/types.ts';

export function plotReady(state: AppState): boolean {
  if (!currentInfo(state) || !state.surface) return false;
  for (const run of state.scene.runs) {
    if (run.visible && !state.trajectories[run.id]) return false;
  }
  return true;
}
