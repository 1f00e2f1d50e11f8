/**
 * Closure compiler: turns expression trees into trees of small JS closures, without `eval`,
 * `new Function` or mathjs `evaluate` (the app runs under a strict CSP, and those are ~10× slower).
 *
 * A closure call costs about as much as a few arithmetic operations (and boxes its result), so
 * the work here is mostly about making fewer of them:
 * - Leaves are not closures. Variables, constants and shared subexpressions all live in one
 *   Float64Array register file `R`, and operators have variants that read register operands
 *   directly (`R[a] * R[b]`) instead of calling a child closure.
 * - Sums of "register terms" c·R[a]·R[b] (2x, −400·x·y, 3x², constants) are evaluated by one
 *   closure, and a coefficient in front of a sum is folded into it.
 * - Common subexpressions across all outputs (e.g. the gradient components) are computed once per
 *   call into registers. The trees are hash-consed, so "same subtree" is "same node".
 * - Constant subtrees are folded, and all constant factors of a product (numbers, e, π, sin(1)…)
 *   are multiplied into its one numeric coefficient: 20·π·sin(2·π·x) runs as
 *   62.83…·sin(6.283…·x). x² / x³ become multiplications; u^(−k) factors become one division.
 * - Register products (2x, x·y, x²) are never shared: they are recomputed inline by each user.
 * - Functions of register terms (sin(2πx), exp(−x² − y²), cos(y)) are evaluated inline by the
 *   closure that uses them instead of by a closure of their own. Sums of register terms and
 *   "call terms" c·f(k·x)·g(l·y) (2x + 20π·sin(2πx), cos(x)·cos(y), x·exp(−y)) are one closure.
 *   The commonest shapes are written out with Math.sin / cos / exp; the others dispatch on a
 *   function code ({@link applyCode}), which V8 inlines but which costs a little more.
 * - Two outputs of the same simple shape (the gradient of a separable surface such as
 *   Rastrigin's) are computed by one closure: see {@link Program.secondOutput}.
 *
 * In the app every closure literal here is shared by all compiled expressions, so the call
 * sites between closures are megamorphic and nothing gets inlined across them: a closure call
 * (with the boxing of its result) is the unit of cost, ~5 ns, next to ~8 ns for Math.sin.
 */
import {
  type FnName,
  type MulNode,
  type Node,
  type PowNode,
  childrenOf,
  evaluate,
  isNumber,
  relu,
  sigmoid,
  step,
} from './ast.ts';
import { type PolyKernel, compilePolynomials, polyValue } from './poly.ts';

/** A compiled subtree: evaluates it reading the register file. */
export type Thunk = () => number;
/** Operand of an operator: a register index, or a closure computing the value. */
type Op = number | Thunk;
/** c · R[a] · R[b], the unit of fused sums (R[ONE] = 1 pads single factors). */
interface Term {
  readonly c: number;
  readonly a: number;
  readonly b: number;
}

/**
 * Function codes for {@link applyCode}. ID (the identity) lets a plain register product be a
 * factor of a {@link CallTerm}. The most frequent functions come first.
 */
const ID = 0;
const SIN = 1;
const COS = 2;
const EXP = 3;
const FN_CODE: Readonly<Record<FnName, number>> = {
  sin: SIN,
  cos: COS,
  exp: EXP,
  tanh: 4,
  sigmoid: 5,
  log: 6,
  sqrt: 7,
  tan: 8,
  abs: 9,
  relu: 10,
  step: 11,
  sign: 12,
};

/**
 * fn(v) by function code. Kept small (the rarer functions are behind a second call) so that V8
 * inlines it into every closure that uses it: the branches then cost far less than the closure
 * call they replace.
 */
function applyCode(code: number, v: number): number {
  if (code === ID) return v;
  if (code === SIN) return Math.sin(v);
  if (code === COS) return Math.cos(v);
  if (code === EXP) return Math.exp(v);
  return applyRare(code, v);
}

function applyRare(code: number, v: number): number {
  switch (code) {
    case 4:
      return Math.tanh(v);
    case 5:
      return sigmoid(v);
    case 6:
      return Math.log(v);
    case 7:
      return Math.sqrt(v);
    case 8:
      return Math.tan(v);
    case 9:
      return Math.abs(v);
    case 10:
      return relu(v);
    case 11:
      return step(v);
    default:
      return Math.sign(v);
  }
}

/**
 * c · f1(k1·R[a1]·R[b1]) · f2(k2·R[a2]·R[b2]): products of up to two function-of-term factors
 * (20π·sin(2πx), cos(x)·cos(y), −2x·exp(−y)). f2 = ID with R[a2] = R[b2] = 1 when there is a
 * single factor; ID factors carry plain registers (x, x·y, x²).
 */
interface CallTerm {
  readonly c: number;
  readonly f1: number;
  readonly k1: number;
  readonly a1: number;
  readonly b1: number;
  readonly f2: number;
  readonly k2: number;
  readonly a2: number;
  readonly b2: number;
}

/** Value of a call term (inlined into the closures that sum them: its objects share one shape). */
function callTermValue(R: Float64Array, t: CallTerm): number {
  return (
    t.c * applyCode(t.f1, t.k1 * R[t.a1]! * R[t.b1]!) * applyCode(t.f2, t.k2 * R[t.a2]! * R[t.b2]!)
  );
}

