/**
 * The playhead's whole row for React components that show per-step numbers (readout). Uses
 * useSyncExternalStore on the playhead, so a component re-renders when the row changes — not on
 * every animation frame in between.
 */
import { useSyncExternalStore } from 'react';
import { rowAt } from '../store/timeline.ts';
import { appStore } from '../store/hooks.ts';

export function usePlayheadRow(count: number): number {
  const { playhead } = appStore.getState().runtime;
  return useSyncExternalStore(
    (notify) => playhead.subscribe(notify),
    () => rowAt(playhead.position, count),
  );
}
