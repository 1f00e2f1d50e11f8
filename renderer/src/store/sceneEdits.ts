/**
 * Pure edits of the scene document. Each returns a new Scene (never mutates), so the store can
 * keep the previous one as an undo snapshot and selectors see a new reference only for what
 * changed.
 */
import {
  kindForDim,
  MAX_PATH_POINTS,
  MAX_PATHS,
  RUN_COLORS,
} from '../../../shared/scene/document.ts';
import type { PathDoc, RunDoc, Scene } from '../../../shared/scene/document.ts';
import { FOLLOWING_NAME, runLabel } from '../../../shared/scene/runName.ts';
import { checkFigure, figureSchema, isFigureKind } from '../../../shared/scene/figure.ts';
import type { FigureSettings } from '../../../shared/scene/figure.ts';
import { describeZodError } from '../../../shared/schema.ts';
import type { ProblemSpec } from '../../../shared/schema.ts';
import type { Dim, Domain, OptimizerParams } from '../../../shared/types.ts';
import { DEFAULT_OPTIMIZER } from '../../../shared/types.ts';

/** Largest number of runs a scene may hold (the scene schema's limit). */
export const MAX_RUNS = 32;

/** A run id not used in the scene: run-1, run-2, … */
export function freshRunId(scene: Scene): string {
  const used = new Set(scene.runs.map((r) => r.id));
  for (let n = scene.runs.length + 1; ; n++) {
    const id = `run-${n}`;
    if (!used.has(id)) return id;
  }
}

/** The first palette colour no run uses yet (cycling once all are taken). */
export function nextColor(scene: Scene): string {
  const used = new Set(scene.runs.map((r) => r.color.toLowerCase()));
  return (
    RUN_COLORS.find((c) => !used.has(c.toLowerCase())) ??
    RUN_COLORS[scene.runs.length % RUN_COLORS.length]!
  );
}

