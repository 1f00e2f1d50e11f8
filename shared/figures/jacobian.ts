/**
 * §8's Jacobian as a map: F(x, y) = (F₁, F₂) bends the plane, and near a point p it acts like
 * its Jacobian J, a linear map. The figure maps the input grid and a small square at p through
 * F (the true, curved image) and through F(p) + J·(q − p) (a parallelogram), and compares the
 * image's area with the square's: the ratio tends to det J as the square shrinks along the
 * timeline. J comes from the exact symbolic partials, as `descent inspect --jacobian` computes
 * it. Pure TypeScript.
 */
import { compileExpression } from '../expr/index.ts';
import type { CompiledExpression } from '../expr/index.ts';
import type { Domain } from '../types.ts';

export type Vec2 = readonly [number, number];
export type Mat2 = readonly [Vec2, Vec2];

const VARIABLES = ['x', 'y'] as const;

/** F = (F₁, F₂) of (x, y), compiled once per pair of sources. */
export interface PlaneMap {
  readonly f: string;
  readonly g: string;
  /** F(x, y); components may be non-finite outside F's domain. */
  readonly map: (x: number, y: number) => [number, number];
  /** J at (x, y): rows are ∇F₁ and ∇F₂. */
  readonly jacobianAt: (x: number, y: number) => [[number, number], [number, number]];
  /** The partials as the compiler writes them, e.g. [["2 * x", "0"], ["y", "x"]]. */
  readonly symbolic: readonly (readonly [string, string])[];
  /** TeX of F₁ and F₂. */
  readonly latex: readonly [string, string];
}

const maps = new Map<string, PlaneMap>();

/**
 * Compiles F₁ and F₂ as functions of (x, y) (either may use one variable or none), memoised by
 * their text. Throws the compiler's ExpressionError for a bad expression.
 */
export function planeMap(f: string, g: string): PlaneMap {
  const key = `${f}\u0000${g}`;
  let entry = maps.get(key);
  if (entry !== undefined) return entry;
  const c1 = compileExpression(f, { variables: VARIABLES });
  const c2 = compileExpression(g, { variables: VARIABLES });
  const p = new Float64Array(2);
  const g1 = new Float64Array(2);
  const g2 = new Float64Array(2);
  const at = (x: number, y: number): Float64Array => {
    p[0] = x;
    p[1] = y;
    return p;
  };
  const row = (c: CompiledExpression): [string, string] => [
    c.derivatives.gradient[0]!,
    c.derivatives.gradient[1]!,
  ];
  entry = Object.freeze({
    f,
    g,
    map: (x: number, y: number): [number, number] => [c1.value(at(x, y)), c2.value(p)],
    jacobianAt: (x: number, y: number): [[number, number], [number, number]] => {
      c1.gradient(at(x, y), g1);
      c2.gradient(p, g2);
      return [
        [g1[0]!, g1[1]!],
        [g2[0]!, g2[1]!],
      ];
    },
    symbolic: Object.freeze([row(c1), row(c2)]),
    latex: [c1.latex, c2.latex] as const,
  });
  if (maps.size > 32) maps.clear();
  maps.set(key, entry);
  return entry;
}

