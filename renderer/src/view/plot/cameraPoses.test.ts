import { OrthographicCamera, PerspectiveCamera, Vector3 } from 'three';
import type { Camera } from 'three';
import { describe, expect, it } from 'vitest';
import { CAMERA_PRESETS } from '../../../../shared/scene/document.ts';
import type { CameraPreset } from '../../../../shared/scene/document.ts';
import { PX_PER_HEIGHT_UNIT, textScale } from '../canvas/text.ts';
import type { CameraPose } from '../viewKind.ts';
import { FLOOR_Y, HEIGHT } from './frame.ts';
import {
  AXIS_TEXT,
  curvePose,
  FORMULA_BAND,
  orthoHalfHeight,
  presetProjection,
  surfacePose,
} from './cameraPoses.ts';
import { axisPlacement, labelCenter } from './ticks.ts';

/** A three.js camera set up as the camera rig would for `pose` on a canvas of `aspect`. */
function cameraFor(pose: CameraPose, aspect: number): Camera {
  const target = new Vector3(...pose.target);
  const position = new Vector3(...pose.position);
  let camera: PerspectiveCamera | OrthographicCamera;
  if (pose.projection === 'orthographic') {
    const half = orthoHalfHeight(position.distanceTo(target), pose.fov);
    camera = new OrthographicCamera(-half * aspect, half * aspect, half, -half, -100, 200);
  } else {
    camera = new PerspectiveCamera(pose.fov, aspect, 0.01, 200);
  }
  camera.position.copy(position);
  camera.lookAt(target);
  camera.updateMatrixWorld();
  camera.updateProjectionMatrix();
  return camera;
}

/** The box's corners in normalised device coordinates. */
function corners(camera: Camera, ys = [FLOOR_Y, HEIGHT]): Vector3[] {
  const out: Vector3[] = [];
  for (const x of [-1, 1])
    for (const y of ys)
      for (const z of [-1, 1]) {
        out.push(new Vector3(x, y, z).project(camera));
      }
  return out;
}

/** Label sprite height in CSS px for a style height, on a canvas of short side `short`. */
const labelPx = (height: number, short: number): number =>
  height * 1.096 * PX_PER_HEIGHT_UNIT * textScale(short);

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Where the axis labels land (CSS px, y down) for a camera, placed by the same rules as
 * axesObjects.ts: the edges and corner axisPlacement picks, each label beside its point. Tick
 * labels are taken five characters wide, the widest the fit allows for.
 */
function labelRects(camera: Camera, width: number, height: number): Rect[] {
  const m = camera.matrixWorld.elements;
  const back = [m[8]!, m[9]!, m[10]!] as const;
  const right = [m[0]!, m[1]!, m[2]!] as const;
  const up = [m[4]!, m[5]!, m[6]!] as const;
  const place = axisPlacement(back, right);
  const short = Math.min(width, height);
  const h = labelPx(AXIS_TEXT.tick, short);
  const w = h * 2.2;
  const rects: Rect[] = [];
  const add = (p: [number, number, number], dx: number, dy: number, gap: number): void => {
    const q = new Vector3(...p).project(camera);
    const sx = ((q.x + 1) / 2) * width;
    const sy = ((1 - q.y) / 2) * height;
    const [cx, cy] = labelCenter(dx, dy, w, h, gap);
    const left = sx - cx * w;
    const top = sy - (1 - cy) * h;
    rects.push({ left, right: left + w, top, bottom: top + h });
  };
  const t = AXIS_TEXT.tickLength;
  const below = FLOOR_Y - AXIS_TEXT.tickDrop;
  const screen = (o: [number, number, number]): [number, number] => [
    o[0] * right[0] + o[1] * right[1] + o[2] * right[2],
    o[0] * up[0] + o[1] * up[1] + o[2] * up[2],
  ];
  if (place.xEdge !== 0) {
    const z = place.xEdge;
    for (const x of [-1, -0.5, 0, 0.5, 1]) add([x, below, z * (1 + t)], ...screen([0, 0, z]), 5);
  }
  if (place.yEdge !== 0) {
    const x = place.yEdge;
    for (const z of [-1, -0.5, 0, 0.5, 1]) add([x * (1 + t), below, z], ...screen([x, 0, 0]), 5);
  }
  if (place.fCorner) {
    const [sx, sz] = place.fCorner;
    for (const y of [0, HEIGHT / 2, HEIGHT]) add([sx, y, sz], -1, 0, 11);
  }
  return rects;
}

const ASPECTS = [0.6, 1, 16 / 9, 2.4];

