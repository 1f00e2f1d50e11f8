/**
 * The numbers beside the view, as two tabs: the step table of the selected run — step,
 * position, gradient, next position, f, the layout of the chapter's table — and the compare
 * table of every visible run side by side (the chapter's three-η table). Both follow the
 * timeline (current row highlighted and scrolled into view; a click seeks), follow a slider
 * drag at a bounded rate, and copy as CSV, Markdown or LaTeX. Only the rows in view are in the
 * DOM (plus the playhead's row, always; the table's `data-row-count` says how many there are).
 * Each numeric cell carries its full-precision value in `data-value`. Rendering is deferred so
 * a slider drag never waits for it.
 */
import { memo, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { formatNumber, lazyRows } from '../../../shared/table.ts';
import type { RowSource } from '../../../shared/table.ts';
import { platform } from '../platform/platform.ts';
import { useApp } from '../store/hooks.ts';
import { shownSteps, trainsModel } from '../store/trainingPath.ts';
import { CompareTable } from './CompareTable.tsx';
import { LearningCurve } from './LearningCurve.tsx';
import { TableFrame } from './TableFrame.tsx';
import { seekToClickedRow, useThrottledWhile, useVirtualRows } from './tableRows.ts';
import './StepTable.css';

const XY = ['x', 'y'];

/** Row objects kept for memoised rows (a few screens' worth). */
const ROW_CACHE = 500;

type Tab = 'steps' | 'compare' | 'curve';

export function StepTable() {
  const id = useId();
  const [chosen, setTab] = useState<Tab>('steps');
  // The learning curve is a model's: on any other problem it is absent (and falls back to steps).
  const model = useApp(trainsModel);
  const tabs: { key: Tab; label: string }[] = [
    { key: 'steps', label: 'Steps' },
    { key: 'compare', label: 'Compare runs' },
    ...(model ? [{ key: 'curve' as const, label: 'Learning curve' }] : []),
  ];
  const tab = tabs.some((t) => t.key === chosen) ? chosen : 'steps';
  if (tab !== chosen) setTab(tab);
  return (
    <section className="panel-section step-table-section">
      <div className="table-tabs" role="tablist" aria-label="Tables">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${id}-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`${id}-panel`}
            data-testid={`table-tab-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            onClick={() => setTab(t.key)}
            onKeyDown={(e) => {
              // The tab pattern: arrows move between the tabs.
              if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
              e.preventDefault();
              e.stopPropagation();
              const at = tabs.findIndex((t) => t.key === tab);
              const by = e.key === 'ArrowRight' ? 1 : -1;
              const next = tabs[(at + by + tabs.length) % tabs.length]!.key;
              setTab(next);
              document.getElementById(`${id}-${next}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        className="table-panel"
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-${tab}`}
      >
        {tab === 'steps' ? (
          <SingleRunTable />
        ) : tab === 'compare' ? (
          <CompareTable />
        ) : (
          <LearningCurve />
        )}
      </div>
    </section>
  );
}

/** A body row as rendered: its step and numeric cells (null = dash). */
interface Row {
  step: number;
  cells: (number | null)[];
}

/** One body row of the step table; memoised, so rows whose numbers did not change skip. */
const StepRowView = memo(function StepRowView({
  row,
  current,
  rowIndex,
  counts,
}: {
  row: Row;
  current: boolean;
  rowIndex: number;
  /** Per column: whether it counts (epoch, batch), shown without decimals. */
  counts: readonly boolean[];
}) {
  return (
    <tr
      data-step={row.step}
      aria-rowindex={rowIndex}
      className={current ? 'current' : undefined}
      aria-current={current ? 'step' : undefined}
    >
      <th scope="row" data-value={String(row.step)}>
        {row.step}
      </th>
      {row.cells.map((v, i) =>
        v === null ? (
          <td key={i} className="dash">
            —
          </td>
        ) : (
          <td key={i} data-value={String(v)}>
            {counts[i] ? String(v) : formatNumber(v, 3)}
          </td>
        ),
      )}
    </tr>
  );
});

function SingleRunTable() {
  // The selected run's steps, or a network's training when no run is selected.
  const liveTrajectory = useApp((s) => shownSteps(s)?.trajectory);
  const sliding = useApp((s) => s.sliding);
  const followed = useThrottledWhile(liveTrajectory, sliding);
  const label = useApp((s) => shownSteps(s)?.label ?? '');
  const variables = useApp((s) => s.info?.variables ?? XY);
  const trajectory = useDeferredValue(followed);
  // Read row by row: only the rows in view are ever built.
  const table = useMemo(
    () => (trajectory ? lazyRows(trajectory, variables, trajectory.count) : null),
    [trajectory, variables],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);

  return (
    <TableFrame
      title={
        <>
          Steps <span className="subtle">{label && `· ${label}`}</span>
        </>
      }
      copyLabel="Copy the table"
      copyTestId="copy-"
      copyDisabled={!table}
      // The same path as Edit ▸ Copy Step Table (the clipboard goes through the app in
      // Electron), which formats every row from the data, not from the DOM.
      onCopy={(format) => void platform.copyStepTable(format)}
      regionLabel="Step table"
      scroller={scroller}
    >
      <table
        className="step-table"
        data-testid="step-table"
        data-row-count={table?.count ?? 0}
        // Only some rows are in the DOM: say how many there are (the header is row 1).
        aria-rowcount={(table?.count ?? 0) + 1}
      >
        {table && (
          <thead ref={head}>
            <tr aria-rowindex={1}>
              <th scope="col">step</th>
              {table.columns.map((c) => (
                <th key={c.plain} scope="col" title={c.plain}>
                  {c.markdown}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <StepRows table={table} scroller={scroller} head={head} />
      </table>
      {!table && <p className="hint">No steps to show: select a run.</p>}
    </TableFrame>
  );
}

/**
 * The body: only the rows in view (and the playhead's), so it re-renders on scroll and on a new
 * playhead row without the header and buttons above it.
 */
function StepRows({
  table,
  scroller,
  head,
}: {
  table: RowSource | null;
  scroller: RefObject<HTMLDivElement | null>;
  head: RefObject<HTMLTableSectionElement | null>;
}) {
  const body = useRef<HTMLTableSectionElement>(null);
  const { indexes, current, style } = useVirtualRows(table?.count ?? 0, scroller, head, body);
  // Row objects are kept per table, so a memoised row seen again (scrolled back) skips.
  const cache = useMemo(() => new Map<number, Row>(), [table]);
  const counts = useMemo(
    () => (table?.columns ?? []).map((c) => c.plain === 'epoch' || c.plain === 'batch'),
    [table],
  );
  const rowAt = (k: number): Row => {
    // Bounded: scrolling through a long run must not keep every row it passed.
    if (cache.size > ROW_CACHE) cache.clear();
    let row = cache.get(k);
    if (!row && table) {
      const cells: (number | null)[] = [];
      for (let c = 0; c < table.columns.length; c++) cells.push(table.cell(k, c));
      row = { step: table.step(k), cells };
      cache.set(k, row);
    }
    return row ?? { step: k, cells: [] };
  };
  return (
    // One click handler for the whole body: per-row closures would be new props on every render.
    <tbody ref={body} style={style} onClick={seekToClickedRow}>
      {table &&
        indexes.map((k) => (
          <StepRowView
            key={k}
            row={rowAt(k)}
            current={k === current}
            rowIndex={k + 2}
            counts={counts}
          />
        ))}
    </tbody>
  );
}
