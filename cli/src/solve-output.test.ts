/** `descent solve`'s streamed JSON: its pieces join to exactly what JSON.stringify prints. */
import { describe, expect, it } from 'vitest';
import { runTrajectory } from '../../shared/optim/index.ts';
import type { TrajectoryResult } from '../../shared/protocol.ts';
import { getSurface } from '../../shared/surfaces.ts';
import { DEFAULT_OPTIMIZER } from '../../shared/types.ts';
import { jsonChunks, stepAt } from './solve-output.ts';

describe('streamed solve JSON', () => {
  const head = { expression: 'x^2 + y^2', variables: ['x', 'y'], lr: 0.1, divergedAt: null };

  it.each([0, 1, 7, 40])('%i steps, in small pieces, equal JSON.stringify', (steps) => {
    const bowl = getSurface('bowl');
    if (!bowl) throw new Error('bowl missing');
    const run: TrajectoryResult = {
      ...runTrajectory(bowl.objective, DEFAULT_OPTIMIZER, [3, -2], steps),
      id: 'cli',
      error: null,
    };
    const rows = Array.from({ length: run.count }, (_, k) => stepAt(run, 2, k));
    const pieces = [...jsonChunks(head, run.count, (k) => stepAt(run, 2, k), 3)];
    expect(pieces.join('')).toBe(JSON.stringify({ ...head, steps: rows }, null, 2) + '\n');
    expect(rows.at(-1)?.update).toBeNull();
  });

  it('prints an empty step list like JSON.stringify does', () => {
    const text = [...jsonChunks(head, 0, () => stepAt({} as TrajectoryResult, 1, 0))].join('');
    expect(text).toBe(JSON.stringify({ ...head, steps: [] }, null, 2) + '\n');
  });
});
