/**
 * Settings of the chapter's figure kinds (see FIGURE_KINDS): the secant that becomes a tangent,
 * f with its derivatives, the computation graph, the activations, the Jacobian as a map and the
 * integral as area. A figure takes its functions from these settings, not from the scene's
 * `problem` (which belongs to the surface and curve kinds and has no runs to feed here).
 *
 * Each figure animates along the same timeline as a scene with runs: the playhead is a number
 * from 0 to {@link figureTimelineEnd}, and what a position shows is a pure function of it (see
 * figureTimeline.ts), so exports stay frame-exact. Pure TypeScript.
 */
import { z } from 'zod';
import { compileExpression, ExpressionError } from '../expr/index.ts';
import { buildGraph, evaluateGraph } from '../graph/index.ts';
import { RIEMANN_RULES } from '../integrate/quadrature.ts';
import type { RiemannRule } from '../integrate/quadrature.ts';
import { expressionSource } from '../schema.ts';

/** The figure kinds, one view each; the order is the chapter's. */
export const FIGURE_KINDS = [
  'secant',
  'derivatives',
  'graph',
  'activations',
  'jacobian',
  'integral',
] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** Whether `kind` is one of the {@link FIGURE_KINDS}. */
export function isFigureKind(kind: string): kind is FigureKind {
  return (FIGURE_KINDS as readonly string[]).includes(kind);
}

/** The activation functions the activations figure draws, in its legend order. */
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'gelu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Largest magnitude of a point, bound or gap in the figure settings (as for domains). */
export const MAX_FIGURE_COORDINATE = 1e6;
/** Most layers the vanishing-gradient bars show. */
export const MAX_DEPTH = 30;
/** Most slices an integral is cut into. */
export const MAX_SLICES = 1000;

const coordinate = z.number().min(-MAX_FIGURE_COORDINATE).max(MAX_FIGURE_COORDINATE);
const riemannRule = z.enum(RIEMANN_RULES as readonly [RiemannRule, ...RiemannRule[]]);

export const figureSchema = z.object({
  /** The function drawn: f(x) for the secant, derivatives and integral; the graph's
   * expression; F₁ of the Jacobian. */
  f: expressionSource,
  /** F₂ of the Jacobian. */
  g: expressionSource,
  /** Secant: the point x₀ where the slope is taken. */
  x0: coordinate,
  /** Secant: the gap h at the start of the timeline (either sign; the playhead shrinks it). */
  h: coordinate,
  /** Derivatives: draw f″ as well as f′. */
  second: z.boolean(),
  /** Graph and Jacobian: the point, one value per variable. */
  at: z.array(coordinate).min(1).max(2),
  /** Activations: the number of stacked layers whose slopes multiply. */
  depth: z.number().int().min(1).max(MAX_DEPTH),
  /** Activations: the function in focus (its value and slope at `x0` are read out). */
  activation: z.enum(ACTIVATIONS),
  /** Integral: lower and upper bound. */
  a: coordinate,
  b: coordinate,
  /** Integral: number of slices of the Riemann sum at the end of the timeline. */
  n: z.number().int().min(1).max(MAX_SLICES),
  rule: riemannRule,
});
export type FigureSettings = z.infer<typeof figureSchema>;

/** Settings of a new figure (each kind's presets override what they use). */
export function defaultFigure(): FigureSettings {
  return {
    f: 'x^2',
    g: 'x*y',
    x0: 3,
    h: 1,
    second: false,
    at: [1],
    depth: 5,
    activation: 'sigmoid',
    a: 0,
    b: 3,
    n: 6,
    rule: 'mid',
  };
}

/** Timeline length of the secant and Jacobian figures (h or the square shrinks over it). */
export const SHRINK_STEPS = 60;
/** Timeline length of the derivatives figure (a point sweeps the x range over it). */
export const SWEEP_STEPS = 100;

/** Steps of the graph's forward and backward passes, by expression (timelineEnd runs often). */
const graphSteps = new Map<string, number>();

function graphStepCount(figure: FigureSettings): number {
  const key = `${figure.f}\u0000${figure.at.length}`;
  let count = graphSteps.get(key);
  if (count === undefined) {
    try {
      const graph = buildGraph(figure.f);
      const point = graph.variables.map((_, i) => figure.at[i] ?? 0);
      count = evaluateGraph(graph, point).steps.length;
    } catch {
      count = 0;
    }
    if (graphSteps.size > 64) graphSteps.clear();
    graphSteps.set(key, count);
  }
  return count;
}

/** Last position of a figure's timeline. */
export function figureTimelineEnd(kind: FigureKind, figure: FigureSettings): number {
  switch (kind) {
    case 'secant':
    case 'jacobian':
      return SHRINK_STEPS;
    case 'derivatives':
      return SWEEP_STEPS;
    case 'graph':
      return graphStepCount(figure);
    case 'activations':
      return figure.depth;
    case 'integral':
      return figure.n - 1;
  }
}

function expressionProblem(what: string, source: string, variables?: string[]): string | null {
  try {
    compileExpression(source, variables ? { variables } : undefined);
    return null;
  } catch (error) {
    const detail = error instanceof ExpressionError ? error.message : String(error);
    return `The expression for ${what} cannot be used: ${detail.replace(/\.?$/, '.')}`;
  }
}

/** f of one variable, or the sentence saying why not. */
function oneVariable(source: string): string | null {
  const problem = expressionProblem('f', source);
  if (problem !== null) return problem;
  const { variables } = compileExpression(source);
  return variables.length === 1
    ? null
    : `This figure draws f of one variable, but f has ${variables.length} (${variables.join(', ')}).`;
}

/**
 * Checks that a figure's settings fit its kind: its expressions compile with the variables the
 * kind draws, the point has one value per variable, the integral's bounds are in order.
 * Returns one plain sentence, or null when all is well.
 */
export function checkFigure(kind: FigureKind, figure: FigureSettings): string | null {
  switch (kind) {
    case 'secant':
    case 'derivatives':
      return oneVariable(figure.f);
    case 'integral':
      if (!(figure.a < figure.b)) {
        return `The lower bound a (${figure.a}) must be below the upper bound b (${figure.b}).`;
      }
      return oneVariable(figure.f);
    case 'graph': {
      const problem = expressionProblem('the graph', figure.f);
      if (problem !== null) return problem;
      const { variables } = compileExpression(figure.f);
      if (figure.at.length !== variables.length) {
        return `The graph's point has ${figure.at.length} value${figure.at.length === 1 ? '' : 's'}, but its expression has ${variables.length} variable${variables.length === 1 ? '' : 's'} (${variables.join(', ')}).`;
      }
      return null;
    }
    case 'jacobian':
      if (figure.at.length !== 2) return 'The Jacobian’s point needs two coordinates (x, y).';
      return (
        expressionProblem('F₁', figure.f, ['x', 'y']) ??
        expressionProblem('F₂', figure.g, ['x', 'y'])
      );
    case 'activations':
      return null;
  }
}
