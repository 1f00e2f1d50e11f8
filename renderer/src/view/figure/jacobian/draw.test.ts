import { describe, expect, it } from 'vitest';
import { SHRINK_STEPS } from '../../../../../shared/scene/figure.ts';
import { FIGURE_PRESET_SPECS, figureScene } from '../../../../../shared/scene/figurePresets.ts';
import type { Domain } from '../../../../../shared/types.ts';
import { fakeCanvas, textsOutside } from '../activations/fakeCanvas.ts';
import { FIGURE_THEMES } from '../theme.ts';
import { drawJacobian, figureNumber, prettyExpression } from './draw.ts';

function draw(
  width: number,
  height: number,
  position = 0,
  patch: { f?: string; g?: string; at?: number[] } = {},
  domain?: Domain,
) {
  const spec = FIGURE_PRESET_SPECS.find((p) => p.id === 'jacobian-x2-xy')!;
  const base = figureScene(spec);
  const figure = { ...base.figure, ...patch };
  const scene = { ...base, figure, domain: domain ?? base.domain };
  const canvas = fakeCanvas();
  drawJacobian(canvas.ctx, {
    scene,
    figure,
    position,
    end: SHRINK_STEPS,
    width,
    height,
    theme: FIGURE_THEMES.dark,
  });
  return canvas;
}

describe('drawJacobian', () => {
  it.each([
    [1280, 720],
    [700, 560],
    [480, 640],
  ])('draws the preset at %i×%i with finite numbers and text inside', (w, h) => {
    for (const position of [0, 30, SHRINK_STEPS]) {
      const canvas = draw(w, h, position);
      expect(canvas.nonFinite).toEqual([]);
      expect(textsOutside(canvas.texts, w, h)).toEqual([]);
    }
  });

  it('writes J symbolically and at the point, det J and the area ratio', () => {
    const texts = draw(1280, 720).texts.map((t) => t.text);
    expect(texts).toContain('F(x, y) = (x², x·y)');
    for (const cell of ['2x', '0', 'y', 'x', '2', '1']) expect(texts).toContain(cell);
    expect(texts).toContain('J(1, 2) =');
    expect(texts).toContain('det J = 2');
    expect(texts.some((t) => t.includes('= 2.0417'))).toBe(true);
    expect(draw(1280, 720, SHRINK_STEPS).texts.some((t) => t.text.includes('= 2.0004'))).toBe(true);
  });

  it('skips what F leaves undefined and draws nothing for an expression it cannot compile', () => {
    const partial = draw(
      1280,
      720,
      0,
      { f: 'log(x)', g: 'sqrt(y)', at: [0.5, 0.5] },
      {
        x: [-1, 1],
        y: [-1, 1],
      },
    );
    expect(partial.nonFinite).toEqual([]);
    const broken = draw(1280, 720, 0, { f: 'x^' });
    expect(broken.nonFinite).toEqual([]);
    expect(broken.texts.map((t) => t.text)).toEqual(['F cannot be drawn: see the panel.']);
  });
});

describe('text', () => {
  it('makes the compiler’s derivatives readable', () => {
    expect(prettyExpression('2 * x')).toBe('2x');
    expect(prettyExpression('3 * x ^ 2 * y')).toBe('3x²·y');
    expect(prettyExpression('-x / y ^ 2')).toBe('−x / y²');
    expect(prettyExpression('x*y')).toBe('x·y');
    expect(prettyExpression('2 * x * y')).toBe('2x·y');
    expect(prettyExpression('0.5 * sin(x)')).toBe('0.5·sin(x)');
  });

  it('writes numbers short', () => {
    expect(figureNumber(2)).toBe('2');
    expect(figureNumber(-0.25)).toBe('−0.25');
    expect(figureNumber(2.0416660308, 5)).toBe('2.0417');
    expect(figureNumber(1.5e-7)).toBe('1.50·10⁻⁷');
  });
});
