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
import { useBoardLabels } from './LabelLayer.tsx';
import { RunPathObjects } from './runPathObjects.ts';
import { FRAME_ORDER } from '../canvas/FrameHooks.tsx';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { useViewOptions } from '../canvas/viewOptions.ts';

export function RunPath({ runId }: { runId: string }) {
  const color = useApp((s) => s.scene.runs.find((r) => r.id === runId)?.color ?? '#000000');
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  // An export may reveal the paths even when the scene does not (its own setting).
  const forced = useViewOptions().reveal === true;
  const reveal = useApp((s) => s.scene.view.reveal) || forced;
  const objects = useMemo(() => new RunPathObjects(), []);
  useEffect(() => () => objects.dispose(), [objects]);
  useBoardLabels(objects.markerLabel);

  useEffect(() => {
    objects.setColors(color, theme);
    invalidate();
  }, [objects, color, theme]);

  useEffect(() => {
    objects.setReveal(reveal);
    invalidate();
  }, [objects, reveal]);

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

  useFrame(
    () => objects.update(appStore.getState().runtime.playhead.position),
    FRAME_ORDER.objects,
  );

  return <primitive object={objects.group} />;
}
