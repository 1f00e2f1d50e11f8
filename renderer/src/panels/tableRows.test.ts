/** Which rows a virtualised table renders, and where the rows it leaves out would be. */
import { describe, expect, it } from 'vitest';
import { spacing, withRow } from './tableRows.ts';
import type { PlacedRow } from './tableRows.ts';

/** Rows `from`..`to` of height `size`, in a body starting `offset` down the scroller. */
const placed = (indexes: readonly number[], size = 20, offset = 0): PlacedRow[] =>
  indexes.map((index) => ({ index, start: offset + index * size, size }));

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('withRow: the playhead row is always rendered', () => {
  it('adds a row above, below or between, keeping the order', () => {
    expect(withRow([10, 11, 12], 3, 100)).toEqual([3, 10, 11, 12]);
    expect(withRow([10, 11, 12], 99, 100)).toEqual([10, 11, 12, 99]);
    expect(withRow([10, 12], 11, 100)).toEqual([10, 11, 12]);
  });

  it('does not repeat a row already in range', () => {
    expect(withRow([10, 11, 12], 11, 100)).toEqual([10, 11, 12]);
  });

  it('ignores a row the table does not have', () => {
    expect(withRow([0, 1], 5, 2)).toEqual([0, 1]);
    expect(withRow([0, 1], -1, 2)).toEqual([0, 1]);
    expect(withRow([], 0, 0)).toEqual([]);
  });

  it('renders the row in an empty range (a table not laid out yet)', () => {
    expect(withRow([], 4, 10)).toEqual([4]);
  });
});

describe('spacing: the space that stands in for the rows not rendered', () => {
  it('a run of rows in the middle: the space above and below is that of the rows left out', () => {
    // 1000 rows of 20 px; rows 100..130 rendered.
    expect(spacing(placed(range(100, 130)), 0, 20_000)).toEqual({
      top: 100 * 20,
      bottom: (1000 - 131) * 20,
    });
  });

  it('measures from the body, not from the scroller, when a header sits above it', () => {
    expect(spacing(placed(range(100, 130), 20, 34), 34, 20_000)).toEqual({
      top: 100 * 20,
      bottom: (1000 - 131) * 20,
    });
  });

  it('the first and last rows leave no space on their side', () => {
    expect(spacing(placed(range(0, 30)), 0, 20_000)).toEqual({ top: 0, bottom: 969 * 20 });
    expect(spacing(placed(range(969, 999)), 0, 20_000)).toEqual({ top: 969 * 20, bottom: 0 });
  });

  it('the playhead row far above stacks on the rows in view, which stay where they belong', () => {
    const rows = placed([5, ...range(500, 530)]);
    const { top, bottom } = spacing(rows, 0, 20_000);
    // Rows 500.. start at 500 · 20 px: the space above holds row 5 as well.
    expect(top + 20).toBe(500 * 20);
    // The body keeps the height of every row.
    expect(top + rows.length * 20 + bottom).toBe(20_000);
  });

  it('the playhead row far below stacks under them, the space below shrinks by it', () => {
    const rows = placed([...range(0, 30), 900]);
    const { top, bottom } = spacing(rows, 0, 20_000);
    expect(top).toBe(0);
    expect(bottom).toBe((1000 - 31) * 20 - 20);
  });

  it('no rows: all space below', () => {
    expect(spacing([], 0, 500)).toEqual({ top: 0, bottom: 500 });
  });
});
