/**
 * Polynomial fast path of the compiler. When every output of a program is a polynomial of total
 * degree ≤ {@link MAX_DEGREE} (the gradient and Hessian of Rosenbrock, Himmelblau or Beale, of
 * any quadratic…), the outputs are expanded into coefficient tables and evaluated by one of three
 * kernels written out with constant offsets, called directly by one closure per method (see
 * {@link polyMethod}). In the app every closure literal is shared by all compiled expressions, so
 * V8 stops inlining calls between the closures of compile.ts; here there is a single call, and
 * the kernels are plain arithmetic on an array of doubles whose type feedback stays monomorphic
 * however many expressions exist.
 *
 * Measured costs that shaped this (V8, a closure literal shared by several expressions, so not
 * specialised to one of them): reading a coefficient is most of the cost, so the tables are
 * dense only for total degree ≤ 4 and otherwise trimmed to rows; loops over sparse term lists or
 * over a "tape" of operations cost 2–3× more per term than straight-line code; plain arrays of
 * doubles read faster than Float64Arrays, and constant indices faster than computed ones.
 *
 * Expanding is only done where it is about as accurate as evaluating the tree: see
 * {@link accurateEnough}. The coefficients are rounded once, at compile time, with their rounding
 * errors bounded exactly (error-free transformations).
 */
import { type Node, evaluate, polynomialDegree } from './ast.ts';

/** Largest total degree that is expanded. */
const MAX_DEGREE = 8;
/** Exponents 0…MAX_DEGREE of each variable: coefficient of x^i·y^j is at i·SIDE + j. */
const SIDE = MAX_DEGREE + 1;
const SIZE = SIDE * SIDE;

/** Kernel kinds. */
const CUBIC = 0;
const QUARTIC = 1;
const ROWS = 2;
/** Row width of the ROWS kernel (degree ≤ 7 in its row variable). */
const WIDTH = 8;

/**
 * A program's outputs as coefficient tables for one kernel, with zero coefficients where a
 * monomial is absent. The dense kernels evaluate a polynomial by Horner's rule in y over rows
 * that are polynomials in x; ROWS by Horner's rule in v over rows in u, (u, v) = (x, y), or
 * (y, x) if `swap`.
 */
export interface PolyKernel {
  /** CUBIC (total degree ≤ 3), QUARTIC (≤ 4) or ROWS. */
  readonly kind: number;
  /** Number of outputs. */
  readonly n: number;
  /**
   * All the coefficients, output after output (at multiples of {@link DENSE_SIZE} for the
   * dense kinds). A plain array of doubles, see {@link doubles}.
   */
  readonly coefs: readonly number[];
  /** Where the coefficients of output o start. */
  readonly offsets: readonly number[];
  /** ROWS: number of rows of output o. */
  readonly rows: readonly number[];
  /** ROWS: output o is v^shifts[o] times its rows (v the row-counting variable). */
  readonly shifts: readonly number[];
  /** ROWS: rows are polynomials in y and count powers of x (instead of the reverse). */
  readonly swap: boolean;
}

/** Coefficients per output of the dense kernels: (d + 1)(d + 2)/2 for total degree d. */
const DENSE_SIZE: readonly number[] = [10, 15];

/**
 * A plain array holding `values` as doubles. V8 reads such an array (PACKED_DOUBLE_ELEMENTS)
 * faster than a Float64Array, and starting from a double literal keeps integer coefficients from
 * making it an array of small integers, which would make the kernels' loads polymorphic.
 */
function doubles(values: ArrayLike<number>): number[] {
  const a = [0.5];
  a.pop();
  for (let i = 0; i < values.length; i++) a.push(values[i]!);
  return a;
}

/*
 * Dense kernels: rows j = 0…d of decreasing length d + 1 − j hold the coefficients of x^i·y^j,
 * i = 0…d − j. Written out (no loops) so that V8 compiles straight-line arithmetic; the callers
 * pass constant offsets k, so that every index is a constant once inlined.
 */
function cubic(K: readonly number[], k: number, x: number, y: number): number {
  const a0 = K[k]! + x * (K[k + 1]! + x * (K[k + 2]! + x * K[k + 3]!));
  const a1 = K[k + 4]! + x * (K[k + 5]! + x * K[k + 6]!);
  const a2 = K[k + 7]! + x * K[k + 8]!;
  return a0 + y * (a1 + y * (a2 + y * K[k + 9]!));
}

function quartic(K: readonly number[], k: number, x: number, y: number): number {
  const a0 = K[k]! + x * (K[k + 1]! + x * (K[k + 2]! + x * (K[k + 3]! + x * K[k + 4]!)));
  const a1 = K[k + 5]! + x * (K[k + 6]! + x * (K[k + 7]! + x * K[k + 8]!));
  const a2 = K[k + 9]! + x * (K[k + 10]! + x * K[k + 11]!);
  const a3 = K[k + 12]! + x * K[k + 13]!;
  return a0 + y * (a1 + y * (a2 + y * (a3 + y * K[k + 14]!)));
}

/** A row of the ROWS kernel: polynomial of degree ≤ 7 in u, by Horner's rule. */
function row(K: readonly number[], k: number, u: number): number {
  return (
    K[k]! +
    u *
      (K[k + 1]! +
        u *
          (K[k + 2]! +
            u * (K[k + 3]! + u * (K[k + 4]! + u * (K[k + 5]! + u * (K[k + 6]! + u * K[k + 7]!))))))
  );
}

/**
 * v^s · Σ v^r · row_r(u) by Horner's rule in v over n rows of WIDTH coefficients (highest power
 * of v first). The factor v^s costs no coefficients: Beale's ∂f/∂y is x · (…).
 */
