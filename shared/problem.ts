/**
 * Turns a problem spec (built-in id or typed expression) into everything the solver needs,
 * with a small cache keyed by the spec so a slider drag does not recompile f on every tick.
 */
import { compileExpression } from './expr/index.ts';
import { gridProblem } from './landscape/problem.ts';
import type { Dataset } from './model/data.ts';
import type { Model } from './model/models.ts';
import type { MinibatchColumns } from './model/trajectory.ts';
import { mlpProblem } from './model/mlpProblem.ts';
import { modelProblem } from './model/problem.ts';
import type { ProblemSpec } from './schema.ts';
import { getSurface, SURFACE_IDS } from './surfaces.ts';
import type { Dim, Domain, KnownMinimum, Objective } from './types.ts';

/** A problem ready to solve: the objective plus what the UI and CLI show about it. */
export interface Problem {
  /** The objective with exact derivatives. */
  objective: Objective;
  /** 1 or 2 variables. */
  dim: Dim;
  /** Variable names in order. */
  variables: readonly string[];
  /** f as text in the app's expression syntax. */
  expression: string;
  /** f as TeX. */
  latex: string;
  /** Symbolic ∂f/∂v per variable and the Hessian entries, for display. */
  derivatives: { gradient: readonly string[]; hessian: readonly (readonly string[])[] };
  /** True when f is a polynomial of degree ≤ 2, so the stability limit η < 2/λmax applies. */
  quadratic: boolean;
  /** The built-in's viewing box, or a default one for typed expressions. */
  domain: Domain;
  /** Known minima (built-ins only). */
  minima: readonly KnownMinimum[];
  /** The colour scale an `auto` scene uses, or null to decide from the heights. */
  colorScale: 'log' | null;
  /** A model's loss: the model and its data, for runs on minibatches (never sent to the page). */
  training?: { model: Model; data: Dataset; spec: Extract<ProblemSpec, { kind: 'model' }> };
  /** A network's loss on a slice: which plane, and the training path projected onto it. */
  slice?: SliceInfo;
}

/** What the figure shows about a slice of a network's loss (model/mlpProblem.ts). */
export interface SliceInfo {
  plane: 'pca' | 'random';
  /** The plane in words, for the legend and the caption. */
  label: string;
  /** Share of the path's spread along each principal component (PCA plane only). */
  explained: [number, number] | null;
  /** Number of the network's parameters. */
  parameters: number;
  /** The training path on the plane: [x0, y0, x1, y1, …], one point per step. */
  path: number[];
  /** Full-data loss at each step of the path (not the slice's value at the projected point). */
  loss: number[];
  /** 'diverged' when training stopped at a non-finite step. */
  status: 'done' | 'diverged';
  /** The training as step-table rows (packed as STRIDE/COL in types.ts) with its minibatches. */
  rows: { data: Float64Array; count: number; minibatch: MinibatchColumns };
}

/** Called while a slow problem (a network's slice) is built: `done` of `total` units. */
export type BuildProgress = (done: number, total: number) => void;

/** Raised for a problem spec that names nothing we know (e.g. an unknown surface id). */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
}

/** Default viewing box for a typed expression. */
export const DEFAULT_DOMAIN: Domain = { x: [-3, 3], y: [-3, 3] };

const CACHE_LIMIT = 32;
const cache = new Map<string, Problem>();

/**
 * Two 32-bit hashes (FNV-1a and a murmur-style mix) over the bits of each number, null apart
 * from every number: a grid of 512² samples hashes in about a millisecond, where JSON.stringify
 * of the spec took about 40 ms on every request (a slider drag sends one per input event).
 */
function hashNumbers(lists: readonly (readonly (number | null)[])[]): string {
  const box = new Float64Array(1);
  const words = new Uint32Array(box.buffer);
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (const list of lists) {
    a = Math.imul(a ^ list.length, 16777619);
    for (const v of list) {
      if (v === null) {
        a = Math.imul(a ^ 0x7ff8dead, 16777619);
        b = Math.imul(b ^ 0x7ff8dead, 0x5bd1e995);
        continue;
      }
      box[0] = v;
      a = Math.imul(a ^ words[0]!, 16777619);
      a = Math.imul(a ^ words[1]!, 16777619);
      b = Math.imul(b ^ words[0]!, 0x5bd1e995);
      b ^= b >>> 13;
      b = Math.imul(b ^ words[1]!, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/** The cache key of a spec (equal specs, equal keys). */
export function keyOf(spec: ProblemSpec): string {
  switch (spec.kind) {
    case 'surface':
      return `surface:${spec.id}`;
    case 'expression':
      return `expression:${spec.source.trim()}`;
    case 'grid':
      // Up to 512² values: hashed, not written out (see hashNumbers).
      return `grid:${spec.xs.length}x${spec.ys.length}:${hashNumbers([spec.xs, spec.ys, spec.values])}:${spec.name}`;
    default:
      // A model's data (at most a few thousand points) is a value: the spec itself is the key.
      return `${spec.kind}:${JSON.stringify(spec)}`;
  }
}

function build(spec: ProblemSpec, onProgress?: BuildProgress): Problem {
  if (spec.kind === 'model') return modelProblem(spec);
  if (spec.kind === 'mlp') return mlpProblem(spec, onProgress);
  if (spec.kind === 'grid') return gridProblem(spec);
  if (spec.kind === 'surface') {
    const surface = getSurface(spec.id);
    if (!surface) {
      throw new ProblemError(
        `Unknown surface '${spec.id}'. Built-in surfaces: ${SURFACE_IDS.join(', ')}.`,
      );
    }
    // Built-ins keep their hand-written objective (fast); the compiled expression only supplies
    // the symbolic derivative strings for display.
    const compiled = compileExpression(surface.expression);
    return {
      objective: surface.objective,
      dim: surface.objective.dim,
      variables: surface.objective.variables,
      expression: surface.expression,
      latex: surface.latex,
      derivatives: compiled.derivatives,
      quadratic: surface.quadratic,
      domain: surface.domain,
      minima: surface.minima,
      colorScale: surface.colorScale ?? null,
    };
  }
  const compiled = compileExpression(spec.source);
  return {
    objective: compiled,
    dim: compiled.dim,
    variables: compiled.variables,
    expression: compiled.source,
    latex: compiled.latex,
    derivatives: compiled.derivatives,
    quadratic: compiled.isQuadratic,
    domain: DEFAULT_DOMAIN,
    minima: [],
    colorScale: null,
  };
}

/**
 * Resolves a spec to a Problem, reusing the cached one when the same spec was seen recently.
 * Throws ExpressionError (bad expression) or ProblemError (unknown surface).
 */
export function resolveProblem(spec: ProblemSpec, onProgress?: BuildProgress): Problem {
  const key = keyOf(spec);
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const problem = build(spec, onProgress);
  cache.set(key, problem);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return problem;
}
