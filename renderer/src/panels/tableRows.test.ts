/** Which table rows a drag refreshes: the ones in view get the new values, the rest wait. */
import { describe, expect, it } from 'vitest';
import { keepRowsOutside } from './tableRows.ts';

const rows = (n: number, tag: string) => Array.from({ length: n }, (_, step) => ({ step, tag }));

describe('keepRowsOutside', () => {
  it('takes the new rows inside the window and keeps the old objects outside it', () => {
    const before = rows(10, 'old');
    const after = rows(10, 'new');
    const shown = keepRowsOutside(before, after, 3, 5);
    expect(shown.map((r) => r.tag)).toEqual([
      'old',
      'old',
      'old',
      'new',
      'new',
      'new',
      'old',
      'old',
      'old',
      'old',
    ]);
    // The very same objects, so memoised rows skip rendering.
    expect(shown[0]).toBe(before[0]);
    expect(shown[4]).toBe(after[4]);
  });

  it('follows a change of length: new rows appear, rows past the end go', () => {
    expect(keepRowsOutside(rows(3, 'old'), rows(5, 'new'), 0, 0).map((r) => r.tag)).toEqual([
      'new',
      'old',
      'old',
      'new',
      'new',
    ]);
    expect(keepRowsOutside(rows(5, 'old'), rows(2, 'new'), 10, 20)).toHaveLength(2);
  });

  it('a window that covers everything (or negative bounds) behaves', () => {
    const after = rows(4, 'new');
    expect(keepRowsOutside(rows(4, 'old'), after, -20, 100)).toEqual(after);
  });
});
