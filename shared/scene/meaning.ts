/**
 * What a scene means, beyond its shape: the schema (document.ts) says a field is a number or a
 * list; these checks say the numbers and names fit together, so that every scene that opens can
 * be solved and drawn. parseScene runs them, so the app (links, browser storage, files), the
 * desktop main process and `descent render` all refuse the same scenes with the same sentence.
 *
 * Each check answers null when all is well, or one plain sentence naming what is wrong.
 */
import { ExpressionError } from '../expr/index.ts';
import { checkMlpSpec } from '../model/mlpProblem.ts';
import { ProblemError, resolveProblem } from '../problem.ts';
import type { Problem } from '../problem.ts';
import { SURFACE_IDS } from '../surfaces.ts';
import type { Domain } from '../types.ts';
import { dimOfKind } from './document.ts';
import { checkFigure, isFigureKind } from './figure.ts';
import type { Scene } from './document.ts';

/**
 * Largest magnitude of a domain bound. Far beyond any teaching example, and small enough that
 * widths, centres and the solver's divergence bound (1000 × the largest bound) stay finite.
 */
export const MAX_DOMAIN_BOUND = 1e6;

/**
 * Narrowest domain, as a fraction of max(1, |min|, |max|). The view steps through a range in up
 * to 512 samples and maps it to a box of width 2; at a millionth of the bounds each sample step
 * is still thousands of representable doubles apart, and the scale (2 / width) stays finite.
 */
export const MIN_RELATIVE_WIDTH = 1e-6;

/** Largest magnitude of a saved camera coordinate (the view box is 2 units wide). */
export const MAX_CAMERA_COORDINATE = 1e6;

function checkRange(axis: 'x' | 'y', range: readonly [number, number]): string | null {
  const [lo, hi] = range;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    return `The ${axis} range must have finite ends.`;
  }
  if (!(lo < hi)) {
    return `The ${axis} minimum (${lo}) must be below the ${axis} maximum (${hi}).`;
  }
  if (Math.abs(lo) > MAX_DOMAIN_BOUND || Math.abs(hi) > MAX_DOMAIN_BOUND) {
    return `The ${axis} range from ${lo} to ${hi} is too large: both ends must lie between ${-MAX_DOMAIN_BOUND} and ${MAX_DOMAIN_BOUND}.`;
  }
  const needed = MIN_RELATIVE_WIDTH * Math.max(1, Math.abs(lo), Math.abs(hi));
  if (hi - lo < needed) {
    const shown = Number(needed.toPrecision(3));
    return `The ${axis} range from ${lo} to ${hi} is too narrow to draw: it must be at least ${shown} wide (a millionth of its larger end, or of 1 near zero).`;
  }
  return null;
}

/**
 * Checks a viewing box: finite ends, minimum below maximum, both ends within
 * ±{@link MAX_DOMAIN_BOUND}, and a width of at least {@link MIN_RELATIVE_WIDTH} × max(1, |ends|).
 * Both axes are checked even for a curve, whose y range is kept for when f gains a variable.
 */
export function checkDomain(domain: Domain): string | null {
  return checkRange('x', domain.x) ?? checkRange('y', domain.y);
}

/** "1 variable (x)", "2 variables (x, y)". */
function variablesText(problem: Shape): string {
  const n = problem.dim;
  return `${n} variable${n === 1 ? '' : 's'} (${problem.variables.join(', ')})`;
}

function coordinates(n: number): string {
  return `${n} coordinate${n === 1 ? '' : 's'}`;
}

/** What the checks need of f. */
type Shape = Pick<Problem, 'dim' | 'variables'>;

/** The scene's f, or the sentence saying why it cannot be used. */
function problemOf(scene: Scene): Shape | string {
  if (scene.problem.kind === 'mlp') {
    // Training the network is the worker's job: check the spec only.
    const why = checkMlpSpec(scene.problem);
    return why === null ? { dim: 2, variables: ['x', 'y'] } : `f cannot be used: ${why}`;
  }
  try {
    return resolveProblem(scene.problem);
  } catch (error) {
    if (error instanceof ExpressionError) {
      return `The expression for f cannot be used: ${error.message.replace(/\.?$/, '.')}`;
    }
    if (error instanceof ProblemError && scene.problem.kind === 'surface') {
      return `The surface '${scene.problem.id}' is not a built-in surface (those are ${SURFACE_IDS.join(', ')}).`;
    }
    const detail = error instanceof Error ? error.message : String(error);
    return `f cannot be used: ${detail.replace(/\.?$/, '.')}`;
  }
}

/**
 * Checks that a scene which passed the schema can be solved and drawn: unique run ids, a
 * selected run that exists (or none), a usable domain, an f that compiles or names a built-in
 * surface, a kind that fits f (a curve for one variable, a surface for two), start points and
 * the probe with one coordinate per variable, and a camera within reach. Returns the first
 * problem found, or null.
 */
export function checkSceneMeaning(scene: Scene): string | null {
  const ids = new Set<string>();
  for (const run of scene.runs) {
    if (ids.has(run.id)) return `Two runs share the id '${run.id}'.`;
    ids.add(run.id);
  }
  if (scene.selectedRunId !== null && !ids.has(scene.selectedRunId)) {
    return `The selected run '${scene.selectedRunId}' is not in the scene.`;
  }
  const pathIds = new Set<string>();
  for (const path of scene.paths ?? []) {
    if (pathIds.has(path.id)) return `Two imported paths share the id '${path.id}'.`;
    pathIds.add(path.id);
  }

  const domain = checkDomain(scene.domain);
  if (domain !== null) return domain;

  // A figure draws its own settings; the problem is only kept for a later surface or curve.
  if (isFigureKind(scene.kind)) return checkFigure(scene.kind, scene.figure) ?? checkCamera(scene);

  const problem = problemOf(scene);
  if (typeof problem === 'string') return problem;
  if (dimOfKind(scene.kind) !== problem.dim) {
    return scene.kind === 'curve'
      ? `The scene is a curve, but f has ${variablesText(problem)}; a curve needs f of one variable.`
      : `The scene is a surface, but f has ${variablesText(problem)}; a surface needs f of two variables.`;
  }

  for (const run of scene.runs) {
    if (run.start.length !== problem.dim) {
      return `Run '${run.id}' starts at a point with ${coordinates(run.start.length)}, but f has ${variablesText(problem)}.`;
    }
  }
  if (scene.probe !== null && scene.probe.length !== problem.dim) {
    return `The probe point has ${coordinates(scene.probe.length)}, but f has ${variablesText(problem)}.`;
  }
  if ((scene.paths?.length ?? 0) > 0 && problem.dim !== 2) {
    return `Imported paths are drawn on surfaces, but f has ${variablesText(problem)}.`;
  }

  return checkCamera(scene);
}

function checkCamera(scene: Scene): string | null {
  const { position, target } = scene.camera;
  for (const [what, point] of [
    ['position', position],
    ['target', target],
  ] as const) {
    if (point?.some((v) => Math.abs(v) > MAX_CAMERA_COORDINATE)) {
      return `The camera ${what} is too far out: each coordinate must lie between ${-MAX_CAMERA_COORDINATE} and ${MAX_CAMERA_COORDINATE}.`;
    }
  }
  return null;
}
