/**
 * Built-in loss surfaces: classic test functions with hand-written derivatives, each paired with
 * the same formula in the app's expression syntax (so it can be shown and edited) and in TeX.
 */

import type { Domain, KnownMinimum, Objective } from './types.ts';

/** A ready-made objective with everything the UI needs to show it. */
export interface Surface {
  /** Stable identifier used in scene files and the CLI. */
  id: string;
  /** Human-readable name. */
  name: string;
  /** f in the app's expression syntax (mathjs-like), equal to `objective.value`. */
  expression: string;
  /** f in TeX for display. */
  latex: string;
  /** f with exact gradient and Hessian; no allocation per call, never on a kink. */
  objective: Objective;
  /** Sensible viewing box. */
  domain: Domain;
  /** Known minima (all of them, or only the global ones where there are too many to list). */
  minima: readonly KnownMinimum[];
  /** Polynomial of degree ≤ 2, i.e. constant Hessian. */
  quadratic: boolean;
  /**
   * The colour scale that shows this surface best when the scene says `auto`: log for deep,
   * flat valleys next to steep walls, where a linear scale paints the valley one colour.
   */
  colorScale?: 'log';
  /** One sentence on what the surface shows. */
  description: string;
}

type Fn2 = (x: number, y: number) => number;
type Out2 = (x: number, y: number, out: Float64Array) => void;

const XY = ['x', 'y'] as const;

/** Wraps plain (x, y) functions as an Objective; built-ins never sit on a kink. */
function objective2(value: Fn2, gradient: Out2, hessian: Out2): Objective {
  return {
    dim: 2,
    variables: XY,
    value: (p) => value(p[0] as number, p[1] as number),
    gradient: (p, out) => gradient(p[0] as number, p[1] as number, out),
    hessian: (p, out) => hessian(p[0] as number, p[1] as number, out),
    isKink: () => false,
  };
}

function square(r: number): Domain {
  return { x: [-r, r], y: [-r, r] };
}

const TWO_PI = 2 * Math.PI;

/** Tilt of the two-valley double well; positive tilt makes the left valley the deeper one. */
const TILT = 0.3;

/**
 * Root of ∂f/∂x = 4x³ − 4x + TILT near x0 by Newton's method. Run at load time so the stored
 * two-valley minima are exact to machine precision instead of hand-copied decimals.
 */
function twoValleyCritical(x0: number): number {
  let x = x0;
  for (let i = 0; i < 100; i++) {
    const step = (4 * x * x * x - 4 * x + TILT) / (12 * x * x - 4);
    x -= step;
    if (Math.abs(step) < 1e-16) break;
  }
  return x;
}

function twoValleyValue(x: number, y: number): number {
  const a = x * x - 1;
  return a * a + TILT * x + y * y;
}

const TV_LEFT = twoValleyCritical(-1);
const TV_RIGHT = twoValleyCritical(1);

/** Rastrigin amplitude A. */
const RA = 10;

function rosenbrockValue(x: number, y: number): number {
  const a = 1 - x;
  const b = y - x * x;
  return a * a + 100 * b * b;
}

function himmelblauValue(x: number, y: number): number {
  const a = x * x + y - 11;
  const b = x + y * y - 7;
  return a * a + b * b;
}

function bealeValue(x: number, y: number): number {
  const a1 = 1.5 - x + x * y;
  const a2 = 2.25 - x + x * y * y;
  const a3 = 2.625 - x + x * y * y * y;
  return a1 * a1 + a2 * a2 + a3 * a3;
}

/** Himmelblau's four zeros, refined by Newton's method to double precision. */
const HIMMELBLAU_MINIMA: readonly (readonly [number, number])[] = [
  [3, 2],
  [-2.805118086952745, 3.131312518250573],
  [-3.779310253377747, -3.2831859912861696],
  [3.5844283403304917, -1.8481265269644034],
];

