/** Axes, ticks and labels for the current frame (3D box or 1D graph axes). */
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
  const topDown = useApp(
    (s) => s.scene.camera.preset === 'top' && s.scene.camera.position === undefined,
  );
  const axes = useMemo(
    () => (frame ? new AxesObjects(frame, theme, variables, !topDown) : null),
    [frame, theme, variables, topDown],
  );
  useEffect(() => () => axes?.dispose(), [axes]);
  if (!axes || !visible) return null;
  return <primitive object={axes.group} />;
}