function rows(K: readonly number[], k: number, n: number, s: number, u: number, v: number): number {
  let acc = row(K, k, u);
  for (let r = 1; r < n; r++) acc = acc * v + row(K, k + r * WIDTH, u);
  for (let r = 0; r < s; r++) acc *= v;
  return acc;
}

/** Output o of P at (x, y) (y = 0 in 1D), for the generic program thunks of compile.ts. */
export function polyValue(P: PolyKernel, o: number, x: number, y: number): number {
  const K = P.coefs;
  const k = P.offsets[o]!;
  if (P.kind === CUBIC) return cubic(K, k, x, y);
  if (P.kind === QUARTIC) return quartic(K, k, x, y);
  const [u, v] = P.swap ? [y, x] : [x, y];
  return rows(K, k, P.rows[o]!, P.shifts[o]!, u, v);
}

/** A hot-path method: writes the outputs at p into out. */
export type PolyMethod = (p: ArrayLike<number>, out: Float64Array) => void;

/*
 * The methods below have one closure literal per kind of kernel, each calling that one kernel
 * with constant offsets. A literal dispatching on the kind would inline every kernel into each
 * call site and exceed V8's inlining budget once the literal is shared by several expressions.
 *
 * Where a kernel's tables end in zeros, a literal reading fewer coefficients is chosen: reading
 * a coefficient (a load and a bounds check) is most of the cost of a gradient once a literal is
 * shared by several expressions, when V8 can no longer treat the table as a constant. Horner's
 * rule gives the same result to the bit without leading zero coefficients (they only add ±0 to
 * a zero, which is +0, or to the next coefficient), so every literal agrees with polyValue() at
 * finite points.
 */

/** The method writing the outputs of P at p into out[0…n − 1]: a gradient, or f″ in 1D. */
export function polyMethod(P: PolyKernel, dim: number): PolyMethod {
  const K = P.coefs;
  if (dim === 1 || P.n === 1) {
    // One output (the only case in 1D).
    if (P.kind === CUBIC) return (p, out) => void (out[0] = cubic(K, 0, p[0]!, 0));
    if (P.kind === QUARTIC) return (p, out) => void (out[0] = quartic(K, 0, p[0]!, 0));
    const [n0, s0] = [P.rows[0]!, P.shifts[0]!];
    if (P.swap) return (p, out) => void (out[0] = rows(K, 0, n0, s0, 0, p[0]!));
    return (p, out) => void (out[0] = rows(K, 0, n0, s0, p[0]!, 0));
  }
  if (P.kind === CUBIC) {
    if (zeros(K, 7, 10) && zeros(K, 17, 20)) {
      // Degree ≤ 1 in y (Rosenbrock's gradient, any quadratic's): 7 coefficients, not 10.
      return (p, out) => {
        const x = p[0]!;
        const y = p[1]!;
        out[0] = cubicLinearInY(K, 0, x, y);
        out[1] = cubicLinearInY(K, 10, x, y);
      };
    }
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      out[0] = cubic(K, 0, x, y);
      out[1] = cubic(K, 10, x, y);
    };
  }
  if (P.kind === QUARTIC) {
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      out[0] = quartic(K, 0, x, y);
      out[1] = quartic(K, 15, x, y);
    };
  }
  const written = rowsMethod(P);
  if (written !== null) return written;
  const u = P.swap ? 1 : 0;
  const v = 1 - u;
  const [n0, n1] = P.rows as [number, number];
  const [s0, s1] = P.shifts as [number, number];
  const k1 = P.offsets[1]!;
  return (p, out) => {
    const pu = p[u]!;
    const pv = p[v]!;
    out[0] = rows(K, 0, n0, s0, pu, pv);
    out[1] = rows(K, k1, n1, s1, pu, pv);
  };
}

