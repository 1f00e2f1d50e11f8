/** Run names with placeholders: the expander, number by number and placeholder by placeholder. */
import { describe, expect, it } from 'vitest';
import { defaultRun } from './document.ts';
import type { RunDoc } from './document.ts';
import {
  FOLLOWING_NAME,
  formatLabelNumber,
  isTemplateName,
  nameShowsLr,
  OPTIMIZER_SHORT_NAMES,
  optimizerLabel,
  RUN_NAME_PLACEHOLDERS,
  runLabel,
} from './runName.ts';
import { OPTIMIZER_KINDS } from '../types.ts';
import type { OptimizerParams } from '../types.ts';

function runWith(name: string, params: Partial<OptimizerParams> = {}, start = [3]): RunDoc {
  return { ...defaultRun(0, start, params), name };
}

describe('formatLabelNumber', () => {
  it.each([
    [0.1, '0.1'],
    [0.5, '0.5'],
    [1.1, '1.1'],
    [0.126, '0.126'],
    [0.05, '0.05'],
    [3, '3'],
    [10, '10'],
    [0.123456, '0.1235'],
    [1.23456, '1.235'],
    [12345, '12350'],
    [0.0001, '0.0001'],
    [0.00012346, '0.0001235'],
    [0.9, '0.9'],
    [0.999, '0.999'],
    [0.99995, '1'],
    [-0.3, '−0.3'],
    [-3.5, '−3.5'],
    [-0, '0'],
    [0, '0'],
    [1e-7, '1e−7'],
    [1.5e-7, '1.5e−7'],
    [-2.5e-5, '−2.5e−5'],
    [2e8, '2e8'],
    [123456789, '1.235e8'],
    [Infinity, '∞'],
    [-Infinity, '−∞'],
  ])('%d reads %j', (value, text) => expect(formatLabelNumber(value)).toBe(text));

  it('never leaves trailing zeros or an ASCII minus', () => {
    for (let v = -50; v <= 50; v += 0.37) {
      const text = formatLabelNumber(v);
      expect(text).not.toMatch(/-/);
      expect(text).not.toMatch(/\.\d*0$/);
      expect(Number(text.replace('−', '-'))).toBeCloseTo(v, 1);
    }
  });
});

describe('runLabel', () => {
  it.each<[string, Partial<OptimizerParams>, number[], string]>([
    ['η = {lr}', { lr: 0.1 }, [3], 'η = 0.1'],
    ['η = {lr}', { lr: 0.126 }, [3], 'η = 0.126'],
    ['{optimizer} η = {lr}', { lr: 0.001 }, [3], 'GD η = 0.001'],
    ['{optimizer} η = {lr}', { kind: 'adam', lr: 0.1 }, [3], 'Adam η = 0.1'],
    ['Momentum β = {momentum}', { kind: 'momentum', momentum: 0.9 }, [3], 'Momentum β = 0.9'],
    [
      'SGD η = {lr}, σ = {noise}',
      { kind: 'sgd', lr: 0.005, noise: 3 },
      [3],
      'SGD η = 0.005, σ = 3',
    ],
    [
      'Warm-up {warmup} + cosine, peak η = {lr}',
      { lr: 0.05, schedule: { ...defaultRun(0, [0]).params.schedule, warmup: 10 } },
      [3],
      'Warm-up 10 + cosine, peak η = 0.05',
    ],
    ['Start {start}', {}, [2.5, 0.05], 'Start (2.5, 0.05)'],
    ['Start {start}', {}, [-0.3, 1.5], 'Start (−0.3, 1.5)'],
    ['Start {start}', {}, [3], 'Start 3'],
    ['x = {x0}', {}, [3], 'x = 3'],
    ['from ({x0}, {y0})', {}, [-1, 2], 'from (−1, 2)'],
    ['{steps} steps', {}, [3], '100 steps'],
    ['clip {clip}', { clip: null }, [3], 'clip off'],
    ['seed {seed}', { seed: 42 }, [3], 'seed 42'],
    ['β₁ {beta1}, β₂ {beta2}', {}, [3], 'β₁ 0.9, β₂ 0.999'],
  ])('%j with %j from %j → %j', (name, params, start, label) => {
    expect(runLabel(runWith(name, params, start))).toBe(label);
  });

  it('leaves literal names, unknown placeholders and stray braces alone', () => {
    expect(runLabel(runWith('My run'))).toBe('My run');
    expect(runLabel(runWith('η = 0.1'))).toBe('η = 0.1');
    expect(runLabel(runWith('{foo} and {lr'))).toBe('{foo} and {lr');
    expect(runLabel(runWith(''))).toBe('');
  });

  it('has a short name for every optimizer', () => {
    expect(OPTIMIZER_KINDS.map((k) => OPTIMIZER_SHORT_NAMES[k])).toEqual([
      'GD',
      'SGD',
      'Momentum',
      'Nesterov',
      'AdaGrad',
      'RMSProp',
      'Adam',
    ]);
  });

  it('expands every documented placeholder to something without braces', () => {
    const run = runWith(RUN_NAME_PLACEHOLDERS.map((p) => `{${p}}`).join(' '), {}, [1, 2]);
    expect(runLabel(run)).not.toMatch(/[{}]/);
  });
});

