import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { CAMERA_PRESETS } from '../../../../shared/scene/document.ts';
import { FLOOR_Y, HEIGHT } from './frame.ts';
import { curvePose, surfacePose } from './cameraPoses.ts';

/** Where the box's corners land on screen (normalised device coordinates) for a pose. */
function cornersOnScreen(preset: (typeof CAMERA_PRESETS)[number], aspect: number): Vector3[] {
  const pose = surfacePose(preset, aspect);
  const camera = new PerspectiveCamera(pose.fov, aspect, 0.01, 200);
  camera.position.set(...pose.position);
  camera.lookAt(new Vector3(...pose.target));
  camera.updateMatrixWorld();
  const out: Vector3[] = [];
  for (const x of [-1, 1])
    for (const y of [FLOOR_Y, HEIGHT])
      for (const z of [-1, 1]) out.push(new Vector3(x, y, z).project(camera));
  return out;
}

describe('surfacePose', () => {
  for (const preset of CAMERA_PRESETS) {
    for (const aspect of [0.6, 1, 16 / 9, 2.4]) {
      it(`${preset} at aspect ${aspect.toFixed(2)}: the whole box is on screen and fills it`, () => {
        const points = cornersOnScreen(preset, aspect);
        for (const p of points) {
          expect(Math.abs(p.x)).toBeLessThan(0.97);
          expect(Math.abs(p.y)).toBeLessThan(0.97);
        }
        // Not lost in the middle: it spans most of the tighter direction.
        const spanX = Math.max(...points.map((p) => p.x)) - Math.min(...points.map((p) => p.x));
        const spanY = Math.max(...points.map((p) => p.y)) - Math.min(...points.map((p) => p.y));
        expect(Math.max(spanX, spanY)).toBeGreaterThan(1.4);
        // Centred: as much margin on the left as on the right, at the top as at the bottom.
        const midX =
          (Math.max(...points.map((p) => p.x)) + Math.min(...points.map((p) => p.x))) / 2;
        const midY =
          (Math.max(...points.map((p) => p.y)) + Math.min(...points.map((p) => p.y))) / 2;
        expect(Math.abs(midX)).toBeLessThan(0.15);
        expect(Math.abs(midY)).toBeLessThan(0.15);
      });
    }
  }

  it('1D curves face the camera straight on', () => {
    const pose = curvePose(16 / 9);
    expect(pose.position[0]).toBe(pose.target[0]);
    expect(pose.position[1]).toBe(pose.target[1]);
    expect(pose.position[2]).toBeGreaterThan(pose.target[2]);
  });
});
