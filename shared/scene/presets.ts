/**
 * Chapter presets: ready-made scenes, one per worked example or idea of the calculus chapter the
 * app teaches. Each is a complete scene document (the same shape a saved file has), opened from
 * the preset menu, from a link (`#preset=ID`) or by `descent render --preset ID`.
 *
 * Every number quoted in a caption is what the solver computes for that scene; presets.test.ts
 * re-runs the trajectories and checks each one, so change a caption and its scene together.
 */
import { defaultRun, defaultScene, kindForDim } from './document.ts';
import type { CameraPreset, Overlays, RunDoc, Scene } from './document.ts';
import { FIGURE_PRESET_SPECS, figureScene } from './figurePresets.ts';
import type { ProblemSpec } from '../schema.ts';
import { mlpDomain } from '../model/mlpSpec.ts';
import { getSurface } from '../surfaces.ts';
import { DEFAULT_OPTIMIZER } from '../types.ts';
import type { Domain, OptimizerParams } from '../types.ts';

/** One chapter preset. */
export interface Preset {
  /** Stable id, used in URLs (`#preset=ID`) and `descent render --preset ID`. */
  id: string;
  /** Short title (also the scene title). */
  title: string;
  /** The chapter section it illustrates, e.g. '§5 Gradient descent'. */
  section: string;
  /** 1–3 sentences on what to look at (also the scene caption). */
  caption: string;
  /** Complete, valid scene document. Shared: treat as read-only, or use {@link presetScene}. */
  scene: Scene;
  /**
   * `false`: the built-in lesson has no slide for it (it is still in the preset menu, in links
   * and in `descent render --preset`). Absent: the lesson has one, see {@link LESSON_PRESETS}.
   */
  inLesson?: false;
}

/**
 * A run with default hyperparameters plus `params`, under a readable id and legend name. Names
 * quote settings through placeholders (`η = {lr}`, see runName.ts), so a legend keeps saying
 * the truth after η or the start is changed.
 */
function run(
  index: number,
  id: string,
  name: string,
  start: number[],
  steps: number,
  params: Partial<OptimizerParams> = {},
): RunDoc {
  // Own copy of the schedule so editing one run never edits DEFAULT_SCHEDULE or another run.
  const schedule = { ...(params.schedule ?? DEFAULT_OPTIMIZER.schedule) };
  return { ...defaultRun(index, start, { ...params, schedule }), id, name, steps };
}

interface SceneSpec {
  title: string;
  caption: string;
  /** Built-in surface id (see surfaces.ts), or another problem (with its `domain`). */
  surface: string | ProblemSpec;
  /** Viewing box; default: the surface's own. */
  domain?: Domain;
  runs: RunDoc[];
  /** Default: the first run. */
  selectedRunId?: string;
  probe?: number[] | null;
  overlays?: Partial<Overlays>;
  camera?: CameraPreset;
  timeline?: Partial<Scene['timeline']>;
}

/** A full scene: `defaultScene()` with the spec's fields overridden. */
function buildScene(spec: SceneSpec): Scene {
  const base = defaultScene();
  const problem: ProblemSpec =
    typeof spec.surface === 'string' ? { kind: 'surface', id: spec.surface } : spec.surface;
  const surface = problem.kind === 'surface' ? getSurface(problem.id) : undefined;
  const d = spec.domain ?? surface?.domain ?? base.domain;
  return {
    ...base,
    kind: kindForDim(surface?.objective.dim ?? 2),
    title: spec.title,
    caption: spec.caption,
    problem,
    domain: { x: [d.x[0], d.x[1]], y: [d.y[0], d.y[1]] },
    runs: spec.runs,
    selectedRunId: spec.selectedRunId ?? spec.runs[0]?.id ?? null,
    probe: spec.probe ?? null,
    overlays: { ...base.overlays, ...spec.overlays },
    camera: { preset: spec.camera ?? base.camera.preset },
    timeline: { ...base.timeline, ...spec.timeline },
  };
}

function preset(id: string, section: string, spec: SceneSpec): Preset {
  return { id, title: spec.title, section, caption: spec.caption, scene: buildScene(spec) };
}

/** Overlays for the one-variable presets: a curve has no contours. */
const CURVE: Partial<Overlays> = { contours: false, floorContours: false };

/** The chapter's example point x₀ = 3 on f(x) = x². */
const X0 = [3];

