import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, nextGaussian } from '../optim/rng.ts';
import { blobs, datasetFromJson, moons, noisyLine, type Dataset } from './data.ts';
import { modelProblem, newtonMinimum } from './problem.ts';
import {
  fullLossObjective,
  linearClosedForm,
  linearModel,
  logisticModel,
  mlpFilters,
  mlpInit,
  mlpLayout,
  mlpModel,
  modelFilters,
  type Model,
} from './models.ts';

/** Central finite difference of the model's loss on the same minibatch. */
function numericGradient(
  model: Model,
  theta: Float64Array,
  data: Dataset,
  idx?: Uint32Array,
): Float64Array {
  const g = new Float64Array(model.dim);
  const p = Float64Array.from(theta);
  for (let q = 0; q < model.dim; q++) {
    const h = 1e-6 * Math.max(1, Math.abs(theta[q] as number));
    p[q] = (theta[q] as number) + h;
    const up = model.loss(p, data, idx);
    p[q] = (theta[q] as number) - h;
    const down = model.loss(p, data, idx);
    p[q] = theta[q] as number;
    g[q] = (up - down) / (2 * h);
  }
  return g;
}

function expectGradientMatches(
  model: Model,
  theta: Float64Array,
  data: Dataset,
  idx?: Uint32Array,
) {
  const g = new Float64Array(model.dim);
  const f = model.lossAndGradient(theta, data, g, idx);
  expect(f).toBeCloseTo(model.loss(theta, data, idx), 12);
  const fd = numericGradient(model, theta, data, idx);
  for (let q = 0; q < model.dim; q++) {
    expect(Math.abs((g[q] as number) - (fd[q] as number))).toBeLessThan(
      1e-6 * (1 + Math.abs(g[q] as number)),
    );
  }
}

const line = noisyLine({ n: 40, seed: 2 });
const blob = blobs({ n: 40, seed: 2 });
const moon = moons({ n: 40, seed: 2, noise: 0.2 });

const thetaArb = (dim: number) =>
  fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: dim, maxLength: dim });
const batchArb = (n: number) =>
  fc.option(fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }), {
    nil: undefined,
  });

describe('analytic gradients match central differences', () => {
  const cases: [string, Model, Dataset][] = [
    ['linear', linearModel(), line],
    ['logistic', logisticModel(), blob],
    ['mlp tanh', mlpModel({ hidden: 5 }), moon],
    ['linear, 2 features', linearModel(2), moon],
  ];
  for (const [name, model, data] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(thetaArb(model.dim), batchArb(data.y.length), (theta, batch) => {
          expectGradientMatches(
            model,
            Float64Array.from(theta),
            data,
            batch ? Uint32Array.from(batch) : undefined,
          );
        }),
        { numRuns: 60 },
      );
    });
  }

  it('mlp relu (away from kinks)', () => {
    const model = mlpModel({ hidden: 4, activation: 'relu' });
    const L = mlpLayout(4);
    fc.assert(
      fc.property(fc.integer(), batchArb(40), (seed, batch) => {
        // Gaussian θ: fast-check's doubles favour exact zeros, which put units on their kink.
        const rng = createRng(seed);
        const theta = Array.from({ length: model.dim }, () => nextGaussian(rng));
        const idx = batch ? Uint32Array.from(batch) : undefined;
        // Skip draws where a pre-activation sits within the finite-difference step of 0.
        let nearest = Infinity;
        for (let t = 0; t < (idx ? idx.length : 40); t++) {
          const i = idx ? (idx[t] as number) : t;
          for (let j = 0; j < 4; j++) {
            const a =
              (theta[L.b1 + j] as number) +
              (theta[2 * j] as number) * (moon.x[2 * i] as number) +
              (theta[2 * j + 1] as number) * (moon.x[2 * i + 1] as number);
            nearest = Math.min(nearest, Math.abs(a));
          }
        }
        fc.pre(nearest > 1e-4);
        expectGradientMatches(model, Float64Array.from(theta), moon, idx);
      }),
      { numRuns: 60 },
    );
  });

  it('minibatch loss is the mean over the chosen points (count limits idx)', () => {
    const model = logisticModel();
    const theta = [0.3, -0.7];
    const idx = Uint32Array.from([5, 9, 9, 1]);
    const each = [5, 9, 9].map((i) => model.loss(theta, blob, [i]));
    expect(model.loss(theta, blob, idx, 3)).toBeCloseTo((each[0]! + each[1]! + each[2]!) / 3, 14);
    expect(() => model.loss(theta, blob, idx, 0)).toThrow(RangeError);
    expect(() => model.loss(theta, blob, idx, 5)).toThrow(RangeError);
    expect(() => model.loss(theta, line)).toThrow(/expects 2 feature/);
  });
});

