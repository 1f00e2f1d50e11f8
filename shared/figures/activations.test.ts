import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_SPECS,
  activationAt,
  erf,
  erfc,
  layerGrowth,
  layerProducts,
  normalCdf,
  quarterPowerFraction,
  sigmoid,
  sigmoidSlope,
  vanishingProduct,
} from './activations.ts';
import { ACTIVATIONS } from '../scene/figure.ts';
import { FIGURE_PRESET_SPECS } from '../scene/figurePresets.ts';

describe('erf', () => {
  // Reference values to 16 digits (Abramowitz & Stegun table 7.1, checked with mpmath).
  const known: [number, number][] = [
    [0, 0],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [1.5, 0.9661051464753108],
    [2, 0.9953222650189527],
    [2.9, 0.9999589021219005],
    [3, 0.9999779095030014],
    [4, 0.9999999845827421],
  ];
  it.each(known)('erf(%f) matches the table', (x, value) => {
    expect(Math.abs(erf(x) - value)).toBeLessThan(2e-15);
    expect(Math.abs(erf(-x) + value)).toBeLessThan(2e-15);
  });

  it('keeps relative precision in the tail through erfc', () => {
    expect(erfc(3) / 2.209049699858544e-5 - 1).toBeCloseTo(0, 13);
    expect(erfc(5) / 1.5374597944280349e-12 - 1).toBeCloseTo(0, 12);
    expect(erfc(-3)).toBeCloseTo(2 - 2.209049699858544e-5, 15);
    expect(erf(30)).toBe(1);
    expect(Number.isNaN(erf(NaN))).toBe(true);
  });

  it('is continuous where the series hands over to the continued fraction', () => {
    expect(Math.abs(erf(3 - 1e-12) - erf(3))).toBeLessThan(1e-14);
  });

  it('gives the normal CDF Φ', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 15);
    expect(normalCdf(-8) / 6.22096057427178e-16 - 1).toBeCloseTo(0, 10);
  });
});

