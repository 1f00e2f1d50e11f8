/**
 * Symbolic antiderivatives of the functions a first calculus course integrates by hand, over the
 * compiler's simplified tree (shared/expr/ast.ts): polynomials, u^k, e^u, c^u, sin u, cos u and
 * σ(u) for u = αx + β, 1/u, and sums and constant multiples of those. Anything else has none
 * here (null), and the caller falls back to quadrature.
 */
import { type Builder, type Node, evaluate } from '../expr/ast.ts';

/** u = αx + β with α ≠ 0. */
interface Linear {
  readonly alpha: number;
  readonly beta: number;
  readonly node: Node;
}

/**
 * Where the formula F(b) − F(a) holds only if u stays away from 0 (`nonzero`: poles of 1/u and
 * u^−k, and ln|u|), or stays ≥ 0 / > 0 (`nonnegative`, `positive`: fractional powers).
 */
export interface Condition {
  readonly alpha: number;
  readonly beta: number;
  readonly need: 'nonzero' | 'nonnegative' | 'positive';
}

/** F with F′ = f, valid on any interval that satisfies every condition. */
export interface Antiderivative {
  readonly node: Node;
  readonly conditions: readonly Condition[];
}

/** Highest polynomial degree expanded (beyond it, quadrature is as good and cheaper). */
const MAX_DEGREE = 60;

/**
 * An antiderivative of `f` with respect to variable 0 (f must not depend on any other), or null
 * when f is not of a form handled here.
 */
