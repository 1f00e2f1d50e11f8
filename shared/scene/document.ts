/**
 * The scene document: the whole state of a Descent Studio scene as one versioned JSON value.
 * Saving, opening, undo, presets, share links and rendering from the command line all go
 * through it. Parsing never throws: a malformed or newer document yields a message instead.
 */
import { z } from 'zod';
import {
  domainSchema,
  MAX_DATA_POINTS,
  MAX_STEPS,
  optimizerSchema,
  problemSchema,
} from '../schema.ts';
import { mlpPlannedSteps } from '../model/mlpSpec.ts';
import { DEFAULT_OPTIMIZER } from '../types.ts';
import type { OptimizerParams } from '../types.ts';
import {
  defaultFigure,
  figureSchema,
  figureTimelineEnd,
  FIGURE_KINDS,
  isFigureKind,
} from './figure.ts';

/** The format version this build writes and the newest it reads. */
export const SCENE_VERSION = 2;

/**
 * The kinds of figure a scene can be, one view each in the renderer: a surface z = f(x, y) or
 * a curve y = f(x), which draw `problem` with its runs, and the chapter's figures (figure.ts),
 * which draw what `figure` says. A scene names its kind; a surface or curve must fit the
 * function (two variables for a surface, one for a curve).
 */
export const SCENE_KINDS = ['surface', 'curve', ...FIGURE_KINDS] as const;
/** See {@link SCENE_KINDS}. */
export type SceneKind = (typeof SCENE_KINDS)[number];

/** The kind that draws a function of `dim` variables. */
export function kindForDim(dim: 1 | 2): SceneKind {
  return dim === 1 ? 'curve' : 'surface';
}

/** Number of variables a kind's `problem` has (null: a figure, which does not draw it). */
export function dimOfKind(kind: SceneKind): 1 | 2 | null {
  if (isFigureKind(kind)) return null;
  return kind === 'curve' ? 1 : 2;
}

/** File extension of scene documents on disk (what Save writes). */
export const SCENE_EXTENSION = '.descent.json';
/**
 * Every extension a scene file may have: `.descent` too, because Windows and macOS associate
 * files with an app by their last extension only, so `.descent.json` alone cannot be
 * double-clicked into the app there.
 */
export const SCENE_EXTENSIONS = [SCENE_EXTENSION, '.descent'] as const;
/** The scene extensions as messages name them: `*.descent.json, *.descent`. */
export const SCENE_PATTERNS = SCENE_EXTENSIONS.map((ext) => `*${ext}`).join(', ');

/** Whether `name` (a file name or path) has one of {@link SCENE_EXTENSIONS}, in any case. */
export function isSceneFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return SCENE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #1f77b4');
const vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const runDocSchema = z.object({
  /** Stable id, unique within the scene. */
  id: z.string().min(1).max(64),
  /**
   * Shown in the legend. May hold placeholders for the run's settings, such as `η = {lr}` or
   * `Momentum β = {momentum}`, so the name follows the settings until the user renames the
   * run (see runLabel in runName.ts).
   */
  name: z.string().max(80),
  color: hexColor,
  visible: z.boolean(),
  params: optimizerSchema,
  /** Start point, one coordinate per variable. */
  start: z.array(z.number()).min(1).max(2),
  steps: z.number().int().min(0).max(MAX_STEPS),
  /**
   * On a model's loss: the minibatch size, so each step is a sampled minibatch gradient (the
   * shuffling seed is `params.seed`); absent, every step uses the whole data set.
   */
  batch: z.number().int().min(1).max(MAX_DATA_POINTS).optional(),
});
export type RunDoc = z.infer<typeof runDocSchema>;

/** Most points one imported path may hold (loss-landscape saves one per checkpoint). */
export const MAX_PATH_POINTS = 20_000;
/** Most imported paths one scene carries. */
export const MAX_PATHS = 8;

