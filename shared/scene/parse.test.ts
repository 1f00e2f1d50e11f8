import { describe, expect, it } from 'vitest';
import { defaultScene, SCENE_VERSION } from './document.ts';
import { parseScene } from './parse.ts';

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
