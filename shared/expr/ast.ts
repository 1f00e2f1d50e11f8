/**
 * The compiler's own expression tree. mathjs's tree is only used for parsing and display: this
 * one is small, hash-consed (structurally equal subtrees are the same object, which gives common
 * subexpression elimination for free) and simplified as it is built, so that derivatives stay
 * compact and readable without running a general-purpose simplifier.
 */
import { ExpressionError } from './errors.ts';

/** Functions a node can apply. `step` and `sign` only appear in derivatives (of relu and abs). */
export type FnName =
  | 'sin'
  | 'cos'
  | 'tan'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'abs'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'step'
  | 'sign';

interface Base {
  /** Unique per builder; equal ids ⇔ structurally equal nodes. */
  readonly id: number;
  /** Bit i set ⇔ the node depends on variable i. 0 means the node is a constant. */
  readonly deps: number;
}

/** A number. `name` marks the symbolic constants e and π, which are kept unfolded for display. */
export interface ConstNode extends Base {
  readonly kind: 'const';
  readonly value: number;
  readonly name: 'e' | 'pi' | null;
}
export interface VarNode extends Base {
  readonly kind: 'var';
  readonly index: number;
}
/** Sum of ≥ 2 terms; at most one term is a plain constant. */
export interface AddNode extends Base {
  readonly kind: 'add';
  readonly terms: readonly Node[];
}
/** coef · ∏ factors; no factor is a plain constant. */
export interface MulNode extends Base {
  readonly kind: 'mul';
  readonly coef: number;
  readonly factors: readonly Node[];
}
export interface PowNode extends Base {
  readonly kind: 'pow';
  readonly base: Node;
  readonly exp: Node;
}
export interface CallNode extends Base {
  readonly kind: 'call';
  readonly name: FnName;
  readonly arg: Node;
}
/** max or min of ≥ 2 arguments. */
export interface ExtremumNode extends Base {
  readonly kind: 'max' | 'min';
  readonly args: readonly Node[];
}
/**
 * Derivative of max/min: `branches[i]` for the first i whose argument attains the max (min) of
 * `args`. Taking the first one is our tie convention (like `torch.max` picking one index).
 */
export interface PickNode extends Base {
  readonly kind: 'pick';
  readonly mode: 'max' | 'min';
  readonly args: readonly Node[];
  readonly branches: readonly Node[];
}

export type Node =
  ConstNode | VarNode | AddNode | MulNode | PowNode | CallNode | ExtremumNode | PickNode;

/** True for a number that is not e or π. */
export function isNumber(n: Node): n is ConstNode {
  return n.kind === 'const' && n.name === null;
}

/** Direct children, in evaluation order. */
export function childrenOf(n: Node): readonly Node[] {
  switch (n.kind) {
    case 'const':
    case 'var':
      return [];
    case 'add':
      return n.terms;
    case 'mul':
      return n.factors;
    case 'pow':
      return [n.base, n.exp];
    case 'call':
      return [n.arg];
    case 'max':
    case 'min':
      return n.args;
    case 'pick':
      return [...n.args, ...n.branches];
  }
}

const depsOf = (nodes: readonly Node[]): number => nodes.reduce((d, c) => d | c.deps, 0);

/** Splits a term of a sum into coefficient × rest, so that 2x and -5x are recognised as like terms. */
function splitTerm(b: Builder, t: Node): [number, Node] {
  if (t.kind === 'mul') {
    const rest = t.factors.length === 1 ? t.factors[0]! : b.mulRaw(1, t.factors);
    return [t.coef, rest];
  }
  return [1, t];
}

/**
 * Creates simplified, hash-consed nodes. One builder per compilation; its work budget stops
 * pathological inputs (derivatives grow polynomially) from hanging the UI.
 */
export class Builder {
  private readonly table = new Map<string, Node>();
  private nextId = 0;
  private work = 0;

  constructor(private readonly budget = 400_000) {}

  private intern<T extends Node>(key: string, cost: number, make: (id: number) => T): T {
    const hit = this.table.get(key);
    if (hit !== undefined) return hit as T;
    this.work += 1 + cost;
    if (this.work > this.budget) {
      throw new ExpressionError('Expression is too complex to differentiate', 0);
    }
    const node = make(this.nextId++);
    this.table.set(key, node);
    return node;
  }

