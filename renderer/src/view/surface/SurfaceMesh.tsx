/**
 * The surface z = f(x, y), coloured by height with viridis through the scene's colour scale,
 * plus an optional wireframe. Lit in 3D; in the top view, a flat map, it is drawn unlit so every
 * colour is exactly the colour bar's for that height. Geometry is rebuilt only when a new grid
 * or colour scale arrives and disposed when replaced.
 */
import { addAfterEffect } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { DoubleSide } from 'three';
import { useApp } from '../../store/hooks.ts';
import { buildSurfaceGeometry, buildWireframeGeometry } from './surfaceGeometry.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { markFirstPicture } from '../firstPicture.ts';
import { usePickStart } from '../plot/usePick.ts';
import { useViewFrame } from '../plot/useViewFrame.ts';
import { useColorMapping } from './useColorMapping.ts';

/**
 * Performance mark set after the first frame that drew a surface (once per page): the end of
 * the "first picture" that bench/first-picture.bench.ts measures from navigation.
 */
export const FIRST_SURFACE_MARK = 'descent:first-surface';
let firstSurfaceMarked = false;

export function SurfaceMesh() {
  const surface = useApp((s) => s.surface);
  const frame = useViewFrame();
  const mapping = useColorMapping();
  const wireframe = useApp((s) => s.scene.overlays.wireframe);
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  const map = useApp(
    (s) => s.scene.camera.preset === 'top' && s.scene.camera.position === undefined,
  );
  const onClick = usePickStart();

  const geometry = useMemo(
    () =>
      surface && frame && mapping && surface.ny > 1
        ? buildSurfaceGeometry(surface, frame, mapping)
        : null,
    [surface, frame, mapping],
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
  useEffect(() => {
    if (!geometry || firstSurfaceMarked) return;
    // After the next rendered frame: the mesh is mounted by now, so that frame draws it.
    const remove = addAfterEffect(() => {
      if (!firstSurfaceMarked && typeof performance?.mark === 'function') {
        performance.mark(FIRST_SURFACE_MARK);
      }
      firstSurfaceMarked = true;
      markFirstPicture();
      remove();
    });
    return remove;
  }, [geometry]);

  if (!geometry) return null;
  // Pushed back a little so contour lines and paths drawn on it win the depth test.
  const offset = { polygonOffset: true, polygonOffsetFactor: 1, polygonOffsetUnits: 1 };
  return (
    <group>
      <mesh geometry={geometry} onClick={onClick}>
        {map ? (
          <meshBasicMaterial key="flat" vertexColors side={DoubleSide} {...offset} />
        ) : (
          <meshLambertMaterial key="lit" vertexColors side={DoubleSide} {...offset} />
        )}
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
