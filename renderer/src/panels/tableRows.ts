/**
 * What the step table and the compare table share: following a slider drag at a bounded rate,
 * refreshing only the rows in sight while the drag lasts, and marking the playhead's row.
 *
 * A drag produces new trajectories at the rate of input events. Rebuilding thousands of table
 * cells for each would starve the view of frames, and holding the table until the release made
 * it look frozen. So while a slider is held the table takes the newest answer at most every
 * {@link DRAG_REFRESH_MS}, and of that answer only the rows scrolled into view (plus a margin)
 * are re-rendered; the rest catch up on release.
 */
import { useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { MouseEvent, RefObject } from 'react';
import type { TableFormat } from '../../../shared/table.ts';
import { rowAt } from '../store/timeline.ts';
import { actions, appStore } from '../store/hooks.ts';

/** Rows a table renders at most (its copy buttons still include every row). */
export const MAX_ROWS = 5000;

/** The copy buttons of a table. */
export const FORMATS: { format: TableFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'markdown', label: 'Markdown' },
  { format: 'latex', label: 'LaTeX' },
];

/** Seeks to the step of the clicked row (one handler for the whole body, not one per row). */
export function seekToClickedRow(event: MouseEvent<HTMLTableSectionElement>): void {
  const row = (event.target as Element).closest('tr');
  const step = Number(row?.dataset.step);
  if (Number.isInteger(step)) actions().seek(step);
}

/** Shortest time between two table refreshes during a drag (about six a second). */
export const DRAG_REFRESH_MS = 160;

/** Rows kept fresh above and below the visible ones while dragging (a quick scroll lands well). */
const MARGIN_ROWS = 20;

/**
 * `live` itself, except while `held` (a slider is dragged): then the value it had at the last
 * refresh, refreshed with the newest value at most every `interval` ms.
 */
export function useThrottledWhile<T>(live: T, held: boolean, interval = DRAG_REFRESH_MS): T {
  const shown = useRef(live);
  const last = useRef(-Infinity);
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  if (!held) shown.current = live;
  useEffect(() => {
    if (!held || shown.current === live) return;
    const wait = Math.max(0, last.current + interval - performance.now());
    const timer = setTimeout(() => {
      last.current = performance.now();
      shown.current = live;
      refresh();
    }, wait);
    return () => clearTimeout(timer);
  }, [live, held, interval]);
  return shown.current;
}

/** A table row: identified by its step. */
export interface StepRow {
  step: number;
}

/**
 * The rows to render: `next`, but outside `[first, last]` the previous row objects where they
 * exist, so memoised row components there skip rendering.
 */
export function keepRowsOutside<R extends StepRow>(
  previous: readonly R[],
  next: readonly R[],
  first: number,
  last: number,
): R[] {
  return next.map((row, k) => (k >= first && k <= last ? row : (previous[k] ?? row)));
}

/**
 * Rows to render for a table in `scroller`: all of `rows`, except while `dragging`, when only
 * the rows in view are replaced (see {@link keepRowsOutside}).
 */
export function useRowsInView<R extends StepRow>(
  rows: readonly R[],
  dragging: boolean,
  scroller: RefObject<HTMLElement | null>,
  body: RefObject<HTMLTableSectionElement | null>,
): readonly R[] {
  const shown = useRef<readonly R[]>(rows);
  const view = useRef({ top: 0, height: 1000, rowHeight: 16 });

  // The scroll position, kept from scroll events so rendering never has to read the layout.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = (): void => {
      view.current.top = el.scrollTop;
      view.current.height = el.clientHeight;
    };
    onScroll();
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [scroller]);

  if (shown.current !== rows) {
    if (!dragging) {
      shown.current = rows;
    } else {
      const { top, height, rowHeight } = view.current;
      const first = Math.floor(top / rowHeight) - MARGIN_ROWS;
      const last = Math.ceil((top + height) / rowHeight) + MARGIN_ROWS;
      shown.current = keepRowsOutside(shown.current, rows, first, last);
    }
  }

  useLayoutEffect(() => {
    const row = body.current?.rows[0];
    const el = scroller.current;
    if (row) view.current.rowHeight = Math.max(1, row.getBoundingClientRect().height);
    if (el) view.current.height = el.clientHeight;
  });
  return shown.current;
}

/**
 * Marks the body row at the playhead `current` (DOM only: it runs every frame while playing).
 * Scrolls only when the step changes: scrollIntoView forces a layout of the whole table, which
 * is what made slider drags over long runs stutter. Call again (`deps`) when the rows change.
 */
export function usePlayheadRowMark(
  body: RefObject<HTMLTableSectionElement | null>,
  deps: readonly unknown[],
): void {
  const current = useRef<HTMLTableRowElement | null>(null);
  const currentStep = useRef(-1);
  const mark = useRef((position: number) => {
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

  useEffect(() => appStore.getState().runtime.playhead.subscribe((p) => mark.current(p)), []);
  useLayoutEffect(() => {
    // New rows: the old marked element may be gone (the step, and so the scroll, stays).
    current.current = null;
    mark.current(appStore.getState().runtime.playhead.position);
    // The caller names what rebuilds the rows.
  }, deps);
}
