/**
 * `descent solve`'s JSON document, written piece by piece: a million-step run is a few hundred
 * megabytes of JSON, which should start flowing at once and never sit in memory as one string.
 * The pieces join to exactly what `JSON.stringify(document, null, 2)` would print.
 */
import type { TrajectoryResult } from '../../shared/protocol.ts';
import { COL, STRIDE } from '../../shared/types.ts';

/** One row of `steps` (documented in the README). */
export interface SolveStep {
  step: number;
  point: number[];
  value: number;
  gradient: number[];
  update: number[] | null;
  lr: number;
}

/** Row `k` of a trajectory of `dim` variables as a JSON step. */
export function stepAt(run: TrajectoryResult, dim: number, k: number): SolveStep {
  const at = (c: number): number => run.data[k * STRIDE + c] ?? 0;
  const pick = (cols: readonly number[]): number[] => cols.slice(0, dim).map(at);
  return {
    step: k,
    point: pick([COL.x, COL.y]),
    value: at(COL.f),
    gradient: pick([COL.gx, COL.gy]),
    update: k === run.count - 1 ? null : pick([COL.ux, COL.uy]),
    lr: at(COL.lr),
  };
}

/**
 * The pieces of `{ ...head, steps: [row(0), …, row(count - 1)] }` pretty-printed with two
 * spaces, about `rowsPerChunk` steps per piece.
 */
export function* jsonChunks(
  head: Record<string, unknown>,
  count: number,
  row: (k: number) => SolveStep,
  rowsPerChunk = 1024,
): Generator<string> {
  // Print the head with an empty `steps` (the last key), then cut that `[]` open.
  const empty = JSON.stringify({ ...head, steps: [] }, null, 2);
  const opening = empty.slice(0, empty.length - '[]\n}'.length);
  if (count === 0) {
    yield `${opening}[]\n}\n`;
    return;
  }
  let chunk = `${opening}[\n`;
  let inChunk = 0;
  for (let k = 0; k < count; k++) {
    chunk += `${k > 0 ? ',\n' : ''}    ${JSON.stringify(row(k), null, 2).replace(/\n/g, '\n    ')}`;
    if (++inChunk >= rowsPerChunk) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  yield `${chunk}\n  ]\n}\n`;
}