/** True if K[from…to − 1] are all 0. */
function zeros(K: readonly number[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (K[i] !== 0) return false;
  return true;
}

/** cubic() when the coefficients of y² and y³ (K[k + 7…k + 9]) are 0: the same value. */
function cubicLinearInY(K: readonly number[], k: number, x: number, y: number): number {
  const a0 = K[k]! + x * (K[k + 1]! + x * (K[k + 2]! + x * K[k + 3]!));
  return a0 + y * (K[k + 4]! + x * (K[k + 5]! + x * K[k + 6]!));
}

/*
 * ROWS gradients with the loops of rows() written out, for the common shapes: both outputs of
 * 2 or 3 rows, at most one of them times v (Beale: 2 rows each, ∂f/∂y = x·(…)). Once a closure
 * literal is shared by several expressions V8 no longer specialises it to one expression's row
 * counts, and the loops with unknown bounds cost a fifth of the gradient. For 2 rows there is a
 * literal per combination of long rows (degree ≤ 7 in u) and short ones (≤ 3): Beale's rows are
 * of degrees 6 and 3 (∂f/∂x) and 5 and 2 (∂f/∂y), 24 coefficients read instead of 32. The offsets
 * are constants (rows of both outputs are WIDTH apart), the orientation and the factor v are
 * picked by conditionals on constants of the closure, which cost less than indices into p.
 */

/** A row of degree ≤ 3: row() when K[k + 4…k + 7] are 0, the same value. */
function shortRow(K: readonly number[], k: number, u: number): number {
  return K[k]! + u * (K[k + 1]! + u * (K[k + 2]! + u * K[k + 3]!));
}

/** Two rows, top · v + bottom, long or short as named. */
function rowsLL(K: readonly number[], k: number, u: number, v: number): number {
  return row(K, k, u) * v + row(K, k + WIDTH, u);
}

function rowsLS(K: readonly number[], k: number, u: number, v: number): number {
  return row(K, k, u) * v + shortRow(K, k + WIDTH, u);
}

function rowsSL(K: readonly number[], k: number, u: number, v: number): number {
  return shortRow(K, k, u) * v + row(K, k + WIDTH, u);
}

function rowsSS(K: readonly number[], k: number, u: number, v: number): number {
  return shortRow(K, k, u) * v + shortRow(K, k + WIDTH, u);
}

function rows3(K: readonly number[], k: number, u: number, v: number): number {
  return (row(K, k, u) * v + row(K, k + WIDTH, u)) * v + row(K, k + 2 * WIDTH, u);
}

function rowsMethod(P: PolyKernel): PolyMethod | null {
  const K = P.coefs;
  const [n0, n1] = P.rows as [number, number];
  const [s0, s1] = P.shifts as [number, number];
  if (n0 !== n1 || s0 + s1 > 1 || (n0 !== 2 && n0 !== 3)) return null;
  const swap = P.swap;
  // Which output is multiplied by v (−1: neither).
  const times = s0 === 1 ? 0 : s1 === 1 ? 1 : -1;
  if (n0 === 3) {
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      const u = swap ? y : x;
      const v = swap ? x : y;
      const a = rows3(K, 0, u, v);
      const b = rows3(K, 3 * WIDTH, u, v);
      out[0] = times === 0 ? a * v : a;
      out[1] = times === 1 ? b * v : b;
    };
  }
  const k1 = 2 * WIDTH;
  const shortTop = zeros(K, 4, WIDTH) && zeros(K, k1 + 4, k1 + WIDTH);
  const shortBottom = zeros(K, WIDTH + 4, 2 * WIDTH) && zeros(K, k1 + WIDTH + 4, 2 * k1);
  if (!shortTop && !shortBottom) {
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      const u = swap ? y : x;
      const v = swap ? x : y;
      const a = rowsLL(K, 0, u, v);
      const b = rowsLL(K, k1, u, v);
      out[0] = times === 0 ? a * v : a;
      out[1] = times === 1 ? b * v : b;
    };
  }
  if (!shortTop) {
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      const u = swap ? y : x;
      const v = swap ? x : y;
      const a = rowsLS(K, 0, u, v);
      const b = rowsLS(K, k1, u, v);
      out[0] = times === 0 ? a * v : a;
      out[1] = times === 1 ? b * v : b;
    };
  }
  if (!shortBottom) {
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      const u = swap ? y : x;
      const v = swap ? x : y;
      const a = rowsSL(K, 0, u, v);
      const b = rowsSL(K, k1, u, v);
      out[0] = times === 0 ? a * v : a;
      out[1] = times === 1 ? b * v : b;
    };
  }
  return (p, out) => {
    const x = p[0]!;
    const y = p[1]!;
    const u = swap ? y : x;
    const v = swap ? x : y;
    const a = rowsSS(K, 0, u, v);
    const b = rowsSS(K, k1, u, v);
    out[0] = times === 0 ? a * v : a;
    out[1] = times === 1 ? b * v : b;
  };
}

/** The 2 × 2 Hessian [H₀₀, H₀₁, H₀₁, H₁₁] from a kernel computing H₀₀, H₀₁, H₁₁. */
export function polyHessian(P: PolyKernel): PolyMethod {
  const K = P.coefs;
  if (P.kind === CUBIC) {
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      out[0] = cubic(K, 0, x, y);
      out[2] = out[1] = cubic(K, 10, x, y);
      out[3] = cubic(K, 20, x, y);
    };
  }
  if (P.kind === QUARTIC) {
    return (p, out) => {
      const x = p[0]!;
      const y = p[1]!;
      out[0] = quartic(K, 0, x, y);
      out[2] = out[1] = quartic(K, 15, x, y);
      out[3] = quartic(K, 30, x, y);
    };
  }
  const u = P.swap ? 1 : 0;
  const v = 1 - u;
  const [n0, n1, n2] = P.rows as [number, number, number];
  const [s0, s1, s2] = P.shifts as [number, number, number];
  const [, k1, k2] = P.offsets as [number, number, number];
  return (p, out) => {
    const pu = p[u]!;
    const pv = p[v]!;
    out[0] = rows(K, 0, n0, s0, pu, pv);
    out[2] = out[1] = rows(K, k1, n1, s1, pu, pv);
    out[3] = rows(K, k2, n2, s2, pu, pv);
  };
}

/** Expanded polynomial: coefficients and absolute bounds on their rounding errors. */
interface Expansion {
  readonly c: Float64Array;
  readonly e: Float64Array;
}

const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)
/** Unit roundoff. */
const UNIT = Number.EPSILON / 2;

