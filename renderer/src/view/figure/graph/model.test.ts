import { describe, expect, it } from 'vitest';
import { figureTimelineEnd, defaultFigure } from '../../../../../shared/scene/figure.ts';
import { captionAt, graphModel, prettyText, progressAt, short } from './model.ts';
import type { GraphModel } from './model.ts';

function model(source: string, at: number[]): GraphModel {
  const m = graphModel(source, at);
  if ('error' in m) throw new Error(m.error);
  return m;
}

/** Index of the first node labelled `label`. */
const nodeAt = (m: GraphModel, label: string): number =>
  m.graph.nodes.findIndex((n) => n.label === label);

describe('the chapter’s numbers (§3)', () => {
  it('(3x + 1)² at x = 1: f = 16 and df/dx = 24 = 8 · 3, with 8 = 2·4', () => {
    const m = model('(3x + 1)^2', [1]);
    const ev = m.evaluation;
    expect(ev.output).toBe(16);
    expect(ev.gradient).toEqual([24]);
    const x = nodeAt(m, 'x');
    expect(m.nodeTexts[x]).toMatchObject({ value: '1', grad: 'grad 24', sum: null });
    // The square's edge shows the chain's outer factor, the product's edge to x the inner one.
    const square = m.graph.edges.findIndex((e) => e.to === m.graph.output);
    expect(m.edgeTexts[square]).toEqual({ local: '2·4 = 8', back: '← 8' });
    const intoX = m.graph.edges.findIndex((e) => e.from === m.graph.nodes[x]!.id);
    expect(m.edgeTexts[intoX]).toEqual({ local: '×3', back: '← 24' });
    expect(m.captions[m.gradStep[x]!]).toBe('backward: ∂f/∂x = 8 · 3 = 24');
    expect(m.captions[m.valueStep[nodeAt(m, '+')]!]).toBe('forward: 3x + 1 = 3 + 1 = 4');
    expect(m.summary).toBe('done: f = 16, ∂f/∂x = 24');
  });

  it('a² + 3a at a = 2: a fans out to two edges whose 4 and 3 add to 7', () => {
    const m = model('a^2 + 3a', [2]);
    const a = nodeAt(m, 'a');
    const out = m.graph.nodes[a]!.outputs.map((id) => m.edgeIndex.get(id)!);
    expect(out).toHaveLength(2);
    expect(out.map((k) => m.evaluation.contributions[k]).sort()).toEqual([3, 4]);
    expect(m.evaluation.adjoints[a]).toBe(7);
    expect(m.nodeTexts[a]).toMatchObject({ grad: 'grad 7', sum: '= 4 + 3' });
    expect(m.captions[m.gradStep[a]!]).toBe(
      'backward: a feeds 2 paths, so their gradients add: ∂f/∂a = 4 + 3 = 7',
    );
    // Both contributions have arrived before a's gradient is announced.
    for (const k of out) expect(m.edgeStep[k]!).toBeLessThan(m.gradStep[a]!);
  });

  it('σ(z) at z = 2: σ = 0.8808 and σ′ = σ(1 − σ) = 0.105', () => {
    const m = model('sigmoid(z)', [2]);
    const ev = m.evaluation;
    expect(ev.output).toBeCloseTo(0.8808, 4);
    expect(ev.gradient[0]).toBeCloseTo(0.105, 3);
    expect(ev.gradient[0]).toBeCloseTo(ev.output * (1 - ev.output), 15);
    expect(m.edgeTexts[0]).toEqual({ local: 'σ(1−σ) = 0.105', back: '← 0.105' });
    expect(m.captions[1]).toBe('forward: σ(z) = σ(2) = 0.8808');
  });
});

describe('the playhead', () => {
  const m = model('(3x + 1)^2', [1]);
  const steps = m.evaluation.steps.length;

  it('spans the steps the timeline has', () => {
    expect(figureTimelineEnd('graph', { ...defaultFigure(), f: '(3x + 1)^2', at: [1] })).toBe(
      steps,
    );
    expect(m.forward).toBe(m.graph.nodes.length);
    expect(steps).toBe(m.graph.nodes.length * 2 + m.graph.edges.length);
  });

  it('counts whole steps done and animates the next one', () => {
    expect(progressAt(m, 0)).toEqual({ done: 0, active: 0, t: 0, described: -1 });
    expect(progressAt(m, 2.5)).toEqual({ done: 2, active: 2, t: 0.5, described: 2 });
    // Paused on a step: the caption explains the step just done.
    expect(progressAt(m, 3)).toEqual({ done: 3, active: 3, t: 0, described: 2 });
    // Float error while playing does not hold a step back.
    expect(progressAt(m, 3 - 1e-12).done).toBe(3);
    expect(progressAt(m, steps)).toEqual({ done: steps, active: -1, t: 0, described: -1 });
    expect(progressAt(m, steps + 5).done).toBe(steps);
  });

  it('words the start, each step and the end', () => {
    expect(captionAt(m, progressAt(m, 0))).toMatch(/^forward: values flow/);
    expect(captionAt(m, progressAt(m, 1))).toBe('forward: the constant 3');
    expect(captionAt(m, progressAt(m, 2))).toBe('forward: the input x = 1');
    expect(captionAt(m, progressAt(m, m.forward + 0.5))).toBe(
      'backward: start at the output with ∂f/∂f = 1',
    );
    expect(captionAt(m, progressAt(m, steps))).toBe(m.summary);
  });

  it('announces each value after its node and each gradient after its out-edges', () => {
    m.graph.nodes.forEach((node, i) => {
      for (const e of node.inputs) {
        const from = m.nodeIndex.get(m.graph.edges[m.edgeIndex.get(e)!]!.from)!;
        expect(m.valueStep[from]!).toBeLessThan(m.valueStep[i]!);
      }
      for (const e of node.outputs)
        expect(m.edgeStep[m.edgeIndex.get(e)!]!).toBeLessThan(m.gradStep[i]!);
      expect(m.gradStep[i]!).toBeGreaterThanOrEqual(m.forward);
    });
  });
});

describe('text', () => {
  it('writes numbers with four digits, a true minus and words for the rest', () => {
    expect(short(16)).toBe('16');
    expect(short(0.8807970779778823)).toBe('0.8808');
    expect(short(-0.25)).toBe('−0.25');
    expect(short(1.23456e21)).toBe('1.235·10²¹');
    expect(short(Number.NaN)).toBe('undefined');
    expect(short(-Infinity)).toBe('−∞');
  });

  it('makes the parser’s text readable', () => {
    expect(prettyText('(3 x + 1) ^ 2')).toBe('(3x + 1)²');
    expect(prettyText('x ^ -1 - 2 * y')).toBe('x⁻¹ − 2·y');
    expect(prettyText('sigmoid(z) + sqrt(x) + pi')).toBe('σ(z) + √(x) + π');
    expect(prettyText('2 ^ 0.5')).toBe('2^0.5');
  });

  it('sums many paths in words, and subtracts negative ones', () => {
    expect(model('x*x - x', [3]).nodeTexts[0]!.sum).toBe('= 3 + 3 − 1');
    const many = model('sin(x) + cos(x) + tanh(x) + exp(x) + x^3', [1.3]);
    expect(many.nodeTexts[nodeAt(many, 'x')]!.sum).toBe('= sum of 5 paths');
  });

  it('explains a refused expression instead of a graph', () => {
    expect(graphModel('x +', [1])).toHaveProperty('error');
    expect(graphModel('x y z', [1, 2])).toHaveProperty('error');
  });
});
