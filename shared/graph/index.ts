/**
 * Computation graphs for teaching back-propagation: what the user typed becomes a DAG of leaves
 * (variables, constants) and operations (+, ×, ^, σ, …), built from the parsed tree as written
 * (no algebraic simplification, so `x*x` stays a product and `3x + 1` keeps its 3 and its 1).
 * Structurally equal sub-expressions are one node, so a value used twice has two out-edges and
 * its adjoint sums both contributions (the fork rule).
 *
 * A forward pass gives each node's value at a point, each edge the local derivative
 * ∂parent/∂child there, and a backward pass each node's adjoint ∂output/∂node. Local derivatives
 * follow the compiler's conventions at kinks (relu′(0) = abs′(0) = 0; max/min pass the gradient
 * to the first argument that attains the extremum), so the leaves' adjoints equal the symbolic
 * partial derivatives of shared/expr.
 */
import type { ConstantNode, FunctionNode, MathNode, OperatorNode, SymbolNode } from 'mathjs';
import { type FnName, applyFn, pickIndex, step } from '../expr/ast.ts';
import { ExpressionError } from '../expr/errors.ts';
import { parseSource } from '../expr/parse.ts';
import { superscript } from '../superscript.ts';

export { ExpressionError } from '../expr/errors.ts';

/** Functions of one argument a node can apply (the ones users may type). */
export type GraphFunction = Exclude<FnName, 'step' | 'sign'>;

/**
 * What a node computes. `pow` is a^b with both as inputs; `power` is u^k for a fixed number k
 * typed as a literal (x^2, x^-1), which the graph shows as one operation "²" rather than an
 * extra leaf for the exponent.
 */
export type GraphOp =
  | 'var'
  | 'const'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'neg'
  | 'pow'
  | 'power'
  | 'max'
  | 'min'
  | GraphFunction;

/** One node of the graph. */
export interface GraphNode {
  /** Stable id: "n0", "n1", … in topological order (children before parents). */
  readonly id: string;
  readonly op: GraphOp;
  /** Short label for drawing: "x", "3", "+", "×", "²", "^", "σ", "sin", … */
  readonly label: string;
  /** The sub-expression this node computes, as text (e.g. "3 x + 1"). */
  readonly text: string;
  /** Incoming edges (from the operands), in operand order; empty for leaves. */
  readonly inputs: readonly string[];
  /** Outgoing edges (to the operations that use this value); empty for the output. */
  readonly outputs: readonly string[];
  /** For `var`: the variable's index in `variables`. */
  readonly variable?: number;
  /** For `const`: its value. For `power`: the fixed exponent. */
  readonly number?: number;
}

/** An edge child → parent: the child's value is operand number `slot` of the parent. */
export interface GraphEdge {
  /** Stable id: "e0", "e1", … in the order the parents were built. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly slot: number;
}

/** The structure of a computation graph (independent of any point). */
export interface ComputationGraph {
  /** The user's text, trimmed. */
  readonly source: string;
  /** Variable names, in the compiler's order (x before y). */
  readonly variables: readonly string[];
  /** Every node, in topological order: each node comes after all its operands. */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Id of the node that computes f. */
  readonly output: string;
}

/** One step of an animation: forward values first, then the backward pass. */
export type GraphStep =
  /** Forward pass: `node`'s value is now known. */
  | { readonly phase: 'forward'; readonly node: string; readonly value: number }
  /** Backward pass: `node`'s adjoint is now final (all its out-edges have reported). */
  | { readonly phase: 'backward'; readonly node: string; readonly adjoint: number }
  /** Backward pass: `contribution` = adjoint(to) · local(edge) flows back along `edge`. */
  | { readonly phase: 'backward'; readonly edge: string; readonly contribution: number };

/** The graph evaluated at one point. Arrays are indexed like `graph.nodes` / `graph.edges`. */
export interface GraphEvaluation {
  readonly graph: ComputationGraph;
  readonly point: readonly number[];
  /** f at the point (the output node's value). */
  readonly output: number;
  /** Forward value of each node. */
  readonly values: readonly number[];
  /** ∂to/∂from of each edge, at the point. */
  readonly local: readonly number[];
  /** adjoint(to) · local: what each edge passes back to its child. */
  readonly contributions: readonly number[];
  /** ∂output/∂node of each node: 1 at the output, the sum over out-edges elsewhere. */
  readonly adjoints: readonly number[];
  /** ∂f/∂variable for each variable (the adjoints of the variable leaves). */
  readonly gradient: readonly number[];
  /** Forward steps in topological order, then backward steps in reverse order. */
  readonly steps: readonly GraphStep[];
}

/** Options of {@link buildGraph}. */
export interface GraphOptions {
  /** Forces the variable list (1 or 2 names), as in `compileExpression`. */
  readonly variables?: readonly string[];
}

const FUNCTION_LABELS: Record<GraphFunction, string> = {
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  exp: 'exp',
  log: 'log',
  sqrt: '√',
  abs: '|·|',
  tanh: 'tanh',
  sigmoid: 'σ',
  relu: 'ReLU',
};

const OP_LABELS: Partial<Record<GraphOp, string>> = {
  add: '+',
  sub: '−',
  mul: '×',
  div: '÷',
  neg: '−',
  pow: '^',
  max: 'max',
  min: 'min',
};

/** "²" for 2, "⁻¹" for −1; "^0.5" for exponents that are not small integers. */
function powerLabel(k: number): string {
  if (Number.isInteger(k) && Math.abs(k) < 1000) {
    return superscript(String(k));
  }
  return `^${k}`;
}

interface MutableNode {
  id: string;
  op: GraphOp;
  label: string;
  text: string;
  inputs: string[];
  outputs: string[];
  variable?: number;
  number?: number;
}

/** Builds nodes bottom-up, one node per distinct (operation, operands) pair. */
class GraphBuilder {
  readonly nodes: MutableNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly byKey = new Map<string, MutableNode>();