/** Several outputs compiled together so that they share subexpressions. */
export interface Program {
  /**
   * Register file. The caller writes the point into R[0..dim−1], then calls the outputs in
   * order: `outputs[0]` first computes the shared subexpressions into their registers.
   */
  readonly R: Float64Array;
  /** One closure per root. */
  readonly outputs: readonly Thunk[];
  /**
   * Set when `outputs[0]` also computes output 1 and leaves it in R[secondOutput], so that the
   * caller can read it there instead of calling `outputs[1]` (which still works on its own).
   * Done for two outputs of the same simple shape, such as the gradient 2x + 20π·sin(2πx),
   * 2y + 20π·sin(2πy) of a separable function: a closure call is the main cost of such outputs.
   */
  readonly secondOutput?: number;
  /**
   * Set when the outputs are polynomials evaluated by one kernel (see poly.ts, and
   * {@link CompileOptions.expand}): `polyValue(poly, i, x, y)` is output i, without the
   * register file. `outputs[0]` then computes every output, leaving output i in R[dim + 1 + i].
   */
  readonly poly?: PolyKernel;
}

/** Options of {@link compileProgram}. */
export interface CompileOptions {
  /**
   * Expand polynomial outputs into coefficient tables (poly.ts) where that is about as accurate
   * as evaluating the tree. Right for gradients and Hessians, whose rounding errors then stay of
   * the order of those caused by rounding the point itself; wrong for a value near a minimum,
   * which must stay accurate relative to its own (second-order small) size.
   */
  readonly expand?: boolean;
}

/** Register that always holds 1 (right after the variables). */
const oneReg = (dim: number): number => dim;

/** Compiles `roots` (over `dim` variables) into one program. */
export function compileProgram(
  roots: readonly Node[],
  dim: number,
  options?: CompileOptions,
): Program {
  const poly = options?.expand === true ? compilePolynomials(roots, dim) : null;
  if (poly !== null) return polyProgram(poly, dim);
  // Pass 1: reference counts (to find shared subtrees) and constant folding.
  const refs = new Map<number, number>();
  const postOrder: Node[] = [];
  const constValue = new Map<number, number>();
  const visit = (n: Node): void => {
    if (n.deps === 0) {
      if (!constValue.has(n.id)) constValue.set(n.id, evaluate(n, []));
      return;
    }
    if (n.kind === 'var') return;
    if (isRegisterProduct(n)) {
      // 2x, x·y, x²: recomputed inline by each user, as cheap as reading a register, and
      // sharing them would cost a producer closure call (2x in 2x + 6·cos(2x)).
      childrenOf(n).forEach(visit);
      return;
    }
    const seen = refs.get(n.id);
    if (seen !== undefined) {
      refs.set(n.id, seen + 1);
      return;
    }
    refs.set(n.id, 1);
    childrenOf(n).forEach(visit);
    postOrder.push(n);
  };
  roots.forEach(visit);

  // Register layout: [variables | 1 | constants | shared subexpressions].
  const regOf = new Map<number, number>();
  const regValues: number[] = new Array<number>(dim).fill(0);
  regValues.push(1);
  const constReg = new Map<number, number>([[1, oneReg(dim)]]);
  for (const [id, value] of constValue) {
    let r = constReg.get(value);
    if (r === undefined) {
      r = regValues.length;
      regValues.push(value);
      constReg.set(value, r);
    }
    regOf.set(id, r);
  }
  const shared = postOrder.filter((n) => (refs.get(n.id) ?? 0) >= 2);
  const sharedRegs: number[] = [];
  for (let i = 0; i < shared.length; i++) {
    sharedRegs.push(regValues.length);
    regValues.push(0);
  }
  const pairReg = regValues.length;
  if (roots.length === 2) regValues.push(0);
  const R = new Float64Array(regValues);
  const f = factories(R, oneReg(dim));

  // Pass 2: closures. A shared node is compiled once, as the producer of its register.
  const sharedReg = new Map<number, number>();
  const folded = new Map<number, Product>();
  const ctx: Ctx = {
    f,
    one: oneReg(dim),
    reg: (n) => (n.kind === 'var' ? n.index : (regOf.get(n.id) ?? sharedReg.get(n.id))),
    op: (n) => ctx.reg(n) ?? compileNode(n, ctx),
    product: (n) => {
      let p = folded.get(n.id);
      if (p === undefined) {
        p = foldConstants(n.coef, n.factors, (x) => constValue.get(x.id) ?? evaluate(x, []));
        folded.set(n.id, p);
      }
      return p;
    },
  };
  const producers: Thunk[] = shared.map((n, i) => {
    const t = f.thunk(compileNode(n, ctx));
    sharedReg.set(n.id, sharedRegs[i]!);
    return t;
  });
  const [first, second] = roots;
  // Only for exactly two roots: the pair's register is only allocated then, and `outputs` must
  // still have one closure per root (a Hessian or kink test has more).
  if (first !== undefined && second !== undefined && roots.length === 2 && producers.length === 0) {
    const a = hotShape(first, ctx);
    const b = hotShape(second, ctx);
    const pair = a !== null && b !== null ? f.pairOutputs(a, b, pairReg) : null;
    if (pair !== null) {
      return { R, outputs: [pair, f.thunk(ctx.op(second))], secondOutput: pairReg };
    }
  }
  const outputs = roots.map((n) => f.thunk(ctx.op(n)));
  // Shared subexpressions are computed by the first output rather than by a separate "load"
  // step: one closure call fewer per evaluation (measurably faster than a loop in the caller).
  if (first !== undefined) {
    const term = producers.length === 1 ? asTerm(first, ctx) : null;
    outputs[0] =
      term !== null
        ? f.afterTerm(producers[0]!, sharedRegs[0]!, term)
        : f.after(producers, sharedRegs, outputs[0]!);
  }
  return { R, outputs };
}

