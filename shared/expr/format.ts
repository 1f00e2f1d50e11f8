/**
 * Display: our tree → mathjs nodes → text (mathjs takes care of parentheses), and the LaTeX of
 * the user's expression. Derivative notation that users cannot type:
 * - `step(u)` is 1 for u > 0 and 0 otherwise (the derivative of relu),
 * - `sign(u)` is −1, 0 or 1 (the derivative of abs),
 * - derivatives of max/min are written as conditionals, `(a >= b) ? a' : b'`.
 */
import type { MathNode } from 'mathjs';
import { type Node, isNumber } from './ast.ts';
import { math } from './parse.ts';

/** Above this many nodes (counting repeats) a derivative is not printed: it would be unreadable. */
const MAX_PRINTED_NODES = 2_000;

/** Placeholder for derivatives too large to print. */
export const TOO_LARGE = '(too large to display)';

/** Readable text of n, e.g. "2 * x + y". */
export function formatNode(n: Node, variables: readonly string[]): string {
  if (printedSize(n, new Map()) > MAX_PRINTED_NODES) return TOO_LARGE;
  return toMath(n, variables).toString();
}

/** Number of nodes of n written out as a tree (shared subtrees counted each time), capped. */
function printedSize(n: Node, memo: Map<number, number>): number {
  const hit = memo.get(n.id);
  if (hit !== undefined) return hit;
  let size = 1;
  const add = (c: Node): void => {
    size = Math.min(size + printedSize(c, memo), MAX_PRINTED_NODES + 1);
  };
  switch (n.kind) {
    case 'add':
      n.terms.forEach(add);
      break;
    case 'mul':
      n.factors.forEach(add);
      break;
    case 'pow':
      add(n.base);
      add(n.exp);
      break;
    case 'call':
      add(n.arg);
      break;
    case 'max':
    case 'min':
      n.args.forEach(add);
      break;
    case 'pick':
      // Each conditional repeats the remaining arguments.
      n.args.forEach(add);
      n.args.forEach(add);
      n.branches.forEach(add);
      break;
  }
  memo.set(n.id, size);
  return size;
}

/** Short decimal: 0.30000000000000004 → 0.3. */
function tidy(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(12)) : v;
}

const constant = (v: number): MathNode => new math.ConstantNode(tidy(v));
const op = (symbol: string, fn: string, args: MathNode[]): MathNode =>
  new math.OperatorNode(symbol as never, fn as never, args);
const fn = (name: string, args: MathNode[]): MathNode =>
  new math.FunctionNode(new math.SymbolNode(name), args);

function toMath(n: Node, vars: readonly string[]): MathNode {
  const go = (c: Node): MathNode => toMath(c, vars);
  switch (n.kind) {
    case 'const':
      if (n.name !== null) return new math.SymbolNode(n.name);
      return n.value < 0 ? op('-', 'unaryMinus', [constant(-n.value)]) : constant(n.value);
    case 'var':
      return new math.SymbolNode(vars[n.index] ?? `v${n.index}`);
    case 'add':
      return sum(n.terms, vars);
    case 'mul':
      return product(n.coef, n.factors, vars);
    case 'pow':
      if (isNumber(n.exp) && n.exp.value < 0) return product(1, [n], vars);
      return op('^', 'pow', [go(n.base), go(n.exp)]);
    case 'call':
      return fn(n.name, [go(n.arg)]);
    case 'max':
    case 'min':
      return fn(n.kind, n.args.map(go));
    case 'pick':
      return pick(n.mode, n.args, n.branches, vars);
  }
}

/** a + b − c: negative terms become subtractions. */
function sum(terms: readonly Node[], vars: readonly string[]): MathNode {
  let acc: MathNode | null = null;
  for (const t of terms) {
    const negative = (t.kind === 'mul' && t.coef < 0) || (isNumber(t) && t.value < 0);
    let abs: MathNode;
    if (!negative) abs = toMath(t, vars);
    else if (t.kind === 'mul') abs = product(-t.coef, t.factors, vars);
    else abs = constant(-(t as { value: number }).value);
    if (acc === null) acc = negative ? negate(abs) : abs;
    else acc = op(negative ? '-' : '+', negative ? 'subtract' : 'add', [acc, abs]);
  }
  return acc ?? constant(0);
}

/** −m, written −2 * x rather than −(2 * x) when m starts with a number. */
function negate(m: MathNode): MathNode {
  if (m.type === 'ConstantNode') return constant(-(m as unknown as { value: number }).value);
  const o = m as unknown as { fn?: string; args?: MathNode[] };
  if (o.fn === 'multiply' && o.args !== undefined && o.args.length > 0) {
    return op('*', 'multiply', [negate(o.args[0]!), ...o.args.slice(1)]);
  }
  if (o.fn === 'divide' && o.args !== undefined && o.args.length === 2) {
    return op('/', 'divide', [negate(o.args[0]!), o.args[1]!]);
  }
  return op('-', 'unaryMinus', [m]);
}

/**
 * Factors ordered for reading: constants first (π, e, π², after the coefficient: 20 * pi * x), then
 * powers of variables (x before y), then the rest.
 */
