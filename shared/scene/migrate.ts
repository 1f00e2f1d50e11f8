/**
 * Brings documents saved by older versions up to {@link SCENE_VERSION}, one format step at a
 * time, before they are validated. Each step only adds or renames what its version changed.
 */
import { problemSchema } from '../schema.ts';
import { resolveProblem } from '../problem.ts';
import { defaultScene, kindForDim, SCENE_VERSION } from './document.ts';
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

function record(value: unknown): Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
}

/**
 * Format 1 → 2: the document names its kind of view, and gains the settings format 2 added
 * (colour scale, colour bar, reveal, caption state, η plot, directional derivative) at their
 * defaults for a new scene.
 */
function toVersion2(doc: Raw): Raw {
  const fresh = defaultScene();
  const overlays = record(doc.overlays);
  const view = record(doc.view);
  return {
    ...doc,
    version: 2,
    kind: kindOfVersion1(doc),
    captionStale: false,
    direction: fresh.direction,
    // Only fill in what is missing: anything else stays for the schema to judge.
    ...(doc.overlays === undefined
      ? {}
      : { overlays: { ...pick(fresh.overlays, NEW_OVERLAYS), ...overlays } }),
    ...(doc.view === undefined ? {} : { view: { ...pick(fresh.view, NEW_VIEW), ...view } }),
  };
}

const NEW_OVERLAYS = ['colorBar', 'lrPlot', 'directional'] as const;
const NEW_VIEW = ['colorScale', 'reveal', 'showCaption'] as const;

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = from[key];
  return out;
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
