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
import { HEIGHT, rawWorldY, worldX } from '../plot/frame.ts';
import { useApp } from '../../store/hooks.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { usePickStart } from '../plot/usePick.ts';
import { useViewFrame } from '../plot/useViewFrame.ts';

/**
 * Segment list of the curve, broken where f is not finite and cut to the plot box: where the
 * curve rises above the box's top it ends on the top edge, like the paths drawn over it.
 */
function curveSegments(surface: SurfaceResult, frame: ViewFrame): number[] {
  const { nx, domain, values, valid } = surface;
  const out: number[] = [];
  const x = (i: number): number => domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (nx - 1);
  for (let i = 0; i + 1 < nx; i++) {
    if (valid[i] !== 1 || valid[i + 1] !== 1) continue;
    let x0 = worldX(frame, x(i));
    let x1 = worldX(frame, x(i + 1));
    let y0 = rawWorldY(frame, values[i]!);
    let y1 = rawWorldY(frame, values[i + 1]!);
    if (y0 > HEIGHT && y1 > HEIGHT) continue;
    // One end above the top: end the piece where it crosses the top.
    if (y0 > HEIGHT) {
      x0 += ((x1 - x0) * (y0 - HEIGHT)) / (y0 - y1);
      y0 = HEIGHT;
    } else if (y1 > HEIGHT) {
      x1 = x0 + ((x1 - x0) * (HEIGHT - y0)) / (y1 - y0);
      y1 = HEIGHT;
    }
    out.push(x0, Math.max(0, y0), 0, x1, Math.max(0, y1), 0);
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
