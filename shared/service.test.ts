import { describe, expect, it } from 'vitest';
import type { SolverResponse } from './protocol.ts';
import { handleMessage } from './service.ts';
import { COL, DEFAULT_OPTIMIZER, STRIDE } from './types.ts';

function ok(message: unknown): Extract<SolverResponse, { ok: true }> {
  const { response } = handleMessage(message);
  if (!response.ok) throw new Error(`expected success, got ${response.error.message}`);
  return response;
}

const run = (start: number[], lr = 0.1, steps = 3) => ({
  id: 'a',
  params: { ...DEFAULT_OPTIMIZER, lr },
  start,
  steps,
});

describe('solver service', () => {
  it('answers with the request sequence number and transfers trajectory buffers', () => {
    const answer = handleMessage({
      seq: 41,
      type: 'trajectories',
      problem: { kind: 'expression', source: 'x^2' },
      runs: [run([3]), { ...run([3], 1.1), id: 'b' }],
    });
    expect(answer.response.seq).toBe(41);
    if (!answer.response.ok || answer.response.type !== 'trajectories')
      throw new Error('bad answer');
    const [a, b] = answer.response.result.trajectories;
    expect(answer.transfer).toHaveLength(2);
    expect(answer.transfer[0]).toBe(a?.data.buffer);
    expect(a?.data[3 * STRIDE + COL.x]).toBeCloseTo(1.536, 12);
    expect(b?.data[3 * STRIDE + COL.x]).toBeCloseTo(-5.184, 12);
  });

  it('refuses malformed requests without throwing', () => {
    for (const bad of [
      null,
      42,
      'hi',
      {},
      { seq: 1, type: 'nope' },
      {
        seq: 2,
        type: 'trajectories',
        problem: { kind: 'surface', id: 'bowl' },
        runs: [{ ...run([1, 1]), steps: -1 }],
      },
    ]) {
      const { response } = handleMessage(bad);
      expect(response.ok).toBe(false);
      if (!response.ok) expect(response.error.kind).toBe('request');
    }
  });

  it('refuses NaN and infinite numbers in a request', () => {
    const { response } = handleMessage({
      seq: 3,
      type: 'trajectories',
      problem: { kind: 'surface', id: 'bowl' },
      runs: [run([Number.NaN, 1])],
    });
    expect(response.ok).toBe(false);
    const inf = handleMessage({
      seq: 4,
      type: 'trajectories',
      problem: { kind: 'surface', id: 'bowl' },
      runs: [{ ...run([1, 1]), params: { ...DEFAULT_OPTIMIZER, lr: Infinity } }],
    });
    expect(inf.response.ok).toBe(false);
  });

  it('reports a run that cannot start without hiding the other runs', () => {
    const res = ok({
      seq: 5,
      type: 'trajectories',
      problem: { kind: 'expression', source: 'log(x) + y^2' },
      runs: [run([1]), { ...run([-1, 1]), id: 'b' }, { ...run([2, 1]), id: 'c' }],
    });
    if (res.type !== 'trajectories') throw new Error('wrong type');
    const [a, b, c] = res.result.trajectories;
    expect(a?.error).toMatch(/Run 'a': the start point has 1 coordinate.*2 variable/);
    expect(a?.count).toBe(0);
    expect(b?.error).toMatch(/Run 'b': f is not finite at the start/);
    expect(c?.error).toBeNull();
    expect(c?.count).toBe(4);
  });

  it.each([
    ['log(x)', [-1], "Run 'a': f is not finite at the start (-1): it is undefined there"],
    [
      'x^2',
      [1e308],
      "Run 'a': f is not finite at the start (1e+308): it overflows to +infinity there",
    ],
    [
      'exp(exp(exp(x)))',
      [2],
      "Run 'a': f is not finite at the start (2): it overflows to +infinity there",
    ],
    [
      'sqrt(x) + y',
      [0, 1],
      "Run 'a': the gradient of f is not finite at the start (0, 1): it overflows to +infinity there",
    ],
  ])('a run of %s from %j that cannot start says why and has no rows', (source, start, message) => {
    const res = ok({
      seq: 12,
      type: 'trajectories',
      problem: { kind: 'expression', source },
      runs: [run(start, 0.1, 10)],
    });
    if (res.type !== 'trajectories') throw new Error('wrong type');
    const [t] = res.result.trajectories;
    expect(t?.error).toBe(message);
    expect(t?.count).toBe(0);
    expect(t?.data).toHaveLength(0);
  });

  it('says when f is not finite anywhere on the domain instead of sending an empty grid', () => {
    const surface = (source: string, domain = { x: [-3, 3], y: [-3, 3] }) =>
      handleMessage({
        seq: 13,
        type: 'surface',
        problem: { kind: 'expression', source },
        domain,
        nx: 16,
        ny: 16,
        levels: 5,
      }).response;
    const zero = surface('x/0 + y');
    expect(!zero.ok && zero.error).toEqual({
      kind: 'problem',
      message: 'f is not finite anywhere on this domain (x from -3 to 3, y from -3 to 3).',
    });
    const curve = surface('log(x)', { x: [-2, -1], y: [0, 1] });
    expect(!curve.ok && curve.error.message).toBe(
      'f is not finite anywhere on this domain (x from -2 to -1).',
    );
    // A domain too wide to step through gives no finite sample either, and says so.
    expect(surface('x + y', { x: [-1e308, 1e308], y: [0, 1] }).ok).toBe(false);
    // Finite somewhere is enough.
    expect(surface('log(x) + y').ok).toBe(true);
  });

  it('says in words when the typed f is too long, pointing past the limit', () => {
    const source = '  ' + 'x'.repeat(1001);
    const { response } = handleMessage({
      seq: 14,
      type: 'describe',
      problem: { kind: 'expression', source },
    });
    expect(!response.ok && response.error).toEqual({
      kind: 'expression',
      message: 'The expression is too long (1001 characters; at most 1000)',
      position: 1002,
      length: 1,
    });
    // Padding around an expression within the limit is not counted.
    expect(
      handleMessage({ seq: 15, type: 'describe', problem: { kind: 'expression', source: ` x ` } })
        .response.ok,
    ).toBe(true);
  });

  it('gives the stability limit only where f is a convex quadratic', () => {
    const limit = (source: string) => {
      const res = ok({
        seq: 11,
        type: 'analyze',
        problem: { kind: 'expression', source },
        at: [1, 1],
      });
      return res.type === 'analyze' ? res.result.stability : 'wrong type';
    };
    expect(limit('x^2 + 3y^2')).toEqual({ lambdaMax: 6, etaMax: 1 / 3 });
    expect(limit('x^2 - y^2')).toBeUndefined();
    expect(limit('x^2 + x*y')).toBeUndefined();
    expect(limit('x^4 + y^2')).toBeUndefined();
  });

  it('reports an unknown surface and a bad expression with its position', () => {
    const unknown = handleMessage({
      seq: 6,
      type: 'describe',
      problem: { kind: 'surface', id: 'volcano' },
    }).response;
    expect(!unknown.ok && unknown.error.kind).toBe('problem');
    const bad = handleMessage({
      seq: 7,
      type: 'describe',
      problem: { kind: 'expression', source: 'x + (y' },
    }).response;
    expect(!bad.ok && bad.error.kind).toBe('expression');
    if (!bad.ok) expect(bad.error.position).toBeGreaterThanOrEqual(4);
  });

  it('samples a surface with finite values only, masking where f is undefined', () => {
    const res = ok({
      seq: 8,
      type: 'surface',
      problem: { kind: 'expression', source: 'log(x) + y^2' },
      domain: { x: [-1, 1], y: [-1, 1] },
      nx: 21,
      ny: 11,
      levels: 6,
    });
    if (res.type !== 'surface') throw new Error('wrong type');
    const s = res.result;
    expect(s.values).toHaveLength(21 * 11);
    expect(Array.from(s.values).every(Number.isFinite)).toBe(true);
    expect(Array.from(s.gradients).every(Number.isFinite)).toBe(true);
    // x ≤ 0 is outside log's domain: the left half (and the x = 0 column) is masked.
    expect(s.valid[0]).toBe(0);
    expect(s.valid[20]).toBe(1);
    for (const seg of s.contours.segments)
      expect(Array.from(seg).every(Number.isFinite)).toBe(true);
  });

  it('samples a 1D problem as one row', () => {
    const res = ok({
      seq: 9,
      type: 'surface',
      problem: { kind: 'surface', id: 'parabola' },
      domain: { x: [-2, 2], y: [0, 1] },
      nx: 5,
      ny: 50,
      levels: 5,
    });
    if (res.type !== 'surface') throw new Error('wrong type');
    expect(res.result.ny).toBe(1);
    expect(Array.from(res.result.values)).toEqual([4, 1, 0, 1, 4]);
  });

  it('analyses a point like the chapter: x² + xy at (1, 2)', () => {
    const res = ok({
      seq: 10,
      type: 'analyze',
      problem: { kind: 'expression', source: 'x^2 + x*y' },
      at: [1, 2],
      direction: [1, 0],
      convexity: true,
    });
    if (res.type !== 'analyze') throw new Error('wrong type');
    const { analysis, convexity, stability } = res.result;
    expect(analysis.gradient).toEqual([4, 1]);
    expect(analysis.directionalDerivative?.value).toBeCloseTo(4, 12);
    expect(analysis.eigenvalues[0]).toBeCloseTo(1 - Math.SQRT2, 12);
    expect(analysis.curvature).toBe('saddle');
    expect(convexity?.convex).toBe(false);
    // Indefinite: GD leaves along the negative eigen-direction for any η, so no limit is given.
    expect(stability).toBeUndefined();
  });
});

