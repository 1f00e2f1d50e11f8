/**
 * Symbolic differentiation over the compiler's own tree (see ast.ts). Done here rather than with
 * mathjs `derivative` because mathjs knows neither sigmoid/relu nor our kink conventions (its
 * abs' is abs(x)/x, NaN at 0), and because building through the simplifying Builder keeps the
 * results small.
 */
import type { Builder, Node } from './ast.ts';

/**
 * ∂n/∂(variable `v`). Conventions at kinks: relu'(0) = 0, abs'(0) = 0 (via step and sign), and
 * max/min take the derivative of the first argument that attains the extremum.
 * `memo` must be specific to `v`; it makes the work linear in the size of the shared tree.
 */
export function differentiate(b: Builder, n: Node, v: number, memo: Map<number, Node>): Node {
  if ((n.deps & (1 << v)) === 0) return b.num(0);
  const hit = memo.get(n.id);
  if (hit !== undefined) return hit;
  const d = (c: Node): Node => differentiate(b, c, v, memo);
  let r: Node;
  switch (n.kind) {
    case 'const':
      r = b.num(0);
      break;
    case 'var':
      r = b.num(n.index === v ? 1 : 0);
      break;
    case 'add':
      r = b.add(n.terms.map(d));
      break;
    case 'mul': {
      // Product rule, skipping factors that do not depend on v.
      const terms: Node[] = [];
      n.factors.forEach((f, i) => {
        if ((f.deps & (1 << v)) === 0) return;
        const others = n.factors.filter((_, j) => j !== i);
        terms.push(b.mul([d(f), ...others], n.coef));
      });
      r = b.add(terms);
      break;
    }
    case 'pow': {
      const { base, exp } = n;
      const expDepends = (exp.deps & (1 << v)) !== 0;
      const baseDepends = (base.deps & (1 << v)) !== 0;
      if (!expDepends) {
        // (u^c)' = c·u^(c−1)·u'
        r = b.mul([exp, b.pow(base, b.add([exp, b.num(-1)])), d(base)]);
      } else if (!baseDepends) {
        // (a^u)' = a^u·ln(a)·u'  (ln e folds to 1)
        r = b.mul([n, b.call('log', base), d(exp)]);
      } else {
        // (u^w)' = u^w·(w'·ln u + w·u'/u)
        r = b.mul([
          n,
          b.add([
            b.mul([d(exp), b.call('log', base)]),
            b.mul([exp, d(base), b.pow(base, b.num(-1))]),
          ]),
        ]);
      }
      break;
    }
    case 'call': {
      const u = n.arg;
      const du = d(u);
      let outer: Node;
      switch (n.name) {
        case 'sin':
          outer = b.call('cos', u);
          break;
        case 'cos':
          outer = b.scale(-1, b.call('sin', u));
          break;
        case 'tan':
          outer = b.pow(b.call('cos', u), b.num(-2));
          break;
        case 'exp':
          outer = n;
          break;
        case 'log':
          outer = b.pow(u, b.num(-1));
          break;
        case 'sqrt':
          outer = b.scale(0.5, b.pow(n, b.num(-1)));
          break;
        case 'abs':
          outer = b.call('sign', u);
          break;
        case 'tanh':
          outer = b.add([b.num(1), b.scale(-1, b.pow(n, b.num(2)))]);
          break;
        case 'sigmoid':
          outer = b.mul([n, b.add([b.num(1), b.scale(-1, n)])]);
          break;
        case 'relu':
          outer = b.call('step', u);
          break;
        case 'step':
        case 'sign':
          // Piecewise constant: zero wherever the derivative exists, and 0 by convention at 0.
          outer = b.num(0);
          break;
      }
      r = b.mul([outer, du]);
      break;
    }
    case 'max':
    case 'min':
      r = b.pick(n.kind, n.args, n.args.map(d));
      break;
    case 'pick':
      r = b.pick(n.mode, n.args, n.branches.map(d));
      break;
  }
  memo.set(n.id, r);
  return r;
}
