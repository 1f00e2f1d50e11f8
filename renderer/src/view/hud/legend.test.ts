import { describe, expect, it } from 'vitest';
import { legendLabel } from './legend.ts';

describe('legendLabel', () => {
  it.each([
    ['η = 0.1', 0.1, 'η = 0.1'],
    ['η = 0.1', 1.1, 'η = 0.1 · η = 1.1'],
    ['η = 0.1', 0.15, 'η = 0.1 · η = 0.15'],
    ['GD η=0.5', 0.5, 'GD η=0.5'],
    ['Run 1', 0.1, 'Run 1 · η = 0.1'],
    ['big', 1e21, 'big · η = 1e+21'],
  ])('%j with η %d → %j', (name, lr, label) => expect(legendLabel(name, lr)).toBe(label));
});