/** A program whose outputs are all computed by one polynomial kernel. */
function polyProgram(poly: PolyKernel, dim: number): Program {
  const n = poly.n;
  const base = oneReg(dim) + 1;
  const R = new Float64Array(base + n);
  R[oneReg(dim)] = 1;
  const first: Thunk = () => {
    const x = R[0]!;
    const y = dim === 2 ? R[1]! : 0;
    for (let i = 1; i < n; i++) R[base + i] = polyValue(poly, i, x, y);
    return (R[base] = polyValue(poly, 0, x, y));
  };
  const outputs = [first];
  for (let i = 1; i < n; i++) outputs.push(() => R[base + i]!);
  return n === 2 ? { R, outputs, secondOutput: base + 1, poly } : { R, outputs, poly };
}

/**
 * True for a product of at most two variables times constants (2x, −3x·y, πx²): such a node is a
 * register term wherever it is used, so it is never worth a shared register.
 */
function isRegisterProduct(n: Node): boolean {
  const factors = n.kind === 'mul' ? n.factors : n.kind === 'pow' ? [n] : null;
  if (factors === null) return false;
  let count = 0;
  for (const x of factors) {
    if (x.deps === 0) continue;
    if (x.kind === 'var') count += 1;
    else if (x.kind === 'pow' && x.base.kind === 'var' && isNumber(x.exp) && x.exp.value === 2) {
      count += 2;
    } else return false;
  }
  return count <= 2;
}

type Factories = ReturnType<typeof factories>;

/** What compiling a node needs: operator factories and the register of leaves / shared nodes. */
interface Ctx {
  readonly f: Factories;
  /** The register holding 1. */
  readonly one: number;
  /** Register holding n's value, if n is a leaf or a shared subexpression. */
  reg(n: Node): number | undefined;
  /** Register or closure for n. */
  op(n: Node): Op;
  /** n's coefficient and factors, with its constant factors folded into the coefficient. */
  product(n: MulNode): Product;
}

/** coef · ∏ factors. */
interface Product {
  readonly coef: number;
  readonly factors: readonly Node[];
}

/**
 * Multiplies the constant factors (π, e, π², sin(1)…; they are kept symbolic in the tree for
 * display) into the coefficient. Skipped in the rare case where that would overflow or underflow,
 * where the order of the multiplications matters.
 */
function foldConstants(
  coef: number,
  factors: readonly Node[],
  valueOf: (n: Node) => number,
): Product {
  if (factors.every((x) => x.deps !== 0)) return { coef, factors };
  let c = coef;
  for (const x of factors) if (x.deps === 0) c *= valueOf(x);
  if (!Number.isFinite(c) || c === 0) return { coef, factors };
  return { coef: c, factors: factors.filter((x) => x.deps !== 0) };
}

/**
 * n as c·R[a]·R[b] if it is a register, a square of one, or a product of at most two of them
 * (2x, x·y, −3x², 2π·x). Such terms are summed inside one closure instead of one closure each.
 */
function asTerm(n: Node, ctx: Ctx): Term | null {
  const r = ctx.reg(n);
  if (r !== undefined) return { c: 1, a: r, b: ctx.one };
  if (n.kind === 'pow') return productTerm(1, [n], ctx);
  if (n.kind === 'mul') {
    const p = ctx.product(n);
    return productTerm(p.coef, p.factors, ctx);
  }
  return null;
}

function productTerm(coef: number, factors: readonly Node[], ctx: Ctx): Term | null {
  const regs: number[] = [];
  for (const x of factors) {
    const r = ctx.reg(x);
    if (r !== undefined) regs.push(r);
    else if (x.kind === 'pow' && isNumber(x.exp) && x.exp.value === 2) {
      const rb = ctx.reg(x.base);
      if (rb === undefined) return null;
      regs.push(rb, rb);
    } else return null;
    if (regs.length > 2) return null;
  }
  return { c: coef, a: regs[0] ?? ctx.one, b: regs[1] ?? ctx.one };
}

/** A factor evaluated inline by its consumer: f(k·R[a]·R[b]), f a function code. */
interface Leaf {
  readonly f: number;
  readonly k: number;
  readonly a: number;
  readonly b: number;
}

/** e^u, which is compiled as exp(u). */
const isPowerOfE = (n: PowNode): boolean => n.base.kind === 'const' && n.base.name === 'e';

/** x as f(register term) if it is a call (or e^u) of one and has no register of its own. */
function callLeaf(x: Node, ctx: Ctx): Leaf | null {
  if (ctx.reg(x) !== undefined) return null;
  let arg: Node;
  let code: number;
  if (x.kind === 'call') {
    arg = x.arg;
    code = FN_CODE[x.name];
  } else if (x.kind === 'pow' && isPowerOfE(x)) {
    arg = x.exp;
    code = FN_CODE.exp;
  } else return null;
  const t = asTerm(arg, ctx);
  return t === null ? null : { f: code, k: t.c, a: t.a, b: t.b };
}

/**
 * coef · ∏ factors as a {@link CallTerm}: one or two function-of-term factors, or one and at most
 * two registers (20π·sin(2πx), cos(x)·cos(y), −2x·exp(−y), x²·sin(y)).
 */
function callTerm(coef: number, factors: readonly Node[], ctx: Ctx): CallTerm | null {
  const leaves: Leaf[] = [];
  const regs: number[] = [];
  for (const x of factors) {
    const leaf = callLeaf(x, ctx);
    if (leaf !== null) {
      leaves.push(leaf);
      continue;
    }
    const t = asTerm(x, ctx);
    if (t === null || t.c !== 1) return null;
    if (t.a !== ctx.one) regs.push(t.a);
    if (t.b !== ctx.one) regs.push(t.b);
  }
  const [l1, l2] = leaves;
  if (l1 === undefined || leaves.length > 2 || regs.length > (l2 === undefined ? 2 : 0)) {
    return null;
  }
  const second = l2 ?? { f: ID, k: 1, a: regs[0] ?? ctx.one, b: regs[1] ?? ctx.one };
  return {
    c: coef,
    f1: l1.f,
    k1: l1.k,
    a1: l1.a,
    b1: l1.b,
    f2: second.f,
    k2: second.k,
    a2: second.a,
    b2: second.b,
  };
}