  constructor(private readonly variables: readonly string[]) {}

  private node(
    key: string,
    op: GraphOp,
    label: string,
    text: string,
    operands: readonly MutableNode[],
    extra: { variable?: number; number?: number } = {},
  ): MutableNode {
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const node: MutableNode = {
      id: `n${this.nodes.length}`,
      op,
      label,
      text,
      inputs: [],
      outputs: [],
      ...extra,
    };
    operands.forEach((child, slot) => {
      const edge: GraphEdge = { id: `e${this.edges.length}`, from: child.id, to: node.id, slot };
      this.edges.push(edge);
      child.outputs.push(edge.id);
      node.inputs.push(edge.id);
    });
    this.nodes.push(node);
    this.byKey.set(key, node);
    return node;
  }

  private constant(value: number, text: string, name: 'e' | 'pi' | null): MutableNode {
    const label = name === 'pi' ? 'π' : name === 'e' ? 'e' : text;
    return this.node(`c:${name ?? value}`, 'const', label, text, [], { number: value });
  }

  private op(
    op: GraphOp,
    m: MathNode,
    operands: readonly MutableNode[],
    label = OP_LABELS[op] ?? op,
  ): MutableNode {
    const key = `${op}(${operands.map((o) => o.id).join(',')})`;
    return this.node(key, op, label, text(m), operands);
  }

