import { describe, expect, it } from 'vitest';
import { ExpressionError, compileExpression } from './index.ts';

/** Compiles `src`, expecting an ExpressionError; returns it. */
function refuse(src: string, options?: { variables?: readonly string[] }): ExpressionError {
  try {
    compileExpression(src, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ExpressionError);
    const err = e as ExpressionError;
    expect(err.position).toBeGreaterThanOrEqual(0);
    expect(err.position).toBeLessThanOrEqual(src.length);
    expect(err.length).toBeGreaterThanOrEqual(1);
    return err;
  }
  throw new Error(`expected ${JSON.stringify(src)} to be refused`);
}

describe('accepted syntax', () => {
  it('implicit multiplication: 2w, 3x y, 2x^2', () => {
    const a = compileExpression('2w');
    expect(a.variables).toEqual(['w']);
    expect(a.value([1.5])).toBe(3);
    const b = compileExpression('3x y');
    expect(b.variables).toEqual(['x', 'y']);
    expect(b.value([2, 5])).toBe(30);
    const c = compileExpression('2x^2');
    expect(c.value([3])).toBe(18); // 2·(x²), not (2x)²
  });

  it('unary minus/plus, precedence and parentheses follow mathjs', () => {
    expect(compileExpression('-x^2').value([3])).toBe(-9);
    expect(compileExpression('+x - -x').value([2])).toBe(4);
    expect(compileExpression('2^-x').value([1])).toBe(0.5);
    expect(compileExpression('(x + 1) * (x - 1) / 4').value([3])).toBe(2);
    expect(compileExpression('x^3^2').value([2])).toBe(512); // right associative
  });

  it('e and pi are constants, not variables', () => {
    const f = compileExpression('pi * x + e');
    expect(f.variables).toEqual(['x']);
    expect(f.value([2])).toBeCloseTo(2 * Math.PI + Math.E, 14);
    expect(compileExpression('e^x').variables).toEqual(['x']);
  });

  it('supports every whitelisted function', () => {
    const f = compileExpression(
      'sin(x) + cos(x) + tan(x) + exp(x) + log(x) + sqrt(x) + abs(x) + tanh(x) + sigmoid(x) + relu(x) + max(x, 1, 2) + min(x, 0)',
    );
    const x = 0.7;
    const expected =
      Math.sin(x) +
      Math.cos(x) +
      Math.tan(x) +
      Math.exp(x) +
      Math.log(x) +
      Math.sqrt(x) +
      Math.abs(x) +
      Math.tanh(x) +
      1 / (1 + Math.exp(-x)) +
      Math.max(0, x) +
      Math.max(x, 1, 2) +
      Math.min(x, 0);
    expect(f.value([x])).toBeCloseTo(expected, 12);
  });

  it('sigmoid saturates without NaN and relu keeps NaN', () => {
    const s = compileExpression('sigmoid(x)');
    expect(s.value([-1000])).toBe(0);
    expect(s.value([1000])).toBe(1);
    expect(compileExpression('relu(x)').value([NaN])).toBeNaN();
  });

  it('tolerates tabs, CR/LF around the text, trailing ; and comments', () => {
    expect(compileExpression('\t x^2 \r\n').source).toBe('x^2');
    expect(compileExpression('x +\ty').variables).toEqual(['x', 'y']);
    expect(compileExpression('x^2;').value([3])).toBe(9);
    expect(compileExpression('x^2 # the parabola').value([3])).toBe(9);
  });
});

