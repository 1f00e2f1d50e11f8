/** One-line outcome of a run for the run list and the legend. */
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { formatNumber } from '../../../shared/table.ts';

export function runStatus(t: TrajectoryResult | undefined): {
  text: string;
  kind: 'diverged' | 'converged' | 'running' | 'pending';
} {
  if (!t) return { text: '…', kind: 'pending' };
  if (t.error !== null) return { text: t.error, kind: 'diverged' };
  if (t.status === 'diverged')
    return { text: `diverged at step ${t.divergedAt ?? t.count}`, kind: 'diverged' };
  const last = t.count - 1;
  const f = t.data[last * STRIDE + COL.f] ?? NaN;
  if (t.status === 'converged' && t.convergedAt !== null) {
    return {
      text: `converged at step ${t.convergedAt}, f = ${formatNumber(f, 4)}`,
      kind: 'converged',
    };
  }
  return { text: `after ${last} steps f = ${formatNumber(f, 4)}`, kind: 'running' };
}