  /** A number. */
  num(value: number): ConstNode {
    // -0 and 0 are one constant: derivatives would otherwise print "-0".
    const v = value === 0 ? 0 : value;
    return this.intern(`c${v}`, 0, (id) => ({ kind: 'const', id, deps: 0, value: v, name: null }));
  }

  /** The constant e or π (kept symbolic for display). */
  named(name: 'e' | 'pi'): ConstNode {
    const value = name === 'e' ? Math.E : Math.PI;
    return this.intern(name, 0, (id) => ({ kind: 'const', id, deps: 0, value, name }));
  }

  /** Variable number `index` (0 or 1). */
  variable(index: number): VarNode {
    return this.intern(`v${index}`, 0, (id) => ({ kind: 'var', id, deps: 1 << index, index }));
  }

  /** Sum with flattening, constant folding and collection of like terms (order of first appearance kept). */
  add(input: readonly Node[]): Node {
    const flat: Node[] = [];
    for (const t of input) {
      if (t.kind === 'add') flat.push(...t.terms);
      else flat.push(t);
    }
    let constant = 0;
    let constAt = -1;
    const entries: { rest: Node; coef: number }[] = [];
    const index = new Map<number, number>();
    for (const t of flat) {
      if (isNumber(t)) {
        constant += t.value;
        if (constAt < 0) constAt = entries.length;
        continue;
      }
      const [coef, rest] = splitTerm(this, t);
      const at = index.get(rest.id);
      if (at === undefined) {
        index.set(rest.id, entries.length);
        entries.push({ rest, coef });
      } else {
        entries[at]!.coef += coef;
      }
    }
    const terms: Node[] = [];
    entries.forEach((e, i) => {
      if (i === constAt && constant !== 0) terms.push(this.num(constant));
      if (e.coef !== 0) terms.push(this.scale(e.coef, e.rest));
    });
    if (constAt === entries.length && constant !== 0) terms.push(this.num(constant));
    if (terms.length === 0) return this.num(0);
    if (terms.length === 1) return terms[0]!;
    const key =
      '+' +
      terms
        .map((t) => t.id)
        .sort((a, b) => a - b)
        .join(',');
    return this.intern(key, terms.length, (id) => ({
      kind: 'add',
      id,
      deps: depsOf(terms),
      terms,
    }));
  }

  /** c · n. */
  scale(c: number, n: Node): Node {
    if (c === 1) return n;
    return this.mul([n], c);
  }

  /**
   * Product with flattening, folding of numeric factors into the coefficient and merging of equal
   * bases with integer exponents (x·x → x², x·x⁻¹ → 1). Non-integer exponents are not merged:
   * √x·√x is not x for negative x.
   */
  mul(input: readonly Node[], coef = 1): Node {
    let c = coef;
    const flat: Node[] = [];
    for (const f of input) {
      if (isNumber(f)) c *= f.value;
      else if (f.kind === 'mul') {
        c *= f.coef;
        flat.push(...f.factors);
      } else flat.push(f);
    }
    if (c === 0) return this.zeroTimes(flat);
    const groups: { base: Node; exp: number; raw: Node | null }[] = [];
    const byBase = new Map<number, number>();
    for (const f of flat) {
      let base: Node = f;
      let exp = 1;
      if (f.kind === 'pow') {
        if (isNumber(f.exp) && Number.isInteger(f.exp.value)) {
          base = f.base;
          exp = f.exp.value;
        } else {
          groups.push({ base: f, exp: 1, raw: f });
          continue;
        }
      }
      const at = byBase.get(base.id);
      if (at === undefined) {
        byBase.set(base.id, groups.length);
        groups.push({ base, exp, raw: null });
      } else {
        groups[at]!.exp += exp;
      }
    }
    const factors: Node[] = [];
    for (const g of groups) {
      const f = g.raw ?? this.pow(g.base, this.num(g.exp));
      if (isNumber(f)) c *= f.value;
      else if (f.kind === 'mul') {
        c *= f.coef;
        factors.push(...f.factors);
      } else factors.push(f);
    }
    if (c === 0) return this.zeroTimes(factors);
    if (factors.length === 0) return this.num(c);
    if (c === 1 && factors.length === 1) return factors[0]!;
    return this.mulRaw(c, factors);
  }

