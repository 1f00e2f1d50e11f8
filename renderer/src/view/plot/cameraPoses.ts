/**
 * Camera poses of the presets, in world units of the normalised box (see frame.ts): the
 * domain spans [-1, 1] horizontally and f spans [0, 1.2] above a floor at −0.35, so one set of
 * poses fits every surface.
 *
 * Top, Front and Side are orthographic: Top is a flat map seen straight down (the domain square,
 * no perspective pincushion), Front and Side are straight profiles with the f axis upright. The
 * three-quarter view keeps its perspective. Each pose is fitted to the canvas: the box and the
 * axis labels (which keep a fixed size on screen, see canvas/text.ts) fill it, centred, with
 * room kept on the right for the colour bar when it is shown.
 *
 * An orthographic pose keeps its scale in its distance: the frustum's half-height is
 * distance · tan(fov / 2), what a perspective camera would see at its target. So a saved pose
 * (position and target) restores an orthographic view at its zoom too.
 */
import type { CameraPreset } from '../../../../shared/scene/document.ts';
import { PX_PER_HEIGHT_UNIT, REFERENCE_SHORT_SIDE, textScale } from '../canvas/text.ts';
import type { CameraPose, PoseLayout, Projection } from '../viewKind.ts';
import { FLOOR_Y, HEIGHT } from './frame.ts';
import { axisPlacement, labelCenter } from './ticks.ts';
import type { Vec3 } from './ticks.ts';

/** Field of view of the perspective presets (and the scale convention of the others). */
export const DEFAULT_FOV = 35;

/** How a preset looks at the box. */
interface PresetShape {
  /** Direction from the target to the camera (any length). */
  direction: Vec3;
  projection: Projection;
}

const SHAPES: Record<CameraPreset, PresetShape> = {
  // A hair towards +Z so "up" on screen is world −Z, i.e. math +y.
  top: { direction: [0, 1, 0.0001], projection: 'orthographic' },
  front: { direction: [0, 0, 1], projection: 'orthographic' },
  side: { direction: [1, 0, 0], projection: 'orthographic' },
  'three-quarter': { direction: [1, 1.05, 1.25], projection: 'perspective' },
};

/** The projection a preset uses (orbiting away from it keeps it). */
export function presetProjection(preset: CameraPreset): Projection {
  return SHAPES[preset].projection;
}

/**
 * Label sizes the fit allows for, in CSS px on a canvas of the reference short side; they match
 * axesObjects.ts (tick labels of up to five characters, the axis names, the f(x, y) title).
 */
export const AXIS_TEXT = {
  /** `LabelStyle.height` of tick labels, axis names and the f title. */
  tick: 0.07,
  name: 0.09,
  title: 0.077,
  /** Gap between a tick's end and its label, and between labels (CSS px). */
  gap: 5,
  /** World length of a tick mark out of the box, and how far it drops (so it shows edge-on). */
  tickLength: 0.035,
  tickDrop: 0.03,
} as const;
/** Sprite height over `LabelStyle.height` in text.ts (its texture's padding). */
const TEXT_PADDING = 1.096;
const px = (height: number): number => height * PX_PER_HEIGHT_UNIT * TEXT_PADDING;
const TICK_H = px(AXIS_TEXT.tick);
const TICK_W = TICK_H * 2.2;
const NAME_H = px(AXIS_TEXT.name);
const NAME_W = NAME_H * 0.9;
const TITLE_H = px(AXIS_TEXT.title);
const TITLE_W = TITLE_H * 2.8;
/** Free margin along every canvas edge (CSS px at the reference size). */
const EDGE = 8;
/**
 * Band along the top kept for the formula, which the view shows over the canvas's top-left
 * corner and an export burns in there, when the layout does not say how tall it is (CSS px at
 * the reference size, one line of it).
 */
export const FORMULA_BAND = 52;

/** A point that must be on screen, with the label drawn beside it (CSS px around its anchor). */
interface FitPoint {
  p: Vec3;
  left: number;
  right: number;
  down: number;
  up: number;
}

