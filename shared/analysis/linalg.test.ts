import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dot, matVec, norm, symmetricEigen, symmetricEigen2, unpackSquare } from './linalg.ts';

/** Residual |A v − λ v| relative to the matrix scale. */
function residual(a: number, b: number, c: number, l: number, v: readonly number[]): number {
  const [v0 = NaN, v1 = NaN] = v;
  return Math.hypot(a * v0 + b * v1 - l * v0, b * v0 + c * v1 - l * v1);
}

describe('symmetricEigen2', () => {
  it('decomposes the Hessian of x^2 + xy: 1 ∓ √2', () => {
    const { values, vectors } = symmetricEigen2(2, 1, 0);
    expect(values[0]).toBeCloseTo(1 - Math.SQRT2, 14);
    expect(values[1]).toBeCloseTo(1 + Math.SQRT2, 14);
    for (const [i, v] of vectors.entries()) {
      expect(residual(2, 1, 0, values[i] ?? NaN, v)).toBeLessThan(1e-14);
    }
  });

  it('handles the diagonal case with ascending order and axis eigenvectors', () => {
    expect(symmetricEigen2(3, 0, -1)).toEqual({
      values: [-1, 3],
      vectors: [
        [0, 1],
        [1, 0],
      ],
    });
    expect(symmetricEigen2(-2, 0, 2)).toEqual({
      values: [-2, 2],
      vectors: [
        [1, 0],
        [0, 1],
      ],
    });
  });

  it('handles equal eigenvalues (multiple of the identity)', () => {
    expect(symmetricEigen2(2, 0, 2)).toEqual({
      values: [2, 2],
      vectors: [
        [0, 1],
        [1, 0],
      ],
    });
    expect(symmetricEigen2(0, 0, 0)).toEqual({
      values: [0, 0],
      vectors: [
        [0, 1],
        [1, 0],
      ],
    });
  });

  it('keeps the small eigenvalue accurate when |mean| ≫ spread (no cancellation)', () => {
    // [[1e8, 1], [1, 1e8]]: eigenvalues 1e8 ∓ 1 exactly representable.
    expect(symmetricEigen2(1e8, 1, 1e8).values).toEqual([1e8 - 1, 1e8 + 1]);
    // Nearly singular: det = 1e8·1e-8 − 0.999999² ≈ 2e-6; naive m − r loses most digits.
    const a = 1e8;
    const c = 1e-8;
    const b = 0.999999;
    const exactSmall = (a * c - b * b) / ((a + c) / 2 + Math.hypot((a - c) / 2, b));
    expect(symmetricEigen2(a, b, c).values[0]).toBeCloseTo(exactSmall, 18);
    expect(Math.abs((symmetricEigen2(a, b, c).values[0] ?? NaN) / exactSmall - 1)).toBeLessThan(
      1e-9,
    );
  });

  it('satisfies A v = λ v, ascending, orthonormal for random symmetric matrices', () => {
    const entry = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(entry, entry, entry, (a, b, c) => {
        const { values, vectors } = symmetricEigen2(a, b, c);
        const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), 1e-300);
        const [l0 = NaN, l1 = NaN] = values;
        const [v0 = [], v1 = []] = vectors;
        expect(l0).toBeLessThanOrEqual(l1);
        expect(residual(a, b, c, l0, v0) / scale).toBeLessThan(1e-12);
        expect(residual(a, b, c, l1, v1) / scale).toBeLessThan(1e-12);
        expect(Math.abs(norm(v0) - 1)).toBeLessThan(1e-15);
        expect(Math.abs(norm(v1) - 1)).toBeLessThan(1e-15);
        expect(Math.abs(dot(v0, v1))).toBeLessThan(1e-15);
        // Trace and determinant are invariants.
        expect(Math.abs(l0 + l1 - (a + c)) / scale).toBeLessThan(1e-12);
      }),
      { numRuns: 2000 },
    );
  });

  it('uses a canonical sign: first non-zero component positive', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (b) => {
        for (const v of symmetricEigen2(1, b, -1).vectors) {
          const lead = v[0] !== 0 ? v[0] : v[1];
          expect(lead).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('symmetricEigen', () => {
  it('is trivial in 1×1', () => {
    expect(symmetricEigen([[-3]])).toEqual({ values: [-3], vectors: [[1]] });
  });

  it('symmetrises a slightly asymmetric 2×2 input', () => {
    const { values } = symmetricEigen([
      [2, 1 + 1e-12],
      [1 - 1e-12, 0],
    ]);
    expect(values[0]).toBeCloseTo(1 - Math.SQRT2, 12);
  });

  it('rejects other shapes', () => {
    expect(() => symmetricEigen([])).toThrow(RangeError);
    expect(() => symmetricEigen([[1, 2]])).toThrow(RangeError);
    expect(() =>
      symmetricEigen([
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toThrow(RangeError);
  });
});

describe('vector helpers', () => {
  it('dot, norm, matVec, unpackSquare', () => {
    expect(dot([1, 2], [3, 4])).toBe(11);
    expect(norm([3, 4])).toBe(5);
    expect(norm([1e200, 1e200])).toBeCloseTo(Math.SQRT2 * 1e200, -186);
    expect(
      matVec(
        [
          [2, 1],
          [1, 0],
        ],
        [1, 2],
      ),
    ).toEqual([4, 1]);
    expect(unpackSquare(new Float64Array([1, 2, 3, 4]), 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});
