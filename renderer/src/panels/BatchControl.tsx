/**
 * Minibatch size of the selected run on a model's loss: a slider over 1, 2, 4, … up to the whole
 * data set ("full": every step uses every point, plain gradient descent on the surface drawn).
 * Dragging it recomputes the run at once, like η; the shuffling seed is the run's seed.
 */
import type { DataSpec } from '../../../shared/schema.ts';
import { actions, useApp } from '../store/hooks.ts';
import { SliderField } from './SliderField.tsx';

/** Number of points in a data spec. */
export function dataSize(data: DataSpec): number {
  return data.kind === 'builtin' ? data.n : data.y.length;
}

/** The sizes the slider stops at: powers of two below n, then n itself (full batch). */
export function batchSizes(n: number): number[] {
  const sizes: number[] = [];
  for (let b = 1; b < n; b *= 2) sizes.push(b);
  sizes.push(n);
  return sizes;
}

/** The slider stop of a run's batch (absent or ≥ n: full). */
export function batchStop(sizes: readonly number[], batch: number | undefined): number {
  const n = sizes[sizes.length - 1]!;
  if (batch === undefined || batch >= n) return sizes.length - 1;
  // The largest stop not above the batch (a typed-in 12 shows at 8).
  let stop = 0;
  for (let i = 0; i < sizes.length; i++) if (sizes[i]! <= batch) stop = i;
  return stop;
}

export function BatchControl({ runId }: { runId: string }) {
  const n = useApp((s) => (s.scene.problem.kind === 'model' ? dataSize(s.scene.problem.data) : 0));
  const batch = useApp((s) => s.scene.runs.find((r) => r.id === runId)?.batch);
  if (n === 0) return null;
  const sizes = batchSizes(n);
  const full = batch === undefined || batch >= n;
  const text = full ? `full (${n})` : String(batch);
  return (
    <SliderField
      label="Minibatch size"
      display={text}
      value={batchStop(sizes, batch)}
      min={0}
      max={sizes.length - 1}
      step={1}
      testId="batch-slider"
      valueText={full ? `Full batch, ${n} points` : `Minibatch of ${batch} points`}
      onLive={(position) => {
        const size = sizes[Math.round(position)] ?? n;
        actions().updateRun(runId, { batch: size >= n ? undefined : size }, `batch:${runId}`);
      }}
    >
      <p className="hint">
        {full
          ? 'Every step uses all points: plain gradient descent on the surface shown.'
          : `Each step uses ${batch} shuffled points, so it follows their slope, not the surface's.`}
      </p>
    </SliderField>
  );
}
