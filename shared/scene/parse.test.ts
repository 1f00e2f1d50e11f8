import { describe, expect, it } from 'vitest';
import { defaultScene, SCENE_VERSION, serializeScene } from './document.ts';
import type { Scene } from './document.ts';
import { checkDomain } from './meaning.ts';
import { parseScene, parseSceneText } from './parse.ts';

/** A format-1 document: today's scene without the fields format 2 added. */
function version1(patch: Record<string, unknown> = {}): Record<string, unknown> {
  const { kind: _kind, ...rest } = defaultScene();
  return { ...rest, version: 1, ...patch };
}

describe('reading older formats', () => {
  it('a format-1 surface becomes a surface scene', () => {
    const parse = parseScene(version1());
    expect(parse.ok && parse.scene.kind).toBe('surface');
    expect(parse.ok && parse.scene.version).toBe(SCENE_VERSION);
  });

  it('a format-1 f(x) becomes a curve, from the built-in or the typed expression', () => {
    const builtIn = parseScene(
      version1({
        problem: { kind: 'surface', id: 'parabola' },
        runs: [{ ...defaultScene().runs[0]!, start: [3] }],
      }),
    );
    expect(builtIn.ok && builtIn.scene.kind).toBe('curve');
    const typed = parseScene(
      version1({
        problem: { kind: 'expression', source: 'x^2 - 2x' },
        runs: [{ ...defaultScene().runs[0]!, start: [1] }],
      }),
    );
    expect(typed.ok && typed.scene.kind).toBe('curve');
    const twoVariables = parseScene(version1({ problem: { kind: 'expression', source: 'x*y' } }));
    expect(twoVariables.ok && twoVariables.scene.kind).toBe('surface');
  });

  it('a newer format is refused with a message that says so', () => {
    const parse = parseScene({ ...defaultScene(), version: SCENE_VERSION + 1 });
    expect(parse.ok).toBe(false);
    if (!parse.ok) expect(parse.message).toMatch(/newer Descent Studio/);
  });

  it('a current document without a kind is damaged, not guessed', () => {
    const { kind: _kind, ...rest } = defaultScene();
    const parse = parseScene(rest);
    expect(parse.ok).toBe(false);
    if (!parse.ok) expect(parse.message).toMatch(/kind/);
  });
});

describe('reading scene text', () => {
  const text = serializeScene(defaultScene());

  it('accepts a file that starts with a UTF-8 byte-order mark', () => {
    const parse = parseSceneText('\uFEFF' + text);
    expect(parse.ok ? 'ok' : parse.message).toBe('ok');
  });

  it.each([
    ['{"version": 1,', 'the text ends too early at line 1, column 15'],
    ['', 'the text ends too early at line 1, column 1'],
    ['{\n  "version": 2,\n  "kind": tru\n}', 'a value was expected at line 3, column 11'],
    ['{\n  "a": 1\n  "b": 2\n}', 'a "," or "}" was expected at line 3, column 3'],
    ['[1, 2,]', 'a value was expected at line 1, column 7'],
    ['{"a": "x\ny"}', 'a text value is not closed or not valid at line 1, column 9'],
    ['{"a": 1}}', 'unexpected text after the end at line 1, column 9'],
    ['{"a" 1}', 'a ":" was expected at line 1, column 6'],
    ['{1: 2}', 'a property name was expected at line 1, column 2'],
    ['\uFEFF\uFEFF{}', 'a value was expected at line 1, column 1'],
  ])('says where %j stops being JSON: %s', (bad, where) => {
    const parse = parseSceneText(bad);
    expect(parse).toEqual({ ok: false, message: `The scene file is not valid JSON: ${where}.` });
  });

  it('never quotes the text in a syntax error', () => {
    const secret = 'my-private-notes-' + 'z'.repeat(40);
    for (const bad of [secret, `{"title": "${secret}", oops}`, `${secret}\n{}`]) {
      const parse = parseSceneText(bad);
      expect(parse.ok).toBe(false);
      if (!parse.ok) expect(parse.message).not.toMatch(/private|zzz|oops/);
    }
  });

  it('survives deeply nested junk', () => {
    const parse = parseSceneText('['.repeat(100_000));
    expect(parse.ok).toBe(false);
    if (!parse.ok) expect(parse.message).toMatch(/ends too early at line 1, column 100001/);
  });
});