/** A start point a little up and to the right of the domain's centre, on a slope for most f. */
export function defaultStart(domain: Domain, dim: Dim): number[] {
  const x = domain.x[0] + 0.8 * (domain.x[1] - domain.x[0]);
  if (dim === 1) return [round4(x)];
  const y = domain.y[0] + 0.75 * (domain.y[1] - domain.y[0]);
  return [round4(x), round4(y)];
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * Fits a start point to a problem: the right number of coordinates (dropping y for 1D, adding a
 * default y for 2D) and inside the domain (points outside are pulled to the default start).
 */
export function fitStart(start: readonly number[], dim: Dim, domain: Domain): number[] {
  const fallback = defaultStart(domain, dim);
  const x = start[0];
  const y = dim === 2 ? (start[1] ?? fallback[1]) : undefined;
  const inX = x !== undefined && x >= domain.x[0] && x <= domain.x[1];
  const inY = dim === 1 || (y !== undefined && y >= domain.y[0] && y <= domain.y[1]);
  if (!inX || !inY) return fallback;
  return dim === 1 ? [x] : [x, y!];
}

/** The selected run, or undefined. */
export function selectedRun(scene: Scene): RunDoc | undefined {
  return scene.runs.find((r) => r.id === scene.selectedRunId);
}

/** Adds a gradient-descent run (copying the selected run's start and steps) and selects it. */
export function addRun(scene: Scene, dim: Dim): Scene {
  if (scene.runs.length >= MAX_RUNS) return scene;
  const template = selectedRun(scene) ?? scene.runs[scene.runs.length - 1];
  const id = freshRunId(scene);
  const n = Number(id.slice(4));
  const run: RunDoc = {
    id,
    name: `Run ${n}`,
    color: nextColor(scene),
    visible: true,
    params: { ...DEFAULT_OPTIMIZER },
    start: template ? [...template.start] : defaultStart(scene.domain, dim),
    steps: template ? template.steps : 100,
  };
  return { ...scene, runs: [...scene.runs, run], selectedRunId: id };
}

/** Copies a run (same hyperparameters and start, next colour) and selects the copy. */
export function duplicateRun(scene: Scene, id: string): Scene {
  const source = scene.runs.find((r) => r.id === id);
  if (!source || scene.runs.length >= MAX_RUNS) return scene;
  const copy: RunDoc = {
    ...source,
    id: freshRunId(scene),
    name: `${source.name} copy`.slice(0, 80),
    color: nextColor(scene),
    params: { ...source.params, schedule: { ...source.params.schedule } },
    start: [...source.start],
  };
  const at = scene.runs.indexOf(source) + 1;
  const runs = [...scene.runs.slice(0, at), copy, ...scene.runs.slice(at)];
  return { ...scene, runs, selectedRunId: copy.id };
}

/** Removes a run; the selection moves to its neighbour. */
export function removeRun(scene: Scene, id: string): Scene {
  const at = scene.runs.findIndex((r) => r.id === id);
  if (at < 0) return scene;
  const runs = scene.runs.filter((r) => r.id !== id);
  let selectedRunId = scene.selectedRunId;
  if (selectedRunId === id) selectedRunId = (runs[at] ?? runs[at - 1])?.id ?? null;
  return { ...scene, runs, selectedRunId };
}

/** Whether applying `patch` to `target` would change nothing (values compared structurally). */
export function patchIsNoop<T extends object>(target: T, patch: Partial<T>): boolean {
  return (Object.keys(patch) as (keyof T)[]).every(
    (key) => JSON.stringify(target[key]) === JSON.stringify(patch[key]),
  );
}

/**
 * Changes fields of one run (not its id). Returns the same scene when nothing changes, so a
 * field committing the value it already had (Enter, then blur) adds no undo entry.
 */
export function updateRun(scene: Scene, id: string, patch: Partial<Omit<RunDoc, 'id'>>): Scene {
  const run = scene.runs.find((r) => r.id === id);
  if (!run || patchIsNoop(run, patch)) return scene;
  return { ...scene, runs: scene.runs.map((r) => (r.id === id ? { ...r, ...patch } : r)) };
}

/** Changes hyperparameters of one run. */
export function updateParams(scene: Scene, id: string, patch: Partial<OptimizerParams>): Scene {
  const run = scene.runs.find((r) => r.id === id);
  if (!run || patchIsNoop(run.params, patch)) return scene;
  return updateRun(scene, id, { params: { ...run.params, ...patch } });
}

/**
 * Renames a run from what the user typed into its name field, which shows the run's label.
 * Text equal to that label changes nothing (a name with placeholders keeps following the
 * settings); other text is stored literally, so the run stops following; blank text gives the
 * run a name that follows its optimizer and η again.
 */
export function renameRun(scene: Scene, id: string, typed: string): Scene {
  const run = scene.runs.find((r) => r.id === id);
  if (!run) return scene;
  const text = typed.slice(0, 80);
  if (text === runLabel(run)) return scene;
  return updateRun(scene, id, { name: text.trim() === '' ? FOLLOWING_NAME : text });
}

/**
 * Marks the caption as possibly out of date: it was written for the f and domain the scene had
 * before. An empty caption has nothing to go stale.
 */
export function markCaptionStale(scene: Scene): Scene {
  return scene.caption === '' || scene.captionStale ? scene : { ...scene, captionStale: true };
}

/** The caption as typed; editing it makes it current again. */
export function setCaption(scene: Scene, caption: string): Scene {
  const text = caption.slice(0, 2000);
  if (text === scene.caption && !scene.captionStale) return scene;
  return { ...scene, caption: text, captionStale: false };
}

/** Sets the viewing box (a new one may leave the caption behind). */
export function setDomain(scene: Scene, domain: Domain): Scene {
  if (patchIsNoop(scene, { domain })) return scene;
  return markCaptionStale({
    ...scene,
    domain: { x: [domain.x[0], domain.x[1]], y: [domain.y[0], domain.y[1]] },
  });
}

/**
 * Switches f. `dim` is the new problem's dimension and `domain` (for built-ins) its viewing box;
 * run start points are refitted to both so every run can be solved at once. The caption was
 * written about the old f, so it is marked as possibly stale.
 */
export function setProblem(scene: Scene, problem: ProblemSpec, dim: Dim, domain?: Domain): Scene {
  const nextDomain = domain ?? scene.domain;
  // Imported paths were projected onto the old landscape's plane; on another f they mean nothing.
  const { paths: _paths, ...rest } = scene;
  return {
    ...markCaptionStale(rest),
    kind: kindForDim(dim),
    problem,
    domain: nextDomain,
    runs: scene.runs.map((r) => {
      const start = fitStart(r.start, dim, nextDomain);
      return sameNumbers(start, r.start) ? r : { ...r, start };
    }),
    probe: scene.probe && scene.probe.length !== dim ? null : scene.probe,
  };
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Turns d̂ of the directional derivative to `degrees` (counter-clockwise from +x). Angles the
 * scene cannot hold (beyond ±360°) are wrapped into [0, 360); non-finite ones change nothing.
 */
export function setDirection(scene: Scene, degrees: number): Scene {
  if (!Number.isFinite(degrees)) return scene;
  const direction = degrees < -360 || degrees > 360 ? ((degrees % 360) + 360) % 360 : degrees;
  return direction === scene.direction ? scene : { ...scene, direction };
}

/**
 * Applies `patch` to a figure's settings when the result still fits the figure's kind (see
 * checkFigure): returns the new scene, or the sentence saying why the patch was refused (the
 * scene is then unchanged). A new function marks a written caption as possibly stale.
 */
export function patchFigure(
  scene: Scene,
  patch: Partial<FigureSettings>,
): { scene: Scene } | { error: string } {
  const keys = Object.keys(patch) as (keyof FigureSettings)[];
  if (keys.every((k) => Object.is(scene.figure[k], patch[k]))) return { scene };
  const figure = { ...scene.figure, ...patch };
  const shape = figureSchema.safeParse(figure);
  if (!shape.success) return { error: describeZodError(shape.error) };
  if (isFigureKind(scene.kind)) {
    const problem = checkFigure(scene.kind, figure);
    if (problem !== null) return { error: problem };
  }
  const next = { ...scene, figure };
  const newFunction = figure.f !== scene.figure.f || figure.g !== scene.figure.g;
  return { scene: newFunction ? markCaptionStale(next) : next };
}

/**
 * Adds an imported path (points in the plane of the scene's landscape), coloured with the first
 * palette colour no run or path uses. Returns the new scene, or the sentence saying why not.
 */
export function addPath(
  scene: Scene,
  name: string,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
): { scene: Scene; id: string } | { error: string } {
  const paths = scene.paths ?? [];
  if (scene.kind !== 'surface') return { error: 'Paths can only be drawn on a surface.' };
  if (paths.length >= MAX_PATHS) {
    return { error: `A scene holds at most ${MAX_PATHS} imported paths; remove one first.` };
  }
  const n = Math.min(xs.length, ys.length);
  if (n === 0) return { error: `${name} holds no points.` };
  if (n > MAX_PATH_POINTS) {
    return { error: `${name} has ${n} points; at most ${MAX_PATH_POINTS} can be drawn.` };
  }
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      return { error: `${name}: point ${i} is (${x}, ${y}); every point must be finite.` };
    }
    points.push([x, y]);
  }
  const used = new Set([...scene.runs, ...paths].map((r) => r.color.toLowerCase()));
  const color = RUN_COLORS.find((c) => !used.has(c.toLowerCase())) ?? RUN_COLORS[1];
  const taken = new Set(paths.map((p) => p.id));
  let k = paths.length + 1;
  while (taken.has(`path-${k}`)) k++;
  const path: PathDoc = { id: `path-${k}`, name: name.slice(0, 120), color, visible: true, points };
  return { scene: { ...scene, paths: [...paths, path] }, id: path.id };
}

/** Removes an imported path (the scene loses its `paths` field with the last one). */
export function removePath(scene: Scene, id: string): Scene {
  const paths = (scene.paths ?? []).filter((p) => p.id !== id);
  if (paths.length === (scene.paths ?? []).length) return scene;
  const { paths: _old, ...rest } = scene;
  return paths.length > 0 ? { ...rest, paths } : rest;
}

/** Shows or hides an imported path. */
export function setPathVisible(scene: Scene, id: string, visible: boolean): Scene {
  const paths = scene.paths ?? [];
  if (!paths.some((p) => p.id === id && p.visible !== visible)) return scene;
  return { ...scene, paths: paths.map((p) => (p.id === id ? { ...p, visible } : p)) };
}
