/**
 * Mutated scene documents: every refusal is a sentence (never an exception, never the
 * catch-all), and every scene that is accepted can really be solved and drawn.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProblem } from '../problem.ts';
import { handleMessage } from '../service.ts';
import { defaultScene, dimOfKind, SCENE_KINDS, serializeScene, timelineEnd } from './document.ts';
import { checkFigure, isFigureKind } from './figure.ts';
import type { Scene } from './document.ts';
import { checkDomain } from './meaning.ts';
import { parseScene, parseSceneText } from './parse.ts';
import { PRESETS } from './presets.ts';
import { SURFACE_IDS } from '../surfaces.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Documents to start from: the default scene, every preset, and format-1 copies of them. */
const BASES: readonly Json[] = [defaultScene(), ...PRESETS.map((p) => p.scene)].flatMap((s) => {
  const doc = JSON.parse(JSON.stringify(s)) as { [key: string]: Json };
  const { kind: _kind, ...v1 } = doc;
  return [doc, { ...v1, version: 1 }];
});

/** Values a mutation may put anywhere: wrong types, wrong arities, edge numbers, bad names. */
const ODD_VALUES: readonly Json[] = [
  null,
  true,
  0,
  -0,
  1,
  -1,
  0.5,
  1e-300,
  5e-324,
  1e6,
  -1e6,
  1e7,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  '',
  'run-1',
  'run-9',
  'volcano',
  'bowl',
  'parabola',
  'surface',
  'curve',
  'expression',
  '__proto__',
  'constructor',
  [],
  [1],
  [1, 2],
  [1, 2, 3],
  [1e308, -1e308],
  [3, -3],
  [0, 1e-12],
  [1000, 1000.0000001],
  {},
  { kind: 'surface', id: 'volcano' },
  { kind: 'surface', id: 'parabola' },
  { kind: 'expression', source: 'x + (y' },
  { kind: 'expression', source: 'x + __proto__' },
  { kind: 'expression', source: 'x/0' },
  { kind: 'expression', source: 'log(x) + y' },
  { kind: 'expression', source: 'a + b + c' },
  { kind: 'expression', source: 'x'.repeat(1001) },
  { kind: 'expression', source: '' },
  { kind: 'expression', source: 'toString(x)' },
  { x: [-1e308, 1e308], y: [-3, 3] },
  { x: [-3, 3], y: [1, 1] },
];

const oddValue = fc.oneof(
  fc.constantFrom(...ODD_VALUES),
  fc.double({ noDefaultInfinity: true, noNaN: true }),
  fc.string({ maxLength: 12 }),
);

/** Every path into a JSON value (the root excluded), objects and arrays included. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, i) => i)
    : Object.keys(value);
  return keys.flatMap((k) => {
    const child = (value as Record<string | number, Json>)[k] as Json;
    return [[...prefix, k], ...paths(child, [...prefix, k])];
  });
}

/** A deep copy of `value` with the thing at `path` replaced (or, for `undefined`, removed). */
function replaced(value: Json, path: (string | number)[], next: Json | undefined): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (next === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    node[last] = next;
  }
  return copy;
}

const mutation = fc.record({
  pick: fc.nat(),
  value: fc.option(oddValue, { nil: undefined }),
});

const mutatedDocument = fc
  .tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([base, mutations]) =>
    mutations.reduce<Json>((doc, { pick, value }) => {
      const all = paths(doc);
      return all.length === 0 ? doc : replaced(doc, all[pick % all.length]!, value);
    }, base),
  );

/** Field-aware edits that keep the document's shape, so the meaning checks are what decides. */
const number = fc.oneof(
  fc.constantFrom(0, 1, -1, 2.5, 3, -3, 1e-7, 1e6, -1e6, 1e7, 1e308, -1e308, 5e-324),
  fc.double({ noDefaultInfinity: true, noNaN: true }),
);
const EXPRESSIONS = [
  'x^2',
  'x^2 + y^2',
  'x*y',
  'log(x)',
  'log(x) + y^2',
  'x/0',
  'sqrt(-x^2 - 1)',
  'exp(exp(exp(x)))',
  'x + (y',
  'a + b + c',
  '__proto__ + x',
  'x + constructor',
  'w',
  'x'.repeat(1001),
  '',
];
const semanticEdit: fc.Arbitrary<(scene: Scene) => Scene> = fc.oneof(
  fc.nat().map((i) => (s: Scene) => ({ ...s, selectedRunId: s.runs[i % 4]?.id ?? null })),
  fc
    .option(fc.constantFrom('run-9', 'gd', ''), { nil: null })
    .map((id) => (s: Scene) => ({ ...s, selectedRunId: id })),
  fc.constantFrom<Scene['kind']>(...SCENE_KINDS).map((kind) => (s: Scene) => ({ ...s, kind })),
  fc
    .record(
      {
        f: fc.constantFrom(...EXPRESSIONS, 'a^2 + 3a', 'x*y*z', ''),
        at: fc.array(number, { minLength: 1, maxLength: 2 }),
        a: number,
        b: number,
        n: fc.integer({ min: 1, max: 1000 }),
      },
      { requiredKeys: [] },
    )
    .map((patch) => (s: Scene) => ({ ...s, figure: { ...s.figure, ...patch } })),
  fc
    .oneof(
      fc.constantFrom(...SURFACE_IDS, 'volcano').map((id) => ({ kind: 'surface' as const, id })),
      fc.constantFrom(...EXPRESSIONS).map((source) => ({ kind: 'expression' as const, source })),
    )
    .map((problem) => (s: Scene) => ({ ...s, problem })),
  fc
    .tuple(fc.nat(), fc.array(number, { minLength: 1, maxLength: 2 }))
    .map(([i, start]) => (s: Scene) => ({
      ...s,
      runs: s.runs.map((r, k) => (k === i % Math.max(1, s.runs.length) ? { ...r, start } : r)),
    })),
  fc
    .option(fc.array(number, { minLength: 1, maxLength: 2 }), { nil: null })
    .map((probe) => (s: Scene) => ({ ...s, probe })),
  fc
    .tuple(fc.constantFrom<'x' | 'y'>('x', 'y'), number, number)
    .filter(([, a, b]) => a < b)
    .map(([axis, a, b]) => (s: Scene) => ({ ...s, domain: { ...s.domain, [axis]: [a, b] } })),
  fc.constant((s: Scene) => ({ ...s, runs: [...s.runs, ...s.runs.slice(0, 1)] })),
  fc.constant((s: Scene) => ({ ...s, runs: [] })),
  fc
    .tuple(number, number, number)
    .map((position) => (s: Scene) => ({ ...s, camera: { ...s.camera, position } })),
);

