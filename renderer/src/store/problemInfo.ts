/**
 * The one way to read "the analysis of the current problem": the solver's `describe` answer
 * (dimension, TeX, variables, minima), but only while it belongs to the problem the scene has
 * now. The solver sync, the export pipeline, the caption and the formula all ask here.
 */
import type { ProblemInfo } from '../../../shared/protocol.ts';
import type { ProblemSpec } from '../../../shared/schema.ts';
import type { AppState } from './types.ts';

// Problem specs are replaced, never mutated, so a spec object's key is computed once.
const keys = new WeakMap<ProblemSpec, string>();

/** A string that identifies a problem spec (equal specs give equal keys). */
export function problemKey(problem: ProblemSpec): string {
  let key = keys.get(problem);
  if (key === undefined) {
    key = JSON.stringify(problem);
    keys.set(problem, key);
  }
  return key;
}

/** The describe answer for the scene's current problem, or null while it is not known yet. */
export function currentInfo(state: AppState): ProblemInfo | null {
  const { info, infoKey, scene } = state;
  return info !== null && infoKey === problemKey(scene.problem) ? info : null;
}