describe('linear regression', () => {
  it('the closed form is a stationary point and a minimum', () => {
    const model = linearModel();
    const { theta, loss } = linearClosedForm(line);
    const g = new Float64Array(2);
    expect(model.lossAndGradient(theta, line, g)).toBeCloseTo(loss, 14);
    expect(Math.hypot(g[0] as number, g[1] as number)).toBeLessThan(1e-10);
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (dw, db) => {
          expect(model.loss([theta[0]! + dw, theta[1]! + db], line)).toBeGreaterThanOrEqual(
            loss - 1e-12,
          );
        },
      ),
    );
  });

  it('solves several features and refuses a singular system', () => {
    // y = 1·x1 − 2·x2 + 3 exactly.
    const x = Float64Array.from([0, 0, 1, 0, 0, 1, 2, 3, -1, 4]);
    const y = new Float64Array(5);
    for (let i = 0; i < 5; i++) y[i] = x[2 * i]! - 2 * x[2 * i + 1]! + 3;
    const fit = linearClosedForm({ name: 't', task: 'regression', features: 2, x, y });
    expect(Array.from(fit.theta).map((v) => Number(v.toFixed(10)))).toEqual([1, -2, 3]);
    expect(fit.loss).toBeLessThan(1e-20);
    const flat = { name: 'flat', task: 'regression' as const, features: 1 };
    expect(() =>
      linearClosedForm({
        ...flat,
        x: Float64Array.from([2, 2, 2]),
        y: Float64Array.from([1, 2, 3]),
      }),
    ).toThrow(/collinear or constant/);
  });
});