/** n as a {@link CallTerm}, if it is a call, e^u or a product of the kind callTerm accepts. */
function asCallTerm(n: Node, ctx: Ctx): CallTerm | null {
  if (ctx.reg(n) !== undefined) return null;
  if (n.kind === 'mul') {
    const p = ctx.product(n);
    return callTerm(p.coef, p.factors, ctx);
  }
  return n.kind === 'call' || (n.kind === 'pow' && isPowerOfE(n)) ? callTerm(1, [n], ctx) : null;
}

/**
 * n as s · Σ register terms (2πx, x² + y², −(x² + y²)), so that a function of it is a single
 * closure.
 */
function asTermSum(n: Node, ctx: Ctx): { s: number; list: Term[] } | null {
  const t = asTerm(n, ctx);
  if (t !== null) return { s: 1, list: [t] };
  let s = 1;
  let sum = n;
  if (n.kind === 'mul') {
    const p = ctx.product(n);
    if (p.factors.length !== 1) return null;
    s = p.coef;
    sum = p.factors[0]!;
  }
  if (sum.kind !== 'add' || ctx.reg(sum) !== undefined) return null;
  const list: Term[] = [];
  for (const u of sum.terms) {
    const term = asTerm(u, ctx);
    if (term === null) return null;
    list.push(term);
  }
  return { s, list };
}

/** Compiles the top of n (even if n is shared: this is how its register gets produced). */
function compileNode(n: Node, ctx: Ctx): Op {
  const { f } = ctx;
  const sub = ctx.op;
  switch (n.kind) {
    case 'const':
    case 'var':
      // Leaves always have a register (constants were folded in pass 1).
      return ctx.reg(n) ?? f.constant(n.kind === 'const' ? n.value : NaN);
    case 'add':
      return compileSum(n.terms, 1, ctx);
    case 'mul': {
      const p = ctx.product(n);
      return compileProduct(p.coef, p.factors, ctx);
    }
    case 'pow': {
      const e = n.exp;
      if (isPowerOfE(n)) return compileCall('exp', e, ctx);
      const k = reciprocalPower(n);
      if (k !== null) return f.cdiv(1, compileIntPower(n.base, k, ctx));
      if (isNumber(e) && Number.isInteger(e.value)) return compileIntPower(n.base, e.value, ctx);
      return f.pow(sub(n.base), sub(e));
    }
    case 'call':
      return compileCall(n.name, n.arg, ctx);
    case 'max':
    case 'min': {
      const args = n.args.map((a) => f.thunk(sub(a)));
      return f.extremum(n.kind, args);
    }
    case 'pick': {
      const args = n.args.map((a) => f.thunk(sub(a)));
      const branches = n.branches.map((b) => f.thunk(sub(b)));
      return f.pick(n.mode, args, branches);
    }
  }
}

/** name(arg); an argument made of register terms is evaluated inside the same closure. */
function compileCall(name: FnName, arg: Node, ctx: Ctx): Op {
  const { f } = ctx;
  const r = ctx.reg(arg);
  if (r !== undefined) return f.call(name, r);
  const sum = asTermSum(arg, ctx);
  if (sum !== null) return f.callTerms(FN_CODE[name], sum.s, sum.list);
  return f.call(name, ctx.op(arg));
}

/** k if n is u^(−k) for a positive integer k (compiled as a division), else null. */
function reciprocalPower(n: Node): number | null {
  if (n.kind !== 'pow' || !isNumber(n.exp)) return null;
  const e = n.exp.value;
  return Number.isInteger(e) && e < 0 ? -e : null;
}

function compileIntPower(base: Node, k: number, ctx: Ctx): Op {
  const { f } = ctx;
  const b = ctx.op(base);
  if (k === 1) return b;
  if (k === 2) return f.sq(b);
  if (k === 3) return f.cube(b);
  return f.powi(b, k);
}

/**
 * scale · Σ terms. Register terms (2x, x·y, −y², 3) and call terms (20π·sin(2πx), cos(x)·cos(y))
 * are summed in one fused closure; the other terms are chained with binary adds, −c·u becoming a
 * subtraction of c·u.
 */
function compileSum(terms: readonly Node[], scale: number, ctx: Ctx): Op {
  const { f } = ctx;
  const { fused, calls, rest } = classifySum(terms, ctx);
  if (rest.length === 0) {
    return calls.length === 0 ? f.terms(scale, fused) : f.mixed(scale, fused, calls);
  }
  const negative = (t: Node): Product | null => {
    if (t.kind !== 'mul' || ctx.reg(t) !== undefined) return null;
    const p = ctx.product(t);
    return p.coef < 0 ? p : null;
  };
  const positive = (t: Node): Op => {
    const p = negative(t);
    return p !== null ? compileProduct(-p.coef, p.factors, ctx) : ctx.op(t);
  };
  // Start from a positive term so that a − b needs no negation.
  const firstPositive = rest.findIndex((t) => negative(t) === null);
  const start = firstPositive >= 0 ? firstPositive : 0;
  let acc: Op = ctx.op(rest[start]!);
  rest.forEach((t, i) => {
    if (i === start) return;
    acc = negative(t) !== null ? f.sub(acc, positive(t)) : f.add(acc, positive(t));
  });
  if (fused.length > 0 || calls.length > 0) acc = f.plusTerms(acc, fused, calls);
  return scale === 1 ? acc : f.scale(scale, acc);
}

