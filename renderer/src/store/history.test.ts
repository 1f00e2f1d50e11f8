import { describe, expect, it } from 'vitest';
import { closeGesture, emptyHistory, HISTORY_LIMIT, recordEdit, redo, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes single edits', () => {
    let h = emptyHistory<number>();
    h = recordEdit(h, 0);
    h = recordEdit(h, 1);
    // present is 2
    const back = undo(h, 2)!;
    expect(back.document).toBe(1);
    const back2 = undo(back.history, 1)!;
    expect(back2.document).toBe(0);
    expect(undo(back2.history, 0)).toBeNull();
    const fwd = redo(back2.history, 0)!;
    expect(fwd.document).toBe(1);
    expect(redo(fwd.history, 1)!.document).toBe(2);
  });

  it('coalesces a gesture into one entry until it is closed', () => {
    let h = emptyHistory<number>();
    // slider drag: 0 → 1 → 2 → 3 with one gesture key
    h = recordEdit(h, 0, 'lr');
    h = recordEdit(h, 1, 'lr');
    h = recordEdit(h, 2, 'lr');
    expect(h.past).toEqual([0]);
    h = closeGesture(h);
    h = recordEdit(h, 3, 'lr');
    expect(h.past).toEqual([0, 3]);
    expect(undo(h, 4)!.document).toBe(3);
  });

  it('a different gesture or a plain edit starts a new entry', () => {
    let h = emptyHistory<string>();
    h = recordEdit(h, 'a', 'lr');
    h = recordEdit(h, 'b', 'momentum');
    h = recordEdit(h, 'c');
    h = recordEdit(h, 'd');
    expect(h.past).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a new edit clears the redo stack', () => {
    let h = recordEdit(emptyHistory<number>(), 0);
    const u = undo(h, 1)!;
    h = recordEdit(u.history, u.document);
    expect(h.future).toEqual([]);
  });

  it('keeps at most HISTORY_LIMIT entries', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 50; i++) h = recordEdit(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});