/** Exact a·b − fl(a·b) (Dekker's TwoProduct; NaN on overflow, which rejects the expansion). */
function productError(a: number, b: number, p: number): number {
  const s = SPLIT * a;
  const ah = s - (s - a);
  const al = a - ah;
  const t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Exact a + b − fl(a + b) (Knuth's TwoSum). */
function sumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

function constant(v: number): Expansion {
  const c = new Float64Array(SIZE);
  c[0] = v;
  return { c, e: new Float64Array(SIZE) };
}

/** Adds c·x^i·y^j with error bound err into r, bounding the rounding of the sum. */
function accumulate(r: Expansion, m: number, c: number, err: number): void {
  const old = r.c[m]!;
  const s = old + c;
  r.c[m] = s;
  r.e[m] = r.e[m]! + err + Math.abs(sumError(old, c, s));
}

function add(p: Expansion, q: Expansion): Expansion {
  const r: Expansion = { c: p.c.slice(), e: p.e.slice() };
  for (let m = 0; m < SIZE; m++) {
    if (q.c[m] !== 0 || q.e[m] !== 0) accumulate(r, m, q.c[m]!, q.e[m]!);
  }
  return r;
}

/** Indices of the monomials of p with a nonzero coefficient or error bound. */
function support(p: Expansion): number[] {
  const ms: number[] = [];
  for (let m = 0; m < SIZE; m++) if (p.c[m] !== 0 || p.e[m] !== 0) ms.push(m);
  return ms;
}

function multiply(p: Expansion, q: Expansion): Expansion | null {
  const r: Expansion = { c: new Float64Array(SIZE), e: new Float64Array(SIZE) };
  const qs = support(q);
  for (const m of support(p)) {
    const a = p.c[m]!;
    const ea = p.e[m]!;
    const i = Math.floor(m / SIDE);
    const j = m % SIDE;
    for (const n of qs) {
      const b = q.c[n]!;
      const eb = q.e[n]!;
      const i2 = i + Math.floor(n / SIDE);
      const j2 = j + (n % SIDE);
      if (i2 + j2 > MAX_DEGREE) return null; // cannot happen for a polynomialDegree ≤ MAX_DEGREE
      const prod = a * b;
      const err =
        Math.abs(a) * eb + Math.abs(b) * ea + ea * eb + Math.abs(productError(a, b, prod));
      accumulate(r, i2 * SIDE + j2, prod, err);
    }
  }
  return r;
}

/** n expanded, or null if it is not a polynomial with finite coefficients. */
function expand(n: Node, memo: Map<number, Expansion | null>): Expansion | null {
  const hit = memo.get(n.id);
  if (hit !== undefined) return hit;
  let r: Expansion | null = null;
  if (n.deps === 0) {
    r = constant(evaluate(n, []));
  } else {
    switch (n.kind) {
      case 'var': {
        r = constant(0);
        r.c[n.index === 0 ? SIDE : 1] = 1;
        break;
      }
      case 'add': {
        r = constant(0);
        for (const t of n.terms) {
          const e = expand(t, memo);
          r = e === null ? null : add(r, e);
          if (r === null) break;
        }
        break;
      }
      case 'mul': {
        r = constant(n.coef);
        for (const f of n.factors) {
          const e = expand(f, memo);
          r = e === null ? null : multiply(r, e);
          if (r === null) break;
        }
        break;
      }
      case 'pow': {
        const base = expand(n.base, memo);
        const k = n.exp.kind === 'const' ? n.exp.value : NaN;
        if (base === null || !Number.isInteger(k) || k < 1) break;
        r = base;
        for (let i = 1; i < k && r !== null; i++) r = multiply(r, base);
        break;
      }
      default:
        break;
    }
  }
  if (r !== null && !(r.c.every(Number.isFinite) && r.e.every(Number.isFinite))) r = null;
  memo.set(n.id, r);
  return r;
}

/** Degrees of an expansion: total, in x and in y (−1 for the zero polynomial). */
function degrees(p: Expansion): { total: number; dx: number; dy: number } {
  let total = -1;
  let dx = -1;
  let dy = -1;
  for (let m = 0; m < SIZE; m++) {
    if (p.c[m] === 0) continue;
    const i = Math.floor(m / SIDE);
    const j = m % SIDE;
    total = Math.max(total, i + j);
    dx = Math.max(dx, i);
    dy = Math.max(dy, j);
  }
  return { total, dx, dy };
}

/*
 * Accuracy guard. Both forms are compared through first-order running error bounds (in units of
 * the unit roundoff u, each rounding of an operation counting |its result|), computed at sample
 * points spread over [−4, 4]² at irrational offsets, so that no sample makes roundings vanish by
 * accident. Near a zero of a factor such as x − 1, the tree is accurate relative to its (small)
 * value while the expanded form is only accurate relative to its terms: (x − 1)⁴'s gradient
 * 4(x − 1)³ stays in tree form, Rosenbrock's −2(1 − x) − 400x(y − x²) is expanded (its x² is
 * rounded anyway).
 */

/** Expansion error bound ≤ TOLERANCE × the reference bound, at every sample point. */
const TOLERANCE = 16;
const SAMPLES: readonly number[] = Array.from(
  { length: 16 },
  (_, k) => -4 + 0.5 * k + 0.5 * 0.3819660112501051,
);
const SAMPLES_Y: readonly number[] = Array.from(
  { length: 16 },
  (_, k) => -4 + 0.5 * k + 0.5 * (Math.SQRT2 - 1),
);

/** Multiplication by a power-of-two constant (or its negation) is exact. */
function isPowerOfTwo(c: number): boolean {
  const a = Math.abs(c);
  return a > 0 && Number.isFinite(a) && 2 ** Math.round(Math.log2(a)) === a;
}

/** Running error bound of a product s·v where s has bound bs and v has bound bv. */
function productBound(s: number, bs: number, v: number, bv: number, exact: boolean): number {
  const p = s * v;
  return Math.abs(s) * bv + Math.abs(v) * bs + (exact || s === 0 || v === 0 ? 0 : Math.abs(p));
}

/**
 * A polynomial tree in post order, for evaluating its running error bound at many points: node i
 * reads the slots of its children (constant subtrees and variables are leaves).
 */
interface FlatTree {
  readonly nodes: readonly Node[];
  readonly children: readonly (readonly number[])[];
  /** Values of the constant leaves (NaN for variables and inner nodes). */
  readonly constants: Float64Array;
}

function flatten(root: Node): FlatTree {
  const nodes: Node[] = [];
  const children: number[][] = [];
  const slot = new Map<number, number>();
  const visit = (n: Node): number => {
    const hit = slot.get(n.id);
    if (hit !== undefined) return hit;
    let kids: number[] = [];
    if (n.deps !== 0) {
      if (n.kind === 'add') kids = n.terms.map(visit);
      else if (n.kind === 'mul') kids = n.factors.map(visit);
      else if (n.kind === 'pow') kids = [visit(n.base)];
    }
    slot.set(n.id, nodes.length);
    nodes.push(n);
    children.push(kids);
    return nodes.length - 1;
  };
  visit(root);
  const constants = Float64Array.from(nodes, (n) => (n.deps === 0 ? evaluate(n, []) : NaN));
  return { nodes, children, constants };
}

/** The running error bound of the tree at (x, y), as the closures evaluate it (units of u). */
function treeBound(
  t: FlatTree,
  x: number,
  y: number,
  val: Float64Array,
  bnd: Float64Array,
): number {
  const { nodes, children, constants } = t;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const kids = children[i]!;
    let s: number;
    let b = 0;
    if (n.deps === 0) {
      s = constants[i]!;
    } else if (n.kind === 'var') {
      s = n.index === 0 ? x : y;
    } else if (n.kind === 'add') {
      s = 0;
      for (const k of kids) {
        const v = val[k]!;
        const sum = s + v;
        b += bnd[k]! + (s === 0 || v === 0 ? 0 : Math.abs(sum));
        s = sum;
      }
    } else if (n.kind === 'mul') {
      s = n.coef;
      for (const k of kids) {
        const v = val[k]!;
        const exact = (nodes[k]!.deps === 0 && isPowerOfTwo(v)) || (b === 0 && isPowerOfTwo(s));
        b = productBound(s, b, v, bnd[k]!, exact);
        s *= v;
      }
    } else if (n.kind === 'pow' && n.exp.kind === 'const') {
      // Computed by repeated multiplication: k − 1 roundings.
      const k = n.exp.value;
      const v = val[kids[0]!]!;
      s = Math.pow(v, k);
      b = k * Math.abs(Math.pow(v, k - 1)) * bnd[kids[0]!]! + (k - 1) * Math.abs(s);
    } else {
      s = NaN;
      b = NaN;
    }
    val[i] = s;
    bnd[i] = b;
  }
  return bnd[nodes.length - 1]!;
}

/**
 * Running error bound of the expanded form at (x, y), evaluated by Horner's rule in y over rows
 * evaluated by Horner's rule in x (the dense kernels; the ROWS kernel's bound is of the same
 * order), plus the coefficients' own errors.
 */
function expansionBound(p: Expansion, x: number, y: number): number {
  let acc = 0;
  let bound = 0;
  for (let j = MAX_DEGREE; j >= 0; j--) {
    let row = 0;
    let rowBound = 0;
    for (let i = MAX_DEGREE - j; i >= 0; i--) {
      rowBound = productBound(row, rowBound, x, 0, rowBound === 0 && isPowerOfTwo(row));
      row *= x;
      const c = p.c[i * SIDE + j]!;
      const s = row + c;
      rowBound += p.e[i * SIDE + j]! / UNIT + (row === 0 || c === 0 ? 0 : Math.abs(s));
      row = s;
    }
    bound = productBound(acc, bound, y, 0, bound === 0 && isPowerOfTwo(acc));
    acc *= y;
    const s = acc + row;
    bound += rowBound + (acc === 0 || row === 0 ? 0 : Math.abs(s));
    acc = s;
  }
  return bound;
}

/**
 * |∂p/∂x|·|x| + |∂p/∂y|·|y| (in units of u): how much p changes when x and y move by one unit
 * roundoff. An error of that size is no worse than that of rounding the point itself.
 * `ms` is p's support, `xp` and `yp` the powers of x and y (x·∂(x^i·y^j)/∂x = i·x^i·y^j).
 */
function sensitivity(p: Expansion, ms: readonly number[], xp: Float64Array, yp: Float64Array) {
  let dx = 0;
  let dy = 0;
  for (const m of ms) {
    const i = Math.floor(m / SIDE);
    const j = m % SIDE;
    const t = p.c[m]! * xp[i]! * yp[j]!;
    dx += i * t;
    dy += j * t;
  }
  return Math.abs(dx) + Math.abs(dy);
}

/**
 * True if evaluating p instead of the tree `root` loses little accuracy anywhere sampled: its
 * error bound stays within TOLERANCE × (the tree's error bound + the effect of rounding the
 * point). Near a minimum the gradient passes this test (its error is like that of moving the
 * point by an ulp) but the value does not: f − f* is of second order there, so f must keep the
 * tree's accuracy relative to its own small size, which callers ensure by not expanding values.
 */
function accurateEnough(root: Node, p: Expansion, dim: number): boolean {
  if (isExpanded(root)) return true;
  const tree = flatten(root);
  const val = new Float64Array(tree.nodes.length);
  const bnd = new Float64Array(tree.nodes.length);
  const ms = support(p);
  const xp = new Float64Array(SIDE);
  const yp = new Float64Array(SIDE);
  for (const x of SAMPLES) {
    for (const y of dim === 2 ? SAMPLES_Y : [0]) {
      for (let i = 0, a = 1, b = 1; i < SIDE; i++, a *= x, b *= y) {
        xp[i] = a;
        yp[i] = b;
      }
      const reference = treeBound(tree, x, y, val, bnd) + sensitivity(p, ms, xp, yp);
      if (!(expansionBound(p, x, y) <= TOLERANCE * reference)) return false;
    }
  }
  return true;
}

/**
 * True if n is already a sum of monomials (no sum inside a product or power): expanding it only
 * regroups it by Horner's rule, whose error bound is of the same order.
 */
function isExpanded(n: Node, inProduct = false): boolean {
  if (n.deps === 0 || n.kind === 'var') return true;
  if (n.kind === 'add') return !inProduct && n.terms.every((t) => isExpanded(t, false));
  if (n.kind === 'mul') return n.factors.every((f) => isExpanded(f, true));
  if (n.kind === 'pow') return isExpanded(n.base, true);
  return false;
}

/**
 * The polynomial kernel for `roots` (over `dim` variables), or null if some root is not a
 * polynomial of total degree ≤ MAX_DEGREE or its expansion would be noticeably less accurate.
 */
export function compilePolynomials(roots: readonly Node[], dim: number): PolyKernel | null {
  if (roots.length === 0) return null;
  const degreeMemo = new Map<number, number>();
  if (roots.some((r) => polynomialDegree(r, degreeMemo) > MAX_DEGREE)) return null;
  const memo = new Map<number, Expansion | null>();
  const expansions: Expansion[] = [];
  for (const root of roots) {
    const p = expand(root, memo);
    if (p === null || (root.deps !== 0 && !accurateEnough(root, p, dim))) return null;
    expansions.push(p);
  }
  const ds = expansions.map(degrees);
  const total = Math.max(...ds.map((d) => d.total));
  if (total <= 4) {
    const d = total <= 3 ? 3 : 4;
    const size = DENSE_SIZE[d - 3]!;
    const coefs: number[] = [];
    for (const p of expansions) {
      for (let j = 0; j <= d; j++) for (let i = 0; i + j <= d; i++) coefs.push(p.c[i * SIDE + j]!);
    }
    const offsets = roots.map((_, o) => o * size);
    return kernel(d === 3 ? CUBIC : QUARTIC, coefs, offsets, [], [], false);
  }
  // Rows count the powers of the variable of lower degree (unless the other's do not fit in a
  // row): reading coefficients is most of the cost, a loop iteration per row adds less.
  const dx = Math.max(...ds.map((d) => d.dx));
  const dy = Math.max(...ds.map((d) => d.dy));
  if (dx >= WIDTH && dy >= WIDTH) return null;
  // v, the variable whose powers count rows, is x if `swap` (rows are then polynomials in y).
  let swap = dx <= dy;
  if (swap && dy >= WIDTH) swap = false;
  if (!swap && dx >= WIDTH) swap = true;
  const shifts = expansions.map((p) => lowestPower(p, swap));
  const rowCounts = ds.map((d, o) => Math.max(1, (swap ? d.dx : d.dy) + 1 - shifts[o]!));
  const offsets: number[] = [];
  let size = 0;
  for (const n of rowCounts) {
    offsets.push(size);
    size += n * WIDTH;
  }
  const coefs = new Array<number>(size).fill(0);
  expansions.forEach((p, o) => {
    const top = rowCounts[o]! - 1 + shifts[o]!;
    for (let m = 0; m < SIZE; m++) {
      const c = p.c[m]!;
      if (c === 0) continue;
      const i = Math.floor(m / SIDE);
      const j = m % SIDE;
      const [u, v] = swap ? [j, i] : [i, j];
      coefs[offsets[o]! + (top - v) * WIDTH + u] = c;
    }
  });
  return kernel(ROWS, coefs, offsets, rowCounts, shifts, swap);
}

/** Lowest power of x (if `ofX`) or y among p's monomials (0 for the zero polynomial). */
function lowestPower(p: Expansion, ofX: boolean): number {
  let lowest = Infinity;
  for (let m = 0; m < SIZE; m++) {
    if (p.c[m] !== 0) lowest = Math.min(lowest, ofX ? Math.floor(m / SIDE) : m % SIDE);
  }
  return lowest === Infinity ? 0 : lowest;
}

/** Packs a kernel; its coefficients become a plain array of doubles. */
function kernel(
  kind: number,
  coefs: readonly number[],
  offsets: readonly number[],
  rowCounts: readonly number[],
  shifts: readonly number[],
  swap: boolean,
): PolyKernel {
  return {
    kind,
    n: offsets.length,
    // −0 coefficients could make an output −0 where the tree gives 0.
    coefs: doubles(coefs.map((c) => (c === 0 ? 0 : c))),
    offsets,
    rows: rowCounts,
    shifts,
    swap,
  };
}

/*
 * Gradients from f's own table. For f = Σ_r v^r · row_r(u), (u, v) = (x, y), or (y, x) if
 * `swap`, each row and its u-derivative are evaluated together by Horner's rule (d ← d·u + p,
 * p ← p·u + c), then the rows are combined by Horner's rule in v for ∂f/∂u = Σ v^r · row_r′(u)
 * and, jointly, ∂f/∂v = Σ r · v^(r−1) · row_r(u). Each coefficient of f is read once for both
 * outputs (f's constant term not at all): 11 reads for Beale, whose gradient tables were read 24
 * times, 11 for Rosenbrock instead of 14, 14 for Himmelblau instead of 20. Reading a coefficient
 * (a load and a bounds check) is most of the cost once a closure literal is shared by several
 * expressions, see polyMethod. The coefficients stay in a plain array: captured as constants of
 * the closure they were folded into the code while one expression existed, but cost a load and
 * an unboxing each once the literal was shared (measured slower in that, the common, case).
 *
 * The results differ from the gradient's own tables in the last bits (another order of
 * operations): the accuracy guard is redone for this scheme (gradientAccurateEnough), and the
 * methods give exactly the results of the reference evaluation gradientValue(), whose leading
 * zero coefficients and rows only add +0 (finite points; no row value or derivative is −0).
 */

// Shapes of f's table (rows of WIDTH coefficients, row r = coefficients of v^r).
/** Total degree ≤ 4 and degree ≤ 2 in v: rows of 5, 4 and 3 coefficients (Rosenbrock). */
const F_QUADRATIC_IN_V = 0;
/** Degree ≤ 2 in v: a constant row, one of ≤ 4 and one of ≤ 7 coefficients (Beale). */
const F_CONSTANT_SHORT_LONG = 1;
/** Total degree ≤ 4: rows of 5, 4, 3, 2 and 1 coefficients (Himmelblau). */
const F_QUARTIC = 2;
/** Rows of each shape, and the number of coefficients of each row. */
export const GRADIENT_SHAPE_ROWS: readonly (readonly number[])[] = [
  [5, 4, 3],
  [1, 4, 7],
  [5, 4, 3, 2, 1],
];

/** f's coefficient table, for a gradient computed from it. */
export interface GradientKernel {
  /** F_QUADRATIC_IN_V, F_CONSTANT_SHORT_LONG or F_QUARTIC. */
  readonly shape: number;
  /** Row r (coefficients of v^r) at r · WIDTH, coefficient of u^k at r · WIDTH + k. */
  readonly coefs: readonly number[];
  /** Number of rows. */
  readonly n: number;
  /** Rows are polynomials in y counting powers of x (instead of the reverse). */
  readonly swap: boolean;
}

/**
 * Reference evaluation of the scheme: out = ∇f at (x, y), over full rows and all rows. The
 * methods of {@link gradientMethod} give the same results to the bit at finite points.
 */
export function gradientValue(G: GradientKernel, x: number, y: number, out: number[]): void {
  const K = G.coefs;
  const [u, v] = G.swap ? [y, x] : [x, y];
  let a = 0; // Σ v^r row_r
  let b = 0; // ∂/∂v
  let d = 0; // ∂/∂u
  for (let r = G.n - 1; r >= 0; r--) {
    let p = 0;
    let dp = 0;
    for (let k = WIDTH - 1; k >= 0; k--) {
      dp = dp * u + p;
      p = p * u + K[r * WIDTH + k]!;
    }
    b = b * v + a;
    a = a * v + p;
    d = d * v + dp;
  }
  out[G.swap ? 1 : 0] = d;
  out[G.swap ? 0 : 1] = b;
}

/*
 * The kernels of the three shapes: ∂f/∂u into out[iu], ∂f/∂v into out[iv]. The methods call them
 * with constant indices and arguments (u, v) = (p[0], p[1]) or (p[1], p[0]), one literal per
 * orientation, so that nothing depends on the orientation at run time.
 */

/** Row 0 of 5 coefficients: its derivative only (4 reads). */
function rowDerivative5(K: readonly number[], u: number): number {
  let p = K[4]!;
  let d = p;
  p = p * u + K[3]!;
  d = d * u + p;
  p = p * u + K[2]!;
  d = d * u + p;
  p = p * u + K[1]!;
  return d * u + p;
}

function quadraticInV(K: readonly number[], u: number, v: number, out: Float64Array, iu: number) {
  const d0 = rowDerivative5(K, u);
  let p1 = K[11]!;
  let d1 = p1;
  p1 = p1 * u + K[10]!;
  d1 = d1 * u + p1;
  p1 = p1 * u + K[9]!;
  d1 = d1 * u + p1;
  p1 = p1 * u + K[8]!;
  let p2 = K[18]!;
  let d2 = p2;
  p2 = p2 * u + K[17]!;
  d2 = d2 * u + p2;
  p2 = p2 * u + K[16]!;
  const a = p2 * v + p1;
  out[iu] = (d2 * v + d1) * v + d0;
  out[1 - iu] = p2 * v + a;
}

function constantShortLong(
  K: readonly number[],
  u: number,
  v: number,
  out: Float64Array,
  iu: number,
) {
  // Row 0 is a constant: its derivative is +0.
  let p1 = K[11]!;
  let d1 = p1;
  p1 = p1 * u + K[10]!;
  d1 = d1 * u + p1;
  p1 = p1 * u + K[9]!;
  d1 = d1 * u + p1;
  p1 = p1 * u + K[8]!;
  let p2 = K[22]!;
  let d2 = p2;
  p2 = p2 * u + K[21]!;
  d2 = d2 * u + p2;
  p2 = p2 * u + K[20]!;
  d2 = d2 * u + p2;
  p2 = p2 * u + K[19]!;
  d2 = d2 * u + p2;
  p2 = p2 * u + K[18]!;
  d2 = d2 * u + p2;
  p2 = p2 * u + K[17]!;
  d2 = d2 * u + p2;
  p2 = p2 * u + K[16]!;
  const a = p2 * v + p1;
  out[iu] = (d2 * v + d1) * v + 0;
  out[1 - iu] = p2 * v + a;
}

function quartic5(K: readonly number[], u: number, v: number, out: Float64Array, iu: number) {
  const d0 = rowDerivative5(K, u);
  let p1 = K[11]!;
  let d1 = p1;
  p1 = p1 * u + K[10]!;
  d1 = d1 * u + p1;
  p1 = p1 * u + K[9]!;
  d1 = d1 * u + p1;
  p1 = p1 * u + K[8]!;
  let p2 = K[18]!;
  let d2 = p2;
  p2 = p2 * u + K[17]!;
  d2 = d2 * u + p2;
  p2 = p2 * u + K[16]!;
  const d3 = K[25]!;
  const p3 = d3 * u + K[24]!;
  const p4 = K[32]!;
  // Rows 4 and 3, then 2, 1, 0 by Horner's rule in v (row 4's derivative is +0).
  let a = p4 * v + p3;
  let b = p4;
  let d = d3;
  b = b * v + a;
  a = a * v + p2;
  d = d * v + d2;
  b = b * v + a;
  a = a * v + p1;
  d = d * v + d1;
  out[iu] = d * v + d0;
  out[1 - iu] = b * v + a;
}

/** The method writing ∇f at p into out[0], out[1]. */
export function gradientMethod(G: GradientKernel): PolyMethod {
  const K = G.coefs;
  if (G.shape === F_QUADRATIC_IN_V) {
    if (G.swap) return (p, out) => quadraticInV(K, p[1]!, p[0]!, out, 1);
    return (p, out) => quadraticInV(K, p[0]!, p[1]!, out, 0);
  }
  if (G.shape === F_CONSTANT_SHORT_LONG) {
    if (G.swap) return (p, out) => constantShortLong(K, p[1]!, p[0]!, out, 1);
    return (p, out) => constantShortLong(K, p[0]!, p[1]!, out, 0);
  }
  if (G.swap) return (p, out) => quartic5(K, p[1]!, p[0]!, out, 1);
  return (p, out) => quartic5(K, p[0]!, p[1]!, out, 0);
}

/** True if f's monomial (powers iu of u, iv of v) fits row iv of `lengths`. */
function fits(lengths: readonly number[], iu: number, iv: number): boolean {
  return iv < lengths.length && iu < lengths[iv]!;
}

/** f's table for a shape and orientation, or null if f does not fit it. */
function gradientTable(p: Expansion, shape: number, swap: boolean): GradientKernel | null {
  const lengths = GRADIENT_SHAPE_ROWS[shape]!;
  const coefs = new Array<number>(lengths.length * WIDTH).fill(0);
  for (let m = 0; m < SIZE; m++) {
    const c = p.c[m]!;
    if (c === 0 && p.e[m] === 0) continue;
    const i = Math.floor(m / SIDE);
    const j = m % SIDE;
    const [iu, iv] = swap ? [j, i] : [i, j];
    if (!fits(lengths, iu, iv)) return null;
    coefs[iv * WIDTH + iu] = c === 0 ? 0 : c;
  }
  return { shape, coefs: doubles(coefs), n: lengths.length, swap };
}

/** ∂p/∂x (if `ofX`) or ∂p/∂y, without error bounds (for a scale, see sensitivity()). */
function derivativeOf(p: Expansion, ofX: boolean): Expansion {
  const r = constant(0);
  for (let m = 0; m < SIZE; m++) {
    const i = Math.floor(m / SIDE);
    const j = m % SIDE;
    const k = ofX ? i : j;
    if (k > 0) r.c[ofX ? (i - 1) * SIDE + j : i * SIDE + j - 1] = k * p.c[m]!;
  }
  return r;
}

/**
 * Running error bounds (units of u) of gradientValue(G) at (x, y) into bounds[0…1] (∂f/∂x,
 * ∂f/∂y), with the errors `e` of f's coefficients (absolute, at the same places as in f's
 * expansion) propagated. Mirrors gradientValue() operation by operation.
 */
function gradientBounds(G: GradientKernel, f: Expansion, x: number, y: number, bounds: number[]) {
  const K = G.coefs;
  const [u, v] = G.swap ? [y, x] : [x, y];
  let a = 0;
  let ba = 0;
  let b = 0;
  let bb = 0;
  let d = 0;
  let bd = 0;
  // s·t + c with bounds bs (of s) and bc (of c); t exact.
  let sum = 0;
  const step = (s: number, bs: number, t: number, c: number, bc: number): number => {
    const prod = s * t;
    sum = prod + c;
    return (
      productBound(s, bs, t, 0, bs === 0 && isPowerOfTwo(s)) +
      bc +
      (prod === 0 || c === 0 ? 0 : Math.abs(sum))
    );
  };
  for (let r = G.n - 1; r >= 0; r--) {
    let p = 0;
    let bp = 0;
    let dp = 0;
    let bdp = 0;
    for (let k = WIDTH - 1; k >= 0; k--) {
      bdp = step(dp, bdp, u, p, bp);
      dp = sum;
      const [i, j] = G.swap ? [r, k] : [k, r];
      const e = i < SIDE && j < SIDE ? f.e[i * SIDE + j]! / UNIT : 0;
      bp = step(p, bp, u, K[r * WIDTH + k]!, e);
      p = sum;
    }
    bb = step(b, bb, v, a, ba);
    b = sum;
    ba = step(a, ba, v, p, bp);
    a = sum;
    bd = step(d, bd, v, dp, bdp);
    d = sum;
  }
  bounds[G.swap ? 1 : 0] = bd;
  bounds[G.swap ? 0 : 1] = bb;
}

/**
 * The accuracy guard of accurateEnough() for this scheme: at every sample point, the bound of
 * each output stays within TOLERANCE × (the bound of the gradient's tree + the effect of rounding
 * the point on that output).
 */
function gradientAccurateEnough(
  G: GradientKernel,
  f: Expansion,
  grad: readonly Node[],
  partials: readonly Expansion[],
): boolean {
  const trees = grad.map(flatten);
  const supports = partials.map(support);
  const xp = new Float64Array(SIDE);
  const yp = new Float64Array(SIDE);
  const bounds = [0, 0];
  for (const x of SAMPLES) {
    for (const y of SAMPLES_Y) {
      for (let i = 0, a = 1, b = 1; i < SIDE; i++, a *= x, b *= y) {
        xp[i] = a;
        yp[i] = b;
      }
      gradientBounds(G, f, x, y, bounds);
      for (let o = 0; o < 2; o++) {
        const t = trees[o]!;
        const val = new Float64Array(t.nodes.length);
        const bnd = new Float64Array(t.nodes.length);
        const reference =
          treeBound(t, x, y, val, bnd) + sensitivity(partials[o]!, supports[o]!, xp, yp);
        if (!(bounds[o]! <= TOLERANCE * reference)) return false;
      }
    }
  }
  return true;
}

/**
 * f's table for computing its gradient (`grad`, f's partial derivatives as trees) from it, or
 * null if f is not a polynomial of one of the shapes above or the scheme would be noticeably
 * less accurate than the gradient's trees. Two variables only.
 */
export function compileGradient(f: Node, grad: readonly Node[]): GradientKernel | null {
  if (grad.length !== 2 || polynomialDegree(f, new Map()) > MAX_DEGREE) return null;
  const p = expand(f, new Map());
  if (p === null) return null;
  const partials = [derivativeOf(p, true), derivativeOf(p, false)];
  for (const shape of [F_QUADRATIC_IN_V, F_CONSTANT_SHORT_LONG, F_QUARTIC]) {
    for (const swap of [false, true]) {
      const G = gradientTable(p, shape, swap);
      if (G !== null && gradientAccurateEnough(G, p, grad, partials)) return G;
    }
  }
  return null;
}