  /** The graph node of a validated mathjs node. */
  build(m: MathNode): MutableNode {
    switch (m.type) {
      case 'ParenthesisNode':
        return this.build((m as unknown as { content: MathNode }).content);
      case 'ConstantNode': {
        const value = (m as ConstantNode).value as unknown as number;
        return this.constant(value, String(value), null);
      }
      case 'SymbolNode': {
        const name = (m as SymbolNode).name;
        if (name === 'e') return this.constant(Math.E, 'e', 'e');
        if (name === 'pi') return this.constant(Math.PI, 'pi', 'pi');
        const index = this.variables.indexOf(name);
        return this.node(`v:${index}`, 'var', name, name, [], { variable: index });
      }
      case 'OperatorNode': {
        const o = m as OperatorNode<never, never>;
        const args = o.args as MathNode[];
        const fn = o.fn as string;
        // A negative literal (-3) is one number, not an operation on 3.
        const literal = numericLiteral(m);
        if (literal !== null) return this.constant(literal, String(literal), null);
        if (fn === 'unaryPlus') return this.build(args[0]!);
        if (fn === 'pow') {
          const k = numericLiteral(args[1]!);
          if (k !== null) {
            const base = this.build(args[0]!);
            return this.node(`power${k}(${base.id})`, 'power', powerLabel(k), text(m), [base], {
              number: k,
            });
          }
        }
        const operands = args.map((a) => this.build(a));
        const op = OPERATORS[fn];
        if (op === undefined) throw new ExpressionError(`Unsupported operator '${o.op}'`, 0);
        return this.op(op, m, operands);
      }
      case 'FunctionNode': {
        const f = m as FunctionNode;
        const name = f.fn.name as GraphFunction | 'max' | 'min';
        const operands = f.args.map((a) => this.build(a));
        if (name === 'max' || name === 'min') return this.op(name, m, operands);
        return this.op(name, m, operands, FUNCTION_LABELS[name]);
      }
    }
    throw new ExpressionError(`Unsupported syntax (${m.type})`, 0);
  }
}

const OPERATORS: Record<string, GraphOp> = {
  add: 'add',
  subtract: 'sub',
  multiply: 'mul',
  divide: 'div',
  pow: 'pow',
  unaryMinus: 'neg',
};

/** The number a literal stands for: `3`, `-3`, `(2)`; null for anything else. */
function numericLiteral(m: MathNode): number | null {
  if (m.type === 'ParenthesisNode') {
    return numericLiteral((m as unknown as { content: MathNode }).content);
  }
  if (m.type === 'ConstantNode') return (m as ConstantNode).value as unknown as number;
  if (m.type === 'OperatorNode') {
    const o = m as OperatorNode<never, never>;
    const inner = (o.args as MathNode[])[0];
    if ((o.fn as string) === 'unaryMinus' && inner?.type === 'ConstantNode') {
      return -((inner as ConstantNode).value as unknown as number);
    }
  }
  return null;
}

/** Text of a sub-expression, without the outer brackets the user may have put around it. */
function text(m: MathNode): string {
  return m.toString({ parenthesis: 'auto', implicit: 'hide' });
}

/**
 * Builds the computation graph of what the user typed (one or two variables).
 *
 * @throws ExpressionError for anything the expression compiler refuses, with its position.
 */
export function buildGraph(source: string, options?: GraphOptions): ComputationGraph {
  const parsed = parseSource(source, options?.variables);
  const builder = new GraphBuilder(parsed.variables);
  let out: MutableNode;
  try {
    out = builder.build(parsed.tree);
  } catch (err) {
    if (err instanceof RangeError) {
      throw new ExpressionError('The expression is nested too deeply', 0);
    }
    throw err;
  }
  const nodes = builder.nodes.map((n) => Object.freeze({ ...n }) as GraphNode);
  return Object.freeze({
    source: parsed.source,
    variables: Object.freeze([...parsed.variables]),
    nodes: Object.freeze(nodes),
    edges: Object.freeze([...builder.edges]),
    output: out.id,
  });
}

/** ∂node/∂(operand `slot`), given the operands' values and the node's own value. */
function localDerivative(
  node: GraphNode,
  slot: number,
  args: readonly number[],
  v: number,
): number {
  const a = args[0] ?? NaN;
  const b = args[1] ?? NaN;
  switch (node.op) {
    case 'var':
    case 'const':
      return NaN; // leaves have no operands
    case 'add':
      return 1;
    case 'sub':
      return slot === 0 ? 1 : -1;
    case 'neg':
      return -1;
    case 'mul':
      return slot === 0 ? b : a;
    case 'div':
      return slot === 0 ? 1 / b : -a / (b * b);
    case 'power': {
      const k = node.number ?? NaN;
      if (k === 0) return 0;
      if (k === 1) return 1;
      return k * Math.pow(a, k - 1);
    }
    case 'pow':
      // d(a^b)/da = b·a^(b−1); d(a^b)/db = a^b·ln a.
      return slot === 0 ? b * Math.pow(a, b - 1) : v * Math.log(a);
    case 'max':
    case 'min':
      return pickIndex(node.op, args) === slot ? 1 : 0;
    case 'sin':
      return Math.cos(a);
    case 'cos':
      return -Math.sin(a);
    case 'tan':
      return 1 / (Math.cos(a) * Math.cos(a));
    case 'exp':
      return v;
    case 'log':
      return 1 / a;
    case 'sqrt':
      return 0.5 / v;
    case 'abs':
      return Math.sign(a);
    case 'tanh':
      return 1 - v * v;
    case 'sigmoid':
      return v * (1 - v);
    case 'relu':
      return step(a);
  }
}

function apply(node: GraphNode, args: readonly number[], point: readonly number[]): number {
  const a = args[0] ?? NaN;
  const b = args[1] ?? NaN;
  switch (node.op) {
    case 'var':
      return point[node.variable ?? -1] ?? NaN;
    case 'const':
      return node.number ?? NaN;
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'neg':
      return -a;
    case 'mul':
      return a * b;
    case 'div':
      return a / b;
    case 'power':
      return Math.pow(a, node.number ?? NaN);
    case 'pow':
      return Math.pow(a, b);
    case 'max':
      return Math.max(...args);
    case 'min':
      return Math.min(...args);
    default:
      return applyFn(node.op, a);
  }
}

/**
 * Forward and backward pass at `point` (one coordinate per variable).
 *
 * @throws RangeError when `point` has the wrong number of coordinates.
 */
export function evaluateGraph(graph: ComputationGraph, point: readonly number[]): GraphEvaluation {
  if (point.length !== graph.variables.length) {
    throw new RangeError(
      `The point has ${point.length} coordinate(s), but f has ${graph.variables.length} ` +
        `variable(s) (${graph.variables.join(', ')})`,
    );
  }
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const edgeIndex = new Map(graph.edges.map((e, i) => [e.id, i]));
  const at = (id: string): number => index.get(id) ?? -1;
  const values = new Array<number>(graph.nodes.length).fill(NaN);
  const local = new Array<number>(graph.edges.length).fill(NaN);
  const steps: GraphStep[] = [];

  graph.nodes.forEach((node, i) => {
    const args = node.inputs.map((e) => values[at(graph.edges[edgeIndex.get(e) ?? -1]!.from)]!);
    const v = apply(node, args, point);
    values[i] = v;
    node.inputs.forEach((e, slot) => {
      local[edgeIndex.get(e)!] = localDerivative(node, slot, args, v);
    });
    steps.push({ phase: 'forward', node: node.id, value: v });
  });

  const adjoints = new Array<number>(graph.nodes.length).fill(0);
  const contributions = new Array<number>(graph.edges.length).fill(0);
  const out = at(graph.output);
  adjoints[out] = 1;
  // Reverse topological order: every parent of a node is done before the node itself, so its
  // adjoint is complete when it is reached.
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i]!;
    const adjoint = adjoints[i]!;
    steps.push({ phase: 'backward', node: node.id, adjoint });
    for (const e of node.inputs) {
      const k = edgeIndex.get(e)!;
      const c = adjoint * local[k]!;
      contributions[k] = c;
      adjoints[at(graph.edges[k]!.from)]! += c;
      steps.push({ phase: 'backward', edge: e, contribution: c });
    }
  }

  const gradient = graph.variables.map((_, v) => {
    const i = graph.nodes.findIndex((n) => n.op === 'var' && n.variable === v);
    return i < 0 ? 0 : adjoints[i]!;
  });
  return {
    graph,
    point: [...point],
    output: values[out]!,
    values,
    local,
    contributions,
    adjoints,
    gradient,
    steps,
  };
}

