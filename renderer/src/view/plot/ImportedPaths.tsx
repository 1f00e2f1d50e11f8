/**
 * Paths that are not runs, drawn like runs (faint whole path, solid travelled part, a ball
 * stepping one point per timeline step): the scene's imported paths (a training trajectory
 * projected onto a landscape's plane) and, on a network's slice, its own training path.
 */
import { invalidate, useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { shallow } from 'zustand/shallow';
import type { PathDoc } from '../../../../shared/scene/document.ts';
import { appStore, useApp } from '../../store/hooks.ts';
import { trainingPath } from '../../store/trainingPath.ts';
import type { AppState } from '../../store/types.ts';
import { FRAME_ORDER } from '../canvas/FrameHooks.tsx';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { useViewOptions } from '../canvas/viewOptions.ts';
import { frameOf } from './frame.ts';
import { importedPathTrajectory } from './importedPath.ts';
import { useBoardLabels } from './LabelLayer.tsx';
import { RunPathObjects } from './runPathObjects.ts';

type SelectPath = (s: AppState) => PathDoc | undefined;

function PathLayer({ select }: { select: SelectPath }) {
  const color = useApp((s) => select(s)?.color ?? '#000000');
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
      const path = select(s);
      const rows = path ? importedPathTrajectory(path, s.surface) : undefined;
      objects.layout(rows, frameOf(s.surface), s.surface);
      objects.update(s.runtime.playhead.position);
      invalidate();
    };
    relayout();
    return appStore.subscribe((s) => [select(s), s.surface] as const, relayout, {
      equalityFn: shallow,
    });
  }, [objects, select]);

  useFrame(
    () => objects.update(appStore.getState().runtime.playhead.position),
    FRAME_ORDER.objects,
  );

  return <primitive object={objects.group} />;
}

/** One stable selector per imported path id (a new function would re-subscribe every render). */
const selectors = new Map<string, SelectPath>();
function selectImported(id: string): SelectPath {
  let select = selectors.get(id);
  if (!select) {
    select = (s) => s.scene.paths?.find((p) => p.id === id);
    selectors.set(id, select);
  }
  return select;
}

export function ImportedPaths() {
  const ids = useApp(
    useShallow((s) => (s.scene.paths ?? []).filter((p) => p.visible).map((p) => p.id)),
  );
  const training = useApp((s) => trainingPath(s) !== undefined);
  return (
    <group>
      {ids.map((id) => (
        <PathLayer key={id} select={selectImported(id)} />
      ))}
      {training && <PathLayer key="training" select={trainingPath} />}
    </group>
  );
}