/** The presets that plot f with runs, in chapter order. */
const FUNCTION_PRESETS: readonly Preset[] = [
  preset('derivative-x2', '§1 What is a derivative?', {
    title: 'Slope of x² at x = 3',
    caption:
      'The line that just touches x² at x = 3 rises 6 units for every unit it moves right, so f′(3) = 6, the same value the power rule 2x gives. Zoom in on the point and the curve becomes hard to tell apart from that line.',
    surface: 'parabola',
    runs: [run(0, 'point', 'x = {x0}', X0, 0)],
    overlays: { ...CURVE, tangent: true, gradient: true },
    camera: 'front',
    timeline: { speed: 1 },
  }),
  preset('x2-plus-xy', '§4 Gradient · §6 Hessian', {
    title: 'Gradient and Hessian of x² + xy',
    caption:
      'At (1, 2) the partials are 2x + y = 4 and x = 1, so ∇f = [4, 1]: the arrow points uphill and a descent step heads the opposite way. The Hessian [[2, 1], [1, 0]] has eigenvalues 1 ± √2 ≈ 2.41 and −0.41, one direction bending up and one bending down, so the surface is a saddle with no minimum. That is why the run never settles: f keeps falling, from 3 to −1.5 after 15 steps.',
    surface: 'x2-plus-xy',
    runs: [run(0, 'gd', '{optimizer} η = {lr}', [1, 2], 15, { lr: 0.1 })],
    overlays: { gradient: true, hessian: true },
    timeline: { speed: 2 },
  }),
  preset('gd-x2', '§5 Gradient descent', {
    title: 'Gradient descent on x²',
    caption:
      'From x = 3 with η = 0.1 every step moves against the slope 2x, which takes a fifth off x: 3 → 2.4 → 1.92 → 1.536. The loss drops along with it, 9 → 5.76 → 3.686 → 2.359, heading for the minimum at x = 0.',
    surface: 'parabola',
    runs: [run(0, 'gd', 'η = {lr}', X0, 3, { lr: 0.1 })],
    overlays: { ...CURVE, gradient: true },
    camera: 'front',
    timeline: { speed: 1, markers: [0, 1, 2, 3] },
  }),
  preset('lr-compare', '§5 Gradient descent: the learning rate', {
    title: 'Three learning rates on x²',
    caption:
      'One start, x = 3, three step sizes. η = 0.1 creeps toward 0 (3 → 2.4 → 1.92 → 1.536); η = 0.5 equals 1/f″ for this parabola and lands on the minimum in a single step (3 → 0 → 0 → 0); η = 1.1 overshoots by more every time and blows up (3 → −3.6 → 4.32 → −5.184).',
    surface: 'parabola',
    domain: { x: [-10, 10], y: [-10, 10] },
    runs: [
      run(0, 'lr-0.1', 'η = {lr}', X0, 6, { lr: 0.1 }),
      run(1, 'lr-0.5', 'η = {lr}', X0, 6, { lr: 0.5 }),
      run(2, 'lr-1.1', 'η = {lr}', X0, 6, { lr: 1.1 }),
    ],
    selectedRunId: 'lr-1.1',
    overlays: { ...CURVE, gradient: false },
    camera: 'front',
    timeline: { speed: 1, markers: [0, 1, 2, 3] },
  }),
  preset('bowl-2d', '§5 Gradient descent in two dimensions', {
    title: 'Gradient descent on a round bowl',
    caption:
      'On x² + y² the gradient [2x, 2y] points straight away from the bottom, so from (3, 3) with η = 0.1 both coordinates shrink in step, 3 → 2.4 → 1.92, and the point slides down the diagonal to the origin. It is the one-variable table applied to each coordinate at once.',
    surface: 'bowl',
    runs: [run(0, 'gd', 'η = {lr}', [3, 3], 30, { lr: 0.1 })],
    overlays: { gradient: true },
    timeline: { speed: 3, markers: [0, 1, 2] },
  }),
  preset('zigzag', '§5 Learning rate · §6 Curvature', {
    title: 'Step size against curvature',
    caption:
      'This bowl is 10 times more curved across (y) than along (x): Hessian eigenvalues 1 and 10. Each GD step multiplies y by 1 − 10η, which is 0.5 for η = 0.05 (smooth), −0.5 for η = 0.15 (a zig-zag that dies out) and −1.1 for η = 0.21 (a zig-zag that grows), so plain GD is only stable here while η < 2/10 = 0.2.',
    surface: 'aniso-bowl',
    runs: [
      run(0, 'lr-0.05', 'η = {lr}', [-3.5, 2], 20, { lr: 0.05 }),
      run(1, 'lr-0.15', 'η = {lr}', [-3.5, 2], 20, { lr: 0.15 }),
      run(2, 'lr-0.21', 'η = {lr}', [-3.5, 2], 20, { lr: 0.21 }),
    ],
    selectedRunId: 'lr-0.15',
    overlays: { hessian: true },
    camera: 'top',
    timeline: { speed: 2 },
  }),
  preset('momentum-vs-gd', '§5 Gradient descent: momentum', {
    title: 'Momentum vs plain GD in a curved valley',
    caption:
      'Same start (−1.2, 1), same η = 0.001, 500 steps each on the Rosenbrock banana. Plain GD drops into the valley quickly but then creeps along its almost flat floor and ends about 1.68 away from the minimum at (1, 1). Momentum (β = 0.9) keeps adding up the small, steady pull along the floor, builds up speed and finishes within 0.1 of it.',
    surface: 'rosenbrock',
    runs: [
      run(0, 'gd', '{optimizer} η = {lr}', [-1.2, 1], 500, { lr: 0.001 }),
      run(1, 'momentum', 'Momentum β = {momentum}', [-1.2, 1], 500, {
        kind: 'momentum',
        lr: 0.001,
        momentum: 0.9,
      }),
    ],
    selectedRunId: 'momentum',
    camera: 'top',
    timeline: { speed: 50 },
  }),
  preset('adam-vs-sgd', '§5 In practice: SGD and Adam', {
    title: 'Adam vs noisy SGD on Beale',
    caption:
      "Both start at (0.5, −1.5), where Beale's surface slopes only gently. Noisy SGD (η = 0.005, gradient noise σ = 3) steps in proportion to the small gradient and after 200 steps is still more than 0.4 from the minimum at (3, 0.5), whatever the seed. Adam divides each step by a running measure of recent gradient size, so it keeps a steady pace on gentle slopes and steep walls alike and ends within 0.01 of the minimum.",
    surface: 'beale',
    runs: [
      run(0, 'sgd', 'SGD η = {lr}, σ = {noise}', [0.5, -1.5], 200, {
        kind: 'sgd',
        lr: 0.005,
        noise: 3,
        seed: 1,
      }),
      run(1, 'adam', '{optimizer} η = {lr}', [0.5, -1.5], 200, { kind: 'adam', lr: 0.1 }),
    ],
    selectedRunId: 'adam',
    camera: 'top',
    timeline: { speed: 20 },
  }),
  preset('warmup-cosine', '§5 In practice: learning-rate schedules', {
    title: 'Warm-up and cosine decay',
    caption:
      'Both runs are plain GD from the steep slope at (1, 1.5) with peak η = 0.05. Taking the full step from the start, the constant run overshoots onto the far wall and is flung off the surface within two steps. The scheduled run ramps η up from 0.005 over its first 10 steps, so it reaches the valley before stepping hard, then lets η fall along a cosine curve toward 0 and settles within 0.04 of the minimum at (3, 0.5).',
    surface: 'beale',
    runs: [
      run(0, 'constant', 'Constant η = {lr}', [1, 1.5], 300, { lr: 0.05 }),
      run(1, 'warmup-cosine', 'Warm-up {warmup} + cosine, peak η = {lr}', [1, 1.5], 300, {
        lr: 0.05,
        schedule: { ...DEFAULT_OPTIMIZER.schedule, kind: 'warmup-cosine', warmup: 10, minLr: 0 },
      }),
    ],
    selectedRunId: 'warmup-cosine',
    // The schedule is the point: show η over the steps beside the paths.
    overlays: { lrPlot: true },
    camera: 'top',
    timeline: { speed: 30, markers: [0, 10] },
  }),
  preset('saddle', '§6 Curvature: a saddle point', {
    title: 'The saddle x² − y²',
    caption:
      'The Hessian is the same everywhere, with eigenvalues +2 (along x, bending up) and −2 (along y, bending down), so the flat point at the origin is no minimum: it is a saddle. A run started exactly on the x-axis feels no pull along y and slides into the saddle; one started just 0.05 off the axis is pushed further along y every step and after 20 steps sits at y ≈ 1.92.',
    surface: 'saddle',
    runs: [
      run(0, 'off-axis', 'Start {start}', [2.5, 0.05], 20, { lr: 0.1 }),
      run(1, 'on-axis', 'Start {start}', [2.5, 0], 20, { lr: 0.1 }),
    ],
    overlays: { hessian: true, gradient: true },
    timeline: { speed: 2 },
  }),
  preset('nonconvex', '§6 Convexity: local and global minima', {
    title: 'Two valleys: local vs global',
    caption:
      'Two identical GD runs start only 0.6 apart, on either side of the hump between the valleys. The right one settles in the shallow valley at x ≈ 0.96 (f ≈ 0.29), a local minimum; the left one reaches the deeper, global minimum at x ≈ −1.04 (f ≈ −0.31). Descent only ever walks downhill, so the valley it ends in is decided by where it starts.',
    surface: 'two-valley',
    runs: [
      run(0, 'right', 'Start {start}', [0.3, 1.5], 100, { lr: 0.05 }),
      run(1, 'left', 'Start {start}', [-0.3, 1.5], 100, { lr: 0.05 }),
    ],
    overlays: { minima: true },
    timeline: { speed: 10 },
  }),
  preset('minibatch-sgd', '§5 Gradient descent', {
    title: 'Minibatch SGD on a real regression',
    caption:
      'Fitting ŷ = w·x + b to 200 noisy points of y = 2x + 1: the surface is the mean squared error over (w, b), and its lowest point is the least-squares fit w ≈ 2.01, b ≈ 1.00. From (−2, 4) with η = 0.1 full-batch descent walks straight there, while each minibatch step follows the slope of its own few points, so batches of 8 zig-zag and single points wander furthest. Drag η or the batch size and every path answers.',
    surface: {
      kind: 'model',
      model: 'linear',
      data: { kind: 'builtin', name: 'line', n: 200, seed: 1, noise: 0.5 },
    },
    domain: { x: [-3, 5], y: [-3, 5] },
    runs: [
      run(0, 'full', 'Full batch, η = {lr}', [-2, 4], 100, { lr: 0.1 }),
      {
        ...run(1, 'batch8', 'Batch {batch}, η = {lr}', [-2, 4], 100, { kind: 'sgd', lr: 0.1 }),
        batch: 8,
      },
      {
        ...run(2, 'batch1', 'Batch {batch}, η = {lr}', [-2, 4], 100, { kind: 'sgd', lr: 0.1 }),
        batch: 1,
      },
    ],
    overlays: { minima: true, floorContours: true },
    camera: 'top',
    timeline: { speed: 10 },
  }),
  {
    ...preset('logistic-regression', '§5 Gradient descent', {
      title: 'Logistic regression: full batch vs minibatches',
      caption:
        'Logistic regression p = σ(w1·x1 + w2·x2) on 200 points in two overlapping blobs: the surface is the mean cross-entropy over (w1, w2), ln 2 ≈ 0.693 at w = 0, and because the blobs overlap (the fitted line through the origin still misclassifies 19 points) it has a finite lowest point, (1.89, 1.21) with loss 0.189. From (−2, 4) with η = 1, full-batch GD ends within 0.001 of it after 200 steps. Over the last 100 steps SGD on batches of 16 stays within 0.29 of it, while single points, each step following one point’s slope, wander up to 2.06 away.',
      surface: {
        kind: 'model',
        model: 'logistic',
        // Noise 1.2 makes the blobs overlap: separable blobs would have no finite minimum.
        data: { kind: 'builtin', name: 'blobs', n: 200, seed: 1, noise: 1.2 },
      },
      domain: { x: [-3, 5], y: [-3, 5] },
      runs: [
        run(0, 'full', '{optimizer} η = {lr}, batch {batch}', [-2, 4], 200, { lr: 1 }),
        {
          ...run(1, 'batch16', '{optimizer} η = {lr}, batch {batch}', [-2, 4], 200, { lr: 1 }),
          batch: 16,
        },
        {
          ...run(2, 'batch1', '{optimizer} η = {lr}, batch {batch}', [-2, 4], 200, { lr: 1 }),
          batch: 1,
        },
      ],
      selectedRunId: 'batch16',
      overlays: { floorContours: true },
      camera: 'top',
      timeline: { speed: 20 },
    }),
    // Not a slide of the built-in lesson; the preset menu, links and the CLI offer it.
    inLesson: false,
  },
  preset('himmelblau', '§6 Local and global minima', {
    title: 'Himmelblau: four equal minima',
    caption:
      "Himmelblau's function has four minima, all with f = 0, so every one of them is global. Four identical runs, one per quadrant at (±1, ±1), each finish in a different one; from (1, 1) the run reaches (3, 2). The start alone picks the valley.",
    surface: 'himmelblau',
    runs: [
      run(0, 'ne', 'Start {start}', [1, 1], 100, { lr: 0.01 }),
      run(1, 'nw', 'Start {start}', [-1, 1], 100, { lr: 0.01 }),
      run(2, 'sw', 'Start {start}', [-1, -1], 100, { lr: 0.01 }),
      run(3, 'se', 'Start {start}', [1, -1], 100, { lr: 0.01 }),
    ],
    overlays: { minima: true },
    camera: 'top',
    timeline: { speed: 10 },
  }),
  {
    ...preset('mlp-slice', '§6 Local and global minima', {
      title: 'A tiny network: its loss on a slice',
      caption:
        'A 2–8–1 tanh network (33 weights) trained on 200 points of two moons by minibatch SGD, η = 0.5 on batches of 20 for 60 epochs (600 steps): its cross-entropy falls from 0.870 to 0.043. The surface is that loss on the plane through the trained weights (the centre) spanned by the training path’s two principal components, which hold 98% and 1% of its spread; the orange path is the training projected onto the plane.',
      surface: {
        kind: 'mlp',
        data: { kind: 'builtin', name: 'moons', n: 200, seed: 1, noise: 0.1 },
        hidden: 8,
        activation: 'tanh',
        plane: 'pca',
        params: { ...DEFAULT_OPTIMIZER, kind: 'gd', lr: 0.5 },
        batch: 20,
        epochs: 60,
        seed: 1,
      },
      domain: mlpDomain('pca'),
      runs: [],
      timeline: { speed: 60 },
    }),
    // Not a slide of the built-in lesson; the preset menu, links and the CLI offer it.
    inLesson: false,
  },
  preset('taylor-x2', '§7 Linear approximation (Taylor)', {
    title: 'Tangent-line estimate near x = 3',
    caption:
      'The tangent at x = 3 predicts f(3.1) ≈ 9 + 6 × 0.1 = 9.6; the true value is 3.1² = 9.61. The miss of 0.01 is exactly (x − 3)², so it grows with the square of the distance (0.25 at x = 3.5, 1 at x = 4): the line is only a good guide for small steps.',
    surface: 'parabola',
    runs: [run(0, 'point', 'x = {x0}', X0, 0)],
    probe: [3.1],
    overlays: { ...CURVE, tangent: true },
    camera: 'front',
    timeline: { speed: 1 },
  }),
];