describe('progress of a slow problem', () => {
  it("reports a network slice's sampling under the request's sequence number, then answers", () => {
    const progress: { seq: number; type: string; done: number; total: number }[] = [];
    const problem = {
      kind: 'mlp',
      data: { kind: 'builtin', name: 'moons', n: 40, seed: 2, noise: 0.1 },
      hidden: 3,
      activation: 'relu',
      plane: 'random',
      params: { ...DEFAULT_OPTIMIZER, lr: 0.3 },
      batch: 40,
      epochs: 5,
      seed: 7,
    };
    const answer = handleMessage({ seq: 9, type: 'describe', problem }, (p) => progress.push(p));
    expect(answer.response.ok).toBe(true);
    expect(progress).toHaveLength(64);
    expect(progress.every((p) => p.seq === 9 && p.type === 'progress' && p.total === 64)).toBe(
      true,
    );
    expect(progress.at(-1)!.done).toBe(64);
    if (!answer.response.ok || answer.response.type !== 'describe') throw new Error('bad answer');
    expect(answer.response.result.slice?.plane).toBe('random');
    // Built once: the next request for it reports nothing.
    const again = handleMessage({ seq: 10, type: 'describe', problem }, (p) => progress.push(p));
    expect(again.response.ok).toBe(true);
    expect(progress).toHaveLength(64);
  });
});

