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
 * - Constant subtrees are folded; x² / x³ become multiplications; u^(−k) factors become one
 *   division.
 */
import {
  type FnName,
  type Node,
  childrenOf,
  evaluate,
  isNumber,
  relu,
  sigmoid,
  step,
} from './ast.ts';

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

/** Several outputs compiled together so that they share subexpressions. */
export interface Program {
  /**
   * Register file. The caller writes the point into R[0..dim−1], then calls the outputs in
   * order: `outputs[0]` first computes the shared subexpressions into their registers.
   */
  readonly R: Float64Array;
  /** One closure per root. */
  readonly outputs: readonly Thunk[];
}

/** Register that always holds 1 (right after the variables). */
const oneReg = (dim: number): number => dim;

/** Compiles `roots` (over `dim` variables) into one program. */
export function compileProgram(roots: readonly Node[], dim: number): Program {
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
  const R = new Float64Array(regValues);
  const f = factories(R);

  // Pass 2: closures. A shared node is compiled once, as the producer of its register.
  const sharedReg = new Map<number, number>();
  const ctx: Ctx = {
    f,
    one: oneReg(dim),
    reg: (n) => (n.kind === 'var' ? n.index : (regOf.get(n.id) ?? sharedReg.get(n.id))),
    op: (n) => ctx.reg(n) ?? compileNode(n, ctx),
  };
  const producers: Thunk[] = shared.map((n, i) => {
    const t = f.thunk(compileNode(n, ctx));
    sharedReg.set(n.id, sharedRegs[i]!);
    return t;
  });
  const outputs = roots.map((n) => f.thunk(ctx.op(n)));
  // Shared subexpressions are computed by the first output rather than by a separate "load"
  // step: one closure call fewer per evaluation (measurably faster than a loop in the caller).
  if (outputs.length > 0) outputs[0] = f.after(producers, sharedRegs, outputs[0]!);
  return { R, outputs };
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
}

/**
 * n as c·R[a]·R[b] if it is a register, a square of one, or a product of at most two of them
 * (2x, x·y, -3x², …). Such terms are summed inside one closure instead of one closure each.
 */
function asTerm(n: Node, ctx: Ctx): Term | null {
  const r = ctx.reg(n);
  if (r !== undefined) return { c: 1, a: r, b: ctx.one };
  if (n.kind === 'pow') return productTerm(1, [n], ctx);
  if (n.kind === 'mul') return productTerm(n.coef, n.factors, ctx);
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
    case 'mul':
      return compileProduct(n.coef, n.factors, ctx);
    case 'pow': {
      const e = n.exp;
      const k = reciprocalPower(n);
      if (k !== null) return f.cdiv(1, compileIntPower(n.base, k, ctx));
      if (isNumber(e) && Number.isInteger(e.value)) return compileIntPower(n.base, e.value, ctx);
      return f.pow(sub(n.base), sub(e));
    }
    case 'call':
      return f.call(n.name, sub(n.arg));
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
 * scale · Σ terms. Register terms (2x, x·y, −y², 3) are summed in one fused closure; the other
 * terms are chained with binary adds, −c·u becoming a subtraction of c·u.
 */
function compileSum(terms: readonly Node[], scale: number, ctx: Ctx): Op {
  const { f } = ctx;
  const fused: Term[] = [];
  const rest: Node[] = [];
  for (const t of terms) {
    const term = asTerm(t, ctx);
    if (term !== null) fused.push(term);
    else rest.push(t);
  }
  if (rest.length === 0) return f.terms(scale, fused);
  const isNegative = (t: Node): boolean =>
    t.kind === 'mul' && t.coef < 0 && ctx.reg(t) === undefined;
  const positive = (t: Node): Op =>
    isNegative(t) && t.kind === 'mul' ? compileProduct(-t.coef, t.factors, ctx) : ctx.op(t);
  // Start from a positive term so that a − b needs no negation.
  const firstPositive = rest.findIndex((t) => !isNegative(t));
  const start = firstPositive >= 0 ? firstPositive : 0;
  let acc: Op = ctx.op(rest[start]!);
  rest.forEach((t, i) => {
    if (i === start) return;
    acc = isNegative(t) ? f.sub(acc, positive(t)) : f.add(acc, positive(t));
  });
  if (fused.length > 0) acc = f.plusTerms(acc, fused);
  return scale === 1 ? acc : f.scale(scale, acc);
}

/** coef · ∏ factors, with factors u^(−k) moved to a single division. */
function compileProduct(coef: number, factors: readonly Node[], ctx: Ctx): Op {
  const { f } = ctx;
  const term = productTerm(coef, factors, ctx);
  if (term !== null) return f.terms(1, [term]);
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
function factories(R: Float64Array) {
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
    terms,
    /** g + Σ c·R[a]·R[b] */
    plusTerms: (g: Op, list: readonly Term[]): Thunk => {
      const h: Thunk = isReg(g) ? reg(g) : g;
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