/**
 * A path the scene carries as points rather than computes: a training trajectory projected onto
 * an imported landscape's plane (loss-landscape's proj_xcoord/proj_ycoord, or a CSV). Drawn like
 * a run, its ball stepping one point per timeline step.
 */
export const pathDocSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(120),
  color: hexColor,
  visible: z.boolean(),
  points: z
    .array(z.tuple([z.number(), z.number()]))
    .min(1)
    .max(MAX_PATH_POINTS),
});
export type PathDoc = z.infer<typeof pathDocSchema>;

export const CAMERA_PRESETS = ['three-quarter', 'top', 'front', 'side'] as const;

/** Height-to-colour scales a surface can use. */
export const COLOR_SCALES = ['auto', 'linear', 'log'] as const;
export type ColorScale = (typeof COLOR_SCALES)[number];
export type CameraPreset = (typeof CAMERA_PRESETS)[number];

export const overlaysSchema = z.object({
  /** Gradient (uphill) and −∇f step arrows at the selected run's current point. */
  gradient: z.boolean(),
  /** Tangent plane (line in 1D) — the first-order Taylor model — with its error. */
  tangent: z.boolean(),
  /** Hessian eigen-directions scaled by eigenvalue, with the curvature class. */
  hessian: z.boolean(),
  /** Numeric readout of f, ∇f, |∇f|, directional derivative, η·λmax. */
  readout: z.boolean(),
  /** Contour lines on the surface. */
  contours: z.boolean(),
  /** Contour lines projected on the floor. */
  floorContours: z.boolean(),
  wireframe: z.boolean(),
  /** Markers at known minima. */
  minima: z.boolean(),
  axes: z.boolean(),
  /** Colour bar with ticks beside a surface (shown in the view and in exports). */
  colorBar: z.boolean(),
  /** A plot of η over the steps for the selected run (schedules), with the figure. */
  lrPlot: z.boolean(),
  /** The directional derivative along d̂ (see `direction`) with the contour's tangent. */
  directional: z.boolean(),
  /**
   * On a model's loss, the loss of the minibatch the selected run's current step uses, as a
   * mesh under the path (it changes every step). Absent in older documents: off.
   */
  batchSurface: z.boolean().default(false),
});
export type Overlays = z.infer<typeof overlaysSchema>;

export const sceneSchema = z.object({
  version: z.literal(SCENE_VERSION),
  /** Which kind of figure this is (see {@link SCENE_KINDS}). */
  kind: z.enum(SCENE_KINDS),
  title: z.string().max(200),
  /** Explanatory caption (presets fill it in). */
  caption: z.string().max(2000),
  /**
   * The caption was written for an earlier f or domain and may no longer describe the scene
   * (set by those edits, cleared when the caption is edited).
   */
  captionStale: z.boolean(),
  /** f: a built-in surface or a typed expression. */
  problem: problemSchema,
  domain: domainSchema,
  runs: z.array(runDocSchema).max(32),
  /** Imported paths drawn over a landscape; absent when there are none. */
  paths: z.array(pathDocSchema).max(MAX_PATHS).optional(),
  selectedRunId: z.string().nullable(),
  /**
   * A point where the tangent (first-order Taylor) estimate is compared with f, as in the
   * chapter's f(3.1) ≈ 9.6 example; null compares at the selected run's next step instead.
   */
  probe: z.array(z.number()).min(1).max(2).nullable(),
  /** Direction d̂ of the directional derivative, in degrees counter-clockwise from +x. */
  direction: z.number().min(-360).max(360),
  overlays: overlaysSchema,
  camera: z.object({
    preset: z.enum(CAMERA_PRESETS),
    /** Explicit camera position and orbit target; absent means "use the preset". */
    position: vec3.optional(),
    target: vec3.optional(),
  }),
  timeline: z.object({
    /** Current step shown (may be fractional while animating). */
    position: z.number().min(0),
    /** Playback speed in steps per second. */
    speed: z.number().gt(0).max(10_000),
    loop: z.boolean(),
    /** Steps where a slide clip starts (used by export). */
    markers: z.array(z.number().int().min(0)).max(100),
  }),
  view: z.object({
    theme: z.enum(['light', 'dark']),
    /** Surface mesh resolution per axis. */
    resolution: z.number().int().min(8).max(512),
    /** Number of contour levels. */
    contourLevels: z.number().int().min(0).max(100),
    /** How heights map to colours: `auto` picks log for surfaces with a deep, flat valley. */
    colorScale: z.enum(COLOR_SCALES),
    /** Draw nothing of a path ahead of its ball (a step-by-step reveal). */
    reveal: z.boolean(),
    /** Show the caption over the view. */
    showCaption: z.boolean(),
  }),
  /** What a figure kind draws (figure.ts); absent in older documents, which get the defaults. */
  figure: figureSchema.default(defaultFigure),
});
export type Scene = z.infer<typeof sceneSchema>;

