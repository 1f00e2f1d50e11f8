import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../expr/index.ts';
import {
  type ComputationGraph,
  type GraphEvaluation,
  ExpressionError,
  backprop,
  buildGraph,
  evaluateGraph,
  toDot,
} from './index.ts';

/** The node with this label (the first one, in topological order). */
function node(g: ComputationGraph, label: string) {
  const n = g.nodes.find((m) => m.label === label);
  if (n === undefined) throw new Error(`no node labelled ${label}`);
  return n;
}
const valueOf = (ev: GraphEvaluation, label: string): number =>
  ev.values[ev.graph.nodes.indexOf(node(ev.graph, label))]!;
const adjointOf = (ev: GraphEvaluation, label: string): number =>
  ev.adjoints[ev.graph.nodes.indexOf(node(ev.graph, label))]!;

describe('chapter §3 examples', () => {
  it('(3x+1)² at x = 1: output 16 and d/dx = 2·4·3 = 24', () => {
    const ev = backprop('(3x+1)^2', [1]);
    expect(ev.output).toBe(16);
    expect(ev.gradient).toEqual([24]);
    expect(ev.graph.nodes.map((n) => n.label)).toEqual(['3', 'x', '×', '1', '+', '²']);
    expect(valueOf(ev, '+')).toBe(4);
    // The chain, link by link: ∂(u²)/∂u = 2u = 8 at the inner value 4; ∂(3x)/∂x = 3.
    const square = ev.graph.edges.find((e) => e.to === node(ev.graph, '²').id)!;
    expect(ev.local[ev.graph.edges.indexOf(square)]).toBe(8);
    const times = ev.graph.edges.find((e) => e.from === node(ev.graph, 'x').id)!;
    expect(ev.local[ev.graph.edges.indexOf(times)]).toBe(3);
    expect(adjointOf(ev, '+')).toBe(8);
    expect(adjointOf(ev, 'x')).toBe(24);
  });

  it('the fork L = a² + 3a at a = 2: a has two out-edges and dL/da = 4 + 3 = 7', () => {
    const ev = backprop('a^2 + 3a', [2]);
    const a = node(ev.graph, 'a');
    expect(a.outputs).toHaveLength(2);
    const flows = a.outputs.map(
      (id) => ev.contributions[ev.graph.edges.findIndex((e) => e.id === id)],
    );
    expect(flows.sort()).toEqual([3, 4]);
    expect(ev.output).toBe(10);
    expect(ev.gradient).toEqual([7]);
    // Only one leaf for a: the shared value is one node.
    expect(ev.graph.nodes.filter((n) => n.op === 'var')).toHaveLength(1);
  });

  it('σ(z) at z = 2: σ = 0.8808 and σ′ = σ(1 − σ) ≈ 0.105', () => {
    const ev = backprop('sigmoid(z)', [2]);
    expect(node(ev.graph, 'σ').op).toBe('sigmoid');
    expect(ev.output).toBeCloseTo(0.8808, 4);
    expect(ev.gradient[0]).toBeCloseTo(ev.output * (1 - ev.output), 15);
    expect(ev.gradient[0]).toBeCloseTo(0.105, 3);
  });
});