describe('{optimizer} on minibatches', () => {
  const withBatch = (run: RunDoc, batch: number | undefined): RunDoc =>
    batch === undefined ? run : { ...run, batch };

  it.each<[string, Partial<OptimizerParams>, number | undefined, string]>([
    // Plain GD on sampled minibatches is stochastic gradient descent.
    ['{optimizer} η = {lr}', { lr: 0.1 }, 8, 'SGD η = 0.1'],
    ['{optimizer} η = {lr}', { lr: 0.1 }, 1, 'SGD η = 0.1'],
    ['{optimizer} η = {lr}, batch {batch}', { lr: 1 }, 16, 'SGD η = 1, batch 16'],
    // Without a batch size every step uses all the data: still GD.
    ['{optimizer} η = {lr}', { lr: 0.1 }, undefined, 'GD η = 0.1'],
    ['{optimizer} η = {lr}, batch {batch}', { lr: 1 }, undefined, 'GD η = 1, batch full'],
    // Other optimizers keep their own names on minibatches.
    ['{optimizer} η = {lr}', { kind: 'sgd', lr: 0.1 }, 8, 'SGD η = 0.1'],
    ['{optimizer} η = {lr}', { kind: 'adam', lr: 0.01 }, 8, 'Adam η = 0.01'],
    ['{optimizer} β = {momentum}', { kind: 'momentum' }, 4, 'Momentum β = 0.9'],
  ])('%j with %j, batch %j → %j', (name, params, batch, label) => {
    expect(runLabel(withBatch(runWith(name, params, [1, 2]), batch))).toBe(label);
  });

  it('changes only plain GD, and only while a batch size is set', () => {
    for (const kind of OPTIMIZER_KINDS) {
      const run = runWith('{optimizer}', { kind }, [1, 2]);
      expect(optimizerLabel(run)).toBe(OPTIMIZER_SHORT_NAMES[kind]);
      expect(optimizerLabel({ ...run, batch: 8 })).toBe(
        kind === 'gd' ? 'SGD' : OPTIMIZER_SHORT_NAMES[kind],
      );
      expect(runLabel({ ...run, batch: 8 })).toBe(optimizerLabel({ ...run, batch: 8 }));
    }
  });

  it('the following name of a cleared minibatch GD run says SGD', () => {
    const run = { ...runWith(FOLLOWING_NAME, { lr: 0.05 }, [1, 2]), batch: 32 };
    expect(runLabel(run)).toBe('SGD η = 0.05');
    // Back to the full batch: the label says GD again.
    const { batch: _dropped, ...full } = run;
    expect(runLabel(full)).toBe('GD η = 0.05');
  });
});

describe('template names', () => {
  it.each([
    ['η = {lr}', true, true],
    ['Start {start}', true, false],
    [FOLLOWING_NAME, true, true],
    ['η = 0.1', false, false],
    ['{foo}', false, false],
  ])('%j: follows %s, quotes η %s', (name, template, lr) => {
    expect(isTemplateName(name)).toBe(template);
    expect(nameShowsLr(name)).toBe(lr);
  });
});
