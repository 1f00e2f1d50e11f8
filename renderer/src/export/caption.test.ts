import { describe, expect, it } from 'vitest';
import { captionBand, prettyFormula } from './caption.ts';
import type { CaptionContent } from './caption.ts';

const content = (formula: string | null, runs: number): CaptionContent => ({
  formula,
  legend: Array.from({ length: runs }, (_, i) => ({
    color: '#0072b2',
    label: `Run ${i + 1}`,
    diverged: false,
  })),
  theme: 'light',
});

describe('prettyFormula', () => {
  it('writes the typed syntax as a slide would', () => {
    expect(prettyFormula('x^2 + 3 * x * y - 1')).toBe('x² + 3·x·y − 1');
    expect(prettyFormula('-x^12')).toBe('−x¹²');
  });
});

describe('captionBand', () => {
  it('reaches below the formula, or below a taller legend', () => {
    const formulaOnly = captionBand(content('f(x) = x²', 0));
    const oneRun = captionBand(content('f(x) = x²', 1));
    const fourRuns = captionBand(content('f(x) = x²', 4));
    expect(formulaOnly).toBeGreaterThan(42);
    expect(oneRun).toBeGreaterThanOrEqual(formulaOnly);
    expect(fourRuns).toBeGreaterThan(oneRun + 50);
    expect(captionBand(content(null, 0))).toBeLessThan(10);
  });
});