/** Colours for runs, in order (colour-blind-friendly categorical palette). */
export const RUN_COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#f0e442',
  '#000000',
] as const;

/** A run with default hyperparameters. */
export function defaultRun(
  index: number,
  start: number[],
  params: Partial<OptimizerParams> = {},
): RunDoc {
  return {
    id: `run-${index + 1}`,
    name: `Run ${index + 1}`,
    color: RUN_COLORS[index % RUN_COLORS.length] ?? '#0072b2',
    visible: true,
    // Copy the nested schedule too, so editing one run's schedule never touches the defaults.
    params: {
      ...DEFAULT_OPTIMIZER,
      ...params,
      schedule: { ...(params.schedule ?? DEFAULT_OPTIMIZER.schedule) },
    },
    start,
    steps: 100,
  };
}

/** The scene a new document starts with: the bowl with one gradient-descent run. */
export function defaultScene(): Scene {
  return {
    version: SCENE_VERSION,
    kind: 'surface',
    title: 'Untitled scene',
    caption: '',
    captionStale: false,
    problem: { kind: 'surface', id: 'bowl' },
    domain: { x: [-3, 3], y: [-3, 3] },
    runs: [defaultRun(0, [2.5, 2])],
    selectedRunId: 'run-1',
    probe: null,
    direction: 0,
    overlays: {
      gradient: true,
      tangent: false,
      hessian: false,
      readout: true,
      contours: true,
      floorContours: true,
      wireframe: false,
      minima: true,
      axes: true,
      colorBar: true,
      lrPlot: false,
      directional: false,
      batchSurface: false,
    },
    camera: { preset: 'three-quarter' },
    timeline: { position: 0, speed: 10, loop: false, markers: [] },
    view: {
      theme: 'light',
      resolution: 96,
      contourLevels: 14,
      colorScale: 'auto',
      reveal: false,
      showCaption: true,
    },
    figure: defaultFigure(),
  };
}

/** Serialises a scene for saving (stable key order, trailing newline). */
export function serializeScene(scene: Scene): string {
  return JSON.stringify(scene, null, 2) + '\n';
}

/**
 * Last step of the timeline: the largest step count among visible runs, imported paths and a
 * network's training path (0 if none), or for a figure, the end of its own animation.
 */
export function timelineEnd(scene: Scene): number {
  if (isFigureKind(scene.kind)) return figureTimelineEnd(scene.kind, scene.figure);
  let end = 0;
  for (const run of scene.runs) if (run.visible && run.steps > end) end = run.steps;
  for (const path of scene.paths ?? []) {
    if (path.visible && path.points.length - 1 > end) end = path.points.length - 1;
  }
  // A network's training path, as far as its training plans (it may stop sooner).
  if (scene.problem.kind === 'mlp') end = Math.max(end, mlpPlannedSteps(scene.problem));
  return end;
}