describe('structure', () => {
  it('keeps the expression as typed: no algebraic simplification', () => {
    const g = buildGraph('x*x - x + 0*y');
    expect(g.nodes.map((n) => n.label)).toEqual(['x', '×', '−', '0', 'y', '×', '+']);
    // x*x: two edges from the one x node into the product.
    const x = node(g, 'x');
    const product = node(g, '×');
    expect(g.edges.filter((e) => e.from === x.id && e.to === product.id)).toHaveLength(2);
    expect(x.outputs).toHaveLength(3);
  });

  it('shares structurally equal sub-expressions, with one node each', () => {
    const g = buildGraph('sin(x+1) + cos(x+1) * (x+1)');
    expect(g.nodes.filter((n) => n.label === '+')).toHaveLength(2);
    expect(node(g, '+').outputs).toHaveLength(3);
    const ev = evaluateGraph(g, [0.5]);
    const u = 1.5;
    expect(ev.gradient[0]).toBeCloseTo(Math.cos(u) - Math.sin(u) * u + Math.cos(u), 12);
  });

  it('ids are stable and the order is topological', () => {
    const g = buildGraph('relu(w x + 1) + max(x, 2)^3 / e^w');
    expect(g.nodes.map((n) => n.id)).toEqual(g.nodes.map((_, i) => `n${i}`));
    expect(g.edges.map((e) => e.id)).toEqual(g.edges.map((_, i) => `e${i}`));
    const position = new Map(g.nodes.map((n, i) => [n.id, i]));
    for (const e of g.edges) expect(position.get(e.from)!).toBeLessThan(position.get(e.to)!);
    expect(g.output).toBe(g.nodes.at(-1)!.id);
    expect(buildGraph('relu(w x + 1) + max(x, 2)^3 / e^w')).toEqual(g);
  });

  it('labels leaves and operations for drawing', () => {
    const g = buildGraph('-x^2 + x^-1 + x^y + sqrt(abs(x)) - 2.5 pi + tanh(relu(x)) / exp(-3)');
    const labels = new Set(g.nodes.map((n) => n.label));
    for (const l of [
      'x',
      'y',
      '²',
      '⁻¹',
      '^',
      '√',
      '|·|',
      '2.5',
      'π',
      'tanh',
      'ReLU',
      'exp',
      '-3',
    ]) {
      expect(labels.has(l), l).toBe(true);
    }
    expect(node(g, '-3').op).toBe('const');
    expect(node(g, '²').number).toBe(2);
  });

  it('refuses what the compiler refuses, with its message', () => {
    expect(() => buildGraph('x +')).toThrow(ExpressionError);
    expect(() => buildGraph('foo(x)')).toThrow(/Unknown function 'foo'/);
    expect(() => evaluateGraph(buildGraph('x y'), [1])).toThrow(/2 variable\(s\) \(x, y\)/);
  });
});

describe('steps for animation', () => {
  it('every node forward in order, then every node and edge backward', () => {
    const ev = backprop('a^2 + 3a', [2]);
    const g = ev.graph;
    const forward = ev.steps.filter((s) => s.phase === 'forward');
    expect(forward.map((s) => ('node' in s ? s.node : ''))).toEqual(g.nodes.map((n) => n.id));
    const backward = ev.steps.slice(forward.length);
    expect(backward.every((s) => s.phase === 'backward')).toBe(true);
    expect(backward[0]).toEqual({ phase: 'backward', node: g.output, adjoint: 1 });
    const edges = backward.flatMap((s) => ('edge' in s ? [s.edge] : []));
    expect([...edges].sort()).toEqual(g.edges.map((e) => e.id).sort());
    // A node's adjoint is announced only after all its out-edges have passed theirs back.
    for (const n of g.nodes) {
      const at = backward.findIndex((s) => 'node' in s && s.node === n.id);
      for (const e of n.outputs) {
        expect(backward.findIndex((s) => 'edge' in s && s.edge === e)).toBeLessThan(at);
      }
    }
    const last = backward.filter((s) => 'node' in s && s.node === node(g, 'a').id);
    expect(last).toEqual([{ phase: 'backward', node: node(g, 'a').id, adjoint: 7 }]);
  });
});

describe('DOT', () => {
  it('prints every node with value and adjoint, every edge with its local derivative', () => {
    const dot = toDot(backprop('(3x+1)^2', [1]));
    expect(dot.startsWith('digraph computation {')).toBe(true);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    expect(dot).toContain('[label="x\\nvalue 1\\nadjoint 24", shape=ellipse]');
    expect(dot).toContain('[label="²\\nvalue 16\\nadjoint 1", penwidth=2]');
    expect(dot).toContain('n4 -> n5 [label="local 8\\nback 8"]');
    expect(dot.split('->')).toHaveLength(6);
  });
});