describe('surfacePose', () => {
  it('Top, Front and Side are orthographic; 3/4 keeps its perspective', () => {
    expect(presetProjection('top')).toBe('orthographic');
    expect(presetProjection('front')).toBe('orthographic');
    expect(presetProjection('side')).toBe('orthographic');
    expect(presetProjection('three-quarter')).toBe('perspective');
    for (const preset of CAMERA_PRESETS) {
      expect(surfacePose(preset).projection).toBe(presetProjection(preset));
    }
  });

  for (const preset of CAMERA_PRESETS) {
    for (const aspect of ASPECTS) {
      for (const short of [720, 400]) {
        it(`${preset} at aspect ${aspect.toFixed(2)}, short side ${short}: box and labels on screen, filling it`, () => {
          const width = aspect >= 1 ? short * aspect : short;
          const height = aspect >= 1 ? short : short / aspect;
          const pose = surfacePose(preset, aspect, { shortSide: short });
          const camera = cameraFor(pose, aspect);
          const points = corners(camera, preset === 'top' ? [0] : [FLOOR_Y, HEIGHT]);
          for (const p of points) {
            expect(Math.abs(p.x)).toBeLessThan(1);
            expect(Math.abs(p.y)).toBeLessThan(1);
          }
          for (const r of labelRects(camera, width, height)) {
            expect(r.left).toBeGreaterThanOrEqual(0);
            expect(r.right).toBeLessThanOrEqual(width);
            expect(r.top).toBeGreaterThanOrEqual(0);
            expect(r.bottom).toBeLessThanOrEqual(height);
          }
          // Not lost in the middle: the box spans most of the tighter direction.
          const spanX = Math.max(...points.map((p) => p.x)) - Math.min(...points.map((p) => p.x));
          const spanY = Math.max(...points.map((p) => p.y)) - Math.min(...points.map((p) => p.y));
          expect(Math.max(spanX, spanY)).toBeGreaterThan(1.1);
        });
      }
    }
  }

  for (const aspect of ASPECTS) {
    it(`top at aspect ${aspect.toFixed(2)}: the domain is a square, centred, filling the view`, () => {
      // Without the formula's band, so the canvas is the free region.
      const pose = surfacePose('top', aspect, { top: 0 });
      const camera = cameraFor(pose, aspect);
      const width = aspect >= 1 ? 720 * aspect : 720;
      const height = aspect >= 1 ? 720 : 720 / aspect;
      const px = corners(camera, [0]).map((p) => ({
        x: ((p.x + 1) / 2) * width,
        y: ((1 - p.y) / 2) * height,
      }));
      const left = Math.min(...px.map((p) => p.x));
      const right = Math.max(...px.map((p) => p.x));
      const top = Math.min(...px.map((p) => p.y));
      const bottom = Math.max(...px.map((p) => p.y));
      // Square: equal x and y scale, and seen straight down (no pincushion to speak of).
      expect(right - left).toBeCloseTo(bottom - top, 0);
      // Centred left to right; top to bottom the map with its x labels below it is, so the
      // square sits a label's height above the middle.
      expect(Math.abs((left + right) / 2 - width / 2)).toBeLessThan(1);
      const labels = labelRects(camera, width, height);
      const lowest = Math.max(...labels.map((r) => r.bottom));
      expect(Math.abs((top + lowest) / 2 - height / 2)).toBeLessThan(40);
      expect((top + bottom) / 2).toBeLessThan(height / 2);
      // Filling: the square takes most of the short side, leaving room for the labels only.
      expect(right - left).toBeGreaterThan(0.6 * Math.min(width, height));
      // Math +y is up on screen: the corner at world −Z is above the one at +Z.
      const back = new Vector3(0, 0, -1).project(camera);
      const front = new Vector3(0, 0, 1).project(camera);
      expect(back.y).toBeGreaterThan(front.y);
    });
  }

  it.each(CAMERA_PRESETS)('%s keeps the colour bar strip free', (preset: CameraPreset) => {
    const aspect = 16 / 9;
    const reserve = 0.12;
    const camera = cameraFor(surfacePose(preset, aspect, { reserveRight: reserve }), aspect);
    const width = 720 * aspect;
    for (const p of corners(camera)) expect(p.x).toBeLessThan(1 - 2 * reserve);
    for (const r of labelRects(camera, width, 720)) {
      expect(r.right).toBeLessThanOrEqual(width * (1 - reserve));
    }
  });

  it.each(CAMERA_PRESETS)('%s keeps the band of a horizontal colour bar free', (preset) => {
    const aspect = 0.6;
    const reserve = 0.15;
    const camera = cameraFor(surfacePose(preset, aspect, { reserveBottom: reserve }), aspect);
    for (const p of corners(camera)) expect(p.y).toBeGreaterThan(-1 + 2 * reserve);
    const height = 720 / aspect;
    for (const r of labelRects(camera, 720, height)) {
      expect(r.bottom).toBeLessThanOrEqual(height * (1 - reserve));
    }
  });

  it.each(CAMERA_PRESETS)('%s keeps the formula band along the top free', (preset) => {
    // The default band, then one measured on the page (two lines of a long formula).
    for (const band of [FORMULA_BAND, 120]) {
      const layout = band === FORMULA_BAND ? {} : { top: band };
      const camera = cameraFor(surfacePose(preset, 16 / 9, layout), 16 / 9);
      for (const p of corners(camera)) expect(p.y).toBeLessThan(1 - (2 * band) / 720);
      for (const r of labelRects(camera, 1280, 720)) expect(r.top).toBeGreaterThan(band);
    }
  });

  it('front and side are straight profiles: f is upright on screen', () => {
    for (const preset of ['front', 'side'] as const) {
      const camera = cameraFor(surfacePose(preset, 16 / 9), 16 / 9);
      const low = new Vector3(0.3, 0, 0.3).project(camera);
      const high = new Vector3(0.3, HEIGHT, 0.3).project(camera);
      expect(high.x).toBeCloseTo(low.x, 6);
      expect(high.y).toBeGreaterThan(low.y);
    }
  });
});

describe('curvePose', () => {
  it('faces the curve straight on, orthographic', () => {
    const pose = curvePose(16 / 9);
    expect(pose.projection).toBe('orthographic');
    expect(pose.position[0]).toBe(pose.target[0]);
    expect(pose.position[1]).toBe(pose.target[1]);
    expect(pose.position[2]).toBeGreaterThan(pose.target[2]);
  });
});