describe('variables', () => {
  it('one symbol → 1D, two → 2D', () => {
    expect(compileExpression('w^2').dim).toBe(1);
    expect(compileExpression('w^2 + b').dim).toBe(2);
  });

  it('orders by code point: x before y, b before w, a before x', () => {
    expect(compileExpression('y + x').variables).toEqual(['x', 'y']);
    expect(compileExpression('w b').variables).toEqual(['b', 'w']);
    expect(compileExpression('x + a').variables).toEqual(['a', 'x']);
    expect(compileExpression('theta2 + theta1').variables).toEqual(['theta1', 'theta2']);
  });

  it('gradient components follow the variable order', () => {
    const f = compileExpression('3w + 5b');
    const out = new Float64Array(2);
    f.gradient([0, 0], out);
    expect(f.variables).toEqual(['b', 'w']);
    expect([...out]).toEqual([5, 3]);
  });

  it('options.variables forces the list, allows absent variables and constants', () => {
    const f = compileExpression('y^2', { variables: ['x', 'y'] });
    expect(f.dim).toBe(2);
    const out = new Float64Array(2);
    f.gradient([1, 3], out);
    expect([...out]).toEqual([0, 6]);
    const c = compileExpression('4', { variables: ['x'] });
    expect(c.value([123])).toBe(4);
    const swapped = compileExpression('x - 2y', { variables: ['y', 'x'] });
    swapped.gradient([0, 0], out);
    expect([...out]).toEqual([-2, 1]);
  });

  it('options.variables refuses symbols outside the list, at their position', () => {
    const err = refuse('x + z', { variables: ['x', 'y'] });
    expect(err.position).toBe(4);
    expect(err.message).toMatch(/'z'/);
  });

  it('invalid options.variables are refused', () => {
    for (const vars of [[], ['x', 'y', 'z'], ['x', 'x'], ['pi'], ['sin'], ['2x']]) {
      expect(refuse('x', { variables: vars }).position).toBe(0);
    }
  });

  it('a constant without options.variables is refused', () => {
    const err = refuse('3 + pi');
    expect(err.message).toBe('f must depend on at least one variable');
    expect(err.position).toBe(0);
  });
});