/** Splits the terms of a sum into register terms, call terms and the rest. */
function classifySum(terms: readonly Node[], ctx: Ctx) {
  const fused: Term[] = [];
  const calls: CallTerm[] = [];
  const rest: Node[] = [];
  for (const t of terms) {
    const term = asTerm(t, ctx);
    if (term !== null) {
      fused.push(term);
      continue;
    }
    const call = asCallTerm(t, ctx);
    if (call !== null) calls.push(call);
    else rest.push(t);
  }
  return { fused, calls, rest };
}

/**
 * Σ (at most 2) c·R[a]·R[b] + K·fn(k·R[x]) for fn = sin, cos or exp: the shape of the gradient
 * components of separable trigonometric surfaces (2x + 20π·sin(2πx), cos(x), −sin(y)).
 */
interface HotShape {
  readonly fn: number;
  readonly list: readonly Term[];
  readonly K: number;
  readonly k: number;
  readonly x: number;
}

/** n as a {@link HotShape}, if it is one (and is not a register). */
function hotShape(n: Node, ctx: Ctx): HotShape | null {
  if (ctx.reg(n) !== undefined) return null;
  let list: readonly Term[] = [];
  let call: CallTerm | null = null;
  if (n.kind === 'add') {
    const sum = classifySum(n.terms, ctx);
    if (sum.rest.length === 0 && sum.calls.length === 1) {
      list = sum.fused;
      call = sum.calls[0]!;
    }
  } else call = asCallTerm(n, ctx);
  if (call === null || list.length > 2 || call.b1 !== ctx.one || call.f2 !== ID) return null;
  if (call.a2 !== ctx.one || call.b2 !== ctx.one) return null;
  if (call.f1 !== SIN && call.f1 !== COS && call.f1 !== EXP) return null;
  return { fn: call.f1, list, K: call.c, k: call.k1, x: call.a1 };
}

/**
 * coef · ∏ factors (constant factors already folded into coef), with factors u^(−k) moved to a
 * single division.
 */
function compileProduct(coef: number, factors: readonly Node[], ctx: Ctx): Op {
  const { f } = ctx;
  const term = productTerm(coef, factors, ctx);
  if (term !== null) return f.terms(1, [term]);
  const call = callTerm(coef, factors, ctx);
  if (call !== null) return f.mixed(1, [], [call]);
  const only = factors.length === 1 ? factors[0]! : null;
  if (only !== null && only.kind === 'add' && ctx.reg(only) === undefined) {
    // c·(a + b): fold c into the sum's closure.
    return compileSum(only.terms, coef, ctx);
  }
  const num: Op[] = [];
  const den: Op[] = [];
  for (const x of factors) {
    const k = reciprocalPower(x);
    if (k !== null && x.kind === 'pow' && ctx.reg(x) === undefined) {
      den.push(compileIntPower(x.base, k, ctx));
    } else {
      num.push(ctx.op(x));
    }
  }
  const chain = (ops: Op[]): Op => ops.slice(1).reduce((a: Op, b) => f.mul(a, b), ops[0]!);
  if (num.length === 0) return den.length === 0 ? f.constant(coef) : f.cdiv(coef, chain(den));
  let top: Op;
  if (num.length === 1) {
    const first = num[0]!;
    top = coef === 1 ? first : coef === -1 ? f.neg(first) : f.scale(coef, first);
  } else {
    const first: Op = coef === 1 ? f.mul(num[0]!, num[1]!) : f.mulc(coef, num[0]!, num[1]!);
    top = num.slice(2).reduce((a: Op, b) => f.mul(a, b), first);
  }
  return den.length === 0 ? top : f.div(top, chain(den));
}

/**
 * Operator closures specialised on whether each operand is a register (number) or a closure.
 * Every variant is its own function literal so that V8 sees monomorphic arithmetic in each.
 */
