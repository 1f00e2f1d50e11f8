/**
 * One run in the view. The trajectory reaches the line buffers through a store subscription
 * (not React state), so a slider drag re-lays out the path and requests a frame without
 * re-rendering any component; the ball and trail move in useFrame from the playhead.
 */
import { invalidate, useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { shallow } from 'zustand/shallow';
import { appStore, useApp } from '../../store/hooks.ts';
import { frameOf } from './frame.ts';
import { RunPathObjects } from './runPathObjects.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';

export function RunPath({ runId }: { runId: string }) {
  const color = useApp((s) => s.scene.runs.find((r) => r.id === runId)?.color ?? '#000000');
  const background = useApp((s) => VIEW_THEMES[s.scene.view.theme].background);
  const objects = useMemo(() => new RunPathObjects(), []);
  useEffect(() => () => objects.dispose(), [objects]);

  useEffect(() => {
    objects.setColors(color, background);
    invalidate();
  }, [objects, color, background]);

  useEffect(() => {
    const relayout = (): void => {
      const s = appStore.getState();
      objects.layout(s.trajectories[runId], frameOf(s.surface), s.surface);
      objects.update(s.runtime.playhead.position);
      invalidate();
    };
    relayout();
    return appStore.subscribe((s) => [s.trajectories[runId], s.surface] as const, relayout, {
      equalityFn: shallow,
    });
  }, [objects, runId]);

  useFrame(() => objects.update(appStore.getState().runtime.playhead.position));

  return <primitive object={objects.group} />;
}