describe('refusals say what and where', () => {
  it('unknown function, at its name', () => {
    const err = refuse('x + foo(y)');
    expect(err.position).toBe(4);
    expect(err.length).toBe(3);
    expect(err.message).toBe("Unknown function 'foo' at position 4");
  });

  it('the second call of an unknown function is reported at its own position', () => {
    expect(refuse('sin(x) + x(y)').position).toBe(9);
  });

  it('unbalanced parenthesis at the end of the input', () => {
    const err = refuse('x + (y');
    expect(err.position).toBe(6);
    expect(err.message).toMatch(/Parenthesis \) expected at position 6/);
  });

  it('positions are relative to the untrimmed input', () => {
    expect(refuse('   x + foo(y)').position).toBe(7);
    expect(refuse('  x + (y').position).toBe(8);
  });

  it('three variables, naming them', () => {
    const err = refuse('x y z');
    expect(err.message).toMatch(/3 variables \(x, y, z\)/);
    expect(err.position).toBe(4);
  });

  it('assignments and function definitions, at "="', () => {
    const a = refuse('x = 3');
    expect(a.message).toMatch(/Assignment/);
    expect(a.position).toBe(2);
    const f = refuse('f(x) = x^2');
    expect(f.message).toMatch(/Function definition/);
    expect(f.position).toBe(5);
  });

  it('log with two arguments, at "log"', () => {
    const err = refuse('x + log(x, 2)');
    expect(err.position).toBe(4);
    expect(err.message).toMatch(/log takes exactly 1 argument/);
  });

  it('wrong arity of the other functions', () => {
    expect(refuse('sin(x, y)').message).toMatch(/sin takes exactly 1/);
    expect(refuse('sin()').message).toMatch(/sin takes exactly 1/);
    expect(refuse('max(x)').message).toMatch(/max takes 2 or more/);
  });

  it('a function name used as a variable', () => {
    const err = refuse('2 sin x');
    expect(err.position).toBe(2);
    expect(err.message).toMatch(/'sin' is a function/);
  });

  it.each([
    ['x!', 1, /Factorial/],
    ['x < y', 2, /Comparison/],
    ['x == 2', 2, /Comparison/],
    ['1 < x < 2', 2, /Comparison/],
    ['[x, 1]', 0, /Matrices/],
    ['{a: x}', 0, /Objects/],
    ['x + "a"', 4, /Strings/],
    ['x ? 1 : 2', 2, /Conditionals/],
    ['1:x', 1, /Ranges/],
    ['x.y', 1, /Property access/],
    ['x[1]', 1, /indexing/],
    ["x'", 1, /Transpose/],
    ['x mod 2', 2, /Modulo/],
    ['x % 2', 2, /Modulo/],
    ['x to cm', 2, /Unit/],
    ['x .* y', 2, /Element-wise/],
    ['x and y', 2, /and/],
    ['x & y', 2, /&/],
    ['x; y', 1, /Only one expression/],
    ['x\ny', 1, /Only one expression/],
    ['true * x', 0, /'true' is not a number/],
    ['1e400 * x', 0, /finite/],
  ])('%j → position %i', (src, position, message) => {
    const err = refuse(src);
    expect(err.position).toBe(position);
    expect(err.message).toMatch(message);
  });

  it.each([
    ['__proto__', 0],
    ['x + __proto__', 4],
    ['constructor * x', 0],
    ['x^2 + prototype', 6],
    ['toString + y', 0],
    ['hasOwnProperty', 0],
    ['2 valueOf', 2],
    ['__a + x', 0],
    ['x * __defineGetter__', 4],
  ])('the reserved name in %j is refused at position %i', (src, position) => {
    const err = refuse(src);
    expect(err.position).toBe(position);
    expect(err.message).toMatch(/is a reserved name and cannot be a variable/);
  });

  it('reserved names cannot be forced as variables either, but look-alikes are fine', () => {
    expect(refuse('x', { variables: ['x', '__proto__'] }).message).toMatch(/variable names/);
    expect(compileExpression('proto + x_').variables).toEqual(['proto', 'x_']);
    expect(compileExpression('_x + y').variables).toEqual(['_x', 'y']);
  });

  it('syntax errors from mathjs carry its position (1-based char → 0-based)', () => {
    expect(refuse('x +').position).toBe(3);
    expect(refuse('x + * y').position).toBe(4);
    expect(refuse('x @ y').position).toBe(2);
    expect(refuse('x,y').position).toBe(1);
  });

  it('empty input at position 0', () => {
    for (const s of ['', '   ', '\n\t']) {
      const err = refuse(s);
      expect(err.position).toBe(0);
      expect(err.message).toMatch(/empty/);
    }
  });

  it('too long input', () => {
    const src = 'x + '.repeat(300) + 'x';
    const err = refuse(src);
    expect(err.message).toBe('The expression is too long (1201 characters; at most 1000)');
    expect(err.position).toBe(1000);
    expect(err.length).toBe(201);
  });

  it('deep nesting is refused cleanly, not with a RangeError', () => {
    const src = '('.repeat(150) + 'x' + ')'.repeat(150);
    const err = refuse(src);
    expect(err.message).toMatch(/nested too deeply/);
    expect(err.position).toBe(100);
    // Within the limit it works.
    expect(compileExpression('('.repeat(90) + 'x' + ')'.repeat(90)).value([2])).toBe(2);
  });

  it('pathological but short inputs finish quickly (success or ExpressionError)', () => {
    const inputs = [
      'log('.repeat(60) + 'x' + ')'.repeat(60),
      Array.from({ length: 90 }, (_, i) => `sin(${i + 1}x)`).join('*'),
      Array(300).fill('x').join('^'),
      '-'.repeat(990) + 'x',
      'max(' + Array.from({ length: 150 }, (_, i) => `x+${i}`).join(',') + ')',
    ];
    for (const src of inputs) {
      const t0 = performance.now();
      try {
        compileExpression(src);
      } catch (e) {
        expect(e).toBeInstanceOf(ExpressionError);
      }
      expect(performance.now() - t0).toBeLessThan(3000);
    }
  });

  it('non-string input is an ExpressionError', () => {
    expect(() => compileExpression(42 as unknown as string)).toThrow(ExpressionError);
  });
});
