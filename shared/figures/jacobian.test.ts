import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jacobian } from '../analysis/jacobian.ts';
import { FIGURE_PRESET_SPECS } from '../scene/figurePresets.ts';
import { SHRINK_STEPS } from '../scene/figure.ts';
import {
  det2,
  gridImage,
  jacobianModel,
  planeMap,
  shoelace,
  squareBoundary,
  squareImage,
  squareSide,
} from './jacobian.ts';

const preset = FIGURE_PRESET_SPECS.find((p) => p.id === 'jacobian-x2-xy')!;

describe('the Jacobian of [x², xy]', () => {
  const F = planeMap('x^2', 'x*y');

  it('is [[2x, 0], [y, x]], [[2, 0], [2, 1]] at (1, 2), with det 2', () => {
    expect(F.symbolic).toEqual([
      ['2 * x', '0'],
      ['y', 'x'],
    ]);
    const model = jacobianModel('x^2', 'x*y', [1, 2], { x: [0, 2], y: [1, 3] });
    expect(model.J).toEqual([
      [2, 0],
      [2, 1],
    ]);
    expect(model.det).toBe(2);
    expect(model.value).toEqual([1, 2]);
  });

  it('is [[4, 0], [1, 2]] at (2, 1)', () => {
    expect(F.jacobianAt(2, 1)).toEqual([
      [4, 0],
      [1, 2],
    ]);
  });

  it('maps a square of side s at (1, 2) to an area ratio 2 + s²/6 that tends to det J = 2', () => {
    // The image of [1 − h, 1 + h] × [2 − h, 2 + h] has area ∫∫ 2x² = 4h(2h + 2h³/3).
    let previous = Infinity;
    for (const s of [0.5, 0.25, 0.1, 0.05]) {
      const sq = squareImage(F, [1, 2], s);
      // The sampled boundary cuts the parabolic edges short by O(1/samples²) of the area.
      expect(sq.ratio).toBeCloseTo(2 + (s * s) / 6, 5);
      expect(Math.abs(sq.ratio - 2)).toBeLessThan(previous);
      previous = Math.abs(sq.ratio - 2);
      // The parallelogram is exactly J·square.
      expect(sq.linearArea / sq.squareArea).toBeCloseTo(2, 12);
    }
    expect(previous).toBeLessThan(1e-3);
  });

  it('shrinks the square over the timeline from s₀ to a tenth of it', () => {
    const domain = preset.domain!;
    expect(squareSide(domain, 0, SHRINK_STEPS)).toBe(0.5);
    expect(squareSide(domain, SHRINK_STEPS, SHRINK_STEPS)).toBeCloseTo(0.05, 15);
    expect(squareSide(domain, SHRINK_STEPS / 2, SHRINK_STEPS)).toBeCloseTo(0.275, 15);
    // At the end of the preset's timeline the true image has all but become J·square.
    const end = squareImage(F, [1, 2], squareSide(domain, SHRINK_STEPS, SHRINK_STEPS));
    expect(end.ratio).toBeCloseTo(2, 3);
    const start = squareImage(F, [1, 2], squareSide(domain, 0, SHRINK_STEPS));
    expect(start.ratio - 2).toBeGreaterThan(0.04);
  });

  it('bends the grid: the image of y = const is a parabola, of x = const a straight line', () => {
    const lines = gridImage(F, { x: [0, 2], y: [1, 3] }, 5, 10);
    expect(lines).toHaveLength(10);
    const vertical = lines.find((l) => l.along === 'x' && l.value === 1)!;
    // x = 1 maps to (1, y): a vertical segment.
    vertical.image[0]!.forEach(([u, v], i) => {
      expect(u).toBe(1);
      expect(v).toBeCloseTo(vertical.input[i]![1], 15);
    });
    const horizontal = lines.find((l) => l.along === 'y' && l.value === 2)!;
    horizontal.image[0]!.forEach(([u, v], i) => {
      const x = horizontal.input[i]![0];
      expect([u, v]).toEqual([x * x, 2 * x]);
    });
  });

  it('splits an image line where F is undefined', () => {
    const G = planeMap('log(x)', 'y');
    const line = gridImage(G, { x: [-1, 1], y: [0, 1] }, 3, 20).find(
      (l) => l.along === 'y' && l.value === 0,
    )!;
    expect(line.image).toHaveLength(1);
    expect(line.image[0]!.every(([u, v]) => Number.isFinite(u) && Number.isFinite(v))).toBe(true);
  });
});

describe('areas', () => {
  it('measures signed areas by the shoelace formula', () => {
    expect(shoelace(squareBoundary([0, 0], 2, 3))).toBeCloseTo(4, 14);
    expect(
      shoelace([
        [0, 0],
        [0, 1],
        [1, 0],
      ]),
    ).toBe(-0.5);
    expect(
      det2([
        [1, 2],
        [3, 4],
      ]),
    ).toBe(-2);
  });

  it('gives a negative ratio where F flips the orientation', () => {
    const sq = squareImage(planeMap('y', 'x'), [0.3, -0.2], 0.1);
    expect(sq.ratio).toBeCloseTo(-1, 12);
  });
});

/** Random expressions in x and y from pieces with derivatives everywhere they are used. */
const atom = fc.constantFrom('x', 'y', '2', '0.5', 'x^2', 'x*y', 'y^3', 'pi');
const unary = ['sin', 'cos', 'exp', 'tanh', 'sigmoid', 'sqrt(1 + ', 'log(2 + '];
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e'))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc
      .tuple(fc.constantFrom(...unary), tie('e'))
      .map(([fn, a]) => (fn.endsWith(' ') ? `${fn}(${a})^2)` : `${fn}(${a})`)),
  ),
})).e;

describe('the figure’s J', () => {
  it('equals what `descent inspect --jacobian` computes', () => {
    fc.assert(
      fc.property(
        expression,
        expression,
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (f, g, x, y) => {
          const model = jacobianModel(f, g, [x, y], { x: [-1, 1], y: [-1, 1] });
          const reference = jacobian([f, g], [x, y], ['x', 'y']);
          expect(model.J).toEqual(reference.rows);
          expect(model.F.symbolic).toEqual(reference.symbolic);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('the jacobian-x2-xy preset', () => {
  it('quotes J = [[2, 0], [2, 1]] at (1, 2), det J = 2 and twice the area', () => {
    const { figure, domain, caption } = preset;
    expect(caption).toContain('[[2, 0], [2, 1]]');
    expect(caption).toContain('det J = 2');
    const model = jacobianModel(figure.f!, figure.g!, [figure.at![0]!, figure.at![1]!], domain!);
    expect(model.J).toEqual([
      [2, 0],
      [2, 1],
    ]);
    expect(model.det).toBe(2);
    const small = squareImage(
      model.F,
      model.point,
      squareSide(domain!, SHRINK_STEPS, SHRINK_STEPS),
    );
    expect(small.ratio).toBeCloseTo(2, 3);
  });
});
