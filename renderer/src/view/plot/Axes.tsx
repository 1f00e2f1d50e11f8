/**
 * Axes, ticks and labels for the current frame (3D box or 1D graph axes), laid out again for the
 * camera whenever it or the canvas changes (which edges carry the labels, which labels have
 * room; see axesObjects.ts). The layout runs before the other frame callbacks, so anything
 * placed around the ticks (the point labels) sees this frame's ticks.
 */
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { useApp } from '../../store/hooks.ts';
import { AxesObjects } from './axesObjects.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { useViewFrame } from './useViewFrame.ts';

const XY = ['x', 'y'];

export function Axes() {
  const frame = useViewFrame();
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  const variables = useApp((s) => s.info?.variables ?? XY);
  const visible = useApp((s) => s.scene.overlays.axes);
  const axes = useMemo(
    () => (frame ? new AxesObjects(frame, theme, variables) : null),
    [frame, theme, variables],
  );
  useEffect(() => () => axes?.dispose(), [axes]);
  useFrame(({ camera, size }) => {
    if (!axes || !visible) return;
    camera.updateMatrixWorld();
    axes.layout(camera, size.width, size.height);
  }, -1);
  if (!axes || !visible) return null;
  return <primitive object={axes.group} />;
}
