import { describe, expect, it } from 'vitest';
import { keyOf, resolveProblem } from './problem.ts';
import type { ProblemSpec } from './schema.ts';

const grid = (values: (number | null)[], name = 'a.h5 · train_loss'): ProblemSpec => ({
  kind: 'grid',
  name,
  xs: [0, 1, 2],
  ys: [0, 1],
  values,
});

describe('problem cache keys', () => {
  it('are equal for equal grids and differ when any number, a hole or the name differs', () => {
    const base = [1, 2, 3, 4, 5, 6];
    expect(keyOf(grid(base))).toBe(keyOf(grid([...base])));
    expect(keyOf(grid([1, 2, 3, 4, 5, 6.000000001]))).not.toBe(keyOf(grid(base)));
    expect(keyOf(grid([1, 2, 3, 4, 5, null]))).not.toBe(keyOf(grid([1, 2, 3, 4, 5, 0])));
    expect(keyOf(grid(base, 'b.h5 · train_loss'))).not.toBe(keyOf(grid(base)));
    // The axes count: the same values on other coordinates are another landscape.
    expect(keyOf({ ...grid(base), xs: [0, 1, 3] } as ProblemSpec)).not.toBe(keyOf(grid(base)));
  });

  it('do not write a large grid out: the key stays short', () => {
    const n = 256;
    const big: ProblemSpec = {
      kind: 'grid',
      name: 'big',
      xs: Array.from({ length: n }, (_, i) => i),
      ys: Array.from({ length: n }, (_, i) => i),
      values: Array.from({ length: n * n }, (_, i) => Math.sin(i) + 2),
    };
    expect(keyOf(big).length).toBeLessThan(64);
    // Equal grids share one cached problem.
    expect(resolveProblem(structuredClone(big))).toBe(resolveProblem(structuredClone(big)));
  });
});
