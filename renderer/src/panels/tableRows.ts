/**
 * What the step table and the compare table share: following a slider drag at a bounded rate,
 * rendering only the rows in view (virtualised with @tanstack/react-virtual, so 2,000 steps and
 * 1,000,000 cost the same), and keeping the playhead's row rendered, marked and in view.
 *
 * A drag produces new trajectories at the rate of input events. Rebuilding the rows for each
 * would starve the view of frames, and holding the table until the release made it look frozen.
 * So while a slider is held the table takes the newest answer at most every
 * {@link DRAG_REFRESH_MS}.
 *
 * The rows not rendered are stood in for by two pseudo-rows (`tbody::before` / `::after`, see
 * StepTable.css) whose heights come from CSS variables, so the body holds only real rows: every
 * `tr` in it is a step, and `tbody.rows` has no spacers.
 */
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { CSSProperties, MouseEvent, RefObject } from 'react';
import type { TableFormat } from '../../../shared/table.ts';
import { actions } from '../store/hooks.ts';
import { usePlayheadRow } from './usePlayheadRow.ts';

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

/** Rows rendered above and below the visible ones (a short scroll shows rows at once). */
export const OVERSCAN = 10;

/** Height of a body row before one has been measured (CSS px, the 10.5 px monospace rows). */
const ROW_HEIGHT_GUESS = 17;

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

/**
 * The sorted row indexes `indexes` (the virtualiser's range) with `row` added, when it is a row
 * of a table of `count`: the playhead's row is rendered wherever the table is scrolled.
 */
export function withRow(indexes: readonly number[], row: number, count: number): number[] {
  if (!Number.isInteger(row) || row < 0 || row >= count) return [...indexes];
  let at = 0;
  while (at < indexes.length && indexes[at]! < row) at++;
  if (indexes[at] === row) return [...indexes];
  return [...indexes.slice(0, at), row, ...indexes.slice(at)];
}

/** A rendered row as the virtualiser places it: `start` counts from the scroller's top. */
export interface PlacedRow {
  index: number;
  start: number;
  size: number;
}

/**
 * Space to leave above and below the rendered rows (sorted by index) of a body that starts
 * `offset` down the scroller and is `total` tall, so the longest unbroken run of rows (the ones
 * in view) sits exactly where it belongs. Rendered rows stack without gaps, so a row rendered
 * far from that run (the playhead's) sits just beyond it, out of sight, and the spacing shrinks
 * by its height: the body stays `total` tall.
 */
export function spacing(
  rows: readonly PlacedRow[],
  offset: number,
  total: number,
): { top: number; bottom: number } {
  if (rows.length === 0) return { top: 0, bottom: Math.max(0, total) };
  // The longest run of consecutive indexes (the first of equals).
  let best = 0;
  let bestLength = 0;
  for (let from = 0; from < rows.length;) {
    let to = from + 1;
    while (to < rows.length && rows[to]!.index === rows[to - 1]!.index + 1) to++;
    if (to - from > bestLength) {
      best = from;
      bestLength = to - from;
    }
    from = to;
  }
  let before = 0;
  for (let k = 0; k < best; k++) before += rows[k]!.size;
  let all = 0;
  for (const row of rows) all += row.size;
  const top = Math.max(0, rows[best]!.start - offset - before);
  return { top, bottom: Math.max(0, total - top - all) };
}

/** What a virtualised table body renders. */
export interface VirtualRows {
  /** Row indexes to render, ascending (always including `current` when the table has rows). */
  indexes: number[];
  /** The playhead's row. */
  current: number;
  /** Style for the `tbody`: the heights that stand in for the rows not rendered. */
  style: CSSProperties;
}

/**
 * Virtualises a table body of `count` rows scrolled by `scroller`, under the sticky `head`.
 * Re-renders when the rows in view change or the playhead moves to another row, and then
 * scrolls that row into view (only then: a user scrolling elsewhere is not pulled back while
 * nothing moves).
 */
export function useVirtualRows(
  count: number,
  scroller: RefObject<HTMLElement | null>,
  head: RefObject<HTMLElement | null>,
  body: RefObject<HTMLTableSectionElement | null>,
): VirtualRows {
  const current = usePlayheadRow(count);
  const [rowHeight, setRowHeight] = useState(ROW_HEIGHT_GUESS);
  const [headHeight, setHeadHeight] = useState(0);
  const rangeExtractor = useCallback(
    (range: Range) => withRow(defaultRangeExtractor(range), current, range.count),
    [current],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // The body starts below the header, and the sticky header covers the scroller's top.
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    rangeExtractor,
  });

  // Rows are all of one height: measure one (fonts, zoom) rather than observe each. Measured
  // when rows first appear, then only when the head or the body changes size: a layout effect
  // reading sizes on every render forced a layout per slider event (a third of the main
  // thread's work during a drag, measured), and a ResizeObserver reads them after the browser's
  // own layout.
  const hasRows = count > 0;
  useLayoutEffect(() => {
    const measure = (): void => {
      const row = body.current?.rows[0];
      const measured = row ? row.getBoundingClientRect().height : 0;
      if (measured > 0) setRowHeight((h) => (Math.abs(measured - h) > 0.01 ? measured : h));
      const headSize = head.current?.getBoundingClientRect().height ?? 0;
      setHeadHeight((h) => (Math.abs(headSize - h) > 0.01 ? headSize : h));
    };
    measure();
    const resize = new ResizeObserver(measure);
    for (const el of [head.current, body.current]) if (el) resize.observe(el);
    return () => resize.disconnect();
  }, [hasRows, head, body]);
  useLayoutEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  useEffect(() => {
    if (count > 0) virtualizer.scrollToIndex(current, { align: 'auto' });
    // Only a new playhead row scrolls (see above), not new rows or a new length.
  }, [current, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const { top, bottom } = spacing(items, headHeight, virtualizer.getTotalSize());
  return {
    indexes: items.map((item) => item.index),
    current,
    style: { '--rows-above': `${top}px`, '--rows-below': `${bottom}px` } as CSSProperties,
  };
}