const SCENES: readonly Scene[] = [defaultScene(), ...PRESETS.map((p) => p.scene)];

/** The scene can be solved and drawn: the solver answers for f, every run and the surface. */
function expectUsable(scene: Scene): void {
  if (isFigureKind(scene.kind)) {
    // A figure draws its settings: they fit the kind, and its timeline has a finite end.
    expect(checkDomain(scene.domain)).toBeNull();
    expect(checkFigure(scene.kind, scene.figure)).toBeNull();
    expect(Number.isFinite(timelineEnd(scene))).toBe(true);
    return;
  }
  const problem = resolveProblem(scene.problem);
  expect(problem.dim).toBe(dimOfKind(scene.kind));
  expect(checkDomain(scene.domain)).toBeNull();
  for (const run of scene.runs) expect(run.start).toHaveLength(problem.dim);
  if (scene.selectedRunId !== null) {
    expect(scene.runs.map((r) => r.id)).toContain(scene.selectedRunId);
  }
  if (scene.probe !== null) expect(scene.probe).toHaveLength(problem.dim);

  const runs = handleMessage({
    seq: 1,
    type: 'trajectories',
    problem: scene.problem,
    domain: scene.domain,
    // A few steps are enough to show a run starts; presets may ask for thousands.
    runs: scene.runs.map((r) => ({ ...r, steps: Math.min(r.steps, 20) })),
  }).response;
  expect(runs.ok).toBe(true);
  const surface = handleMessage({
    seq: 2,
    type: 'surface',
    problem: scene.problem,
    domain: scene.domain,
    nx: 16,
    ny: 16,
    levels: 4,
  }).response;
  // A grid may have nothing finite to draw (that is said), but never fails otherwise.
  if (!surface.ok) expect(surface.error.kind).toBe('problem');
}

function expectRefusal(message: string): void {
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(/\n/);
  // The catch-all in parseScene would mean a check threw.
  expect(message).not.toMatch(/^The scene could not be read/);
}

describe('mutated scene documents', () => {
  it('every base document is accepted', () => {
    for (const base of BASES) {
      const parse = parseScene(base);
      expect(parse.ok ? 'ok' : parse.message).toBe('ok');
    }
  });

  it('are refused with a sentence, or accepted and usable', () => {
    fc.assert(
      fc.property(mutatedDocument, (doc) => {
        const parse = parseScene(doc);
        if (parse.ok) expectUsable(parse.scene);
        else expectRefusal(parse.message);
      }),
      { numRuns: 400 },
    );
  });

  it('that keep their shape are refused for what they mean, or accepted and usable', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENES),
        fc.array(semanticEdit, { minLength: 1, maxLength: 4 }),
        (base, edits) => {
          const parse = parseScene(edits.reduce((scene, edit) => edit(scene), base));
          if (parse.ok) {
            seen.accepted++;
            expectUsable(parse.scene);
          } else {
            seen.refused++;
            expectRefusal(parse.message);
          }
        },
      ),
      { numRuns: 500 },
    );
    // Both outcomes must be exercised, or the test says nothing.
    expect(seen.accepted).toBeGreaterThan(25);
    expect(seen.refused).toBeGreaterThan(25);
  });

  it('as text: byte-order marks, cuts and stray characters are refused or read the same', () => {
    const textMutation = fc.oneof(
      fc.constant((t: string) => '\uFEFF' + t),
      fc.nat().map((n) => (t: string) => t.slice(0, n % t.length)),
      fc
        .tuple(fc.nat(), fc.constantFrom('{', '}', ',', '"', ':', ']', '\u0000', 'x', '\uFEFF'))
        .map(
          ([n, c]) =>
            (t: string) =>
              t.slice(0, n % t.length) + c + t.slice(n % t.length),
        ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...BASES), textMutation, (base, mutate) => {
        const text = mutate(JSON.stringify(base, null, 2));
        const parse = parseSceneText(text);
        if (parse.ok) expectUsable(parse.scene);
        else expectRefusal(parse.message);
      }),
      { numRuns: 300 },
    );
  });

  it('what the app writes reads back as the same scene', () => {
    for (const base of BASES) {
      const first = parseScene(base);
      if (!first.ok) throw new Error(first.message);
      const again = parseSceneText('\uFEFF' + serializeScene(first.scene));
      expect(again).toEqual(first);
    }
  });
});