function factories(R: Float64Array, one: number) {
  const reg =
    (a: number): Thunk =>
    () =>
      R[a]!;
  const isReg = (a: Op): a is number => typeof a === 'number';
  /** s · Σ c·R[a]·R[b] */
  const terms = (s: number, list: readonly Term[]): Thunk => {
    if (list.length === 1) {
      const { a, b } = list[0]!;
      const c = s * list[0]!.c;
      return () => c * R[a]! * R[b]!;
    }
    if (list.length === 2) {
      const [{ c: c1, a: a1, b: b1 }, { c: c2, a: a2, b: b2 }] = list as [Term, Term];
      return () => s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]!);
    }
    if (list.length === 3) {
      const [t1, t2, t3] = list as [Term, Term, Term];
      const { c: c1, a: a1, b: b1 } = t1;
      const { c: c2, a: a2, b: b2 } = t2;
      const { c: c3, a: a3, b: b3 } = t3;
      return () => s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + c3 * R[a3]! * R[b3]!);
    }
    const cs = Float64Array.from(list, (t) => t.c);
    const as = Int32Array.from(list, (t) => t.a);
    const bs = Int32Array.from(list, (t) => t.b);
    const n = list.length;
    return () => {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += cs[i]! * R[as[i]!]! * R[bs[i]!]!;
      return s * acc;
    };
  };
  /*
   * Closures written out with sin, cos or exp themselves for the commonest fused shapes. The
   * generic closures dispatch on a function code (applyCode); in the app, where every closure
   * shape is shared by many expressions, that costs measurably more than a written-out call.
   */
  /** Σ c·R[a]·R[b] (at most 2 terms) + K·fn(k·R[a])·R[m] (R[m] = 1 unless there are no terms). */
  const hotCall = (
    fn: number,
    list: readonly Term[],
    K: number,
    k: number,
    a: number,
    m: number,
  ): Thunk | null => {
    const n = list.length;
    const { c: c1, a: a1, b: b1 } = list[0] ?? { c: 0, a: one, b: one };
    const { c: c2, a: a2, b: b2 } = list[1] ?? { c: 0, a: one, b: one };
    if (n > 0 && m !== one) return null;
    switch (fn) {
      case SIN:
        if (n === 0) {
          if (m === one) return () => K * Math.sin(k * R[a]!);
          return () => K * Math.sin(k * R[a]!) * R[m]!;
        }
        if (n === 1) return () => c1 * R[a1]! * R[b1]! + K * Math.sin(k * R[a]!);
        return () => c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + K * Math.sin(k * R[a]!);
      case COS:
        if (n === 0) {
          if (m === one) return () => K * Math.cos(k * R[a]!);
          return () => K * Math.cos(k * R[a]!) * R[m]!;
        }
        if (n === 1) return () => c1 * R[a1]! * R[b1]! + K * Math.cos(k * R[a]!);
        return () => c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + K * Math.cos(k * R[a]!);
      case EXP:
        if (n === 0) {
          if (m === one) return () => K * Math.exp(k * R[a]!);
          return () => K * Math.exp(k * R[a]!) * R[m]!;
        }
        if (n === 1) return () => c1 * R[a1]! * R[b1]! + K * Math.exp(k * R[a]!);
        return () => c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + K * Math.exp(k * R[a]!);
    }
    return null;
  };
  /** K·f(k·R[a])·g(l·R[b]) for f, g ∈ {sin, cos, exp}: sin(x)·cos(y) and its derivatives. */
  const hotProduct = (
    f: number,
    g: number,
    K: number,
    k: number,
    a: number,
    l: number,
    b: number,
  ) => {
    // f·4 + g only identifies the pair for these three (sigmoid = 5 would make sin·sigmoid look
    // like cos·sin).
    if (f > EXP || g > EXP) return null;
    switch (f * 4 + g) {
      case SIN * 4 + SIN:
        return () => K * Math.sin(k * R[a]!) * Math.sin(l * R[b]!);
      case SIN * 4 + COS:
        return () => K * Math.sin(k * R[a]!) * Math.cos(l * R[b]!);
      case SIN * 4 + EXP:
        return () => K * Math.sin(k * R[a]!) * Math.exp(l * R[b]!);
      case COS * 4 + SIN:
        return () => K * Math.cos(k * R[a]!) * Math.sin(l * R[b]!);
      case COS * 4 + COS:
        return () => K * Math.cos(k * R[a]!) * Math.cos(l * R[b]!);
      case COS * 4 + EXP:
        return () => K * Math.cos(k * R[a]!) * Math.exp(l * R[b]!);
      case EXP * 4 + SIN:
        return () => K * Math.exp(k * R[a]!) * Math.sin(l * R[b]!);
      case EXP * 4 + COS:
        return () => K * Math.exp(k * R[a]!) * Math.cos(l * R[b]!);
      case EXP * 4 + EXP:
        return () => K * Math.exp(k * R[a]!) * Math.exp(l * R[b]!);
    }
    return null;
  };
  /**
   * Two outputs of the same hot shape in one closure: stores the second in R[r], returns the
   * first. Null unless both have the same function and number of register terms.
   */
  const pairOutputs = (p: HotShape, q: HotShape, r: number): Thunk | null => {
    const n = p.list.length;
    if (q.fn !== p.fn || q.list.length !== n) return null;
    const pad: Term = { c: 0, a: one, b: one };
    const { K, k, x } = p;
    const { K: L, k: l, x: y } = q;
    const [{ c: c1, a: a1, b: b1 }, { c: c2, a: a2, b: b2 }] = [p.list[0] ?? pad, p.list[1] ?? pad];
    const [{ c: d1, a: e1, b: g1 }, { c: d2, a: e2, b: g2 }] = [q.list[0] ?? pad, q.list[1] ?? pad];
    switch (p.fn) {
      case SIN:
        if (n === 0) {
          return () => {
            R[r] = L * Math.sin(l * R[y]!);
            return K * Math.sin(k * R[x]!);
          };
        }
        if (n === 1) {
          return () => {
            R[r] = d1 * R[e1]! * R[g1]! + L * Math.sin(l * R[y]!);
            return c1 * R[a1]! * R[b1]! + K * Math.sin(k * R[x]!);
          };
        }
        return () => {
          R[r] = d1 * R[e1]! * R[g1]! + d2 * R[e2]! * R[g2]! + L * Math.sin(l * R[y]!);
          return c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + K * Math.sin(k * R[x]!);
        };
      case COS:
        if (n === 0) {
          return () => {
            R[r] = L * Math.cos(l * R[y]!);
            return K * Math.cos(k * R[x]!);
          };
        }
        if (n === 1) {
          return () => {
            R[r] = d1 * R[e1]! * R[g1]! + L * Math.cos(l * R[y]!);
            return c1 * R[a1]! * R[b1]! + K * Math.cos(k * R[x]!);
          };
        }
        return () => {
          R[r] = d1 * R[e1]! * R[g1]! + d2 * R[e2]! * R[g2]! + L * Math.cos(l * R[y]!);
          return c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + K * Math.cos(k * R[x]!);
        };
      case EXP:
        if (n === 0) {
          return () => {
            R[r] = L * Math.exp(l * R[y]!);
            return K * Math.exp(k * R[x]!);
          };
        }
        if (n === 1) {
          return () => {
            R[r] = d1 * R[e1]! * R[g1]! + L * Math.exp(l * R[y]!);
            return c1 * R[a1]! * R[b1]! + K * Math.exp(k * R[x]!);
          };
        }
        return () => {
          R[r] = d1 * R[e1]! * R[g1]! + d2 * R[e2]! * R[g2]! + L * Math.exp(l * R[y]!);
          return c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + K * Math.exp(k * R[x]!);
        };
    }
    return null;
  };
  /** s · (Σ c·R[a]·R[b] + Σ call terms), with at least one call term */
  const mixed = (s: number, list: readonly Term[], calls: readonly CallTerm[]): Thunk => {
    const [t1, t2] = calls as [CallTerm, CallTerm | undefined];
    if (s === 1 && calls.length === 1 && list.length <= 2 && t1.b1 === one && t1.b2 === one) {
      const { c, f1, k1, a1, f2, k2, a2 } = t1;
      const hot =
        f2 === ID
          ? hotCall(f1, list, c, k1, a1, a2)
          : list.length === 0
            ? hotProduct(f1, f2, c, k1, a1, k2, a2)
            : null;
      if (hot !== null) return hot;
    }
    if (calls.length === 1 && list.length <= 2) {
      if (list.length === 0) {
        if (s === 1) return () => callTermValue(R, t1);
        return () => s * callTermValue(R, t1);
      }
      const { c: c1, a: a1, b: b1 } = list[0]!;
      if (list.length === 1) return () => s * (c1 * R[a1]! * R[b1]! + callTermValue(R, t1));
      const { c: c2, a: a2, b: b2 } = list[1]!;
      return () => s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + callTermValue(R, t1));
    }
    if (calls.length === 2 && t2 !== undefined && list.length <= 1) {
      if (list.length === 0) return () => s * (callTermValue(R, t1) + callTermValue(R, t2));
      const { c: c1, a: a1, b: b1 } = list[0]!;
      return () => s * (c1 * R[a1]! * R[b1]! + callTermValue(R, t1) + callTermValue(R, t2));
    }
    const cs = Float64Array.from(list, (t) => t.c);
    const as = Int32Array.from(list, (t) => t.a);
    const bs = Int32Array.from(list, (t) => t.b);
    const n = list.length;
    const m = calls.length;
    return () => {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += cs[i]! * R[as[i]!]! * R[bs[i]!]!;
      for (let i = 0; i < m; i++) acc += callTermValue(R, calls[i]!);
      return s * acc;
    };
  };
  return {
    thunk: (a: Op): Thunk => (isReg(a) ? reg(a) : a),
    constant:
      (c: number): Thunk =>
      () =>
        c,
    /** Runs the producers of shared registers, then `first`. */
    after: (producers: readonly Thunk[], regs: readonly number[], first: Thunk): Thunk => {
      const n = producers.length;
      if (n === 0) return first;
      if (n === 1) {
        const [p0] = producers as [Thunk];
        const [r0] = regs as [number];
        return () => {
          R[r0] = p0();
          return first();
        };
      }
      if (n === 2) {
        const [p0, p1] = producers as [Thunk, Thunk];
        const [r0, r1] = regs as [number, number];
        return () => {
          R[r0] = p0();
          R[r1] = p1();
          return first();
        };
      }
      return () => {
        for (let i = 0; i < n; i++) R[regs[i]!] = producers[i]!();
        return first();
      };
    },
    /** Runs the one producer of a shared register, then returns c·R[a]·R[b]. */
    afterTerm: (p0: Thunk, r0: number, { c, a, b }: Term): Thunk => {
      return () => {
        R[r0] = p0();
        return c * R[a]! * R[b]!;
      };
    },
    terms,
    mixed,
    pairOutputs,
    /** fn(s · Σ c·R[a]·R[b]), fn given by its code */
    callTerms: (code: number, s: number, list: readonly Term[]): Thunk => {
      if (list.length === 1) {
        const { a, b } = list[0]!;
        const c = s * list[0]!.c;
        if (code === SIN) return () => Math.sin(c * R[a]! * R[b]!);
        if (code === COS) return () => Math.cos(c * R[a]! * R[b]!);
        if (code === EXP) return () => Math.exp(c * R[a]! * R[b]!);
        return () => applyCode(code, c * R[a]! * R[b]!);
      }
      if (list.length === 2) {
        const [{ c: c1, a: a1, b: b1 }, { c: c2, a: a2, b: b2 }] = list as [Term, Term];
        if (code === SIN) return () => Math.sin(s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]!));
        if (code === COS) return () => Math.cos(s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]!));
        if (code === EXP) return () => Math.exp(s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]!));
        return () => applyCode(code, s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]!));
      }
      if (list.length === 3) {
        const [t1, t2, t3] = list as [Term, Term, Term];
        const { c: c1, a: a1, b: b1 } = t1;
        const { c: c2, a: a2, b: b2 } = t2;
        const { c: c3, a: a3, b: b3 } = t3;
        return () =>
          applyCode(code, s * (c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]! + c3 * R[a3]! * R[b3]!));
      }
      const sum = terms(s, list);
      return () => applyCode(code, sum());
    },
    /** g + Σ c·R[a]·R[b] + Σ call terms */
    plusTerms: (g: Op, list: readonly Term[], calls: readonly CallTerm[]): Thunk => {
      const h: Thunk = isReg(g) ? reg(g) : g;
      if (calls.length > 0) {
        if (calls.length === 1 && list.length === 0) {
          const [t] = calls as [CallTerm];
          return () => h() + callTermValue(R, t);
        }
        const rest = mixed(1, list, calls);
        return () => h() + rest();
      }
      if (list.length === 1) {
        const { c, a, b } = list[0]!;
        return () => h() + c * R[a]! * R[b]!;
      }
      if (list.length === 2) {
        const [{ c: c1, a: a1, b: b1 }, { c: c2, a: a2, b: b2 }] = list as [Term, Term];
        return () => h() + c1 * R[a1]! * R[b1]! + c2 * R[a2]! * R[b2]!;
      }
      const rest = terms(1, list);
      return () => h() + rest();
    },
    add: (a: Op, b: Op): Thunk => {
      if (isReg(a)) return isReg(b) ? () => R[a]! + R[b]! : () => R[a]! + b();
      return isReg(b) ? () => a() + R[b]! : () => a() + b();
    },
    sub: (a: Op, b: Op): Thunk => {
      if (isReg(a)) return isReg(b) ? () => R[a]! - R[b]! : () => R[a]! - b();
      return isReg(b) ? () => a() - R[b]! : () => a() - b();
    },
    mul: (a: Op, b: Op): Thunk => {
      if (isReg(a)) return isReg(b) ? () => R[a]! * R[b]! : () => R[a]! * b();
      return isReg(b) ? () => a() * R[b]! : () => a() * b();
    },
    div: (a: Op, b: Op): Thunk => {
      if (isReg(a)) return isReg(b) ? () => R[a]! / R[b]! : () => R[a]! / b();
      return isReg(b) ? () => a() / R[b]! : () => a() / b();
    },
    /** c·a·b */
    mulc: (c: number, a: Op, b: Op): Thunk => {
      if (isReg(a)) return isReg(b) ? () => c * R[a]! * R[b]! : () => c * R[a]! * b();
      return isReg(b) ? () => c * a() * R[b]! : () => c * a() * b();
    },
    scale: (c: number, a: Op): Thunk => (isReg(a) ? () => c * R[a]! : () => c * a()),
    /** c / a */
    cdiv: (c: number, a: Op): Thunk => (isReg(a) ? () => c / R[a]! : () => c / a()),
    neg: (a: Op): Thunk => (isReg(a) ? () => -R[a]! : () => -a()),
    sq: (a: Op): Thunk => {
      if (isReg(a)) return () => R[a]! * R[a]!;
      return () => {
        const v = a();
        return v * v;
      };
    },
    cube: (a: Op): Thunk => {
      if (isReg(a)) return () => R[a]! * R[a]! * R[a]!;
      return () => {
        const v = a();
        return v * v * v;
      };
    },
    powi: (a: Op, k: number): Thunk =>
      isReg(a) ? () => Math.pow(R[a]!, k) : () => Math.pow(a(), k),
    pow: (a: Op, b: Op): Thunk => {
      if (isReg(a)) return isReg(b) ? () => R[a]! ** R[b]! : () => R[a]! ** b();
      return isReg(b) ? () => a() ** R[b]! : () => a() ** b();
    },
    call: (name: FnName, a: Op): Thunk => {
      if (isReg(a)) {
        switch (name) {
          case 'sin':
            return () => Math.sin(R[a]!);
          case 'cos':
            return () => Math.cos(R[a]!);
          case 'tan':
            return () => Math.tan(R[a]!);
          case 'exp':
            return () => Math.exp(R[a]!);
          case 'log':
            return () => Math.log(R[a]!);
          case 'sqrt':
            return () => Math.sqrt(R[a]!);
          case 'abs':
            return () => Math.abs(R[a]!);
          case 'tanh':
            return () => Math.tanh(R[a]!);
          case 'sigmoid':
            return () => sigmoid(R[a]!);
          case 'relu':
            return () => relu(R[a]!);
          case 'step':
            return () => step(R[a]!);
          case 'sign':
            return () => Math.sign(R[a]!);
        }
      }
      switch (name) {
        case 'sin':
          return () => Math.sin(a());
        case 'cos':
          return () => Math.cos(a());
        case 'tan':
          return () => Math.tan(a());
        case 'exp':
          return () => Math.exp(a());
        case 'log':
          return () => Math.log(a());
        case 'sqrt':
          return () => Math.sqrt(a());
        case 'abs':
          return () => Math.abs(a());
        case 'tanh':
          return () => Math.tanh(a());
        case 'sigmoid':
          return () => sigmoid(a());
        case 'relu':
          return () => relu(a());
        case 'step':
          return () => step(a());
        case 'sign':
          return () => Math.sign(a());
      }
    },
    extremum: (kind: 'max' | 'min', args: readonly Thunk[]): Thunk => {
      if (args.length === 2) {
        const [a, b] = args as [Thunk, Thunk];
        return kind === 'max' ? () => Math.max(a(), b()) : () => Math.min(a(), b());
      }
      if (kind === 'max') {
        return () => {
          let m = -Infinity;
          for (const g of args) m = Math.max(m, g());
          return m;
        };
      }
      return () => {
        let m = Infinity;
        for (const g of args) m = Math.min(m, g());
        return m;
      };
    },
    /** The branch of the first argument attaining the max (min); NaN if an argument is NaN. */
    pick: (mode: 'max' | 'min', args: readonly Thunk[], branches: readonly Thunk[]): Thunk => {
      const sign = mode === 'max' ? 1 : -1;
      if (args.length === 2) {
        const [a, b] = args as [Thunk, Thunk];
        const [da, db] = branches as [Thunk, Thunk];
        return () => {
          const va = sign * a();
          const vb = sign * b();
          return va >= vb ? da() : vb > va ? db() : NaN;
        };
      }
      return () => {
        let best = -Infinity;
        let at = -1;
        for (let i = 0; i < args.length; i++) {
          const v = sign * args[i]!();
          if (v !== v) return NaN;
          if (at < 0 || v > best) {
            best = v;
            at = i;
          }
        }
        return branches[at]!();
      };
    },
  };
}
