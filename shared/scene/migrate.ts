/**
 * Brings documents saved by older versions up to {@link SCENE_VERSION}, one format step at a
 * time, before they are validated. Each step only adds or renames what its version changed.
 */
import { problemSchema } from '../schema.ts';
import { resolveProblem } from '../problem.ts';
import { kindForDim, SCENE_VERSION } from './document.ts';
import type { SceneKind } from './document.ts';

type Raw = Record<string, unknown>;

/**
 * The kind a format-1 document meant: format 1 drew a curve for f(x) and a surface for f(x, y)
 * without saying so. When f cannot be read, the first run's start arity decides (the
 * document is refused later anyway, with the reason).
 */
function kindOfVersion1(doc: Raw): SceneKind {
  const problem = problemSchema.safeParse(doc.problem);
  if (problem.success) {
    try {
      return kindForDim(resolveProblem(problem.data).dim);
    } catch {
      // Falls through to the start points.
    }
  }
  const runs = Array.isArray(doc.runs) ? (doc.runs as Raw[]) : [];
  const start = runs[0]?.start;
  return Array.isArray(start) && start.length === 1 ? 'curve' : 'surface';
}

/** Format 1 → 2: the document names its kind of view. */
function toVersion2(doc: Raw): Raw {
  return { ...doc, version: 2, kind: kindOfVersion1(doc) };
}

const STEPS: Readonly<Record<number, (doc: Raw) => Raw>> = { 1: toVersion2 };

/**
 * Upgrades `doc` (an object with a numeric `version` no newer than this build's) to the
 * current format. Unknown old versions are returned as they are, for the schema to refuse.
 */
export function migrateScene(doc: Raw): Raw {
  let current = doc;
  for (;;) {
    const version = current.version;
    if (typeof version !== 'number' || version >= SCENE_VERSION) return current;
    const step = STEPS[version];
    if (!step) return current;
    current = step(current);
  }
}
