import { describe, expect, it } from 'vitest';
import { figureTimelineEnd } from '../../../../../shared/scene/figure.ts';
import { FIGURE_PRESET_SPECS, figureScene } from '../../../../../shared/scene/figurePresets.ts';
import { FIGURE_THEMES } from '../theme.ts';
import { drawActivations, productLabel, shortNumber } from './draw.ts';
import { layerProducts } from '../../../../../shared/figures/activations.ts';
import { fakeCanvas, textsOutside } from './fakeCanvas.ts';

const SIZES = [
  [1280, 720],
  [700, 560],
  [420, 640],
] as const;

function draw(id: string, width: number, height: number, position?: number, patch = {}) {
  const spec = FIGURE_PRESET_SPECS.find((p) => p.id === id)!;
  const scene = figureScene(spec);
  const figure = { ...scene.figure, ...patch };
  const end = figureTimelineEnd('activations', figure);
  const canvas = fakeCanvas();
  drawActivations(canvas.ctx, {
    scene: { ...scene, figure },
    figure,
    position: position ?? Math.min(scene.timeline.position, end),
    end,
    width,
    height,
    theme: FIGURE_THEMES.light,
  });
  return canvas;
}

describe('drawActivations', () => {
  it.each(['sigmoid-slope', 'activations', 'vanishing-sigmoid'])(
    'draws %s with finite numbers and all text inside the canvas',
    (id) => {
      for (const [w, h] of SIZES) {
        const canvas = draw(id, w, h);
        expect(canvas.nonFinite, `${id} at ${w}×${h}`).toEqual([]);
        expect(textsOutside(canvas.texts, w, h), `${id} at ${w}×${h}`).toEqual([]);
      }
    },
  );

  it('labels the bars with the chapter’s fractions at z = 0', () => {
    const texts = draw('vanishing-sigmoid', 1280, 720).texts.map((t) => t.text);
    for (const label of ['1/4', '1/16', '1/64', '1/256', '1/1024']) expect(texts).toContain(label);
    expect(texts.some((t) => t.includes('1/1024 ≈ 0.00098'))).toBe(true);
  });

  it('shows only the layers the playhead reached', () => {
    // Each label is drawn twice: its halo, then the text.
    const labels = (position: number) => [
      ...new Set(
        draw('vanishing-sigmoid', 1280, 720, position)
          .texts.map((t) => t.text)
          .filter((t) => /^1\/\d+$/.test(t)),
      ),
    ];
    expect(labels(0)).toHaveLength(0);
    expect(labels(2)).toEqual(['1/4', '1/16']);
    // Layer 3 is still growing: no label yet.
    expect(labels(2.5)).toHaveLength(2);
  });

  it('says leaky ReLU’s negative slope and draws the kink’s interval', () => {
    const texts = draw('activations', 1280, 720).texts.map((t) => t.text);
    expect(texts.some((t) => t.includes('leaky ReLU (slope 0.01'))).toBe(true);
    expect(texts).toContain('[0, 1]');
    const leaky = draw('activations', 1280, 720, 5, { activation: 'leaky-relu' }).texts;
    expect(leaky.map((t) => t.text)).toContain('[0.01, 1]');
  });

  it('keeps 30 layers and far-out z finite (σ′(40)³⁰ underflows)', () => {
    const canvas = draw('vanishing-sigmoid', 1280, 720, 30, { depth: 30, x0: 40 });
    expect(canvas.nonFinite).toEqual([]);
    expect(textsOutside(canvas.texts, 1280, 720)).toEqual([]);
  });
});

describe('labels', () => {
  it('writes numbers short', () => {
    expect(shortNumber(0.8807970779778823)).toBe('0.8808');
    expect(shortNumber(0.10499358540350662)).toBe('0.105');
    expect(shortNumber(1.28e-5, 2)).toBe('1.3·10⁻⁵');
    expect(productLabel(0, layerProducts(0, 5)[4]!)).toBe('1/1024');
    expect(productLabel(0, layerProducts(0, 9)[8]!)).toBe('3.81·10⁻⁶');
    expect(productLabel(2, layerProducts(2, 1)[0]!)).toBe('0.105');
  });
});
