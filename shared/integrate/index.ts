/**
 * Definite integrals of a function of one variable, for teaching "integral = area": Riemann
 * sums (left, right, midpoint, trapezoid) against a reference value, which is exact where a
 * symbolic antiderivative is known (see antiderivative.ts) and adaptive quadrature otherwise.
 */
import { Builder, evaluate } from '../expr/ast.ts';
import { ExpressionError } from '../expr/errors.ts';
import { formatNode } from '../expr/format.ts';
import { compileExpression } from '../expr/index.ts';
import { parseSource, toAst } from '../expr/parse.ts';
import { antiderivative, conditionsHold } from './antiderivative.ts';
import {
  NonFiniteError,
  type QuadratureResult,
  type RiemannRule,
  adaptiveQuadrature,
  riemannSum,
} from './quadrature.ts';

export { ExpressionError } from '../expr/errors.ts';
export {
  NonFiniteError,
  RIEMANN_RULES,
  type QuadratureResult,
  type RiemannRule,
  adaptiveQuadrature,
  riemannSum,
} from './quadrature.ts';

/** Thrown when the integral cannot be computed: f is undefined or infinite inside [a, b]. */
export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';
  constructor(
    message: string,
    /** Where f failed. */
    readonly x: number,
  ) {
    super(message);
  }
}

/** f compiled for integration, with its antiderivative where one is known. */
export interface Integrand {
  /** The user's text, trimmed. */
  readonly source: string;
  /** The variable's name ("x" when f is a constant). */
  readonly variable: string;
  /** f(x). */
  readonly f: (x: number) => number;
  /** Text of an antiderivative F (e.g. "x ^ 3 / 3"), or null when none is known. */
  readonly antiderivative: string | null;
  /** F(b) − F(a), or null when no antiderivative is known or it does not hold on [a, b]. */
  exact(a: number, b: number): number | null;
}

/**
 * Compiles f of one variable for integration.
 *
 * @throws ExpressionError for anything the expression compiler refuses, and for f of two
 *   variables.
 */
export function compileIntegrand(source: string): Integrand {
  let parsed;
  try {
    parsed = parseSource(source);
  } catch (err) {
    // A constant (∫ 2 dx) is a fine integrand: call its variable x.
    if (!(err instanceof ExpressionError && /at least one variable/.test(err.message))) throw err;
    parsed = parseSource(source, ['x']);
  }
  const { variables } = parsed;
  if (variables.length !== 1) {
    throw new ExpressionError(
      `f must have one variable to integrate; it has ${variables.length} (${variables.join(', ')})`,
      0,
    );
  }
  const compiled = compileExpression(source, { variables });
  const p = new Float64Array(1);
  const f = (x: number): number => {
    p[0] = x;
    return compiled.value(p);
  };
  const b = new Builder();
  let F: ReturnType<typeof antiderivative> = null;
  try {
    F = antiderivative(b, toAst(b, parsed.tree, variables));
  } catch (err) {
    // The builder's work budget: a huge polynomial simply has no antiderivative here.
    if (!(err instanceof ExpressionError)) throw err;
  }
  return {
    source: parsed.source,
    variable: variables[0]!,
    f,
    antiderivative: F === null ? null : formatNode(F.node, variables),
    exact(lo, hi) {
      if (F === null || !conditionsHold(F.conditions, lo, hi)) return null;
      const value = evaluate(F.node, [hi]) - evaluate(F.node, [lo]);
      return Number.isFinite(value) ? value : null;
    },
  };
}

/** What {@link integrate} is asked for. */
export interface IntegrationRequest {
  readonly a: number;
  readonly b: number;
  /** Number of subintervals of the Riemann sum (a whole number ≥ 1). */
  readonly n: number;
  readonly rule: RiemannRule;
}

/** The Riemann sum against the reference value. */
export interface IntegrationResult {
  readonly source: string;
  readonly variable: string;
  readonly a: number;
  readonly b: number;
  readonly n: number;
  readonly rule: RiemannRule;
  /** The Riemann sum. */
  readonly estimate: number;
  /** ∫ₐᵇ f from the antiderivative, or null when none is known. */
  readonly exact: number | null;
  /** Text of the antiderivative used for `exact`, or null. */
  readonly antiderivative: string | null;
  /** The value the estimate is compared with: `exact` when known, else quadrature. */
  readonly reference: {
    readonly kind: 'exact' | 'quadrature';
    readonly value: number;
    /** The quadrature's own error estimate (null for exact values). */
    readonly errorEstimate: number | null;
    /** False when the quadrature stopped before reaching its tolerance. */
    readonly converged: boolean;
  };
  /** estimate − reference. */
  readonly error: number;
}

/**
 * A Riemann sum of f over [a, b] and the reference value it approximates.
 *
 * @throws ExpressionError for a bad expression; IntegrationError when f is undefined or infinite
 *   at a sample point or where the quadrature needs it; RangeError for n or bounds out of range.
 */
export function integrate(
  source: string | Integrand,
  request: IntegrationRequest,
): IntegrationResult {
  const integrand = typeof source === 'string' ? compileIntegrand(source) : source;
  const { a, b, n, rule } = request;
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError('The bounds must be finite');
  const f = integrand.f;
  const checked = (x: number): number => {
    const y = f(x);
    if (!Number.isFinite(y)) {
      throw new IntegrationError(
        `f is ${Number.isNaN(y) ? 'undefined' : 'infinite'} at x = ${x}, a sample point of the ${rule} sum`,
        x,
      );
    }
    return y;
  };
  const estimate = riemannSum(checked, a, b, n, rule);
  const exact = integrand.exact(a, b);
  let reference: IntegrationResult['reference'];
  if (exact !== null) {
    reference = { kind: 'exact', value: exact, errorEstimate: null, converged: true };
  } else {
    const q = quadrature(f, a, b);
    reference = {
      kind: 'quadrature',
      value: q.value,
      errorEstimate: q.error,
      converged: q.converged,
    };
  }
  return {
    source: integrand.source,
    variable: integrand.variable,
    a,
    b,
    n,
    rule,
    estimate,
    exact,
    antiderivative: exact === null ? null : integrand.antiderivative,
    reference,
    error: estimate - reference.value,
  };
}

function quadrature(f: (x: number) => number, a: number, b: number): QuadratureResult {
  try {
    return adaptiveQuadrature(f, a, b);
  } catch (err) {
    if (err instanceof NonFiniteError) {
      const what = Number.isNaN(err.value) ? 'undefined' : 'infinite';
      throw new IntegrationError(
        `f is ${what} at x = ${err.x}, inside [${Math.min(a, b)}, ${Math.max(a, b)}]: ` +
          'the integral cannot be computed there',
        err.x,
      );
    }
    throw err;
  }
}
