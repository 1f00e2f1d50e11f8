import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/index.ts';
import { compileIntegrand } from '../integrate/index.ts';
import { ExpressionError } from './errors.ts';
import { compileExpression } from './index.ts';
import { isValidVariableName } from './parse.ts';

const at = (source: string, x: number): number =>
  compileExpression(source).value(new Float64Array([x]));

describe('ln is the natural log, as log', () => {
  it('has the same values, derivatives and TeX as log', () => {
    const ln = compileExpression('ln(x) * x');
    const log = compileExpression('log(x) * x');
    for (const x of [0.3, 1, 2, Math.E, 7.5]) {
      expect(at('ln(x)', x)).toBe(Math.log(x));
      expect(ln.value(new Float64Array([x]))).toBe(log.value(new Float64Array([x])));
    }
    expect(ln.derivatives.gradient).toEqual(log.derivatives.gradient);
    expect(ln.latex).toBe(log.latex);
    expect(ln.latex).toContain('\\ln');
  });

  it('integrates and builds graphs as log does', () => {
    expect(compileIntegrand('1/x + ln(x)').antiderivative).toBe(
      compileIntegrand('1/x + log(x)').antiderivative,
    );
    const graph = buildGraph('ln(x^2)');
    expect(graph.nodes.map((n) => n.label)).toEqual(
      buildGraph('log(x^2)').nodes.map((n) => n.label),
    );
  });

  it('is a function name: not a variable, one argument, called with brackets', () => {
    expect(isValidVariableName('ln')).toBe(false);
    expect(() => compileExpression('ln(x, 2)')).toThrow(
      /ln takes exactly 1 argument, got 2 \(natural log/,
    );
    expect(() => compileExpression('ln + x')).toThrow(ExpressionError);
    expect(() => compileExpression('ln + x')).toThrow(/'ln' is a function: write ln\(…\)/);
    // A longer name that starts with ln is still a variable.
    expect(compileExpression('lnx + 1').variables).toEqual(['lnx']);
  });
});