/** The built-in surfaces, in the order the UI lists them. */
export const SURFACES: readonly Surface[] = [
  {
    id: 'parabola',
    name: 'Parabola',
    expression: 'x^2',
    latex: 'x^2',
    objective: {
      dim: 1,
      variables: ['x'],
      value: (p) => {
        const x = p[0] as number;
        return x * x;
      },
      gradient: (p, out) => {
        out[0] = 2 * (p[0] as number);
      },
      hessian: (_p, out) => {
        out[0] = 2;
      },
      isKink: () => false,
    },
    domain: { x: [-4, 4], y: [-4, 4] },
    minima: [{ point: [0], value: 0, kind: 'global' }],
    quadratic: true,
    description:
      'The one-variable parabola: gradient descent with step η multiplies x by 1 − 2η each step.',
  },
  {
    id: 'bowl',
    name: 'Round bowl',
    expression: 'x^2 + y^2',
    latex: 'x^2 + y^2',
    objective: objective2(
      (x, y) => x * x + y * y,
      (x, y, out) => {
        out[0] = 2 * x;
        out[1] = 2 * y;
      },
      (_x, _y, out) => {
        out[0] = 2;
        out[1] = 0;
        out[2] = 0;
        out[3] = 2;
      },
    ),
    domain: square(4),
    minima: [{ point: [0, 0], value: 0, kind: 'global' }],
    quadratic: true,
    description: 'A perfectly round bowl where the gradient always points straight at the bottom.',
  },
  {
    // Hessian diag(1, 10): condition number 10, GD stable for η < 2/10 = 0.2 and zig-zags
    // across the narrow axis for 0.1 < η < 0.2; the default η = 0.1 lands y on 0 in one step.
    id: 'aniso-bowl',
    name: 'Elongated bowl',
    expression: '0.5*x^2 + 5*y^2',
    latex: '\\tfrac{1}{2}x^2 + 5y^2',
    objective: objective2(
      (x, y) => 0.5 * x * x + 5 * y * y,
      (x, y, out) => {
        out[0] = x;
        out[1] = 10 * y;
      },
      (_x, _y, out) => {
        out[0] = 1;
        out[1] = 0;
        out[2] = 0;
        out[3] = 10;
      },
    ),
    domain: square(4),
    minima: [{ point: [0, 0], value: 0, kind: 'global' }],
    quadratic: true,
    description:
      'A bowl ten times steeper across than along (Hessian eigenvalues 1 and 10), so plain gradient descent zig-zags once η exceeds 0.1 and blows up past 0.2.',
  },
  {
    id: 'saddle',
    name: 'Saddle',
    expression: 'x^2 - y^2',
    latex: 'x^2 - y^2',
    objective: objective2(
      (x, y) => x * x - y * y,
      (x, y, out) => {
        out[0] = 2 * x;
        out[1] = -2 * y;
      },
      (_x, _y, out) => {
        out[0] = 2;
        out[1] = 0;
        out[2] = 0;
        out[3] = -2;
      },
    ),
    domain: square(3),
    minima: [],
    quadratic: true,
    description:
      'A horse saddle: the origin is flat but only a minimum along x, and any start off the x-axis eventually slides away along y.',
  },
  {
    id: 'x2-plus-xy',
    name: 'Tilted saddle x² + xy',
    expression: 'x^2 + x*y',
    latex: 'x^2 + xy',
    objective: objective2(
      (x, y) => x * x + x * y,
      (x, y, out) => {
        out[0] = 2 * x + y;
        out[1] = x;
      },
      (_x, _y, out) => {
        out[0] = 2;
        out[1] = 1;
        out[2] = 1;
        out[3] = 0;
      },
    ),
    domain: square(3),
    minima: [],
    quadratic: true,
    description:
      'Looks like a bowl along x, but the cross term makes the Hessian indefinite (eigenvalues 1 ± √2), so it has a saddle at the origin and no minimum.',
  },
  {
    id: 'monkey-saddle',
    name: 'Monkey saddle',
    expression: 'x^3 - 3*x*y^2',
    latex: 'x^3 - 3xy^2',
    objective: objective2(
      (x, y) => x * x * x - 3 * x * y * y,
      (x, y, out) => {
        out[0] = 3 * x * x - 3 * y * y;
        out[1] = -6 * x * y;
      },
      (x, y, out) => {
        out[0] = 6 * x;
        out[1] = -6 * y;
        out[2] = -6 * y;
        out[3] = -6 * x;
      },
    ),
    domain: square(2),
    minima: [],
    quadratic: false,
    description:
      'Three downhill valleys and three ridges meet at a flat point where gradient and Hessian both vanish, so the second-derivative test cannot classify it.',
  },
  {
    id: 'rosenbrock',
    name: 'Rosenbrock',
    expression: '(1 - x)^2 + 100*(y - x^2)^2',
    latex: '(1 - x)^2 + 100\\,(y - x^2)^2',
    objective: objective2(
      rosenbrockValue,
      (x, y, out) => {
        const b = y - x * x;
        out[0] = -2 * (1 - x) - 400 * x * b;
        out[1] = 200 * b;
      },
      (x, y, out) => {
        out[0] = 2 - 400 * y + 1200 * x * x;
        out[1] = -400 * x;
        out[2] = -400 * x;
        out[3] = 200;
      },
    ),
    domain: { x: [-2, 2], y: [-1, 3] },
    minima: [{ point: [1, 1], value: 0, kind: 'global' }],
    quadratic: false,
    colorScale: 'log',
    description:
      'A long curved banana-shaped valley: finding the valley is easy, crawling along its flat floor to (1, 1) is slow.',
  },
  {
    id: 'himmelblau',
    name: 'Himmelblau',
    expression: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    latex: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    objective: objective2(
      himmelblauValue,
      (x, y, out) => {
        const a = x * x + y - 11;
        const b = x + y * y - 7;
        out[0] = 4 * x * a + 2 * b;
        out[1] = 2 * a + 4 * y * b;
      },
      (x, y, out) => {
        out[0] = 12 * x * x + 4 * y - 42;
        out[1] = 4 * (x + y);
        out[2] = 4 * (x + y);
        out[3] = 12 * y * y + 4 * x - 26;
      },
    ),
    domain: square(5),
    minima: HIMMELBLAU_MINIMA.map(([x, y]) => ({
      point: [x, y],
      value: 0,
      kind: 'global' as const,
    })),
    quadratic: false,
    colorScale: 'log',
    description:
      'Four equally deep minima: which one a run ends in depends only on where it starts.',
  },
  {
    id: 'beale',
    name: 'Beale',
    expression: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
    latex: '(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2',
    objective: objective2(
      bealeValue,
      (x, y, out) => {
        const y2 = y * y;
        const y3 = y2 * y;
        const a1 = 1.5 - x + x * y;
        const a2 = 2.25 - x + x * y2;
        const a3 = 2.625 - x + x * y3;
        out[0] = 2 * (a1 * (y - 1) + a2 * (y2 - 1) + a3 * (y3 - 1));
        out[1] = 2 * x * (a1 + 2 * y * a2 + 3 * y2 * a3);
      },
      (x, y, out) => {
        // H = 2 Σ (∇aᵢ∇aᵢᵀ + aᵢ∇²aᵢ) for the three residuals aᵢ.
        const y2 = y * y;
        const y3 = y2 * y;
        const a1 = 1.5 - x + x * y;
        const a2 = 2.25 - x + x * y2;
        const a3 = 2.625 - x + x * y3;
        const p1 = y - 1;
        const p2 = y2 - 1;
        const p3 = y3 - 1;
        const q1 = x;
        const q2 = 2 * x * y;
        const q3 = 3 * x * y2;
        const hxy = 2 * (p1 * q1 + p2 * q2 + p3 * q3 + a1 + a2 * 2 * y + a3 * 3 * y2);
        out[0] = 2 * (p1 * p1 + p2 * p2 + p3 * p3);
        out[1] = hxy;
        out[2] = hxy;
        out[3] = 2 * (q1 * q1 + q2 * q2 + q3 * q3 + a2 * 2 * x + a3 * 6 * x * y);
      },
    ),
    domain: square(4.5),
    minima: [{ point: [3, 0.5], value: 0, kind: 'global' }],
    quadratic: false,
    colorScale: 'log',
    description:
      'Flat plateaus and steep walls with sharp ridges toward the corners, and one minimum at (3, 0.5).',
  },
  {
    id: 'rastrigin',
    name: 'Rastrigin',
    expression: '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)',
    latex: '20 + x^2 - 10\\cos(2\\pi x) + y^2 - 10\\cos(2\\pi y)',
    objective: objective2(
      (x, y) => 2 * RA + x * x - RA * Math.cos(TWO_PI * x) + y * y - RA * Math.cos(TWO_PI * y),
      (x, y, out) => {
        out[0] = 2 * x + RA * TWO_PI * Math.sin(TWO_PI * x);
        out[1] = 2 * y + RA * TWO_PI * Math.sin(TWO_PI * y);
      },
      (x, y, out) => {
        const k = RA * TWO_PI * TWO_PI;
        out[0] = 2 + k * Math.cos(TWO_PI * x);
        out[1] = 0;
        out[2] = 0;
        out[3] = 2 + k * Math.cos(TWO_PI * y);
      },
    ),
    domain: square(5.12),
    // Only the global minimum: there is a local minimum near every integer point.
    minima: [{ point: [0, 0], value: 0, kind: 'global' }],
    quadratic: false,
    description:
      'An egg-crate of local minima on a gentle bowl (A = 10): local methods get stuck in the nearest dimple, and only the centre one is global.',
  },
  {
    id: 'two-valley',
    name: 'Two valleys',
    expression: '(x^2 - 1)^2 + 0.3*x + y^2',
    latex: '(x^2 - 1)^2 + 0.3x + y^2',
    objective: objective2(
      twoValleyValue,
      (x, y, out) => {
        out[0] = 4 * x * (x * x - 1) + TILT;
        out[1] = 2 * y;
      },
      (x, _y, out) => {
        out[0] = 12 * x * x - 4;
        out[1] = 0;
        out[2] = 0;
        out[3] = 2;
      },
    ),
    domain: square(2),
    minima: [
      { point: [TV_LEFT, 0], value: twoValleyValue(TV_LEFT, 0), kind: 'global' },
      { point: [TV_RIGHT, 0], value: twoValleyValue(TV_RIGHT, 0), kind: 'local' },
    ],
    quadratic: false,
    description:
      'A tilted double well: starts on the right settle in the shallower local valley, starts on the left in the deeper global one.',
  },
];

/** Ids of {@link SURFACES}, same order. */
export const SURFACE_IDS: readonly string[] = SURFACES.map((s) => s.id);

/** The built-in surface with this id, or undefined. */
export function getSurface(id: string): Surface | undefined {
  return SURFACES.find((s) => s.id === id);
}
