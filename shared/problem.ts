/**
 * Turns a problem spec (built-in id or typed expression) into everything the solver needs,
 * with a small cache keyed by the spec so a slider drag does not recompile f on every tick.
 */
import { compileExpression } from './expr/index.ts';
import { gridProblem } from './landscape/problem.ts';
import type { Dataset } from './model/data.ts';
import type { Model } from './model/models.ts';
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
}

/** Raised for a problem spec that names nothing we know (e.g. an unknown surface id). */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
}

/** Default viewing box for a typed expression. */
export const DEFAULT_DOMAIN: Domain = { x: [-3, 3], y: [-3, 3] };

const CACHE_LIMIT = 32;
const cache = new Map<string, Problem>();

function keyOf(spec: ProblemSpec): string {
  switch (spec.kind) {
    case 'surface':
      return `surface:${spec.id}`;
    case 'expression':
      return `expression:${spec.source.trim()}`;
    default:
      // Data and grids are values: the spec itself is the key.
      return `${spec.kind}:${JSON.stringify(spec)}`;
  }
}

function build(spec: ProblemSpec): Problem {
  if (spec.kind === 'model') return modelProblem(spec);
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
export function resolveProblem(spec: ProblemSpec): Problem {
  const key = keyOf(spec);
  const hit = cache.get(key);
  if (hit) {
    // Re-insert so the Map's insertion order doubles as least-recently-used order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const problem = build(spec);
  cache.set(key, problem);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return problem;
}
