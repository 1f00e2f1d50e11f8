/**
 * Camera poses of the presets, in world units of the normalised box (see frame.ts): the
 * domain spans [-1, 1] horizontally and f spans [0, 1.2] above a floor at −0.35, so one set of
 * poses fits every surface. The distance is chosen so the box (with its labels) fits the
 * canvas at its current aspect ratio.
 */
import type { CameraPreset } from '../../../../shared/scene/document.ts';
import type { CameraPose } from '../viewKind.ts';

/** Field of view of the perspective presets. */
export const DEFAULT_FOV = 35;
/**
 * The top view uses a narrow field of view from far away: nearly orthographic, so the contour
 * picture is not distorted by the surface rising towards the camera.
 */
const TOP_FOV = 10;

/** How a preset looks at the box. */
interface PresetShape {
  /** Direction from the target to the camera (any length). */
  direction: [number, number, number];
  /** Field of view (degrees). */
  fov: number;
}

const SHAPES: Record<CameraPreset, PresetShape> = {
  // A hair towards +Z so "up" on screen is world −Z, i.e. math +y.
  top: { direction: [0, 1, 0.0001], fov: TOP_FOV },
  front: { direction: [0, 0.12, 1], fov: DEFAULT_FOV },
  side: { direction: [1, 0.12, 0], fov: DEFAULT_FOV },
  'three-quarter': { direction: [1, 1.05, 1.25], fov: DEFAULT_FOV },
};

/**
 * What must be on screen for a surface: the box from the floor (y = −0.35) to the top of the
 * height range (1.2), widened on every side for the tick labels, axis names and the f(x, y)
 * title (see axesObjects.ts).
 */
const FIT_X: [number, number] = [-1.32, 1.12];
const FIT_Y: [number, number] = [-0.4, 1.42];
const FIT_Z: [number, number] = [-1.12, 1.3];
const FIT_POINTS: [number, number, number][] = [];
for (const x of FIT_X) for (const y of FIT_Y) for (const z of FIT_Z) FIT_POINTS.push([x, y, z]);
/** Share of the half-width and half-height the fitted points may use (the rest is margin). */
const FILL = 0.94;

/** The 1D front view: the curve's plot area, seen straight on. */
const CURVE = {
  target: [0, 0.58, 0] as [number, number, number],
  halfWidth: 1.3,
  halfHeight: 0.88,
};

const dot = (a: number[], b: number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

function normalize(v: number[]): [number, number, number] {
  const n = Math.hypot(v[0]!, v[1]!, v[2]!);
  return [v[0]! / n, v[1]! / n, v[2]! / n];
}

/** The curve's straight front view, fitted to a canvas of `aspect` (width / height). */
export function curvePose(aspect = 1): CameraPose {
  const a = aspect > 0 ? aspect : 1;
  const tanV = Math.tan((DEFAULT_FOV * Math.PI) / 360);
  const distance = Math.max(CURVE.halfHeight / tanV, CURVE.halfWidth / (tanV * a));
  const [tx, ty, tz] = CURVE.target;
  return { position: [tx, ty, tz + distance], target: [tx, ty, tz], fov: DEFAULT_FOV };
}

/**
 * Where a surface preset puts the camera, and with which field of view, on a canvas of the
 * given aspect (width / height). The camera looks along the preset's direction, at the
 * distance where every point of the labelled box lands inside the view, and aimed so the box
 * is centred on screen (a box seen from above its floor projects lower than its centre, and
 * wide canvases cut the floor's near corner otherwise).
 */
export function surfacePose(preset: CameraPreset, aspect = 1): CameraPose {
  const a = aspect > 0 ? aspect : 1;
  const shape = SHAPES[preset];
  const tanV = Math.tan((shape.fov * Math.PI) / 360) * FILL;
  const tanH = tanV * a;
  // Camera basis: `back` points from the target to the camera.
  const back = normalize(shape.direction);
  const right = normalize([back[2], 0, -back[0]]);
  // Looking straight down, "right" from the cross product with world up degenerates.
  if (!Number.isFinite(right[0])) right.splice(0, 3, 1, 0, 0);
  const up = normalize([
    back[1] * right[2] - back[2] * right[1],
    back[2] * right[0] - back[0] * right[2],
    back[0] * right[1] - back[1] * right[0],
  ]);
  // Start at the box's middle; fit the distance, move the target so the projected box is
  // centred, and fit again (moving it changes the fit a little, hence the passes).
  let target: [number, number, number] = [0, (FIT_Y[0] + FIT_Y[1]) / 2, 0];
  let distance = 0;
  for (let pass = 0; pass < 3; pass++) {
    distance = 0;
    for (const p of FIT_POINTS) {
      const v = [p[0] - target[0], p[1] - target[1], p[2] - target[2]];
      const along = dot(v, back);
      distance = Math.max(
        distance,
        along + Math.abs(dot(v, right)) / tanH,
        along + Math.abs(dot(v, up)) / tanV,
      );
    }
    if (pass === 2) break;
    // Screen extent (as tangents) of the box from there; centre it.
    let lowU = Infinity;
    let highU = -Infinity;
    let lowR = Infinity;
    let highR = -Infinity;
    for (const p of FIT_POINTS) {
      const v = [p[0] - target[0], p[1] - target[1], p[2] - target[2]];
      const depth = distance - dot(v, back);
      const u = dot(v, up) / depth;
      const r = dot(v, right) / depth;
      lowU = Math.min(lowU, u);
      highU = Math.max(highU, u);
      lowR = Math.min(lowR, r);
      highR = Math.max(highR, r);
    }
    // Shift by the offset of the extent's middle, at the target's depth.
    const shiftU = ((lowU + highU) / 2) * distance;
    const shiftR = ((lowR + highR) / 2) * distance;
    target = [
      target[0] + up[0] * shiftU + right[0] * shiftR,
      target[1] + up[1] * shiftU + right[1] * shiftR,
      target[2] + up[2] * shiftU + right[2] * shiftR,
    ];
  }
  return {
    position: [
      target[0] + back[0] * distance,
      target[1] + back[1] * distance,
      target[2] + back[2] * distance,
    ],
    target,
    fov: shape.fov,
  };
}