describe('logistic regression', () => {
  // Two points: x = (1, 0) with y = 1 and x = (0, 1) with y = 0.
  const tiny: Dataset = {
    name: 'tiny',
    task: 'classification',
    features: 2,
    x: Float64Array.from([1, 0, 0, 1]),
    y: Float64Array.from([1, 0]),
  };
  const model = logisticModel();

  it('matches a hand computation', () => {
    const g = new Float64Array(2);
    // θ = (0, 0): both z = 0, p = ½, each loss ln 2 → mean ln 2 = 0.6931471805599453.
    // ∇ = ½[(½ − 1)(1, 0) + (½ − 0)(0, 1)] = (−0.25, 0.25).
    expect(model.lossAndGradient([0, 0], tiny, g)).toBeCloseTo(0.6931471805599453, 15);
    expect(Array.from(g)).toEqual([-0.25, 0.25]);
    // θ = (ln 3, 0): z1 = ln 3, p1 = 3/(3 + 1) = 0.75, loss1 = −ln 0.75 = ln(4/3);
    // z2 = 0, loss2 = ln 2; mean = ln(8/3)/2 = 0.4904146265058631.
    // ∇ = ½[(0.75 − 1)(1, 0) + (0.5 − 0)(0, 1)] = (−0.125, 0.25).
    expect(model.lossAndGradient([Math.log(3), 0], tiny, g)).toBeCloseTo(0.4904146265058631, 14);
    expect(g[0]).toBeCloseTo(-0.125, 14);
    expect(g[1]).toBeCloseTo(0.25, 14);
  });

  it('stays finite at huge |z|', () => {
    const g = new Float64Array(2);
    // z1 = 1e6 with y = 1: loss 0; z2 = −1e6 with y = 0: loss 0.
    expect(model.lossAndGradient([1e6, -1e6], tiny, g)).toBe(0);
    expect(Array.from(g)).toEqual([0, 0]);
    // Wrong side: loss = |z| per point, gradient ±½.
    expect(model.lossAndGradient([-1e6, 1e6], tiny, g)).toBe(1e6);
    expect(Array.from(g)).toEqual([-0.5, 0.5]);
    for (const z of [1e300, -1e300, 800, -800]) {
      expect(Number.isFinite(model.loss([z, z], tiny))).toBe(true);
      model.lossAndGradient([z, -z], tiny, g);
      expect(Number.isFinite(g[0]!) && Number.isFinite(g[1]!)).toBe(true);
    }
    const mlp = mlpModel({ hidden: 3 });
    const big = new Float64Array(mlp.dim).fill(1e200);
    const gm = new Float64Array(mlp.dim);
    expect(Number.isFinite(mlp.lossAndGradient(big, tiny, gm))).toBe(true);
    expect(gm.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('mlp', () => {
  it('has the documented layout and names', () => {
    const m = mlpModel({ hidden: 3 });
    expect(m.dim).toBe(3 * 2 + 3 + 3 + 1);
    expect(m.paramNames.slice(0, 2)).toEqual(['W1[1,1]', 'W1[1,2]']);
    expect(m.paramNames[6]).toBe('b1[1]');
    expect(m.paramNames[9]).toBe('W2[1]');
    expect(m.paramNames[12]).toBe('b2');
    expect(mlpModel().dim).toBe(33);
  });

  it('computes the forward pass by hand for one unit', () => {
    // H = 1: z = W2·tanh(W1·x + b1) + b2 with W1 = (1, 2), b1 = 0.5, W2 = 3, b2 = −1, x = (1, 0).
    const m = mlpModel({ hidden: 1 });
    const data: Dataset = {
      name: 'one',
      task: 'classification',
      features: 2,
      x: Float64Array.from([1, 0]),
      y: Float64Array.from([1]),
    };
    const z = 3 * Math.tanh(1.5) - 1;
    expect(m.loss([1, 2, 0.5, 3, -1], data)).toBeCloseTo(Math.log1p(Math.exp(-z)), 14);
  });

  it('mlpInit is seeded, scaled and leaves biases at 0', () => {
    const a = mlpInit(8, 1);
    expect(a).toEqual(mlpInit(8, 1));
    expect(a).not.toEqual(mlpInit(8, 2));
    const L = mlpLayout(8);
    for (let q = L.b1; q < L.w2; q++) expect(a[q]).toBe(0);
    expect(a[L.b2]).toBe(0);
    const big = mlpInit(2000, 3, 'relu');
    let s = 0;
    for (let q = 0; q < 4000; q++) s += big[q]! ** 2;
    expect(s / 4000).toBeCloseTo(1, 1); // He: variance 2/d = 1 for d = 2
  });

  it('mlpFilters: one filter per neuron, every parameter exactly once', () => {
    for (const H of [1, 3, 8]) {
      const filters = mlpFilters(H);
      expect(filters.length).toBe(H + 1);
      const all = filters.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 4 * H + 1 }, (_, i) => i));
      const L = mlpLayout(H);
      expect(filters[0]).toEqual([0, 1, L.b1]);
      expect(filters[H]).toContain(L.b2);
    }
    expect(modelFilters(linearModel())).toEqual([[0, 1]]);
    expect(modelFilters(mlpModel({ hidden: 2 }))).toEqual(mlpFilters(2));
  });
});

describe('fullLossObjective', () => {
  it('agrees with the model and has the exact Hessian', () => {
    for (const [model, data] of [
      [linearModel(), line],
      [logisticModel(), blob],
    ] as const) {
      const obj = fullLossObjective(model, data);
      expect(obj.dim).toBe(2);
      expect(obj.variables).toEqual(model.paramNames);
      fc.assert(
        fc.property(thetaArb(2), (theta) => {
          // Linear regression's objective sums centred moments, not points: equal to rounding.
          const loss = model.loss(theta, data);
          expect(Math.abs(obj.value(theta) - loss)).toBeLessThanOrEqual(1e-12 * (1 + loss));
          const g = new Float64Array(2);
          obj.gradient(theta, g);
          const ref = new Float64Array(2);
          model.lossAndGradient(theta, data, ref);
          for (let i = 0; i < 2; i++) {
            expect(Math.abs(g[i]! - ref[i]!)).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(ref[i]!)));
          }
          const h = new Float64Array(4);
          obj.hessian(theta, h);
          expect(h[1]).toBe(h[2]);
          // Columns of the Hessian by central differences of the gradient.
          const e = 1e-5;
          for (let c = 0; c < 2; c++) {
            const up = [...theta];
            const down = [...theta];
            up[c] = up[c]! + e;
            down[c] = down[c]! - e;
            const gu = new Float64Array(2);
            const gd = new Float64Array(2);
            obj.gradient(up, gu);
            obj.gradient(down, gd);
            for (let r = 0; r < 2; r++) {
              const fd = (gu[r]! - gd[r]!) / (2 * e);
              expect(Math.abs(h[r * 2 + c]! - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
            }
          }
          expect(obj.isKink(theta)).toBe(false);
        }),
        { numRuns: 30 },
      );
    }
  });

  it('refuses models that are not 2-parameter', () => {
    expect(() => fullLossObjective(mlpModel(), moon)).toThrow(RangeError);
    expect(() => fullLossObjective(linearModel(2), moon)).toThrow(/has 3/);
  });
});

describe('logistic regression: the marked minimum', () => {
  it('is where the gradient vanishes for overlapping blobs (the preset: (1.89, 1.21), loss 0.189)', () => {
    const problem = modelProblem({
      kind: 'model',
      model: 'logistic',
      data: { kind: 'builtin', name: 'blobs', n: 200, seed: 1, noise: 1.2 },
    });
    const [m] = problem.minima;
    expect(m!.point.map((v) => v.toFixed(2))).toEqual(['1.89', '1.21']);
    expect(m!.value.toFixed(3)).toBe('0.189');
    const g = new Float64Array(2);
    problem.objective.gradient(Float64Array.from(m!.point), g);
    expect(Math.hypot(g[0]!, g[1]!)).toBeLessThan(1e-10);
    // Separable classes have no finite minimum: nothing is marked.
    const separable = datasetFromJson({
      name: 's',
      task: 'classification',
      features: 2,
      x: [
        [1, 1],
        [2, 1],
        [-1, -1],
        [-2, -1],
      ],
      y: [1, 1, 0, 0],
    });
    expect(newtonMinimum(fullLossObjective(logisticModel(2), separable))).toBeNull();
  });
});
