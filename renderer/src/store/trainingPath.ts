/**
 * On a network's slice, its training path as the view, the legend, the step table and the
 * export caption show it. Read from the last describe answer even while a new slice is being computed, so the old
 * path stays with the old surface until both are replaced.
 */
import { trainingPathDoc } from '../../../shared/model/mlpSpec.ts';
import type { SliceInfo } from '../../../shared/problem.ts';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import type { PathDoc } from '../../../shared/scene/document.ts';
import { runLabel } from '../../../shared/scene/runName.ts';
import type { AppState } from './types.ts';

// One path object per answer (the layers compare by identity).
const docs = new WeakMap<SliceInfo, PathDoc>();

/** The training path, or undefined when the scene is not a network's slice (or not yet known). */
export function trainingPath(state: AppState): PathDoc | undefined {
  const { problem } = state.scene;
  const slice = state.info?.slice;
  if (problem.kind !== 'mlp' || !slice) return undefined;
  let doc = docs.get(slice);
  if (!doc) {
    doc = trainingPathDoc(problem, slice);
    docs.set(slice, doc);
  }
  return doc;
}

/** The plane the slice is drawn on, in words, or null. */
export function slicePlane(state: AppState): string | null {
  return state.scene.problem.kind === 'mlp' ? (state.info?.slice?.label ?? null) : null;
}

const trajectories = new WeakMap<SliceInfo, TrajectoryResult>();

/** The training as a trajectory the step table reads (see SliceInfo.rows), or undefined. */
export function trainingTrajectory(state: AppState): TrajectoryResult | undefined {
  const { problem } = state.scene;
  const slice = state.info?.slice;
  if (problem.kind !== 'mlp' || !slice) return undefined;
  let t = trajectories.get(slice);
  if (!t) {
    const { data, count, minibatch } = slice.rows;
    t = {
      id: 'training',
      dim: 2,
      data,
      count,
      status: slice.status === 'diverged' ? 'diverged' : 'running',
      divergedAt: slice.status === 'diverged' ? count : null,
      convergedAt: null,
      minibatch,
      error: null,
    };
    trajectories.set(slice, t);
  }
  return t;
}

/**
 * What the step table and the learning curve show: the selected run, or on a network's slice
 * with no run selected, its training; with its label and colour.
 */
export function shownSteps(
  state: AppState,
): { trajectory: TrajectoryResult; label: string; color: string } | null {
  const id = state.scene.selectedRunId;
  if (id) {
    const trajectory = state.trajectories[id];
    const run = state.scene.runs.find((r) => r.id === id);
    return trajectory && run ? { trajectory, label: runLabel(run), color: run.color } : null;
  }
  const training = trainingTrajectory(state);
  const path = trainingPath(state);
  return training && path ? { trajectory: training, label: path.name, color: path.color } : null;
}

/** Whether the scene trains a model, so a learning curve has a meaning. */
export function trainsModel(state: AppState): boolean {
  const { kind } = state.scene.problem;
  return kind === 'model' || kind === 'mlp';
}
