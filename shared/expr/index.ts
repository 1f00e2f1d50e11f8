/**
 * The expression compiler: turns what the user types ("(1-x)^2 + 100(y-x^2)^2") into an
 * Objective with exact symbolic first and second derivatives, compiled to fast closures.
 *
 * Pipeline: mathjs `parse` → whitelist validation with source positions (parse.ts) → our own
 * simplifying tree (ast.ts) → symbolic derivatives (derivative.ts) → closure compiler
 * (compile.ts); display strings and TeX come from format.ts.
 */
import type { Dim, Objective, Point } from '../types.ts';
import { Builder, type Node, childrenOf, polynomialDegree } from './ast.ts';
import { type Program, compileProgram } from './compile.ts';
import { differentiate } from './derivative.ts';
import { ExpressionError } from './errors.ts';
import { formatNode, toLatex } from './format.ts';
import { isValidVariableName, parseSource, toAst } from './parse.ts';
import { compileGradient, gradientMethod, polyHessian, polyMethod } from './poly.ts';

export { ExpressionError } from './errors.ts';

/** A user-typed objective, with its derivatives for display. */
export interface CompiledExpression extends Objective {
  /** The user's text, trimmed. */
  readonly source: string;
  /** TeX of f for display (σ for sigmoid, \operatorname{relu} for relu, \cdot for products). */
  readonly latex: string;
  /**
   * Simplified symbolic derivatives as readable text, e.g. "2 * x + y". Derivatives of relu and
   * abs use `step(u)` (1 if u > 0, else 0) and `sign(u)`; those of max/min are conditionals
   * "(a >= b) ? a' : b'". Derivatives too large to read are "(too large to display)".
   */
  readonly derivatives: {
    /** ∂f/∂v for each variable v, in `variables` order. */
    readonly gradient: readonly string[];
    /** ∂²f/∂u∂v, dim × dim (symmetric). */
    readonly hessian: readonly (readonly string[])[];
  };
  /**
   * True iff f is a polynomial of total degree ≤ 2, i.e. its Hessian is constant (used for the
   * stability limit η < 2/λ_max).
   */
  readonly isQuadratic: boolean;
}

/** Options of {@link compileExpression}. */
export interface CompileOptions {
  /**
   * Forces the variable list (1 or 2 names), e.g. for the components of a Jacobian. Symbols
   * outside it are errors; listed variables need not appear; constants are then allowed.
   */
  readonly variables?: readonly string[];
}

/**
 * Compiles a function of one or two variables typed by the user.
 *
 * Variables are the free symbols (anything but e, pi and function names), ordered by code point
 * ("x" before "y", "b" before "w", "a" before "x") unless `options.variables` is given.
 * Derivatives follow the deep-learning conventions at kinks: relu'(0) = 0, abs'(0) = 0, and
 * max/min use the derivative of the FIRST argument that attains the extremum.
 *
 * @throws ExpressionError for any problem (and never anything else), with the position of the
 *   offending token in `source` (0-based, before trimming).
 */
export function compileExpression(source: string, options?: CompileOptions): CompiledExpression {
  try {
    return compileUnchecked(source, options);
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    if (err instanceof RangeError) {
      throw new ExpressionError('The expression is nested too deeply', 0);
    }
    const detail = err instanceof Error ? `: ${err.message}` : '';
    throw new ExpressionError(`Could not compile the expression${detail}`, 0);
  }
}

