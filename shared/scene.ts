/**
 * The scene document: the whole state of a Descent Studio scene as one versioned JSON value.
 * Saving, opening, undo, presets, share links and rendering from the command line all go
 * through it. Parsing never throws: a malformed or newer document yields a message instead.
 */
import { z } from 'zod';
import {
  describeZodError,
  domainSchema,
  MAX_STEPS,
  optimizerSchema,
  problemSchema,
} from './schema.ts';
import { DEFAULT_OPTIMIZER } from './types.ts';
import type { OptimizerParams } from './types.ts';

/** The format version this build writes and the newest it reads. */
export const SCENE_VERSION = 1;

/** File extension of scene documents on disk. */
export const SCENE_EXTENSION = '.descent.json';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #1f77b4');
const vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const runDocSchema = z.object({
  /** Stable id, unique within the scene. */
  id: z.string().min(1).max(64),
  /** Shown in the legend. */
  name: z.string().max(80),
  color: hexColor,
  visible: z.boolean(),
  params: optimizerSchema,
  /** Start point, one coordinate per variable. */
  start: z.array(z.number()).min(1).max(2),
  steps: z.number().int().min(0).max(MAX_STEPS),
});
export type RunDoc = z.infer<typeof runDocSchema>;

export const CAMERA_PRESETS = ['three-quarter', 'top', 'front', 'side'] as const;
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
});
export type Overlays = z.infer<typeof overlaysSchema>;

export const sceneSchema = z.object({
  version: z.literal(SCENE_VERSION),
  title: z.string().max(200),
  /** Explanatory caption (presets fill it in). */
  caption: z.string().max(2000),
  /** f: a built-in surface or a typed expression. */
  problem: problemSchema,
  domain: domainSchema,
  runs: z.array(runDocSchema).max(32),
  selectedRunId: z.string().nullable(),
  /**
   * A point where the tangent (first-order Taylor) estimate is compared with f, as in the
   * chapter's f(3.1) ≈ 9.6 example; null compares at the selected run's next step instead.
   */
  probe: z.array(z.number()).min(1).max(2).nullable(),
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
  }),
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
    title: 'Untitled scene',
    caption: '',
    problem: { kind: 'surface', id: 'bowl' },
    domain: { x: [-3, 3], y: [-3, 3] },
    runs: [defaultRun(0, [2.5, 2])],
    selectedRunId: 'run-1',
    probe: null,
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
    },
    camera: { preset: 'three-quarter' },
    timeline: { position: 0, speed: 10, loop: false, markers: [] },
    view: { theme: 'light', resolution: 96, contourLevels: 14 },
  };
}

export type SceneParse = { ok: true; scene: Scene } | { ok: false; message: string };

/**
 * Validates a parsed JSON value as a scene. Refuses documents from newer versions with a
 * message that says so, and anything malformed with the first problems found.
 */
export function parseScene(value: unknown): SceneParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Not a Descent Studio scene: expected a JSON object.' };
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version !== 'number') {
    return { ok: false, message: 'Not a Descent Studio scene: the "version" field is missing.' };
  }
  if (version > SCENE_VERSION) {
    return {
      ok: false,
      message: `This scene was saved by a newer Descent Studio (format ${version}); this version reads format ${SCENE_VERSION} and older. Please update the app.`,
    };
  }
  const parsed = sceneSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, message: `The scene file is damaged: ${describeZodError(parsed.error)}` };
  }
  const scene = parsed.data;
  const ids = new Set<string>();
  for (const run of scene.runs) {
    if (ids.has(run.id))
      return {
        ok: false,
        message: `The scene file is damaged: two runs share the id '${run.id}'.`,
      };
    ids.add(run.id);
  }
  return { ok: true, scene };
}

/** Parses scene text (file contents or a decoded link). */
export function parseSceneText(text: string): SceneParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The scene file is not valid JSON: ${detail}` };
  }
  return parseScene(value);
}

/** Serialises a scene for saving (stable key order, trailing newline). */
export function serializeScene(scene: Scene): string {
  return JSON.stringify(scene, null, 2) + '\n';
}