  /**
   * 0 · factors. Symbolic convention (as in every CAS): 0 · f = 0 even where f might be
   * infinite, except that a constant factor known to be infinite or NaN (0/0, 0·log 0) gives NaN.
   */
  private zeroTimes(factors: readonly Node[]): ConstNode {
    const poisoned = factors.some((f) => f.deps === 0 && !Number.isFinite(evaluate(f, [])));
    return this.num(poisoned ? NaN : 0);
  }

  /** A product node exactly as given (factors already simplified). */
  mulRaw(coef: number, factors: readonly Node[]): Node {
    if (coef === 1 && factors.length === 1) return factors[0]!;
    const key =
      `*${coef}:` +
      factors
        .map((f) => f.id)
        .sort((a, b) => a - b)
        .join(',');
    return this.intern(key, factors.length, (id) => ({
      kind: 'mul',
      id,
      deps: depsOf(factors),
      coef,
      factors,
    }));
  }

  /** base^exp, folding u⁰, u¹, integer powers of numbers and (u^a)^b for integers a, b. */
  pow(base: Node, exp: Node): Node {
    if (isNumber(exp)) {
      const n = exp.value;
      if (n === 0) return this.num(1);
      if (n === 1) return base;
      if (isNumber(base) && Number.isInteger(n)) {
        const r = Math.pow(base.value, n);
        // Fold 3² = 9, but keep 3⁻¹ symbolic so that x/3 is displayed as "x / 3", not 0.333….
        if (n > 0 || String(r).length <= 6) return this.num(r);
      }
      if (base.kind === 'pow' && isNumber(base.exp) && Number.isInteger(base.exp.value)) {
        if (Number.isInteger(n)) return this.pow(base.base, this.num(base.exp.value * n));
      }
    }
    return this.intern(`^${base.id},${exp.id}`, 2, (id) => ({
      kind: 'pow',
      id,
      deps: base.deps | exp.deps,
      base,
      exp,
    }));
  }

  /** name(arg). */
  call(name: FnName, arg: Node): Node {
    if (isNumber(arg)) {
      const folded = foldCall(name, arg.value);
      if (folded !== null) return this.num(folded);
    }
    if (name === 'log' && arg.kind === 'const' && arg.name === 'e') return this.num(1);
    return this.intern(`${name}(${arg.id})`, 1, (id) => ({
      kind: 'call',
      id,
      deps: arg.deps,
      name,
      arg,
    }));
  }

  /** max/min of args (argument order matters for the tie convention of its derivative). */
  extremum(kind: 'max' | 'min', args: readonly Node[]): Node {
    if (args.length === 1) return args[0]!;
    if (args.every(isNumber)) {
      const values = args.map((a) => (a as ConstNode).value);
      return this.num(kind === 'max' ? Math.max(...values) : Math.min(...values));
    }
    const key = `${kind}(` + args.map((a) => a.id).join(',');
    return this.intern(key, args.length, (id) => ({ kind, id, deps: depsOf(args), args }));
  }

  /** See {@link PickNode}; collapses when every branch is the same. */
  pick(mode: 'max' | 'min', args: readonly Node[], branches: readonly Node[]): Node {
    const first = branches[0]!;
    if (branches.every((br) => br === first)) return first;
    const key =
      `pick${mode}(` +
      args.map((a) => a.id).join(',') +
      '|' +
      branches.map((br) => br.id).join(',');
    return this.intern(key, args.length * 2, (id) => ({
      kind: 'pick',
      id,
      deps: depsOf(args) | depsOf(branches),
      mode,
      args,
      branches,
    }));
  }
}

