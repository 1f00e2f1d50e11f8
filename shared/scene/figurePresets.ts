/**
 * Presets of the chapter's figure kinds (figure.ts): one or more per section the function plots
 * do not cover, §1's limit, §2's rules, §3's chain rule, fork, activations and vanishing
 * gradients, §8's Jacobian and §9's integral. Captions quote what the figures compute;
 * figurePresets.test.ts recomputes every quoted number.
 */
import { defaultScene } from './document.ts';
import type { Scene } from './document.ts';
import { defaultFigure, figureTimelineEnd } from './figure.ts';
import type { FigureKind, FigureSettings } from './figure.ts';
import type { Domain } from '../types.ts';

/** What a figure preset sets; everything else is a new scene's. */
export interface FigurePresetSpec {
  kind: FigureKind;
  title: string;
  caption: string;
  figure: Partial<FigureSettings>;
  /** Viewing box: the x range of a plot, the input grid of the Jacobian. */
  domain?: Domain;
  /** Default: 10 steps per second, from 0 (a graph: from the end, both passes shown). */
  timeline?: Partial<Scene['timeline']>;
}

/** A complete scene for a figure preset: no runs, the figure's settings, the caption. */
export function figureScene(spec: FigurePresetSpec): Scene {
  const base = defaultScene();
  const d = spec.domain ?? base.domain;
  const figure = { ...defaultFigure(), ...spec.figure };
  // A graph opens with both passes done, so every node shows its value and gradient.
  const position =
    spec.timeline?.position ?? (spec.kind === 'graph' ? figureTimelineEnd('graph', figure) : 0);
  return {
    ...base,
    kind: spec.kind,
    title: spec.title,
    caption: spec.caption,
    // Kept for a later surface or curve: a figure draws `figure`, not the problem.
    problem: { kind: 'surface', id: 'parabola' },
    domain: { x: [d.x[0], d.x[1]], y: [d.y[0], d.y[1]] },
    runs: [],
    selectedRunId: null,
    overlays: { ...base.overlays, contours: false, floorContours: false, colorBar: false },
    camera: { preset: 'front' },
    timeline: { ...base.timeline, speed: 10, ...spec.timeline, position },
    figure,
  };
}

const X_RANGE = (lo: number, hi: number): Domain => ({ x: [lo, hi], y: [-1, 1] });

