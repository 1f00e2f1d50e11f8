/**
 * The floor under the surface: carries the projected contours and catches shift+clicks that
 * miss the surface (so a start point can be placed anywhere in the domain).
 */
import { FLOOR_Y } from '../lib/frame.ts';
import { useApp } from '../store/hooks.ts';
import { VIEW_THEMES } from './theme.ts';
import { usePickStart } from './usePick.ts';

export function Floor() {
  const frame = useApp((s) => s.frame);
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  const onClick = usePickStart();
  if (!frame || frame.dim !== 2) return null;
  return (
    // Named so a transparent export can leave it out (export/offscreen.tsx).
    <mesh name="floor" position={[0, FLOOR_Y, 0]} rotation={[-Math.PI / 2, 0, 0]} onClick={onClick}>
      <planeGeometry args={[frame.halfX * 2, frame.halfZ * 2]} />
      <meshBasicMaterial color={theme.floor} />
    </mesh>
  );
}