/** Folds a function of a number only where the result is exact (keeps sin(1) readable). */
function foldCall(name: FnName, v: number): number | null {
  switch (name) {
    case 'abs':
      return Math.abs(v);
    case 'sign':
      return Math.sign(v);
    case 'step':
      return step(v);
    case 'relu':
      return relu(v);
    case 'sqrt':
      return v === 0 || v === 1 ? v : null;
    case 'exp':
      return v === 0 ? 1 : null;
    case 'log':
      return v === 1 ? 0 : null;
    case 'cos':
      return v === 0 ? 1 : null;
    case 'sigmoid':
      return v === 0 ? 0.5 : null;
    case 'sin':
    case 'tan':
    case 'tanh':
      return v === 0 ? 0 : null;
  }
}

/** σ(z) = 1/(1+e^−z); saturates to exactly 0 or 1 without producing NaN. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
/** max(0, z), but NaN stays NaN so divergence is still detected. */
export function relu(z: number): number {
  return z > 0 ? z : z <= 0 ? 0 : NaN;
}
/** Heaviside step with step(0) = 0: the derivative of relu under the frameworks' convention. */
export function step(z: number): number {
  return z > 0 ? 1 : z <= 0 ? 0 : NaN;
}

/** Applies a function by name (used for constant folding and the reference evaluator). */
export function applyFn(name: FnName, v: number): number {
  switch (name) {
    case 'sin':
      return Math.sin(v);
    case 'cos':
      return Math.cos(v);
    case 'tan':
      return Math.tan(v);
    case 'exp':
      return Math.exp(v);
    case 'log':
      return Math.log(v);
    case 'sqrt':
      return Math.sqrt(v);
    case 'abs':
      return Math.abs(v);
    case 'tanh':
      return Math.tanh(v);
    case 'sigmoid':
      return sigmoid(v);
    case 'relu':
      return relu(v);
    case 'step':
      return step(v);
    case 'sign':
      return Math.sign(v);
  }
}

/** Index of the first argument equal to the max (min), or -1 if there is a NaN. */
export function pickIndex(mode: 'max' | 'min', values: readonly number[]): number {
  const target = mode === 'max' ? Math.max(...values) : Math.min(...values);
  return values.indexOf(target);
}

/**
 * Straightforward tree-walking evaluator. Used for compile-time constant folding and as the
 * reference the fast closures are tested against; never in the hot path.
 */
export function evaluate(n: Node, p: ArrayLike<number>, memo = new Map<number, number>()): number {
  const hit = memo.get(n.id);
  if (hit !== undefined) return hit;
  const ev = (c: Node): number => evaluate(c, p, memo);
  let r: number;
  switch (n.kind) {
    case 'const':
      r = n.value;
      break;
    case 'var':
      r = p[n.index] ?? NaN;
      break;
    case 'add':
      r = n.terms.reduce((s, t) => s + ev(t), 0);
      break;
    case 'mul':
      r = n.factors.reduce((s, f) => s * ev(f), n.coef);
      break;
    case 'pow':
      r = Math.pow(ev(n.base), ev(n.exp));
      break;
    case 'call':
      r = applyFn(n.name, ev(n.arg));
      break;
    case 'max':
      r = Math.max(...n.args.map(ev));
      break;
    case 'min':
      r = Math.min(...n.args.map(ev));
      break;
    case 'pick': {
      const i = pickIndex(n.mode, n.args.map(ev));
      r = i < 0 ? NaN : ev(n.branches[i]!);
      break;
    }
  }
  memo.set(n.id, r);
  return r;
}

/**
 * Total polynomial degree, or Infinity if n is not a polynomial in the variables. Constant
 * subtrees (sin(1), 2⁻¹) count as degree 0.
 */
export function polynomialDegree(n: Node, memo = new Map<number, number>()): number {
  if (n.deps === 0) return 0;
  const hit = memo.get(n.id);
  if (hit !== undefined) return hit;
  let d: number;
  switch (n.kind) {
    case 'var':
      d = 1;
      break;
    case 'add':
      d = Math.max(...n.terms.map((t) => polynomialDegree(t, memo)));
      break;
    case 'mul':
      d = n.factors.reduce((s, f) => s + polynomialDegree(f, memo), 0);
      break;
    case 'pow':
      d =
        isNumber(n.exp) && Number.isInteger(n.exp.value) && n.exp.value >= 0
          ? n.exp.value * polynomialDegree(n.base, memo)
          : Infinity;
      break;
    default:
      d = Infinity;
  }
  memo.set(n.id, d);
  return d;
}