type Basis = { back: Vec3; right: Vec3; up: Vec3 };

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function normalize(v: Vec3): [number, number, number] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** Camera basis for a view direction (`back` points from the target to the camera). */
function basisOf(direction: Vec3): Basis {
  const back = normalize(direction);
  let right: Vec3 = normalize([back[2], 0, -back[0]]);
  // Looking straight down, "right" from the cross product with world up degenerates.
  if (!Number.isFinite(right[0])) right = [1, 0, 0];
  const up = normalize([
    back[1] * right[2] - back[2] * right[1],
    back[2] * right[0] - back[0] * right[2],
    back[0] * right[1] - back[1] * right[0],
  ]);
  return { back, right, up };
}

/** A label of `w` × `h` px beside point p, in the screen direction of world vector `out`. */
function labelled(
  p: Vec3,
  out: Vec3,
  w: number,
  h: number,
  gap: number,
  basis: Basis,
  screen?: [number, number],
): FitPoint {
  const dx = screen ? screen[0] : dot(out, basis.right);
  const dy = screen ? screen[1] : dot(out, basis.up);
  const [cx, cy] = labelCenter(dx, dy, w, h, gap);
  return { p, left: cx * w, right: (1 - cx) * w, down: cy * h, up: (1 - cy) * h };
}

/**
 * What must be visible for a surface seen along `basis`: the box, and the labels axesObjects.ts
 * will draw there (same placement rules, generic label sizes). Top views leave out heights: seen
 * straight down they do not move anything on screen.
 */
function fitPoints(basis: Basis, top: boolean): FitPoint[] {
  const points: FitPoint[] = [];
  const plain = (p: Vec3): FitPoint => ({ p, left: 0, right: 0, down: 0, up: 0 });
  const ys = top ? [0] : [FLOOR_Y, HEIGHT];
  for (const x of [-1, 1])
    for (const z of [-1, 1]) for (const y of ys) points.push(plain([x, y, z]));
  const place = axisPlacement(basis.back, basis.right);
  const t = AXIS_TEXT.tickLength;
  const below = FLOOR_Y - AXIS_TEXT.tickDrop;
  const g = AXIS_TEXT.gap;
  if (place.xEdge !== 0) {
    const z = place.xEdge;
    const out: Vec3 = [0, 0, z];
    for (const x of [-1, 0, 1])
      points.push(labelled([x, below, z + z * t], out, TICK_W, TICK_H, g, basis));
    const extra = g + TICK_H + g;
    points.push(labelled([0, below, z + z * t], out, NAME_W, NAME_H, extra, basis));
  }
  if (place.yEdge !== 0) {
    const x = place.yEdge;
    const out: Vec3 = [x, 0, 0];
    for (const z of [-1, 0, 1])
      points.push(labelled([x + x * t, below, z], out, TICK_W, TICK_H, g, basis));
    const extra = g + TICK_W + g;
    points.push(labelled([x + x * t, below, 0], out, NAME_W, NAME_H, extra, basis));
  }
  if (place.fCorner) {
    const [sx, sz] = place.fCorner;
    for (const y of [0, HEIGHT / 2, HEIGHT]) {
      points.push(labelled([sx, y, sz], [0, 0, 0], TICK_W, TICK_H, g + 7, basis, [-1, 0]));
    }
    points.push(labelled([sx, HEIGHT, sz], [0, 0, 0], TITLE_W, TITLE_H, g + 4, basis, [0, 1]));
  }
  return points;
}