/** The figure presets with their sections, in chapter order. */
export const FIGURE_PRESET_SPECS: readonly (FigurePresetSpec & { id: string; section: string })[] =
  [
    {
      id: 'secant-x2',
      section: '§1 What is a derivative? The limit',
      kind: 'secant',
      title: 'From secant to tangent on x²',
      caption:
        'The line through x = 3 and x = 3 + h has slope ((3 + h)² − 9)/h = 6 + h: 7 for h = 1. Play and h shrinks to 0, the line turns into the tangent and its slope settles on 6, the derivative at 3. Drag h below zero and the slope comes to 6 from under.',
      figure: { f: 'x^2', x0: 3, h: 1 },
      domain: X_RANGE(0, 5),
      timeline: { speed: 15 },
    },
    {
      id: 'rules-product',
      section: '§2 The rules: product rule',
      kind: 'derivatives',
      title: 'The product rule on x·eˣ',
      caption:
        'By the product rule the slope of x·eˣ is eˣ + x·eˣ = (1 + x)·eˣ. It is zero only at x = −1, where f has its lowest value, −1/e ≈ −0.368: the critical point lines up on both graphs.',
      figure: { f: 'x*exp(x)', x0: -1, second: false },
      domain: X_RANGE(-4, 1),
      timeline: { position: 60, speed: 20 },
    },
    {
      id: 'rules-exp',
      section: '§2 The rules: eˣ',
      kind: 'derivatives',
      title: 'eˣ is its own slope',
      caption:
        'The slope of eˣ at every x equals the height of eˣ there, so the graph of f′ lies exactly on the graph of f: at x = 0 both are 1, at x = 1 both are e ≈ 2.718.',
      figure: { f: 'exp(x)', x0: 0, second: false },
      domain: X_RANGE(-3, 2),
      timeline: { position: 60, speed: 20 },
    },
    {
      id: 'rules-log',
      section: '§2 The rules: ln x',
      kind: 'derivatives',
      title: 'The slope of ln x is 1/x',
      caption:
        'ln x climbs ever more slowly: its slope 1/x is 1 at x = 1, ½ at x = 2 and ¼ at x = 4. That simple derivative is why losses built from −log are easy to differentiate.',
      figure: { f: 'log(x)', x0: 1, second: false },
      domain: X_RANGE(0.2, 4.2),
      timeline: { position: 20, speed: 20 },
    },
    {
      id: 'rules-critical',
      section: '§2 The rules: critical points',
      kind: 'derivatives',
      title: 'Critical points of x³ − 3x',
      caption:
        'f′(x) = 3x² − 3 is zero at x = −1 and x = 1: a peak (f = 2, where f″ = −6 < 0) and a valley (f = −2, where f″ = 6 > 0). Where the slope crosses zero the curve turns.',
      figure: { f: 'x^3 - 3*x', x0: 1, second: true },
      domain: X_RANGE(-2.2, 2.2),
      timeline: { position: 50, speed: 20 },
    },
    {
      id: 'chain-3x-plus-1',
      section: '§3 The chain rule',
      kind: 'graph',
      title: 'Back-propagation through (3x + 1)²',
      caption:
        'Forward at x = 1: 3x + 1 = 4, squared 16. Backward from the output’s 1: the square passes back 2·4 = 8, the product with 3 passes back 8·3 = 24. So f′(1) = 24, as 18x + 6 confirms.',
      figure: { f: '(3x + 1)^2', at: [1] },
      timeline: { speed: 1.5 },
    },
    {
      id: 'chain-fork',
      section: '§3 The chain rule: a fork',
      kind: 'graph',
      title: 'Gradients add where a value fans out',
      caption:
        'a = 2 feeds two branches, a² and 3a, which add up to L. Coming back, the square sends 2a = 4 and the product sends 3; both arrive at a and are summed: dL/da = 4 + 3 = 7.',
      figure: { f: 'a^2 + 3a', at: [2] },
      timeline: { speed: 1.5 },
    },
    {
      id: 'chain-sigmoid',
      section: '§3 The chain rule: through a sigmoid',
      kind: 'graph',
      title: 'Back-propagation through a sigmoid',
      caption:
        'Forward at z = 2: σ(2) = 0.8808. Coming back, the sigmoid multiplies the gradient by its slope σ(1 − σ) = 0.8808 × 0.1192 = 0.105, using only the value the forward pass already found.',
      figure: { f: 'sigmoid(z)', at: [2] },
      timeline: { speed: 1.5 },
    },
    {
      id: 'sigmoid-slope',
      section: '§3 Sigmoid and its slope',
      kind: 'activations',
      title: 'The sigmoid’s slope reuses its value',
      caption:
        'At z = 2 the sigmoid is σ = 0.8808, and its slope is σ(1 − σ) = 0.8808 × 0.1192 = 0.105: the derivative needs nothing but the value already computed.',
      figure: { activation: 'sigmoid', x0: 2, depth: 5 },
      domain: X_RANGE(-6, 6),
      timeline: { position: 5, speed: 2 },
    },
    {
      id: 'activations',
      section: '§3 Activations and their derivatives',
      kind: 'activations',
      title: 'Five activations and their slopes',
      caption:
        'Sigmoid, tanh, ReLU, leaky ReLU and GELU with their derivatives. ReLU has a kink at 0: its slope jumps from 0 to 1, any value in [0, 1] is a valid subgradient there, and frameworks use 0.',
      figure: { activation: 'relu', x0: 0, depth: 5 },
      domain: X_RANGE(-4, 4),
      timeline: { position: 5, speed: 2 },
    },
    {
      id: 'vanishing-sigmoid',
      section: '§3 Vanishing gradients',
      kind: 'activations',
      title: 'Stacked sigmoids shrink the gradient',
      caption:
        'A sigmoid passes back at most a quarter of the gradient (its slope peaks at 0.25), so n layers pass at most 0.25ⁿ: 1/16 for 2 layers, 1/256 for 4, 1/1024 ≈ 0.00098 for 5. ReLU’s live half passes 1ⁿ = 1.',
      figure: { activation: 'sigmoid', x0: 0, depth: 5 },
      domain: X_RANGE(-6, 6),
      timeline: { position: 5, speed: 1 },
    },
    {
      id: 'jacobian-x2-xy',
      section: '§8 The Jacobian',
      kind: 'jacobian',
      title: 'The Jacobian of [x², xy] as a map',
      caption:
        'F = [x², xy] bends the grid. At (1, 2) its Jacobian is [[2, 0], [2, 1]]: a small square maps to almost exactly the parallelogram J·square, with det J = 2, twice the area. Play and the square shrinks: the true image and the linear one become one.',
      figure: { f: 'x^2', g: 'x*y', at: [1, 2] },
      domain: { x: [0, 2], y: [1, 3] },
      timeline: { speed: 15 },
    },
    {
      id: 'integral-x2',
      section: '§9 The integral as area',
      kind: 'integral',
      title: 'Area under x² from 0 to 3',
      caption:
        'Six midpoint slices give 8.9375 against the exact area 3³/3 = 9. Play and the slices multiply: the sum closes in on 9, the midpoint and trapezoid errors shrinking with 1/n².',
      figure: { f: 'x^2', a: 0, b: 3, n: 6, rule: 'mid' },
      domain: X_RANGE(-0.5, 3.5),
      timeline: { position: 5, speed: 2 },
    },
    {
      id: 'integral-density',
      section: '§9 Integral: area under a density',
      kind: 'integral',
      title: 'Probability as area under a density',
      caption:
        'The standard normal density has total area 1; the area between −1 and 1, 0.6827, is the probability of landing within one standard deviation. No antiderivative exists in closed form, so the exact value comes from adaptive quadrature.',
      figure: { f: 'exp(-x^2/2)/sqrt(2*pi)', a: -1, b: 1, n: 10, rule: 'trapezoid' },
      domain: X_RANGE(-4, 4),
      timeline: { position: 9, speed: 2 },
    },
  ];
