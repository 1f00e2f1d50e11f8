/**
 * Contour lines: on the surface (dark, translucent, so they read over any colour) and projected
 * onto the floor (coloured by level), where the gradient's right angle to them is easiest to see.
 */
import { useEffect, useMemo } from 'react';
import { FLOOR_Y } from '../plot/frame.ts';
import { useApp } from '../../store/hooks.ts';
import { buildContourGeometry } from './surfaceGeometry.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { useViewFrame } from '../plot/useViewFrame.ts';

export function Contours() {
  const surface = useApp((s) => s.surface);
  const frame = useViewFrame();
  const onSurface = useApp((s) => s.scene.overlays.contours);
  const onFloor = useApp((s) => s.scene.overlays.floorContours);
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);

  const surfaceLines = useMemo(
    () =>
      onSurface && surface && frame && surface.ny > 1
        ? buildContourGeometry(surface, frame, 'surface', 0)
        : null,
    [onSurface, surface, frame],
  );
  const floorLines = useMemo(
    () =>
      onFloor && surface && frame && surface.ny > 1
        ? buildContourGeometry(surface, frame, 'floor', FLOOR_Y + 0.002)
        : null,
    [onFloor, surface, frame],
  );
  useEffect(() => () => surfaceLines?.dispose(), [surfaceLines]);
  useEffect(() => () => floorLines?.dispose(), [floorLines]);

  return (
    <group>
      {surfaceLines && (
        <lineSegments geometry={surfaceLines} raycast={() => null}>
          <lineBasicMaterial
            color={theme.contour}
            transparent
            opacity={theme.contourOpacity}
            depthWrite={false}
          />
        </lineSegments>
      )}
      {floorLines && (
        <lineSegments geometry={floorLines} raycast={() => null}>
          <lineBasicMaterial vertexColors />
        </lineSegments>
      )}
    </group>
  );
}