/** A canvas in CSS px and the NDC region the content must fit in. */
interface Canvas {
  aspect: number;
  /** Width in CSS px, and the labels' scale (text.ts). */
  width: number;
  scale: number;
  /** NDC per CSS px of label, horizontally and vertically. */
  perPxX: number;
  perPxY: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function canvasOf(aspect: number, layout: PoseLayout): Canvas {
  const a = aspect > 0 ? aspect : 1;
  const short = layout.shortSide && layout.shortSide > 0 ? layout.shortSide : REFERENCE_SHORT_SIDE;
  const width = a >= 1 ? short * a : short;
  const height = a >= 1 ? short : short / a;
  // Labels are drawn textScale × their reference size (text.ts).
  const scale = textScale(short);
  const perPxX = (2 * scale) / width;
  const perPxY = (2 * scale) / height;
  const reserve = Math.min(0.5, Math.max(0, layout.reserveRight ?? 0)) * 2;
  const below = Math.min(0.5, Math.max(0, layout.reserveBottom ?? 0)) * 2;
  return {
    aspect: a,
    width,
    scale,
    perPxX,
    perPxY,
    x0: -1 + EDGE * perPxX,
    x1: 1 - EDGE * perPxX - reserve,
    y0: -1 + EDGE * perPxY + below,
    y1: 1 - EDGE * perPxY - (2 * (layout.top ?? FORMULA_BAND * scale)) / height,
  };
}

/** Extent on screen (NDC, labels included) of the points for a camera at `target`, scale `z`. */
interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** NDC units per world unit across the screen at the target (for re-centring). */
  perWorld: number;
  ok: boolean;
}

function bounds(
  points: FitPoint[],
  basis: Basis,
  canvas: Canvas,
  projection: Projection,
  target: Vec3,
  z: number,
): Bounds {
  const tanV = Math.tan((DEFAULT_FOV * Math.PI) / 360);
  // Orthographic: z is the half-height of the frustum; perspective: the distance.
  const halfH = projection === 'orthographic' ? z : z * tanV;
  const out: Bounds = {
    minX: Infinity,
    maxX: -Infinity,
    minY: Infinity,
    maxY: -Infinity,
    perWorld: 1 / halfH,
    ok: true,
  };
  for (const f of points) {
    const v: Vec3 = [f.p[0] - target[0], f.p[1] - target[1], f.p[2] - target[2]];
    let scale = 1 / halfH;
    if (projection === 'perspective') {
      const depth = z - dot(v, basis.back);
      if (!(depth > 0.05)) {
        out.ok = false;
        return out;
      }
      scale = 1 / (depth * tanV);
    }
    const x = (dot(v, basis.right) * scale) / canvas.aspect;
    const y = dot(v, basis.up) * scale;
    out.minX = Math.min(out.minX, x - f.left * canvas.perPxX);
    out.maxX = Math.max(out.maxX, x + f.right * canvas.perPxX);
    out.minY = Math.min(out.minY, y - f.down * canvas.perPxY);
    out.maxY = Math.max(out.maxY, y + f.up * canvas.perPxY);
  }
  return out;
}

/** The target that centres the content in the canvas's region at scale `z`. */
function centre(
  points: FitPoint[],
  basis: Basis,
  canvas: Canvas,
  projection: Projection,
  start: Vec3,
  z: number,
): { target: Vec3; fits: boolean } {
  let target: Vec3 = start;
  for (let pass = 0; pass < 4; pass++) {
    const b = bounds(points, basis, canvas, projection, target, z);
    if (!b.ok) return { target, fits: false };
    const sx = ((b.minX + b.maxX) / 2 - (canvas.x0 + canvas.x1) / 2) * canvas.aspect;
    const sy = (b.minY + b.maxY) / 2 - (canvas.y0 + canvas.y1) / 2;
    const k = 1 / b.perWorld;
    const { right, up } = basis;
    target = [
      target[0] + (right[0] * sx + up[0] * sy) * k,
      target[1] + (right[1] * sx + up[1] * sy) * k,
      target[2] + (right[2] * sx + up[2] * sy) * k,
    ];
  }
  const b = bounds(points, basis, canvas, projection, target, z);
  const fits =
    b.ok &&
    b.maxX - b.minX <= canvas.x1 - canvas.x0 + 1e-9 &&
    b.maxY - b.minY <= canvas.y1 - canvas.y0 + 1e-9;
  return { target, fits };
}

/**
 * Fits points to the canvas: the smallest scale (frustum half-height, or distance for a
 * perspective camera) at which they fit the free region, centred in it.
 */
