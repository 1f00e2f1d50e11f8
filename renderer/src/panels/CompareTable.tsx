/**
 * The compare table: every visible run side by side, one row per step — step, then x (and y)
 * and f for each run, the layout of the chapter's learning-rate table. Each number cell carries
 * its full-precision value in `data-value` with the run (`data-run-id`) and quantity
 * (`data-quantity`) it belongs to; a run that has stopped shows dashes. Copies as CSV, Markdown
 * or LaTeX like the step table.
 */
import { memo, useDeferredValue, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildCompareTable } from '../../../shared/compareTable.ts';
import type { CompareTable as Table } from '../../../shared/compareTable.ts';
import { formatNumber } from '../../../shared/table.ts';
import { compareRunsOf, platform } from '../platform/platform.ts';
import { useApp } from '../store/hooks.ts';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import {
  FORMATS,
  MAX_ROWS,
  seekToClickedRow,
  usePlayheadRowMark,
  useRowsInView,
  useThrottledWhile,
} from './tableRows.ts';

const XY = ['x', 'y'];

/** One body row; memoised, so rows whose numbers did not change skip. */
const CompareRowView = memo(function CompareRowView({
  row,
  runIds,
  quantities,
}: {
  row: Table['rows'][number];
  runIds: readonly string[];
  quantities: readonly string[];
}) {
  const per = quantities.length;
  return (
    <tr data-step={row.step}>
      <th scope="row">{row.step}</th>
      {row.cells.map((v, i) => {
        const run = runIds[Math.floor(i / per)];
        const quantity = quantities[i % per];
        const first = i % per === 0 ? 'run-start' : undefined;
        return v === null ? (
          <td
            key={i}
            className={first ? `${first} dash` : 'dash'}
            data-run-id={run}
            data-quantity={quantity}
          >
            —
          </td>
        ) : (
          <td
            key={i}
            className={first}
            data-run-id={run}
            data-quantity={quantity}
            data-value={String(v)}
          >
            {formatNumber(v, 3)}
          </td>
        );
      })}
    </tr>
  );
});

export function CompareTable() {
  // Per visible run: trajectory, id, label and colour, flat so useShallow sees a new array
  // only when one of them changed. Throttled as one, so a drag never rebuilds the table per event.
  const live = useApp(
    useShallow((s) =>
      compareRunsOf(s).flatMap((r) => [
        r.trajectory as TrajectoryResult,
        r.id,
        r.label,
        s.scene.runs.find((x) => x.id === r.id)?.color ?? 'transparent',
      ]),
    ),
  );
  const variables = useApp((s) => s.info?.variables ?? XY);
  const sliding = useApp((s) => s.sliding);
  const deferred = useDeferredValue(useThrottledWhile(live, sliding));
  const { table, colors, total } = useMemo(() => {
    const runs: { trajectory: TrajectoryResult; id: string; label: string }[] = [];
    const colors: string[] = [];
    for (let i = 0; i + 3 < deferred.length; i += 4) {
      runs.push({
        trajectory: deferred[i] as TrajectoryResult,
        id: deferred[i + 1] as string,
        label: deferred[i + 2] as string,
      });
      colors.push(deferred[i + 3] as string);
    }
    const total = runs.reduce((n, r) => Math.max(n, r.trajectory.count), 0);
    return { table: buildCompareTable(runs, variables, MAX_ROWS), colors, total };
  }, [deferred, variables]);

  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const shownRows = useRowsInView(table.rows, sliding, scroller, body);
  usePlayheadRowMark(body, [shownRows]);
  const runIds = useMemo(() => table.runs.map((r) => r.id), [table]);
  const quantities = useMemo(() => table.quantities.map((q) => q.key), [table]);
  const rows = useMemo(
    () =>
      shownRows.map((row) => (
        <CompareRowView key={row.step} row={row} runIds={runIds} quantities={quantities} />
      )),
    [shownRows, runIds, quantities],
  );
  const empty = table.runs.length === 0;

  return (
    <>
      <div className="section-header">
        <h2>
          Compare runs <span className="subtle">· {table.runs.length} shown</span>
        </h2>
        <div className="copy-buttons" role="group" aria-label="Copy the compare table">
          {FORMATS.map(({ format, label }) => (
            <button
              key={format}
              type="button"
              disabled={empty}
              data-testid={`compare-copy-${format}`}
              onClick={() => void platform.copyCompareTable(format)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {/* Focusable, so the keyboard can scroll it. */}
      <div
        className="table-scroll"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Runs compared"
      >
        <table className="step-table compare-table" data-testid="compare-table">
          {!empty && (
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  step
                </th>
                {table.runs.map((r, i) => (
                  <th
                    key={r.id}
                    scope="colgroup"
                    colSpan={table.quantities.length}
                    className="run-start run-head"
                    title={r.label}
                    data-run-id={r.id}
                  >
                    <span className="swatch" style={{ background: colors[i] }} />
                    {r.label}
                  </th>
                ))}
              </tr>
              <tr>
                {table.runs.flatMap((r) =>
                  table.quantities.map((q, j) => (
                    <th
                      key={`${r.id}-${q.key}`}
                      scope="col"
                      className={j === 0 ? 'run-start' : undefined}
                    >
                      {q.markdown}
                    </th>
                  )),
                )}
              </tr>
            </thead>
          )}
          <tbody ref={body} onClick={seekToClickedRow}>
            {rows}
          </tbody>
        </table>
        {total > MAX_ROWS && (
          <p className="hint">
            Showing the first {MAX_ROWS} of {total} rows; the copy buttons include all.
          </p>
        )}
        {empty && <p className="hint">No runs to compare: show a run that has steps.</p>}
      </div>
    </>
  );
}