describe('scenes that fit the schema but cannot work', () => {
  const scene = (patch: Partial<Scene>): unknown => ({ ...defaultScene(), ...patch });
  const refusal = (value: unknown): string => {
    const parse = parseScene(value);
    return parse.ok ? 'accepted' : parse.message;
  };
  const run = defaultScene().runs[0]!;

  it.each([
    [
      'a selected run that does not exist',
      scene({ selectedRunId: 'run-9' }),
      "The selected run 'run-9' is not in the scene.",
    ],
    [
      'two runs with one id',
      scene({ runs: [run, { ...run, name: 'again' }] }),
      "Two runs share the id 'run-1'.",
    ],
    [
      'an expression that does not compile',
      scene({ problem: { kind: 'expression', source: 'x + (y' } }),
      /^The expression for f cannot be used: .* at position \d+\.$/,
    ],
    [
      'a reserved name as a variable',
      scene({ problem: { kind: 'expression', source: 'x + __proto__' } }),
      "The expression for f cannot be used: '__proto__' is a reserved name and cannot be a variable at position 4.",
    ],
    [
      'an unknown surface',
      scene({ problem: { kind: 'surface', id: 'volcano' } }),
      /^The surface 'volcano' is not a built-in surface \(those are parabola, bowl, .*\)\.$/,
    ],
    [
      'a curve of two variables',
      scene({ kind: 'curve' }),
      'The scene is a curve, but f has 2 variables (x, y); a curve needs f of one variable.',
    ],
    [
      'a surface of one variable',
      scene({ problem: { kind: 'surface', id: 'parabola' }, runs: [{ ...run, start: [1] }] }),
      'The scene is a surface, but f has 1 variable (x); a surface needs f of two variables.',
    ],
    [
      'a start of the wrong arity',
      scene({ runs: [{ ...run, start: [1] }] }),
      "Run 'run-1' starts at a point with 1 coordinate, but f has 2 variables (x, y).",
    ],
    [
      'a probe of the wrong arity',
      scene({ probe: [1] }),
      'The probe point has 1 coordinate, but f has 2 variables (x, y).',
    ],
    [
      'a domain whose width overflows',
      scene({ domain: { x: [-1e308, 1e308], y: [-3, 3] } }),
      'The x range from -1e+308 to 1e+308 is too large: both ends must lie between -1000000 and 1000000.',
    ],
    [
      'a domain too narrow for its bounds',
      scene({ domain: { x: [-3, 3], y: [1000, 1000.0000001] } }),
      'The y range from 1000 to 1000.0000001 is too narrow to draw: it must be at least 0.001 wide (a millionth of its larger end, or of 1 near zero).',
    ],
    [
      'a camera far away',
      scene({ camera: { preset: 'top', position: [0, 1e300, 0] } }),
      'The camera position is too far out: each coordinate must lie between -1000000 and 1000000.',
    ],
  ])('refuses %s', (_what, value, message) => {
    expect(refusal(value)).toMatch(message);
  });

  it('accepts what the app itself writes', () => {
    const curve = {
      ...defaultScene(),
      kind: 'curve' as const,
      problem: { kind: 'expression' as const, source: 'x^2 - 2x' },
      runs: [{ ...run, start: [1] }],
      probe: [3.1],
    };
    for (const value of [
      scene({ runs: [], selectedRunId: null }),
      scene({ selectedRunId: null }),
      scene({ probe: null }),
      scene({ probe: [1, 2] }),
      // f of one variable keeps the 2D domain it was typed on.
      curve,
      // f not finite anywhere still opens: the view says so, and the user can fix f.
      scene({ problem: { kind: 'expression', source: 'x/0 + y' } }),
      // A start where f is undefined opens too: that run reports why it cannot start.
      {
        ...curve,
        problem: { kind: 'expression', source: 'log(x)' },
        runs: [{ ...run, start: [-1] }],
      },
      scene({ domain: { x: [-1e6, 1e6], y: [0, 1e-6] } }),
    ]) {
      expect(refusal(value)).toBe('accepted');
    }
  });
});

describe('checkDomain', () => {
  it('accepts ordinary boxes, refuses reversed, infinite, huge and hair-thin ones', () => {
    expect(checkDomain({ x: [-3, 3], y: [-3, 3] })).toBeNull();
    expect(checkDomain({ x: [999_999, 1_000_000], y: [-1e-3, 1e-3] })).toBeNull();
    expect(checkDomain({ x: [3, -3], y: [-3, 3] })).toBe(
      'The x minimum (3) must be below the x maximum (-3).',
    );
    expect(checkDomain({ x: [0, 1], y: [0, Infinity] })).toBe('The y range must have finite ends.');
    expect(checkDomain({ x: [0, 1], y: [Number.NaN, 1] })).toBe(
      'The y range must have finite ends.',
    );
    expect(checkDomain({ x: [0, 2e6], y: [0, 1] })).toMatch(/too large/);
    expect(checkDomain({ x: [0, 1e-7], y: [0, 1] })).toMatch(/at least 0\.000001 wide/);
  });
});
