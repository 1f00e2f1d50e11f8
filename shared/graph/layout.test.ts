import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ComputationGraph, buildGraph } from './index.ts';
import { type Box, type GraphLayout, type Point, layoutGraph } from './layout.ts';

const EPS = 1e-6;

/** Boxes overlap when their interiors meet (touching borders is fine). */
function overlap(a: Box, b: Box): boolean {
  return (
    a.x < b.x + b.width - EPS &&
    b.x < a.x + a.width - EPS &&
    a.y < b.y + b.height - EPS &&
    b.y < a.y + a.height - EPS
  );
}

/** Whether p lies on the border of b. */
function onBorder(p: Point, b: Box): boolean {
  const inside =
    p.x >= b.x - EPS &&
    p.x <= b.x + b.width + EPS &&
    p.y >= b.y - EPS &&
    p.y <= b.y + b.height + EPS;
  const edge =
    Math.abs(p.x - b.x) < EPS ||
    Math.abs(p.x - b.x - b.width) < EPS ||
    Math.abs(p.y - b.y) < EPS ||
    Math.abs(p.y - b.y - b.height) < EPS;
  return inside && edge;
}

/** Node sizes that differ by label, and labels on every edge, as the renderer uses them. */
function layout(graph: ComputationGraph): GraphLayout {
  return layoutGraph(graph, {
    nodeSize: (n) => ({ width: 2 + n.label.length * 0.6, height: n.op === 'var' ? 2 : 2.6 }),
    labelSize: (e) => ({ width: 3 + (Number(e.id.slice(1)) % 3), height: 1.8 }),
  });
}

/** Every structural promise of the layout, for one graph. */
function checkLayout(graph: ComputationGraph, l: GraphLayout): void {
  const box = new Map(l.nodes.map((n) => [n.id, n]));
  expect(l.nodes.map((n) => n.id)).toEqual(graph.nodes.map((n) => n.id));
  expect(l.edges.map((e) => e.id)).toEqual(graph.edges.map((e) => e.id));
  const contains = (b: Box): boolean =>
    b.x >= -EPS &&
    b.y >= -EPS &&
    b.x + b.width <= l.width + EPS &&
    b.y + b.height <= l.height + EPS;
  for (const n of l.nodes) {
    expect([n.x, n.y, n.width, n.height].every(Number.isFinite), n.id).toBe(true);
    expect(contains(n), `${n.id} inside the layout`).toBe(true);
  }
  // No two boxes (nodes and labels) overlap.
  const boxes: [string, Box][] = [
    ...l.nodes.map((n): [string, Box] => [n.id, n]),
    ...l.edges.flatMap((e): [string, Box][] => (e.label ? [[`label ${e.id}`, e.label]] : [])),
  ];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlap(boxes[i]![1], boxes[j]![1]), `${boxes[i]![0]} and ${boxes[j]![0]}`).toBe(
        false,
      );
    }
  }
  // Left to right: every operand ends left of where its operation starts, and so every leaf
  // lies left of the output.
  const output = box.get(graph.output)!;
  for (const n of graph.nodes) {
    if (n.inputs.length === 0 && n.id !== graph.output) {
      const leaf = box.get(n.id)!;
      expect(leaf.x + leaf.width, `leaf ${n.label}`).toBeLessThan(output.x);
    }
  }
  for (const e of l.edges) {
    const from = box.get(e.from)!;
    const to = box.get(e.to)!;
    expect(from.x + from.width, `${e.id} left to right`).toBeLessThan(to.x);
    expect(e.points.length).toBeGreaterThanOrEqual(2);
    expect(e.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(onBorder(e.points[0]!, from), `${e.id} starts at ${e.from}`).toBe(true);
    expect(onBorder(e.points.at(-1)!, to), `${e.id} ends at ${e.to}`).toBe(true);
    expect(e.label).not.toBeNull();
    expect(contains(e.label!)).toBe(true);
    // The label sits on its edge, between the two ends.
    expect(e.label!.x).toBeGreaterThanOrEqual(from.x + from.width - EPS);
    expect(e.label!.x + e.label!.width).toBeLessThanOrEqual(to.x + EPS);
  }
}

describe('layoutGraph', () => {
  it('lays out (3x + 1)² left to right: leaves, product, sum, square', () => {
    const g = buildGraph('(3x + 1)^2');
    const l = layout(g);
    checkLayout(g, l);
    const column = (label: string) => l.nodes[g.nodes.findIndex((n) => n.label === label)]!.column;
    expect(column('x')).toBe(0);
    expect(column('3')).toBe(0);
    expect(column('×')).toBe(1);
    expect(column('+')).toBe(2);
    expect(column('²')).toBe(3);
    // The operands stack as written: 3 above x.
    const y = (label: string) => l.nodes[g.nodes.findIndex((n) => n.label === label)]!.y;
    expect(y('3')).toBeLessThan(y('x'));
    expect(l.nodes.every((n) => n.x >= 0 && n.y >= 0)).toBe(true);
  });

  it('gives the fork a² + 3a two routes out of a, each with its own label', () => {
    const g = buildGraph('a^2 + 3a');
    const l = layout(g);
    checkLayout(g, l);
    const a = g.nodes.find((n) => n.label === 'a')!;
    const out = l.edges.filter((e) => e.from === a.id);
    expect(out).toHaveLength(2);
    expect(overlap(out[0]!.label!, out[1]!.label!)).toBe(false);
  });

  it('separates the two edges of x·x between the same two nodes', () => {
    const g = buildGraph('x*x');
    const l = layout(g);
    checkLayout(g, l);
    expect(l.edges).toHaveLength(2);
    expect(l.edges[0]!.label!.y).not.toBeCloseTo(l.edges[1]!.label!.y, 6);
  });

  it('uses the sizes it is given and defaults without them', () => {
    const g = buildGraph('sigmoid(z)');
    const l = layoutGraph(g, { nodeSize: () => ({ width: 5, height: 3 }) });
    expect(l.nodes.map((n) => [n.width, n.height])).toEqual([
      [5, 3],
      [5, 3],
    ]);
    expect(l.edges[0]!.label).toBeNull();
    // Without labels, the gap between the two columns is twice the column gap.
    expect(l.nodes[1]!.x - (l.nodes[0]!.x + 5)).toBeCloseTo(3, 9);
    const plain = layoutGraph(g);
    expect(plain.nodes[0]!.width).toBe(3);
    expect(plain.width).toBeGreaterThan(6);
  });

  it('is deterministic', () => {
    const g = buildGraph('relu(w x + 1) + max(x, 2)^3 / e^w');
    expect(layout(g)).toEqual(layout(buildGraph('relu(w x + 1) + max(x, 2)^3 / e^w')));
  });

  it('keeps every promise on random expressions', () => {
    const leaf = fc.constantFrom('x', 'y', '2', '3', 'x y', 'pi');
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { maxDepth: 4, depthIdentifier: 'layout' },
        leaf,
        fc
          .tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e'))
          .map(([a, op, b]) => `(${a}) ${op} (${b})`),
        fc
          .tuple(fc.constantFrom('sin', 'exp', 'sigmoid', 'relu'), tie('e'))
          .map(([f, a]) => `${f}(${a})`),
        tie('e').map((a) => `(${a})^2`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `max(${a}, ${b}) + min(${b}, ${a})`),
      ),
    })).e;
    fc.assert(
      fc.property(expr, (src) => {
        const g = buildGraph(src, { variables: ['x', 'y'] });
        checkLayout(g, layout(g));
      }),
      { numRuns: 150 },
    );
  });
});
