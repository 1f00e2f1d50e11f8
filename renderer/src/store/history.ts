/**
 * Undo/redo as a pure value: a stack of earlier and later snapshots of a document.
 *
 * Continuous edits (a slider drag, typing an expression) are coalesced into one entry: an edit
 * that carries a gesture key equal to the open gesture replaces the present without pushing, so
 * undo jumps back to where the drag started. The gesture closes on commit (pointer up, change,
 * Enter) or when any other kind of edit happens.
 */

/** Undo history of a document type D. */
export interface History<D> {
  /** Snapshots before the present, oldest first. */
  past: D[];
  /** Snapshots undone, most recently undone last. */
  future: D[];
  /** The gesture whose edits are currently being coalesced, if any. */
  gesture: string | null;
}

/** Largest number of undo steps kept. */
export const HISTORY_LIMIT = 200;

/** An empty history. */
export function emptyHistory<D>(): History<D> {
  return { past: [], future: [], gesture: null };
}

/**
 * Records an edit from `present` to a new document. Returns the new history; the caller stores
 * the new document as the present. `gesture` coalesces consecutive edits with the same key.
 */
export function recordEdit<D>(
  history: History<D>,
  present: D,
  gesture: string | null = null,
): History<D> {
  if (gesture !== null && history.gesture === gesture) {
    // Same drag as before: the snapshot from the drag's start is already on the stack.
    return history.future.length === 0 ? history : { ...history, future: [] };
  }
  const past = [...history.past, present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], gesture };
}

/** Closes the open gesture so the next edit starts a new undo entry. */
export function closeGesture<D>(history: History<D>): History<D> {
  return history.gesture === null ? history : { ...history, gesture: null };
}

/** Steps back: the document to show and the new history, or null when there is nothing to undo. */
export function undo<D>(
  history: History<D>,
  present: D,
): { document: D; history: History<D> } | null {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return null;
  return {
    document: previous,
    history: {
      past: history.past.slice(0, -1),
      future: [...history.future, present],
      gesture: null,
    },
  };
}

/** Steps forward again after an undo, or null when there is nothing to redo. */
export function redo<D>(
  history: History<D>,
  present: D,
): { document: D; history: History<D> } | null {
  const next = history.future[history.future.length - 1];
  if (next === undefined) return null;
  return {
    document: next,
    history: {
      past: [...history.past, present],
      future: history.future.slice(0, -1),
      gesture: null,
    },
  };
}
