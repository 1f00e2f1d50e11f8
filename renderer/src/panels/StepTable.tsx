/**
 * The numbers beside the view, as two tabs: the step table of the selected run — step,
 * position, gradient, next position, f, the layout of the chapter's table — and the compare
 * table of every visible run side by side (the chapter's three-η table). Both follow the
 * timeline (current row highlighted and scrolled into view; a click seeks), follow a slider
 * drag at a bounded rate, and copy as CSV, Markdown or LaTeX. Each numeric cell carries its
 * full-precision value in `data-value`. Rendering is deferred so a slider drag never waits for
 * it.
 */
import { memo, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { runLabel } from '../../../shared/scene/runName.ts';
import { buildStepTable, formatNumber } from '../../../shared/table.ts';
import { platform } from '../platform/platform.ts';
import { useApp } from '../store/hooks.ts';
import { CompareTable } from './CompareTable.tsx';
import {
  FORMATS,
  MAX_ROWS,
  seekToClickedRow,
  usePlayheadRowMark,
  useRowsInView,
  useThrottledWhile,
} from './tableRows.ts';

const XY = ['x', 'y'];

type Tab = 'steps' | 'compare';

export function StepTable() {
  const id = useId();
  const [tab, setTab] = useState<Tab>('steps');
  const tabs: { key: Tab; label: string }[] = [
    { key: 'steps', label: 'Steps' },
    { key: 'compare', label: 'Compare runs' },
  ];
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
              const next = tab === 'steps' ? 'compare' : 'steps';
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
        {tab === 'steps' ? <SingleRunTable /> : <CompareTable />}
      </div>
    </section>
  );
}

/** One body row of the step table; memoised, so rows whose numbers did not change skip. */
const StepRowView = memo(function StepRowView({
  row,
}: {
  row: { step: number; cells: (number | null)[] };
}) {
  return (
    <tr data-step={row.step}>
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
            {formatNumber(v, 3)}
          </td>
        ),
      )}
    </tr>
  );
});

function SingleRunTable() {
  const liveTrajectory = useApp((s) =>
    s.scene.selectedRunId ? s.trajectories[s.scene.selectedRunId] : undefined,
  );
  const sliding = useApp((s) => s.sliding);
  const followed = useThrottledWhile(liveTrajectory, sliding);
  const label = useApp((s) => {
    const run = s.scene.runs.find((r) => r.id === s.scene.selectedRunId);
    return run ? runLabel(run) : '';
  });
  const variables = useApp((s) => s.info?.variables ?? XY);
  const trajectory = useDeferredValue(followed);
  const table = useMemo(
    () => (trajectory ? buildStepTable(trajectory, variables, MAX_ROWS + 1) : null),
    [trajectory, variables],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const allRows = useMemo(() => table?.rows.slice(0, MAX_ROWS) ?? [], [table]);
  const shownRows = useRowsInView(allRows, sliding, scroller, body);
  usePlayheadRowMark(body, [shownRows]);

  // Built only when the rows change: the component re-renders on every solver answer.
  const rows = useMemo(
    () => shownRows.map((row) => <StepRowView key={row.step} row={row} />),
    [shownRows],
  );
  const total = trajectory?.count ?? 0;

  return (
    <>
      <div className="section-header">
        <h2>
          Steps <span className="subtle">{label && `· ${label}`}</span>
        </h2>
        <div className="copy-buttons" role="group" aria-label="Copy the table">
          {FORMATS.map(({ format, label: name }) => (
            <button
              key={format}
              type="button"
              disabled={!table}
              data-testid={`copy-${format}`}
              // The same path as Edit ▸ Copy Step Table (the clipboard goes through the app in
              // Electron).
              onClick={() => void platform.copyStepTable(format)}
            >
              {name}
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
        aria-label="Step table"
      >
        <table className="step-table" data-testid="step-table">
          {table && (
            <thead>
              <tr>
                <th scope="col">step</th>
                {table.columns.map((c) => (
                  <th key={c.plain} scope="col" title={c.plain}>
                    {c.markdown}
                  </th>
                ))}
              </tr>
            </thead>
          )}
          {/* One click handler for the whole body: per-row closures would be new props on every
              render, and React would then touch thousands of rows per slider event. */}
          <tbody ref={body} onClick={seekToClickedRow}>
            {rows}
          </tbody>
        </table>
        {total > MAX_ROWS && (
          <p className="hint">
            Showing the first {MAX_ROWS} of {total} rows; the copy buttons include all.
          </p>
        )}
        {!table && <p className="hint">No steps to show: select a run.</p>}
      </div>
    </>
  );
}
