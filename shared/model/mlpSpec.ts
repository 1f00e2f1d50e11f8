/**
 * What can be known of a network's slice (mlpProblem.ts) without training it: the plan's step
 * count, the viewing box, and how the figure names the network and the plane. Kept apart from
 * the training code so the scene document and the panels can use it cheaply.
 */
import type { SliceInfo } from '../problem.ts';
import type { ProblemSpec } from '../schema.ts';
import type { PathDoc } from '../scene/document.ts';
import { OPTIMIZER_SHORT_NAMES } from '../scene/runName.ts';
import type { Domain } from '../types.ts';
import { batchesPerEpoch } from './minibatch.ts';

export type MlpSpec = Extract<ProblemSpec, { kind: 'mlp' }>;

/** Samples per axis of the slice (the 64×64; the surface mesh interpolates between). */
export const SLICE_RESOLUTION = 64;

/** The data size of a data spec without generating the data. */
function dataSize(spec: MlpSpec['data']): number {
  return spec.kind === 'builtin' ? spec.n : spec.y.length;
}

/** Steps the spec's training plans: epochs × ⌈n / batch⌉ (the batch capped at n). */
export function mlpPlannedSteps(spec: MlpSpec): number {
  const n = dataSize(spec.data);
  return spec.epochs * batchesPerEpoch(n, Math.min(spec.batch, n));
}

/** "2–8–1 tanh" */
export function mlpShape(spec: Pick<MlpSpec, 'hidden' | 'activation'>): string {
  return `2–${spec.hidden}–1 ${spec.activation}`;
}

const percent = (r: number): string => `${Math.round(r * 100)}%`;

/**
 * The plane as the figure states it, short enough for a legend line: for PCA, with each
 * component's share of the path's spread. (Each PCA axis is scaled to the path's reach; the
 * network panel says so.)
 */
export function planeLabel(plane: MlpSpec['plane'], explained: [number, number] | null): string {
  if (plane === 'pca') {
    const share = explained ? ` (${percent(explained[0])}, ${percent(explained[1])})` : '';
    return `Plane: path's 2 principal components${share}`;
  }
  return 'Plane: 2 random filter-normalised directions';
}

/**
 * The slice's viewing box, known before training so a scene can hold it: the trained weights at
 * the centre; for random directions α, β ∈ [−1, 1] as in Li et al.; for the PCA plane each axis
 * is scaled so the path reaches ±1 on it (mlpProblem.ts), with room beyond.
 */
export function mlpDomain(plane: MlpSpec['plane']): Domain {
  const r = plane === 'pca' ? 1.25 : 1;
  return { x: [-r, r], y: [-r, r] };
}

/** Colour of the training path on the slice (the runs' palette starts with blue). */
export const TRAINING_PATH_COLOR = '#d55e00';

/** "Training: GD η = 0.5, batch 20, 60 epochs" (the optimizer as the run labels name it). */
export function trainingLabel(spec: MlpSpec): string {
  const n = spec.data.kind === 'builtin' ? spec.data.n : spec.data.y.length;
  // Plain GD on sampled minibatches is minibatch SGD.
  const name =
    spec.params.kind === 'gd' && spec.batch < n ? 'SGD' : OPTIMIZER_SHORT_NAMES[spec.params.kind];
  const batch = spec.batch < n ? `batch ${spec.batch}` : 'full batch';
  const lr = Number(spec.params.lr.toPrecision(4));
  return `Training: ${name} η = ${lr}, ${batch}, ${spec.epochs} epoch${spec.epochs === 1 ? '' : 's'}`;
}

/** The training path as a path the view draws like an imported one. */
export function trainingPathDoc(spec: MlpSpec, slice: SliceInfo): PathDoc {
  const points: [number, number][] = [];
  for (let k = 0; k + 1 < slice.path.length; k += 2)
    points.push([slice.path[k]!, slice.path[k + 1]!]);
  return {
    id: 'training',
    name: trainingLabel(spec),
    color: TRAINING_PATH_COLOR,
    visible: true,
    points,
  };
}
