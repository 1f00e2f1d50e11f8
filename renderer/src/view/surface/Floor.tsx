/**
 * The floor under the surface: carries the projected contours and catches shift+clicks that
 * miss the surface (so a start point can be placed anywhere in the domain).
 */
import { FLOOR_Y } from '../plot/frame.ts';
import { useApp } from '../../store/hooks.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { usePickStart } from '../plot/usePick.ts';
import { useViewOptions } from '../canvas/viewOptions.ts';
import { useViewFrame } from '../plot/useViewFrame.ts';

export function Floor() {
  const frame = useViewFrame();
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  const onClick = usePickStart();
  // A transparent export shows the surface alone.
  const { transparent } = useViewOptions();
  if (!frame || frame.dim !== 2 || transparent) return null;
  return (
    // Drawn first: three.js orders opaque meshes by material id before depth, so a floor whose
    // material is younger than the floor contours' would be drawn over them (they lie only
    // 0.002 above it, within depth precision) and hide them.
    <mesh
      position={[0, FLOOR_Y, 0]}
      rotation={[-Math.PI / 2, 0, 0]}
      onClick={onClick}
      renderOrder={-1}
    >
      <planeGeometry args={[frame.halfX * 2, frame.halfZ * 2]} />
      <meshBasicMaterial color={theme.floor} />
    </mesh>
  );
}