function compileUnchecked(source: string, options?: CompileOptions): CompiledExpression {
  if (typeof source !== 'string') throw new ExpressionError('The expression must be text', 0);
  const forced = checkForcedVariables(options?.variables);
  const parsed = parseSource(source, forced);
  const variables = parsed.variables;
  const dim = variables.length as Dim;

  const b = new Builder();
  const f = toAst(b, parsed.tree, variables);
  const grad: Node[] = [];
  const hess: Node[][] = [];
  for (let i = 0; i < dim; i++) grad.push(differentiate(b, f, i, new Map()));
  for (let i = 0; i < dim; i++) {
    const memo = new Map<number, Node>();
    // ∂²f/∂xᵢ∂xⱼ for j ≥ i only; the lower triangle mirrors it (exactly symmetric by construction).
    hess.push(variables.map((_, j) => (j >= i ? differentiate(b, grad[j]!, i, memo) : b.num(0))));
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) hess[i]![j] = hess[j]![i]!;

  const objective = buildObjective(f, grad, hess, dim);
  const format = (n: Node): string => formatNode(n, variables);
  const gradientText = Object.freeze(grad.map(format));
  const hessianText = Object.freeze(hess.map((row) => Object.freeze(row.map(format))));

  const compiled: CompiledExpression = {
    ...objective,
    dim,
    variables: Object.freeze([...variables]),
    source: parsed.source,
    latex: toLatex(parsed.tree),
    derivatives: Object.freeze({ gradient: gradientText, hessian: hessianText }),
    isQuadratic: polynomialDegree(f) <= 2,
  };
  // Smoke run: a tree too deep to evaluate must fail here, as an ExpressionError, not later.
  const probe = new Float64Array(dim);
  const out = new Float64Array(dim * dim);
  compiled.value(probe);
  compiled.gradient(probe, out);
  compiled.hessian(probe, out);
  compiled.isKink(probe);
  return Object.freeze(compiled);
}

function checkForcedVariables(vars: readonly string[] | undefined): readonly string[] | undefined {
  if (vars === undefined) return undefined;
  const ok =
    Array.isArray(vars) &&
    (vars.length === 1 || vars.length === 2) &&
    vars.every((v) => typeof v === 'string' && isValidVariableName(v)) &&
    new Set(vars).size === vars.length;
  if (!ok) {
    throw new ExpressionError(
      'options.variables must list 1 or 2 distinct variable names (not e, pi or a function)',
      0,
    );
  }
  return [...vars];
}

type Methods = Pick<Objective, 'value' | 'gradient' | 'hessian' | 'isKink'>;
type Thunk = () => number;

/**
 * The hot-path methods: one compiled program each, specialised by dimension so that the point
 * is copied into the registers inline and nothing is allocated per call. Gradients and Hessians
 * that are polynomials are expanded (see poly.ts) and evaluated by a kernel called directly
 * from here, which V8 inlines: one call per gradient however many expressions were compiled.
 * In 2D the gradient of a polynomial f of a common shape is computed from f's own table
 * (compileGradient in poly.ts), which reads each of f's coefficients once for both outputs.
 * Values are not expanded: near a minimum they must stay accurate relative to their own size.
 */
function buildObjective(
  f: Node,
  grad: readonly Node[],
  hess: readonly Node[][],
  dim: Dim,
): Methods {
  const v = compileProgram([f], dim);
  const [fv] = v.outputs as [Thunk];
  const RV = v.R;
  const isKink = buildKinkTest(f, dim);
  if (dim === 1) {
    const g = compileProgram(grad, dim, { expand: true });
    const h = compileProgram([hess[0]![0]!], dim, { expand: true });
    return {
      value: (p) => {
        RV[0] = p[0] as number;
        return fv();
      },
      gradient: method1(g),
      hessian: method1(h),
      isKink,
    };
  }
  // A polynomial f of a few common shapes: ∇f from f's own table (see poly.ts).
  const G = compileGradient(f, grad);
  const gradient =
    G !== null ? gradientMethod(G) : gradient2(compileProgram(grad, dim, { expand: true }));
  const h = compileProgram([hess[0]![0]!, hess[0]![1]!, hess[1]![1]!], dim, { expand: true });
  return {
    value: (p) => {
      RV[0] = p[0] as number;
      RV[1] = p[1] as number;
      return fv();
    },
    gradient,
    hessian: hessian2(h),
    isKink,
  };
}