/** {@link buildGraph} then {@link evaluateGraph}. */
export function backprop(
  source: string,
  point: readonly number[],
  options?: GraphOptions,
): GraphEvaluation {
  return evaluateGraph(buildGraph(source, options), point);
}

/** Four significant digits, without trailing zeros: 0.880797… → "0.8808", 16 → "16". */
function short(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}

/** A DOT string of several lines: each line escaped, joined by DOT's own line break. */
function dotLines(...parts: string[]): string {
  const escape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `"${parts.map(escape).join('\\n')}"`;
}

/**
 * Graphviz DOT of an evaluated graph: each node shows its label, value and adjoint; each edge
 * its local derivative and what flows back along it.
 */
export function toDot(ev: GraphEvaluation): string {
  const g = ev.graph;
  const lines = [
    'digraph computation {',
    '  rankdir=LR;',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  g.nodes.forEach((n, i) => {
    const shape = n.op === 'var' ? ', shape=ellipse' : n.op === 'const' ? ', shape=plain' : '';
    const bold = n.id === g.output ? ', penwidth=2' : '';
    const label = dotLines(
      n.label,
      `value ${short(ev.values[i]!)}`,
      `adjoint ${short(ev.adjoints[i]!)}`,
    );
    lines.push(`  ${n.id} [label=${label}${shape}${bold}];`);
  });
  g.edges.forEach((e, k) => {
    const label = dotLines(`local ${short(ev.local[k]!)}`, `back ${short(ev.contributions[k]!)}`);
    lines.push(`  ${e.from} -> ${e.to} [label=${label}];`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}