/** Random expressions in x and y as users type them, smooth or with kinks away from the point. */
const expr = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'graph' },
    fc.constantFrom('x', 'y', '2x', '0.5y', 'x y', 'x*x'),
    fc.constantFrom('1', '2', '3', '0.5', 'pi', 'e', '-1.5'),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e'))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('e').map((a) => `(${a}) / (1 + (${a})^2)`),
    fc
      .tuple(fc.constantFrom('sin', 'cos', 'tanh', 'sigmoid', 'relu', 'abs', 'exp'), tie('e'))
      .map(([f, a]) => (f === 'exp' ? `exp(tanh(${a}))` : `${f}(${a})`)),
    tie('e').map((a) => `log(1 + (${a})^2)`),
    tie('e').map((a) => `sqrt(2 + sin(${a}))`),
    fc
      .tuple(tie('e'), fc.constantFrom('2', '3', '-1', '0.5'))
      .map(([a, k]) =>
        k === '-1' ? `(2 + cos(${a}))^-1` : k === '0.5' ? `(1 + (${a})^2)^0.5` : `(${a})^${k}`,
      ),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `max(${a}, ${b})`),
    tie('e').map((a) => `(1.5)^(sin(${a}))`),
    tie('e').map((a) => `-${a}`),
  ),
})).e;

const coord = fc.double({ min: -2, max: 2, noNaN: true });
const close = (a: number, b: number, rel: number): boolean =>
  Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('back-propagation agrees with the symbolic gradient', () => {
  it('adjoints of the variable leaves equal ∂f/∂x and ∂f/∂y of shared/expr', () => {
    fc.assert(
      fc.property(expr, coord, coord, (src, x, y) => {
        const vars = { variables: ['x', 'y'] };
        const ev = backprop(src, [x, y], vars);
        const c = compileExpression(src, vars);
        const g = new Float64Array(2);
        c.gradient([x, y], g);
        fc.pre(!c.isKink([x, y]) && [...g, ...ev.gradient].every((v) => Math.abs(v) < 1e6));
        expect(close(ev.output, c.value([x, y]), 1e-9), `${src} value`).toBe(true);
        for (let i = 0; i < 2; i++) {
          expect(
            close(ev.gradient[i]!, g[i]!, 1e-8),
            `${src} ∂/∂${'xy'[i]}: ${ev.gradient[i]} vs ${g[i]}`,
          ).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('back-propagation in one variable of any name', () => {
  it('matches the symbolic derivative, and every adjoint is the sum of its out-edges', () => {
    fc.assert(
      fc.property(expr, fc.constantFrom('a', 'z', 'w', 't'), coord, (src, name, v) => {
        // The same expressions, with x and y both renamed to one variable.
        const variable = /(?<![a-z])[xy](?![a-z])/g;
        fc.pre(variable.test(src));
        const renamed = src.replace(variable, name);
        const ev = backprop(renamed, [v]);
        const c = compileExpression(renamed);
        expect(ev.graph.variables).toEqual(c.variables);
        fc.pre(c.variables.length === 1 && !c.isKink([v]));
        const g = new Float64Array(1);
        c.gradient([v], g);
        fc.pre(Math.abs(g[0]!) < 1e6);
        expect(
          close(ev.gradient[0]!, g[0]!, 1e-8),
          `${renamed}: ${ev.gradient[0]} vs ${g[0]}`,
        ).toBe(true);
        // The fork rule, node by node: what flows back along the out-edges adds up.
        ev.graph.nodes.forEach((n, i) => {
          if (n.id === ev.graph.output) return expect(ev.adjoints[i]).toBe(1);
          const sum = n.outputs
            .map((id) => ev.contributions[ev.graph.edges.findIndex((e) => e.id === id)]!)
            .reduce((s, x) => s + x, 0);
          // Summed in another order than the backward pass does: equal up to rounding.
          expect(close(ev.adjoints[i]!, sum, 1e-12), `${renamed}: ${n.id}`).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});