describe('problems kept by name', () => {
  const xs = [0, 0.5, 1];
  const grid = { kind: 'grid', name: 'g', xs, ys: xs, values: [0, 1, 2, 1, 2, 3, 2, 3, 4] };

  it('keeps a problem sent with a name and answers requests that only name it', () => {
    const kept = handleMessage({ seq: 1, type: 'describe', problem: grid, keep: 'k-test-1' });
    expect(kept.response.ok).toBe(true);
    const named = handleMessage({
      seq: 2,
      type: 'describe',
      problem: { kind: 'ref', ref: 'k-test-1' },
    });
    expect(named.response).toMatchObject({ seq: 2, ok: true });
    if (named.response.ok && named.response.type === 'describe') {
      expect(named.response.result.domain).toEqual(
        (kept.response as { result: { domain: unknown } }).result.domain,
      );
    }
  });

  it('says so, with a code the client acts on, for a name it does not hold', () => {
    const answer = handleMessage({
      seq: 3,
      type: 'describe',
      problem: { kind: 'ref', ref: 'never-sent' },
    });
    expect(answer.response).toMatchObject({
      seq: 3,
      ok: false,
      error: { kind: 'request', code: 'unknown-ref' },
    });
  });

  it('holds only the last few problems', () => {
    for (let i = 0; i < 6; i++) {
      handleMessage({ seq: 10 + i, type: 'describe', problem: grid, keep: `k-few-${i}` });
    }
    const oldest = handleMessage({
      seq: 20,
      type: 'describe',
      problem: { kind: 'ref', ref: 'k-few-0' },
    });
    expect(oldest.response.ok).toBe(false);
    const newest = handleMessage({
      seq: 21,
      type: 'describe',
      problem: { kind: 'ref', ref: 'k-few-5' },
    });
    expect(newest.response.ok).toBe(true);
  });
});