function displayOrder(factors: readonly Node[]): Node[] {
  const varIndex = (f: Node): number => {
    if (f.deps === 0) return -1;
    if (f.kind === 'var') return f.index;
    if (f.kind === 'pow' && f.base.kind === 'var' && isNumber(f.exp)) return f.base.index;
    return Infinity;
  };
  return factors
    .map((f, i) => ({ f, i, v: varIndex(f) }))
    .sort((a, b) => (a.v === b.v ? a.i - b.i : a.v - b.v))
    .map((e) => e.f);
}

/** coef · ∏ factors, with u^(−k) factors moved below a fraction bar. */
function product(coef: number, factors: readonly Node[], vars: readonly string[]): MathNode {
  const num: MathNode[] = [];
  const den: MathNode[] = [];
  for (const f of displayOrder(factors)) {
    if (f.kind === 'pow' && isNumber(f.exp) && f.exp.value < 0) {
      const k = -f.exp.value;
      den.push(
        k === 1 ? toMath(f.base, vars) : op('^', 'pow', [toMath(f.base, vars), constant(k)]),
      );
    } else {
      num.push(toMath(f, vars));
    }
  }
  const magnitude = Math.abs(coef);
  if (magnitude !== 1 || num.length === 0) num.unshift(constant(magnitude));
  let top = num.length === 1 ? num[0]! : op('*', 'multiply', num);
  if (den.length > 0) {
    const bottom = den.length === 1 ? den[0]! : op('*', 'multiply', den);
    top = op('/', 'divide', [top, bottom]);
  }
  return coef < 0 ? negate(top) : top;
}

/** The derivative of max/min: a chain of conditionals, first argument winning ties. */
function pick(
  mode: 'max' | 'min',
  args: readonly Node[],
  branches: readonly Node[],
  vars: readonly string[],
): MathNode {
  const [compare, compareFn] = mode === 'max' ? ['>=', 'largerEq'] : ['<=', 'smallerEq'];
  // Trailing branches that are all equal need no conditions between them.
  let last = args.length - 1;
  while (last > 0 && branches[last - 1] === branches[last]) last--;
  let acc = toMath(branches[last]!, vars);
  for (let i = last - 1; i >= 0; i--) {
    const rest = args.slice(i + 1).map((a) => toMath(a, vars));
    const other = rest.length === 1 ? rest[0]! : fn(mode, rest);
    const cond = op(compare, compareFn, [toMath(args[i]!, vars), other]);
    acc = new math.ConditionalNode(cond, toMath(branches[i]!, vars), acc);
  }
  return acc;
}

const GREEK = new Set(
  (
    'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma tau ' +
    'upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'
  ).split(' '),
);

/**
 * TeX of a variable name. mathjs would typeset names that happen to be units (b, m, g…) in
 * upright type; variables are always italic here: x, x_{1}, \theta_{2}, \mathrm{lr}.
 */
export function variableTex(name: string): string {
  if (GREEK.has(name)) return `\\${name}`;
  if ([...name].length === 1) return name;
  const sub = /^(.+?)_(.+)$/.exec(name) ?? /^(\p{L}+)(\p{N}+)$/u.exec(name);
  if (sub !== null) return `${variableTex(sub[1]!)}_{${sub[2]!.replace(/_/g, '\\_')}}`;
  return `\\mathrm{${name.replace(/_/g, '\\_').replace(/\$/g, '\\$')}}`;
}

/** TeX of a call, given the TeX of its arguments. */
function callTex(name: string, args: readonly string[]): string {
  const list = args.join(', ');
  switch (name) {
    case 'sqrt':
      return `\\sqrt{${list}}`;
    case 'abs':
      return `\\left|${list}\\right|`;
    case 'log':
      return `\\ln\\left(${list}\\right)`;
    case 'sigmoid':
      return `\\sigma\\left(${list}\\right)`;
    case 'relu':
      return `\\operatorname{relu}\\left(${list}\\right)`;
    default:
      // sin cos tan exp tanh max min all have TeX operators of the same name.
      return `\\${name}\\left(${list}\\right)`;
  }
}

/**
 * TeX of the user's (validated) mathjs tree: σ for sigmoid, \operatorname{relu} for relu, \cdot
 * for products. Calls are typeset here rather than by mathjs, whose function templates render
 * each argument twice (exponential time for log(log(log(…)))).
 */
export function toLatex(tree: MathNode): string {
  const handler = (node: MathNode, options: object): string | undefined => {
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      // Leading space: the name may follow a control word (\cdot x, not \cdotx).
      return name === 'e' || name === 'pi' ? undefined : ` ${variableTex(name)}`;
    }
    if (node.type !== 'FunctionNode') return undefined;
    const f = node as unknown as { fn: { name: string }; args: MathNode[] };
    return callTex(
      f.fn.name,
      f.args.map((a) => a.toTex(options)),
    );
  };
  return (
    tree
      .toTex({ parenthesis: 'auto', implicit: 'show', handler })
      .trim()
      .replace(/\s+/g, ' ')
      // A space only matters after a control word (\cdot x); drop the others mathjs emits.
      .replace(/(?<!\\[a-zA-Z]+) /g, '')
  );
}