describe('activations', () => {
  it('gives the chapter’s sigmoid numbers at z = 2: σ = 0.8808, σ′ = 0.8808 × 0.1192 = 0.105', () => {
    expect(sigmoid(2)).toBeCloseTo(0.8808, 4);
    expect(1 - sigmoid(2)).toBeCloseTo(0.1192, 4);
    expect(sigmoidSlope(2)).toBeCloseTo(0.105, 3);
    expect(activationAt('sigmoid', 2)).toEqual({ value: sigmoid(2), slope: sigmoidSlope(2) });
  });

  it('peaks the sigmoid slope at 0.25 at z = 0', () => {
    expect(sigmoidSlope(0)).toBe(0.25);
    for (const z of [-3, -0.5, 0.1, 1, 4]) expect(sigmoidSlope(z)).toBeLessThan(0.25);
    // No overflow far out.
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });

  it('uses the frameworks’ choice at the kinks and says which interval is valid', () => {
    expect(ACTIVATION_SPECS.relu.slope(0)).toBe(0);
    expect(ACTIVATION_SPECS.relu.slope(1e-9)).toBe(1);
    expect(ACTIVATION_SPECS.relu.kink).toEqual({ at: 0, left: 0, right: 1, chosen: 0 });
    expect(ACTIVATION_SPECS['leaky-relu'].value(-2)).toBe(-0.02);
    expect(ACTIVATION_SPECS['leaky-relu'].slope(-2)).toBe(0.01);
    expect(ACTIVATION_SPECS['leaky-relu'].slope(0)).toBe(0.01);
    expect(ACTIVATION_SPECS['leaky-relu'].kink).toMatchObject({ left: 0.01, right: 1 });
  });

  it('gives GELU = x·Φ(x) with derivative Φ(x) + x·φ(x)', () => {
    const gelu = ACTIVATION_SPECS.gelu;
    expect(gelu.value(0)).toBe(0);
    expect(gelu.value(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(gelu.value(-1)).toBeCloseTo(-0.15865525393145707, 14);
    expect(gelu.slope(0)).toBe(0.5);
    expect(gelu.slope(1)).toBeCloseTo(1.0833154705876864, 14);
  });

  it('has derivatives that match central differences for every activation', () => {
    const h = 1e-5;
    for (const id of ACTIVATIONS) {
      const spec = ACTIVATION_SPECS[id];
      for (const z of [-3.3, -1.1, -0.4, 0.7, 1.6, 2.8]) {
        const numeric = (spec.value(z + h) - spec.value(z - h)) / (2 * h);
        expect(spec.slope(z), `${id}′(${z})`).toBeCloseTo(numeric, 8);
      }
    }
  });

  it('matches tanh′ = 1 − tanh²', () => {
    expect(ACTIVATION_SPECS.tanh.slope(0)).toBe(1);
    expect(ACTIVATION_SPECS.tanh.slope(1)).toBeCloseTo(1 - Math.tanh(1) ** 2, 15);
  });
});

describe('vanishing gradients', () => {
  it('multiplies the per-layer sigmoid slopes: 1/16, 1/256, 1/1024 at z = 0', () => {
    expect(vanishingProduct(0, 2)).toBe(1 / 16);
    expect(vanishingProduct(0, 2)).toBe(0.0625);
    expect(vanishingProduct(0, 4)).toBe(1 / 256);
    expect(vanishingProduct(0, 4)).toBeCloseTo(0.0039, 4);
    expect(vanishingProduct(0, 5)).toBe(1 / 1024);
    expect(vanishingProduct(0, 5)).toBeCloseTo(0.00098, 5);
  });

  it('lists each layer with the bound 0.25ᵏ and ReLU’s 1', () => {
    const rows = layerProducts(2, 5);
    expect(rows.map((r) => r.k)).toEqual([1, 2, 3, 4, 5]);
    rows.forEach((r) => {
      expect(r.sigmoid).toBeCloseTo(sigmoidSlope(2) ** r.k, 15);
      expect(r.sigmoid).toBeLessThan(r.bound);
      expect(r.bound).toBe(0.25 ** r.k);
      expect(r.relu).toBe(1);
    });
    expect(vanishingProduct(2, 5)).toBeCloseTo(sigmoidSlope(2) ** 5, 15);
    expect(layerProducts(0, 30)).toHaveLength(30);
  });

  it('writes small powers of a quarter as fractions', () => {
    expect(quarterPowerFraction(2)).toBe('1/16');
    expect(quarterPowerFraction(5)).toBe('1/1024');
    expect(quarterPowerFraction(9)).toBeNull();
  });

  it('grows the bars of layer k while the playhead passes from k − 1 to k', () => {
    expect(layerGrowth(1, 0)).toBe(0);
    expect(layerGrowth(3, 2.25)).toBe(0.25);
    expect(layerGrowth(3, 3)).toBe(1);
    expect(layerGrowth(3, 5)).toBe(1);
    expect(layerGrowth(4, 3)).toBe(0);
  });
});

describe('the activations presets', () => {
  const preset = (id: string) => {
    const spec = FIGURE_PRESET_SPECS.find((p) => p.id === id);
    if (!spec) throw new Error(`no preset ${id}`);
    return spec;
  };

  it('sigmoid-slope quotes σ(2) = 0.8808, 1 − σ = 0.1192 and σ′ = 0.105', () => {
    const { figure, caption } = preset('sigmoid-slope');
    const { value, slope } = activationAt(figure.activation!, figure.x0!);
    expect(caption).toContain('0.8808');
    expect(value.toFixed(4)).toBe('0.8808');
    expect((1 - value).toFixed(4)).toBe('0.1192');
    expect(slope.toFixed(3)).toBe('0.105');
  });

  it('activations quotes ReLU’s kink: slopes 0 and 1, subgradients [0, 1], frameworks 0', () => {
    const { figure } = preset('activations');
    expect(figure.activation).toBe('relu');
    expect(figure.x0).toBe(0);
    const kink = ACTIVATION_SPECS.relu.kink!;
    expect([kink.left, kink.right, kink.chosen]).toEqual([0, 1, 0]);
  });

  it('vanishing-sigmoid quotes 0.25, 1/16, 1/256 and 1/1024 ≈ 0.00098', () => {
    const { figure, caption } = preset('vanishing-sigmoid');
    expect(figure.x0).toBe(0);
    expect(sigmoidSlope(figure.x0!)).toBe(0.25);
    for (const text of ['1/16', '1/256', '1/1024', '0.00098']) expect(caption).toContain(text);
    expect(vanishingProduct(figure.x0!, figure.depth!)).toBe(1 / 1024);
    expect(vanishingProduct(figure.x0!, figure.depth!).toFixed(5)).toBe('0.00098');
  });
});
