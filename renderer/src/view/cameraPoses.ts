/**
 * Camera poses of the presets, in world units of the normalised box (see lib/frame.ts): the
 * domain spans [-1, 1] horizontally and f spans [0, 1.2] above a floor at −0.35, so one set of
 * poses fits every surface. The distance is chosen so the box (with its labels) fits the
 * canvas at its current aspect ratio.
 */
import type { CameraPreset } from '../../../shared/scene.ts';
import type { Dim } from '../../../shared/types.ts';

export interface CameraPose {
  position: [number, number, number];
  target: [number, number, number];
  /** Vertical field of view in degrees. */
  fov: number;
}

/** Field of view of the perspective presets. */
export const DEFAULT_FOV = 35;
/**
 * The top view uses a narrow field of view from far away: nearly orthographic, so the contour
 * picture is not distorted by the surface rising towards the camera.
 */
const TOP_FOV = 10;

interface PresetShape {
  /** Direction from the target to the camera (any length). */
  direction: [number, number, number];
  target: [number, number, number];
  /** Half width and half height of what must fit on screen, seen from that direction. */
  halfWidth: number;
  halfHeight: number;
}

const SHAPES: Record<CameraPreset | 'curve', PresetShape> = {
  // A hair towards +Z so "up" on screen is world −Z, i.e. math +y.
  top: { direction: [0, 1, 0.0001], target: [0, 0, 0], halfWidth: 1.25, halfHeight: 1.22 },
  front: { direction: [0, 0.12, 1], target: [0, 0.42, 0], halfWidth: 1.3, halfHeight: 1.0 },
  side: { direction: [1, 0.12, 0], target: [0, 0.42, 0], halfWidth: 1.3, halfHeight: 1.0 },
  'three-quarter': {
    direction: [1, 1.05, 1.25],
    target: [0, 0.3, 0],
    halfWidth: 1.55,
    halfHeight: 1.3,
  },
  curve: { direction: [0, 0, 1], target: [0, 0.58, 0], halfWidth: 1.3, halfHeight: 0.88 },
};

/**
 * Where a preset puts the camera, and with which field of view, on a canvas of the given aspect
 * (width / height). 1D curves always use a straight front view.
 */
export function presetPose(preset: CameraPreset, dim: Dim, aspect = 1): CameraPose {
  const shape = SHAPES[dim === 1 ? 'curve' : preset];
  const fovDeg = dim === 2 && preset === 'top' ? TOP_FOV : DEFAULT_FOV;
  const tanV = Math.tan((fovDeg * Math.PI) / 360);
  const tanH = tanV * (aspect > 0 ? aspect : 1);
  // Distance at which both the half width and the half height fit, plus depth margin (the box
  // has thickness towards the camera, which perspective enlarges).
  const depth = dim === 1 ? 0 : fovDeg === TOP_FOV ? 1.3 : 0.6;
  const distance = Math.max(shape.halfHeight / tanV, shape.halfWidth / tanH) + depth;
  const [dx, dy, dz] = shape.direction;
  const length = Math.hypot(dx, dy, dz);
  const [tx, ty, tz] = shape.target;
  return {
    position: [
      tx + (dx / length) * distance,
      ty + (dy / length) * distance,
      tz + (dz / length) * distance,
    ],
    target: [tx, ty, tz],
    fov: fovDeg,
  };
}
