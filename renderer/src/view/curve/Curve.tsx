/**
 * A function of one variable drawn as a curve y = f(x) in the XY plane (not as a degenerate
 * surface), plus an invisible plane that catches shift+clicks to place the start point.
 */
import { useEffect, useMemo } from 'react';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import type { ViewFrame } from '../plot/frame.ts';
import { HEIGHT, PATH_CEILING, rawWorldY, worldX } from '../plot/frame.ts';
import { useApp } from '../../store/hooks.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { usePickStart } from '../plot/usePick.ts';
import { useViewFrame } from '../plot/useViewFrame.ts';

/** Segment list of the curve, broken where f is not finite and clipped a little above the box. */
function curveSegments(surface: SurfaceResult, frame: ViewFrame): number[] {
  const { nx, domain, values, valid } = surface;
  const out: number[] = [];
  const x = (i: number): number => domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (nx - 1);
  for (let i = 0; i + 1 < nx; i++) {
    if (valid[i] !== 1 || valid[i + 1] !== 1) continue;
    const y0 = rawWorldY(frame, values[i]!);
    const y1 = rawWorldY(frame, values[i + 1]!);
    // Both ends far above the box: the curve is off-screen here.
    if (y0 > PATH_CEILING && y1 > PATH_CEILING) continue;
    out.push(
      worldX(frame, x(i)),
      Math.min(y0, PATH_CEILING),
      0,
      worldX(frame, x(i + 1)),
      Math.min(y1, PATH_CEILING),
      0,
    );
  }
  return out;
}

export function Curve() {
  const surface = useApp((s) => s.surface);
  const frame = useViewFrame();
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  const onClick = usePickStart();

  const line = useMemo(() => {
    if (!surface || !frame || surface.ny !== 1) return null;
    const geometry = new LineSegmentsGeometry();
    geometry.setPositions(curveSegments(surface, frame));
    const material = new LineMaterial({ color: theme.label, linewidth: 3 });
    const object = new LineSegments2(geometry, material);
    object.raycast = () => {};
    return object;
  }, [surface, frame, theme]);
  useEffect(
    () => () => {
      line?.geometry.dispose();
      line?.material.dispose();
    },
    [line],
  );

  if (!line || !frame) return null;
  return (
    <group>
      <primitive object={line} />
      <mesh position={[0, HEIGHT / 2, -0.01]} onClick={onClick}>
        <planeGeometry args={[frame.halfX * 2.4, HEIGHT * 1.6]} />
        <meshBasicMaterial transparent opacity={0} depthWrite={false} />
      </mesh>
    </group>
  );
}