type Out = Methods['gradient'];

/** out[0] = the one output of a program over one variable (f′ or f″). */
function method1(prog: Program): Out {
  if (prog.poly !== undefined) return polyMethod(prog.poly, 1);
  const R = prog.R;
  const [o0] = prog.outputs as [Thunk];
  return (p, out) => {
    R[0] = p[0] as number;
    out[0] = o0();
  };
}

/** out[0], out[1] = the two outputs of a program over two variables (∇f). */
function gradient2(prog: Program): Out {
  if (prog.poly !== undefined) return polyMethod(prog.poly, 2);
  const R = prog.R;
  const [g0, g1] = prog.outputs as [Thunk, Thunk];
  const k = prog.secondOutput;
  if (k !== undefined) {
    return (p, out) => {
      // g0 also computes ∂f/∂y into R[k] (see Program.secondOutput).
      R[0] = p[0] as number;
      R[1] = p[1] as number;
      out[0] = g0();
      out[1] = R[k]!;
    };
  }
  return (p, out) => {
    R[0] = p[0] as number;
    R[1] = p[1] as number;
    out[0] = g0();
    out[1] = g1();
  };
}

/** The 2 × 2 Hessian from a program computing H₀₀, H₀₁, H₁₁. */
function hessian2(prog: Program): Out {
  if (prog.poly !== undefined) return polyHessian(prog.poly);
  const R = prog.R;
  const [h00, h01, h11] = prog.outputs as [Thunk, Thunk, Thunk];
  return (p, out) => {
    R[0] = p[0] as number;
    R[1] = p[1] as number;
    out[0] = h00();
    const off = h01();
    out[1] = off;
    out[2] = off;
    out[3] = h11();
  };
}

/**
 * isKink(p): some relu/abs argument is exactly 0, or some max/min has a tie. Only f's own
 * kinks matter: the derivatives' step/sign/pick nodes have the same arguments.
 */
function buildKinkTest(f: Node, dim: Dim): (p: Point) => boolean {
  const zeroArgs: Node[] = [];
  const groups: { mode: 'max' | 'min'; start: number; count: number }[] = [];
  const groupArgs: Node[] = [];
  const seen = new Set<number>();
  const collect = (n: Node): void => {
    if (n.deps === 0 || seen.has(n.id)) return;
    seen.add(n.id);
    if (n.kind === 'call' && (n.name === 'relu' || n.name === 'abs')) zeroArgs.push(n.arg);
    if (n.kind === 'max' || n.kind === 'min') {
      groups.push({ mode: n.kind, start: groupArgs.length, count: n.args.length });
      groupArgs.push(...n.args);
    }
    childrenOf(n).forEach(collect);
  };
  collect(f);
  if (zeroArgs.length === 0 && groups.length === 0) return () => false;

  const prog = compileProgram([...zeroArgs, ...groupArgs], dim);
  const { R, outputs: outs } = prog;
  const nz = zeroArgs.length;
  const values = new Float64Array(groupArgs.length);
  return (p) => {
    R[0] = p[0] as number;
    if (dim === 2) R[1] = p[1] as number;
    // Every output is evaluated, in order: the first one computes the shared subexpressions.
    let zero = false;
    for (let i = 0; i < nz; i++) if (outs[i]!() === 0) zero = true;
    if (zero) return true;
    for (let i = 0; i < nz; i++) if (outs[i]!() === 0) return true;
    for (let i = 0; i < values.length; i++) values[i] = outs[nz + i]!();
    for (const g of groups) {
      let best = g.mode === 'max' ? -Infinity : Infinity;
      let ties = 0;
      for (let i = g.start; i < g.start + g.count; i++) {
        const x = values[i]!;
        if (x === best) ties++;
        else if (g.mode === 'max' ? x > best : x < best) {
          best = x;
          ties = 1;
        }
      }
      if (ties > 1) return true;
    }
    return false;
  };
}
