/** One-line outcome of a run for the run list and the legend. */
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { formatNumber } from '../../../shared/table.ts';

/**
 * What became of a run. `leftPlotAt`: the step at which it left the plot box (see
 * view/plot/plotBox.ts), said first because it is what the figure shows.
 */
export function runStatus(
  t: TrajectoryResult | undefined,
  leftPlotAt: number | null = null,
): {
  text: string;
  kind: 'diverged' | 'converged' | 'running' | 'pending';
} {
  if (!t) return { text: '…', kind: 'pending' };
  if (t.error !== null) return { text: t.error, kind: 'diverged' };
  const left = leftPlotAt === null ? '' : `left the plot at step ${leftPlotAt} · `;
  if (t.status === 'diverged')
    return { text: `${left}diverged at step ${t.divergedAt ?? t.count}`, kind: 'diverged' };
  const last = t.count - 1;
  const f = t.data[last * STRIDE + COL.f] ?? NaN;
  if (t.status === 'converged' && t.convergedAt !== null) {
    return {
      text: `${left}converged at step ${t.convergedAt}, f = ${formatNumber(f, 4)}`,
      kind: 'converged',
    };
  }
  return { text: `${left}after ${last} steps f = ${formatNumber(f, 4)}`, kind: 'running' };
}
