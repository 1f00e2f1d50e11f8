/**
 * The scene's imported paths (a training trajectory projected onto a landscape's plane), drawn
 * like runs: faint whole path, solid travelled part, a ball stepping one point per timeline step.
 */
import { invalidate, useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { shallow } from 'zustand/shallow';
import { appStore, useApp } from '../../store/hooks.ts';
import { FRAME_ORDER } from '../canvas/FrameHooks.tsx';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { useViewOptions } from '../canvas/viewOptions.ts';
import { frameOf } from './frame.ts';
import { importedPathTrajectory } from './importedPath.ts';
import { useBoardLabels } from './LabelLayer.tsx';
import { RunPathObjects } from './runPathObjects.ts';

function ImportedPath({ pathId }: { pathId: string }) {
  const color = useApp((s) => s.scene.paths?.find((p) => p.id === pathId)?.color ?? '#000000');
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
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
      const path = s.scene.paths?.find((p) => p.id === pathId);
      const rows = path ? importedPathTrajectory(path, s.surface) : undefined;
      objects.layout(rows, frameOf(s.surface), s.surface);
      objects.update(s.runtime.playhead.position);
      invalidate();
    };
    relayout();
    return appStore.subscribe(
      (s) => [s.scene.paths?.find((p) => p.id === pathId), s.surface] as const,
      relayout,
      { equalityFn: shallow },
    );
  }, [objects, pathId]);

  useFrame(
    () => objects.update(appStore.getState().runtime.playhead.position),
    FRAME_ORDER.objects,
  );

  return <primitive object={objects.group} />;
}

export function ImportedPaths() {
  const ids = useApp(
    useShallow((s) => (s.scene.paths ?? []).filter((p) => p.visible).map((p) => p.id)),
  );
  return (
    <group>
      {ids.map((id) => (
        <ImportedPath key={id} pathId={id} />
      ))}
    </group>
  );
}
