import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError } from '../expr/index.ts';
import { jacobian, splitTopLevel } from './jacobian.ts';

/** Runs f and returns the ExpressionError it throws (fails the test if it throws anything else). */
function expressionError(f: () => unknown): ExpressionError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error('expected an ExpressionError');
}

/** Evaluates a symbolic entry by compiling it over the same variables. */
function evalText(text: string, variables: readonly string[], at: readonly number[]): number {
  return compileExpression(text, { variables }).value(at);
}

describe('splitTopLevel', () => {
  it('splits only at commas outside brackets and keeps offsets', () => {
    expect(splitTopLevel('max(x,y), x*y')).toEqual([
      { text: 'max(x,y)', start: 0 },
      { text: ' x*y', start: 9 },
    ]);
    expect(splitTopLevel('x')).toEqual([{ text: 'x', start: 0 }]);
    expect(splitTopLevel('min(max(x, y), 1),[1,2],{a,b}').map((p) => p.text)).toEqual([
      'min(max(x, y), 1)',
      '[1,2]',
      '{a,b}',
    ]);
    expect(splitTopLevel('a,,b')).toEqual([
      { text: 'a', start: 0 },
      { text: '', start: 2 },
      { text: 'b', start: 3 },
    ]);
    // A stray closing bracket does not swallow later commas.
    expect(splitTopLevel('x), y').map((p) => p.text)).toEqual(['x)', ' y']);
  });
});

describe('jacobian', () => {
  it('"x^2, x*y" at (1, 2) = [[2, 0], [2, 1]] with sensible symbolic entries', () => {
    const j = jacobian('x^2, x*y', [1, 2]);
    expect(j.variables).toEqual(['x', 'y']);
    expect(j.rows).toEqual([
      [2, 0],
      [2, 1],
    ]);
    expect(j.symbolic).toHaveLength(2);
    expect(j.symbolic[0]).toHaveLength(2);
    expect(j.symbolic[0]?.[1]).toBe('0');
    expect(j.symbolic[1]).toEqual(['y', 'x']);
    // Every symbolic entry evaluates to the numeric one, here and elsewhere.
    for (const at of [
      [1, 2],
      [-0.5, 3],
    ]) {
      const num = jacobian('x^2, x*y', at).rows;
      for (const [i, row] of j.symbolic.entries()) {
        for (const [k, text] of row.entries()) {
          expect(evalText(text, j.variables, at)).toBeCloseTo(num[i]?.[k] ?? NaN, 12);
        }
      }
    }
  });

  it('accepts an array of components', () => {
    expect(jacobian(['x^2', 'x*y'], [1, 2]).rows).toEqual([
      [2, 0],
      [2, 1],
    ]);
  });

  it('splits at top-level commas only: max(x,y) is one component', () => {
    const j = jacobian('max(x,y), x*y', [1, 2]);
    expect(j.rows).toHaveLength(2);
    // max(x, y) at (1, 2) follows y.
    expect(j.rows[0]).toEqual([0, 1]);
    expect(j.rows[1]).toEqual([2, 1]);
  });

  it('orders the union of free symbols x before y, whatever order they appear in', () => {
    const j = jacobian('y^2, x', [3, 5]);
    expect(j.variables).toEqual(['x', 'y']);
    expect(j.rows).toEqual([
      [0, 10],
      [1, 0],
    ]);
    expect(jacobian('w*b, b', [2, 3]).variables).toEqual(['b', 'w']);
  });

  it('single-variable and constant components', () => {
    const j = jacobian('x^3, 2*x, 7', [2]);
    expect(j.variables).toEqual(['x']);
    expect(j.rows).toEqual([[12], [2], [0]]);
    expect(j.symbolic[2]).toEqual(['0']);
    // A constant next to 2D components gets a zero row.
    expect(jacobian('5, x*y', [1, 2]).rows).toEqual([
      [0, 0],
      [2, 1],
    ]);
  });

  it('uses the given variables (columns) when passed', () => {
    const j = jacobian('x^2', [3, 4], ['x', 'y']);
    expect(j.variables).toEqual(['x', 'y']);
    expect(j.rows).toEqual([[6, 0]]);
    const swapped = jacobian('x*y^2', [3, 2], ['y', 'x']);
    // At y = 3, x = 2: ∂/∂y = 2xy = 12, ∂/∂x = y² = 9.
    expect(swapped.rows).toEqual([[12, 9]]);
  });

  it('rethrows compile errors with positions in the full string', () => {
    const source = 'x^2, x*+';
    const alone = expressionError(() => compileExpression(' x*+'));
    const e = expressionError(() => jacobian(source, [1, 2]));
    expect(e.position).toBe(alone.position + 4);
    expect(e.length).toBe(alone.length);
    expect(e.position).toBeGreaterThanOrEqual(5);
    expect(e.position).toBeLessThanOrEqual(source.length);
    expect(e.message).not.toMatch(new RegExp(`at position ${alone.position}$`));
  });

  it('points at the unknown symbol after a bracketed comma', () => {
    const source = 'max(x, y), x + z';
    const e = expressionError(() => jacobian(source, [1, 2], ['x', 'y']));
    expect(source.slice(e.position, e.position + e.length)).toBe('z');
    if (/at position \d+$/.test(e.message)) expect(e.message).toMatch(/at position 15$/);
  });

  it('error positions for an array of components refer to the ", "-joined string', () => {
    const parts = ['x^2', 'x*y', 'q+'];
    const joined = parts.join(', ');
    const alone = expressionError(() => compileExpression('q+', { variables: ['x', 'y'] }));
    const e = expressionError(() => jacobian(parts, [1, 2], ['x', 'y']));
    expect(e.position).toBe(alone.position + joined.indexOf('q+'));
  });

  it('reports an empty component at its comma', () => {
    expect(expressionError(() => jacobian('x^2, , y', [1, 2])).position).toBe(3);
    expect(expressionError(() => jacobian('x^2,', [1])).position).toBe(3);
    expect(expressionError(() => jacobian(',x', [1])).position).toBe(0);
  });

  it('reports more than two variables at the component that adds the third', () => {
    const source = 'x*y,  z';
    const e = expressionError(() => jacobian(source, [1, 2]));
    expect(source.slice(e.position, e.position + e.length)).toBe('z');
  });

  it('rejects a point that does not match the variables', () => {
    expect(() => jacobian('x^2, x*y', [1])).toThrow(RangeError);
    expect(() => jacobian('x^2', [NaN])).toThrow(RangeError);
  });
});
