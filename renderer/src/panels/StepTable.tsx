/**
 * The step table of the selected run — step, position, gradient, next position, f, the layout of
 * the chapter's table — in sync with the timeline (current row highlighted and scrolled into
 * view), with copy buttons for CSV, Markdown and LaTeX. Each numeric cell carries its full-
 * precision value in `data-value`. Rendering is deferred so a slider drag never waits for it.
 */
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { MouseEvent } from 'react';
import { buildStepTable, formatNumber } from '../../../shared/table.ts';
import type { TableFormat } from '../../../shared/table.ts';
import { rowAt } from '../store/timeline.ts';
import { platform } from '../platform/platform.ts';
import { actions, appStore, useApp } from '../store/hooks.ts';

/** Rows rendered at most (the copy buttons still include every row). */
const MAX_ROWS = 5000;
const XY = ['x', 'y'];

const FORMATS: { format: TableFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'markdown', label: 'Markdown' },
  { format: 'latex', label: 'LaTeX' },
];

export function StepTable() {
  const liveTrajectory = useApp((s) =>
    s.scene.selectedRunId ? s.trajectories[s.scene.selectedRunId] : undefined,
  );
  // While a slider is being dragged the table keeps the rows it had: rebuilding thousands of
  // cells per input event would starve the view of frames. It catches up on release.
  const sliding = useApp((s) => s.sliding);
  const held = useRef(liveTrajectory);
  if (!sliding) held.current = liveTrajectory;
  const runName = useApp(
    (s) => s.scene.runs.find((r) => r.id === s.scene.selectedRunId)?.name ?? '',
  );
  const variables = useApp((s) => s.info?.variables ?? XY);
  const trajectory = useDeferredValue(sliding ? held.current : liveTrajectory);
  const table = useMemo(
    () => (trajectory ? buildStepTable(trajectory, variables) : null),
    [trajectory, variables],
  );
  const body = useRef<HTMLTableSectionElement>(null);
  const current = useRef<HTMLTableRowElement | null>(null);
  const currentStep = useRef(-1);

  /**
   * Marks the row at the playhead (DOM only: runs every frame while playing). Scrolls only when
   * the step changes: scrollIntoView forces a layout of the whole table, which is what made
   * slider drags over long runs stutter.
   */
  const highlight = useRef((position: number) => {
    const tbody = body.current;
    if (!tbody) return;
    const count = tbody.rows.length;
    const step = count > 0 ? rowAt(position, count) : -1;
    const row = step >= 0 ? tbody.rows[step] : undefined;
    if (row === current.current) return;
    current.current?.classList.remove('current');
    current.current?.removeAttribute('aria-current');
    current.current = row ?? null;
    if (row) {
      row.classList.add('current');
      row.setAttribute('aria-current', 'step');
      if (step !== currentStep.current) row.scrollIntoView({ block: 'nearest' });
    }
    currentStep.current = step;
  });

  useEffect(() => appStore.getState().runtime.playhead.subscribe((p) => highlight.current(p)), []);
  useLayoutEffect(() => {
    // New rows: the old highlighted element is gone (the step, and so the scroll, stays).
    current.current = null;
    highlight.current(appStore.getState().runtime.playhead.position);
  }, [table]);

  // The rows are rebuilt only with the table: the component re-renders on every solver answer
  // (it reads the live trajectory), and while a slider is held those renders must cost nothing.
  const rows = useMemo(
    () =>
      table?.rows.slice(0, MAX_ROWS).map((row) => (
        <tr key={row.step} data-step={row.step}>
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
      )),
    [table],
  );

  // The same path as Edit ▸ Copy Step Table (the clipboard goes through the app in Electron).
  const copy = async (format: TableFormat): Promise<void> => {
    if (!liveTrajectory) return;
    await platform.copyStepTable(format);
  };

  const onRowClick = (event: MouseEvent<HTMLTableSectionElement>): void => {
    const row = (event.target as Element).closest('tr');
    const step = Number(row?.dataset.step);
    if (Number.isInteger(step)) actions().seek(step);
  };

  return (
    <section className="panel-section step-table-section">
      <div className="section-header">
        <h2>
          Steps <span className="subtle">{runName && `· ${runName}`}</span>
        </h2>
        <div className="copy-buttons" role="group" aria-label="Copy the table">
          {FORMATS.map(({ format, label }) => (
            <button
              key={format}
              type="button"
              disabled={!table}
              data-testid={`copy-${format}`}
              onClick={() => void copy(format)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div className="table-scroll">
        <table className="step-table" data-testid="step-table">
          {table && (
            <thead>
              <tr>
                <th scope="col">step</th>
                {table.columns.map((c) => (
                  <th key={c.plain} scope="col">
                    {c.markdown}
                  </th>
                ))}
              </tr>
            </thead>
          )}
          {/* One click handler for the whole body: per-row closures would be new props on every
              render, and React would then touch thousands of rows per slider event. */}
          <tbody ref={body} onClick={onRowClick}>
            {rows}
          </tbody>
        </table>
        {table && table.rows.length > MAX_ROWS && (
          <p className="hint">
            Showing the first {MAX_ROWS} of {table.rows.length} rows; the copy buttons include all.
          </p>
        )}
        {!table && <p className="hint">No steps to show: select a run.</p>}
      </div>
    </section>
  );
}
