/**
 * The lit surface z = f(x, y), coloured by height with viridis, plus an optional wireframe.
 * Geometry is rebuilt only when a new grid arrives and disposed when replaced.
 */
import { useEffect, useMemo } from 'react';
import { DoubleSide } from 'three';
import { useApp } from '../../store/hooks.ts';
import { buildSurfaceGeometry, buildWireframeGeometry } from './surfaceGeometry.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { usePickStart } from '../plot/usePick.ts';
import { useViewFrame } from '../plot/useViewFrame.ts';

export function SurfaceMesh() {
  const surface = useApp((s) => s.surface);
  const frame = useViewFrame();
  const wireframe = useApp((s) => s.scene.overlays.wireframe);
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  const onClick = usePickStart();

  const geometry = useMemo(
    () => (surface && frame && surface.ny > 1 ? buildSurfaceGeometry(surface, frame) : null),
    [surface, frame],
  );
  const wire = useMemo(
    () =>
      wireframe && surface && frame && surface.ny > 1
        ? buildWireframeGeometry(surface, frame)
        : null,
    [wireframe, surface, frame],
  );
  useEffect(() => () => geometry?.dispose(), [geometry]);
  useEffect(() => () => wire?.dispose(), [wire]);

  if (!geometry) return null;
  return (
    <group>
      <mesh geometry={geometry} onClick={onClick}>
        <meshLambertMaterial
          vertexColors
          side={DoubleSide}
          // Pushed back a little so contour lines and paths drawn on it win the depth test.
          polygonOffset
          polygonOffsetFactor={1}
          polygonOffsetUnits={1}
        />
      </mesh>
      {wire && (
        <lineSegments geometry={wire} raycast={() => null}>
          <lineBasicMaterial
            color={theme.wireframe}
            transparent
            opacity={0.25}
            depthWrite={false}
          />
        </lineSegments>
      )}
    </group>
  );
}