export function antiderivative(b: Builder, f: Node): Antiderivative | null {
  if ((f.deps & ~1) !== 0) return null;
  const x = b.variable(0);
  const conditions: Condition[] = [];
  /** F · num/den, written "F / 3" rather than "0.333333333333 * F" when the ratio is long. */
  const ratio = (F: Node, num: number, den: number): Node => {
    const q = num / den;
    if (String(q).length <= 6) return b.scale(q, F);
    const inverse = den / num;
    if (Number.isInteger(inverse)) {
      return b.mul([F, b.pow(b.num(Math.abs(inverse)), b.num(-1))], Math.sign(inverse));
    }
    return b.mul([F, b.pow(b.num(den), b.num(-1))], num);
  };

  /** m · ∫n dx, or null. */
  const go = (n: Node, m: number): Node | null => {
    if (n.deps === 0) return b.mul([n, x], m);
    switch (n.kind) {
      case 'var':
        return ratio(b.pow(x, b.num(2)), m, 2);
      case 'add': {
        const parts: Node[] = [];
        for (const t of n.terms) {
          const F = go(t, m);
          if (F === null) return null;
          parts.push(F);
        }
        return b.add(parts);
      }
      case 'mul': {
        const constant = n.factors.filter((g) => g.deps === 0);
        const varying = n.factors.filter((g) => g.deps !== 0);
        if (varying.length === 1) {
          const F = go(varying[0]!, m * n.coef);
          if (F !== null) return b.mul([...constant, F]);
        }
        return polynomial(n, m);
      }
      case 'pow':
        return power(n, m) ?? polynomial(n, m);
      case 'call': {
        const u = linear(n.arg);
        if (u === null) return null;
        const over = (F: Node): Node => ratio(F, m, u.alpha);
        switch (n.name) {
          case 'exp':
            return over(n);
          case 'sin':
            return over(b.scale(-1, b.call('cos', u.node)));
          case 'cos':
            return over(b.call('sin', u.node));
          case 'sigmoid':
            // ∫σ(u) du = ln(1 + e^u), the softplus.
            return over(b.call('log', b.add([b.num(1), b.call('exp', u.node)])));
          default:
            return null;
        }
      }
      default:
        return null;
    }
  };

  /** u^k with k a number, and c^u with c > 0 a number, for linear u. */
  const power = (n: Node & { kind: 'pow' }, m: number): Node | null => {
    if (n.exp.deps === 0) {
      const u = linear(n.base);
      const k = evaluate(n.exp, []);
      if (u === null || !Number.isFinite(k)) return null;
      const cond = (need: Condition['need']): void => {
        conditions.push({ alpha: u.alpha, beta: u.beta, need });
      };
      if (!Number.isInteger(k)) cond(k > 0 ? 'nonnegative' : 'positive');
      else if (k < 0) cond('nonzero');
      if (k === -1) return ratio(b.call('log', b.call('abs', u.node)), m, u.alpha);
      return ratio(b.pow(u.node, b.num(k + 1)), m, u.alpha * (k + 1));
    }
    if (n.base.deps === 0) {
      const u = linear(n.exp);
      const c = evaluate(n.base, []);
      if (u === null || !(c > 0)) return null;
      if (c === 1) return b.scale(m, x);
      // ∫c^u dx = c^u / (α ln c); ln e folds to 1, so e^(kx) reads e^(k x) / k.
      return ratio(b.mul([n, b.pow(b.call('log', n.base), b.num(-1))]), m, u.alpha);
    }
    return null;
  };

  /** The coefficients of n as a polynomial in x, or null. */
  const coefficients = (n: Node): number[] | null => {
    if (n.deps === 0) {
      const v = evaluate(n, []);
      return Number.isFinite(v) ? [v] : null;
    }
    switch (n.kind) {
      case 'var':
        return [0, 1];
      case 'add': {
        let acc: number[] = [0];
        for (const t of n.terms) {
          const c = coefficients(t);
          if (c === null) return null;
          acc = addPoly(acc, c);
        }
        return acc;
      }
      case 'mul': {
        let acc: number[] = [n.coef];
        for (const g of n.factors) {
          const c = coefficients(g);
          if (c === null || acc.length + c.length - 2 > MAX_DEGREE) return null;
          acc = mulPoly(acc, c);
        }
        return acc;
      }
      case 'pow': {
        if (n.exp.deps !== 0) return null;
        const k = evaluate(n.exp, []);
        const base = coefficients(n.base);
        if (base === null || !Number.isInteger(k) || k < 0) return null;
        if ((base.length - 1) * k > MAX_DEGREE) return null;
        let acc: number[] = [1];
        for (let i = 0; i < k; i++) acc = mulPoly(acc, base);
        return acc;
      }
      default:
        return null;
    }
  };

  const polynomial = (n: Node, m: number): Node | null => {
    const c = coefficients(n);
    if (c === null) return null;
    return b.add(c.map((ck, k) => ratio(b.pow(x, b.num(k + 1)), m * ck, k + 1)));
  };

  /** n as αx + β with α ≠ 0, or null. */
  const linear = (n: Node): Linear | null => {
    const c = coefficients(n);
    const alpha = c?.[1];
    if (c === null || c.length > 2 || alpha === undefined || alpha === 0) return null;
    return { alpha, beta: c[0] ?? 0, node: n };
  };

  const F = go(f, 1);
  return F === null ? null : { node: F, conditions };
}

function addPoly(p: readonly number[], q: readonly number[]): number[] {
  const r = new Array<number>(Math.max(p.length, q.length)).fill(0);
  p.forEach((c, i) => (r[i]! += c));
  q.forEach((c, i) => (r[i]! += c));
  return r;
}

function mulPoly(p: readonly number[], q: readonly number[]): number[] {
  const r = new Array<number>(p.length + q.length - 1).fill(0);
  p.forEach((a, i) => q.forEach((c, j) => (r[i + j]! += a * c)));
  return r;
}

/** True when every condition holds on the closed interval between a and b. */
export function conditionsHold(conditions: readonly Condition[], a: number, b: number): boolean {
  return conditions.every(({ alpha, beta, need }) => {
    const ua = alpha * a + beta;
    const ub = alpha * b + beta;
    const lo = Math.min(ua, ub);
    const hi = Math.max(ua, ub);
    switch (need) {
      case 'nonzero':
        return lo > 0 || hi < 0;
      case 'nonnegative':
        return lo >= 0;
      case 'positive':
        return lo > 0;
    }
  });
}
