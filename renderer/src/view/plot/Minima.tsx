/** Markers at the known minima of built-in surfaces (white dots with a dark rim). */
import { useMemo } from 'react';
import { BackSide, SphereGeometry } from 'three';
import { worldX, worldY, worldZ } from './frame.ts';
import { useApp } from '../../store/hooks.ts';
import { useViewFrame } from './useViewFrame.ts';

const GEOMETRY = new SphereGeometry(1, 16, 12);

export function Minima() {
  const frame = useViewFrame();
  const minima = useApp((s) => s.info?.minima);
  const show = useApp((s) => s.scene.overlays.minima);
  const points = useMemo(() => {
    if (!frame || !minima) return [];
    return minima
      .filter((m) => m.point.length === frame.dim)
      .map((m) => ({
        key: m.point.join(','),
        position: [
          worldX(frame, m.point[0]!),
          worldY(frame, m.value) + (frame.dim === 2 ? 0.012 : 0),
          worldZ(frame, m.point[1] ?? 0),
        ] as [number, number, number],
        global: m.kind === 'global',
      }));
  }, [frame, minima]);
  if (!show) return null;
  return (
    <group>
      {points.map((p) => (
        <group key={p.key} position={p.position}>
          <mesh geometry={GEOMETRY} scale={0.024} raycast={() => null}>
            {/* Back faces only: a dark rim around the white dot. */}
            <meshBasicMaterial color="#111111" side={BackSide} />
          </mesh>
          <mesh geometry={GEOMETRY} scale={0.017} raycast={() => null} renderOrder={1}>
            <meshBasicMaterial color={p.global ? '#ffffff' : '#d9d9d9'} />
          </mesh>
        </group>
      ))}
    </group>
  );
}
