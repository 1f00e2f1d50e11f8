import { describe, expect, it } from 'vitest';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { runStatus } from './runStatus.ts';

/** A trajectory of `count` rows whose last f is `f`. */
function trajectory(count: number, f: number, patch: Partial<TrajectoryResult> = {}) {
  const data = new Float64Array(count * STRIDE);
  data[(count - 1) * STRIDE + COL.f] = f;
  return {
    id: 'r',
    dim: 2,
    data,
    count,
    status: 'running',
    divergedAt: null,
    convergedAt: null,
    error: null,
    ...patch,
  } satisfies TrajectoryResult;
}

describe('run status', () => {
  it('says first that a run left the plot, then how it ended', () => {
    expect(runStatus(trajectory(21, 905.1856), 8)).toEqual({
      text: 'left the plot at step 8 · after 20 steps f = 905.1856',
      kind: 'running',
    });
    expect(runStatus(trajectory(4, 1e9, { status: 'diverged', divergedAt: 4 }), 2).text).toBe(
      'left the plot at step 2 · diverged at step 4',
    );
  });

  it('says nothing of the plot for a run that stays in it', () => {
    expect(runStatus(trajectory(11, 0.5), null).text).toBe('after 10 steps f = 0.5000');
    expect(runStatus(trajectory(11, 0, { status: 'converged', convergedAt: 7 })).text).toBe(
      'converged at step 7, f = 0.0000',
    );
    expect(runStatus(undefined)).toEqual({ text: '…', kind: 'pending' });
  });
});