function fit(
  points: FitPoint[],
  basis: Basis,
  canvas: Canvas,
  projection: Projection,
  start: Vec3,
): { target: Vec3; z: number } {
  let lo = projection === 'orthographic' ? 0.05 : 0.3;
  let hi = projection === 'orthographic' ? 40 : 120;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (centre(points, basis, canvas, projection, start, mid).fits) hi = mid;
    else lo = mid;
  }
  return { target: centre(points, basis, canvas, projection, start, hi).target, z: hi };
}

/** Distance that gives an orthographic camera the half-height `halfH` (see the file comment). */
export function orthoDistance(halfH: number, fov = DEFAULT_FOV): number {
  return halfH / Math.tan((fov * Math.PI) / 360);
}

/** The frustum half-height of an orthographic camera `distance` from its target. */
export function orthoHalfHeight(distance: number, fov = DEFAULT_FOV): number {
  return distance * Math.tan((fov * Math.PI) / 360);
}

/** The 1D front view: the curve's plot area, seen straight on. */
const CURVE = {
  target: [0, 0.58, 0] as [number, number, number],
  halfWidth: 1.3,
  halfHeight: 0.88,
};

/**
 * The curve's straight front view, fitted to a canvas of `aspect` (width / height). It is
 * orthographic: the curve lies in one plane, so it looks as a perspective view of that plane
 * did, and its scale stays exact.
 */
export function curvePose(aspect = 1): CameraPose {
  const a = aspect > 0 ? aspect : 1;
  const halfH = Math.max(CURVE.halfHeight, CURVE.halfWidth / a);
  const distance = orthoDistance(halfH);
  const [tx, ty, tz] = CURVE.target;
  return {
    position: [tx, ty, tz + distance],
    target: [tx, ty, tz],
    fov: DEFAULT_FOV,
    projection: 'orthographic',
  };
}

/**
 * Where a surface preset puts the camera on a canvas of the given aspect (width / height) and
 * layout: looking along the preset's direction, with the box and its labels filling the canvas
 * (less the reserved room), centred. The top view's domain is square on screen and centred
 * left to right (its y labels get the same room on the other side too; a colour bar's strip
 * stands beside the map rather than at the canvas's edge); the map with its x labels below it
 * is centred top to bottom.
 */
export function surfacePose(preset: CameraPreset, aspect = 1, layout: PoseLayout = {}): CameraPose {
  const shape = SHAPES[preset];
  const basis = basisOf(shape.direction);
  const top = preset === 'top';
  // The map keeps its reserved strip as part of the picture: the colour bar then stands beside
  // the domain, in the room the mirrored labels leave, and map, labels and bar are centred.
  const beside = top && (layout.reserveRight ?? 0) > 0;
  const canvas = canvasOf(aspect, beside ? { ...layout, reserveRight: 0 } : layout);
  let points = fitPoints(basis, top);
  if (top) points = symmetric(points);
  if (beside) {
    const right = ((layout.reserveRight ?? 0) * canvas.width) / canvas.scale;
    points.push({ p: [1, 0, 0], left: 0, right, down: 0, up: 0 });
  }
  const start: Vec3 = top ? [0, 0, 0] : [0, (FLOOR_Y + HEIGHT) / 2, 0];
  const { target, z } = fit(points, basis, canvas, shape.projection, start);
  const distance = shape.projection === 'orthographic' ? orthoDistance(z) : z;
  const { back } = basis;
  return {
    position: [
      target[0] + back[0] * distance,
      target[1] + back[1] * distance,
      target[2] + back[2] * distance,
    ],
    target: [target[0], target[1], target[2]],
    fov: DEFAULT_FOV,
    projection: shape.projection,
  };
}

/**
 * Adds each point's mirror image across the domain's vertical centre line (x → −x), so the map
 * stays centred left to right whatever stands on one side only (the y labels).
 */
function symmetric(points: FitPoint[]): FitPoint[] {
  const mirrored = points.map((f) => ({
    p: [-f.p[0], f.p[1], f.p[2]] as Vec3,
    left: f.right,
    right: f.left,
    down: f.down,
    up: f.up,
  }));
  return [...points, ...mirrored];
}