/** The section number a preset's section starts with (§3 … → 3). */
function sectionNumber(p: Preset): number {
  return Number(/§(\d+)/.exec(p.section)?.[1] ?? 99);
}

/**
 * A figure preset whose scene is built when first read: a graph's scene evaluates its
 * expression to find where its timeline ends, which parses it (mathjs's first parse costs about
 * 0.1 s in a browser), and opening the app should not pay that for every figure preset.
 */
function figurePreset(spec: (typeof FIGURE_PRESET_SPECS)[number]): Preset {
  let scene: Scene | undefined;
  return {
    id: spec.id,
    title: spec.title,
    section: spec.section,
    caption: spec.caption,
    get scene(): Scene {
      scene ??= figureScene(spec);
      return scene;
    },
  };
}

/** All presets, in chapter order (by section; within a section, function plots first). */
export const PRESETS: readonly Preset[] = [
  ...FUNCTION_PRESETS,
  ...FIGURE_PRESET_SPECS.map(figurePreset),
].sort((a, b) => sectionNumber(a) - sectionNumber(b));

/** The presets the built-in lesson has a slide for, same order (see Preset.inLesson). */
export const LESSON_PRESETS: readonly Preset[] = PRESETS.filter((p) => p.inLesson !== false);

/** Ids of {@link PRESETS}, same order. */
export const PRESET_IDS: readonly string[] = PRESETS.map((p) => p.id);

/** The preset with this id, or undefined. The returned object is shared: do not mutate it. */
export function getPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A fresh deep copy of a preset's scene, safe to edit; undefined for an unknown id. */
export function presetScene(id: string): Scene | undefined {
  const p = getPreset(id);
  return p ? (JSON.parse(JSON.stringify(p.scene)) as Scene) : undefined;
}
