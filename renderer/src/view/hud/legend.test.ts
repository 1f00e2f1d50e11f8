import { describe, expect, it } from 'vitest';
import { defaultRun } from '../../../../shared/scene/document.ts';
import { legendLabel } from './legend.ts';

function run(name: string, lr: number, start = [2.5, 2]) {
  return { ...defaultRun(0, start, { lr }), name };
}

describe('legendLabel of a run', () => {
  it.each([
    // Names that quote η through {lr} always state the current η, once.
    ['η = {lr}', 0.1, 'η = 0.1'],
    ['η = {lr}', 0.126, 'η = 0.126'],
    ['{optimizer} η = {lr}', 1.1, 'GD η = 1.1'],
    // Other names get the current η appended.
    ['Start {start}', 0.01, 'Start (2.5, 2) · η = 0.01'],
    ['Run 1', 0.1, 'Run 1 · η = 0.1'],
    // Fixed text that quotes η: kept while it is true, contradicted by the suffix otherwise.
    ['η = 0.1', 0.1, 'η = 0.1'],
    ['η = 0.1', 1.1, 'η = 0.1 · η = 1.1'],
    ['η = 0.1', 0.15, 'η = 0.1 · η = 0.15'],
    ['GD η=0.5', 0.5, 'GD η=0.5'],
    ['big', 1e21, 'big · η = 1e21'],
  ])('%j with η %d → %j', (name, lr, label) => expect(legendLabel(run(name, lr))).toBe(label));

  it('never repeats η after a drag of a templated name', () => {
    for (const lr of [0.0001, 0.00123, 0.126, 0.5, 1.1, 9.99]) {
      const label = legendLabel(run('η = {lr}', lr));
      expect(label.match(/η/g)).toHaveLength(1);
    }
  });
});

describe('legendLabel of a fixed name', () => {
  it.each([
    ['η = 0.1', 0.1, 'η = 0.1'],
    ['η = 0.1', 1.1, 'η = 0.1 · η = 1.1'],
    ['Run 1', 0.1, 'Run 1 · η = 0.1'],
  ])('%j with η %d → %j', (name, lr, label) => expect(legendLabel(name, lr)).toBe(label));
});