/** det of a 2 × 2 matrix. */
export function det2(m: Mat2): number {
  return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

/**
 * Signed area of a closed polygon by the shoelace formula (positive when counter-clockwise in
 * x–y axes); NaN when a vertex is not finite.
 */
export function shoelace(points: readonly Vec2[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Points along the boundary of the square of side s centred at c, counter-clockwise. */
export function squareBoundary(c: Vec2, side: number, perSide: number): [number, number][] {
  const h = side / 2;
  const corners: Vec2[] = [
    [c[0] - h, c[1] - h],
    [c[0] + h, c[1] - h],
    [c[0] + h, c[1] + h],
    [c[0] - h, c[1] + h],
  ];
  const out: [number, number][] = [];
  for (let e = 0; e < 4; e++) {
    const [ax, ay] = corners[e]!;
    const [bx, by] = corners[(e + 1) % 4]!;
    for (let i = 0; i < perSide; i++) {
      const t = i / perSide;
      out.push([ax + (bx - ax) * t, ay + (by - ay) * t]);
    }
  }
  return out;
}

/** The timeline of the Jacobian figure shrinks the square to this share of its first side. */
export const SHRINK_TO = 0.1;
/** The square's first side as a share of the input region's shorter side. */
export const SQUARE_SHARE = 0.25;

/** The square's side at playhead `position` of `end`: s₀·(1 − 0.9·p/end). */
export function squareSide(domain: Domain, position: number, end: number): number {
  const s0 = SQUARE_SHARE * Math.min(domain.x[1] - domain.x[0], domain.y[1] - domain.y[0]);
  const t = end > 0 ? Math.min(1, Math.max(0, position / end)) : 0;
  return s0 * (1 - (1 - SHRINK_TO) * t);
}

/** The small square at p, its true image under F and its linear image F(p) + J·(q − p). */
export interface SquareImage {
  side: number;
  /** The square's boundary (sampled, counter-clockwise). */
  square: [number, number][];
  /** F of each boundary point: the true, curved image. */
  image: [number, number][];
  /** The parallelogram F(p) + J·(corner − p), four corners. */
  linear: [number, number][];
  /** side². */
  squareArea: number;
  /** Signed shoelace area of the sampled true image. */
  imageArea: number;
  /** Signed area of the parallelogram: det J · side². */
  linearArea: number;
  /** imageArea / squareArea: tends to det J as the side shrinks. */
  ratio: number;
}

/** Boundary samples per side of the square: the shoelace error is then far below 1e-6. */
export const SQUARE_SAMPLES = 256;

export function squareImage(
  F: PlaneMap,
  p: Vec2,
  side: number,
  samples = SQUARE_SAMPLES,
): SquareImage {
  const square = squareBoundary(p, side, samples);
  const image = square.map(([x, y]) => F.map(x, y));
  const J = F.jacobianAt(p[0], p[1]);
  const Fp = F.map(p[0], p[1]);
  const linear = squareBoundary(p, side, 1).map(([x, y]): [number, number] => {
    const dx = x - p[0];
    const dy = y - p[1];
    return [Fp[0] + J[0][0] * dx + J[0][1] * dy, Fp[1] + J[1][0] * dx + J[1][1] * dy];
  });
  const squareArea = side * side;
  const imageArea = shoelace(image);
  return {
    side,
    square,
    image,
    linear,
    squareArea,
    imageArea,
    linearArea: shoelace(linear),
    ratio: imageArea / squareArea,
  };
}

/** A grid line of the input region and its image under F (pieces split where F is undefined). */
export interface GridLine {
  /** 'x': a line x = c (vertical); 'y': a line y = c (horizontal). */
  along: 'x' | 'y';
  value: number;
  input: [number, number][];
  /** Finite pieces of the image polyline. */
  image: [number, number][][];
}

/** Evenly spaced grid lines over the domain, each sampled and mapped through F. */
export function gridImage(F: PlaneMap, domain: Domain, lines = 9, samples = 96): GridLine[] {
  const out: GridLine[] = [];
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const trace = (along: 'x' | 'y', value: number): GridLine => {
    const input: [number, number][] = [];
    const image: [number, number][][] = [];
    let piece: [number, number][] = [];
    for (let i = 0; i <= samples; i++) {
      const t = i / samples;
      const q: [number, number] =
        along === 'x' ? [value, y0 + (y1 - y0) * t] : [x0 + (x1 - x0) * t, value];
      input.push(q);
      const m = F.map(q[0], q[1]);
      if (Number.isFinite(m[0]) && Number.isFinite(m[1])) piece.push(m);
      else if (piece.length > 0) {
        image.push(piece);
        piece = [];
      }
    }
    if (piece.length > 0) image.push(piece);
    return { along, value, input, image };
  };
  for (let i = 0; i < lines; i++) out.push(trace('x', x0 + ((x1 - x0) * i) / (lines - 1)));
  for (let i = 0; i < lines; i++) out.push(trace('y', y0 + ((y1 - y0) * i) / (lines - 1)));
  return out;
}

/** Everything the figure shows that does not depend on the playhead. */
export interface JacobianModel {
  F: PlaneMap;
  point: Vec2;
  /** F(p). */
  value: [number, number];
  J: [[number, number], [number, number]];
  det: number;
  grid: GridLine[];
}

const models = new Map<string, JacobianModel>();

/** The model for F = (f, g) at `point` over `domain`, memoised (a redraw per frame only draws). */
export function jacobianModel(f: string, g: string, point: Vec2, domain: Domain): JacobianModel {
  const key = [f, g, point[0], point[1], ...domain.x, ...domain.y].join('\u0000');
  let model = models.get(key);
  if (model !== undefined) return model;
  const F = planeMap(f, g);
  const J = F.jacobianAt(point[0], point[1]);
  model = {
    F,
    point,
    value: F.map(point[0], point[1]),
    J,
    det: det2(J),
    grid: gridImage(F, domain),
  };
  if (models.size > 16) models.clear();
  models.set(key, model);
  return model;
}
