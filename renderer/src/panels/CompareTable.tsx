/**
 * The compare table: every visible run side by side, one row per step — step, then x (and y)
 * and f for each run, the layout of the chapter's learning-rate table. Each number cell carries
 * its full-precision value in `data-value` with the run (`data-run-id`) and quantity
 * (`data-quantity`) it belongs to; a run that has stopped shows dashes. Copies as CSV, Markdown
 * or LaTeX like the step table. Virtualised like it: only the rows in view (and the playhead's)
 * are built and rendered; `data-row-count` says how many there are.
 */
import { memo, useDeferredValue, useMemo, useRef } from 'react';
import type { RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildCompareTable } from '../../../shared/compareTable.ts';
import type { CompareRunSource } from '../../../shared/compareTable.ts';
import { formatNumber } from '../../../shared/table.ts';
import { STRIDE } from '../../../shared/types.ts';
import { compareRunsOf, platform } from '../platform/platform.ts';
import { useApp } from '../store/hooks.ts';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import { seekToClickedRow, useThrottledWhile, useVirtualRows } from './tableRows.ts';
import { TableFrame } from './TableFrame.tsx';
import './StepTable.css';

const XY = ['x', 'y'];

/** Row objects kept for memoised rows (a few screens' worth). */
const ROW_CACHE = 500;

/** A body row: its step and, per run, its quantities (null = dash). */
interface Row {
  step: number;
  cells: (number | null)[];
}

/**
 * Row `k` of the compare table of `runs`, built alone: the same table code run on each
 * trajectory's row k (a one-row window), so the cells are exactly what a copy contains.
 */
function compareRow(
  runs: readonly CompareRunSource[],
  variables: readonly string[],
  k: number,
): Row {
  const windows = runs.map((r) => ({
    ...r,
    trajectory: {
      dim: r.trajectory.dim,
      data: r.trajectory.data.subarray(k * STRIDE, (k + 1) * STRIDE),
      count: k < r.trajectory.count ? 1 : 0,
    },
  }));
  const cells = buildCompareTable(windows, variables, 1).rows[0]?.cells;
  // Every run has stopped before k: all dashes.
  return { step: k, cells: cells ?? [] };
}

/** One body row; memoised, so rows whose numbers did not change skip. */
const CompareRowView = memo(function CompareRowView({
  row,
  runIds,
  quantities,
  current,
  rowIndex,
}: {
  row: Row;
  runIds: readonly string[];
  quantities: readonly string[];
  current: boolean;
  rowIndex: number;
}) {
  const per = quantities.length;
  return (
    <tr
      data-step={row.step}
      aria-rowindex={rowIndex}
      className={current ? 'current' : undefined}
      aria-current={current ? 'step' : undefined}
    >
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
  const { runs, table, colors, total } = useMemo(() => {
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
    // The headers only: rows are built as they come into view.
    return { runs, table: buildCompareTable(runs, variables, 0), colors, total };
  }, [deferred, variables]);

  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const runIds = useMemo(() => table.runs.map((r) => r.id), [table]);
  const quantities = useMemo(() => table.quantities.map((q) => q.key), [table]);
  const empty = table.runs.length === 0;

  return (
    <TableFrame
      title={
        <>
          Compare runs <span className="subtle">· {table.runs.length} shown</span>
        </>
      }
      copyLabel="Copy the compare table"
      copyTestId="compare-copy-"
      copyDisabled={empty}
      onCopy={(format) => void platform.copyCompareTable(format)}
      regionLabel="Runs compared"
      scroller={scroller}
    >
      <table
        className="step-table compare-table"
        data-testid="compare-table"
        data-row-count={total}
        // Only some rows are in the DOM: say how many there are (after two header rows).
        aria-rowcount={total + 2}
      >
        {!empty && (
          <thead ref={head}>
            <tr aria-rowindex={1}>
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
            <tr aria-rowindex={2}>
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
        <CompareRows
          runs={runs}
          variables={variables}
          count={total}
          runIds={runIds}
          quantities={quantities}
          scroller={scroller}
          head={head}
        />
      </table>
      {empty && <p className="hint">No runs to compare: show a run that has steps.</p>}
    </TableFrame>
  );
}

/** The body: only the rows in view (and the playhead's); see StepTable's StepRows. */
function CompareRows({
  runs,
  variables,
  count,
  runIds,
  quantities,
  scroller,
  head,
}: {
  runs: readonly CompareRunSource[];
  variables: readonly string[];
  count: number;
  runIds: readonly string[];
  quantities: readonly string[];
  scroller: RefObject<HTMLDivElement | null>;
  head: RefObject<HTMLTableSectionElement | null>;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  const { indexes, current, style } = useVirtualRows(count, scroller, head, body);
  const cache = useMemo(() => new Map<number, Row>(), [runs, variables]);
  const rowAt = (k: number): Row => {
    if (cache.size > ROW_CACHE) cache.clear();
    let row = cache.get(k);
    if (!row) {
      row = compareRow(runs, variables, k);
      cache.set(k, row);
    }
    return row;
  };
  return (
    <tbody ref={body} style={style} onClick={seekToClickedRow}>
      {indexes.map((k) => (
        <CompareRowView
          key={k}
          row={rowAt(k)}
          runIds={runIds}
          quantities={quantities}
          current={k === current}
          rowIndex={k + 3}
        />
      ))}
    </tbody>
  );
}
