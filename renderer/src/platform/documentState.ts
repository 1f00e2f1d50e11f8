/**
 * Unsaved changes. The store counts content changes (`revision`) and remembers the revision last
 * saved or opened (`savedRevision`); the document is dirty while they differ. In the desktop app
 * the main process needs to know (title mark, the save question on close and quit), so every
 * change of that answer is reported once through `setDocumentState`. An open lesson is counted
 * the same way (`lessonRevision`, `lessonSavedRevision`) and reported beside it.
 *
 * Reports are deduplicated, not delayed: the answer only flips on the first edit after a save or
 * open, and a close right after that first edit must already be guarded.
 */
import type { DescentBridge } from '../../../shared/bridge.ts';
import type { AppState, AppStore } from '../store/types.ts';

/** True when the document has changes that are not in its file. */
export function isDirty(state: Pick<AppState, 'revision' | 'savedRevision'>): boolean {
  return state.revision !== state.savedRevision;
}

/** True when a lesson is open and has changes that are not in its file. */
export function isLessonDirty(
  state: Pick<AppState, 'lesson' | 'lessonRevision' | 'lessonSavedRevision'>,
): boolean {
  return state.lesson !== null && state.lessonRevision !== state.lessonSavedRevision;
}

/** Both answers in one value, so a change of either is reported once. */
function dirtyKey(state: AppState): number {
  return (isDirty(state) ? 1 : 0) + (isLessonDirty(state) ? 2 : 0);
}

/** What {@link reportDocumentState} returns. */
export interface DocumentStateReporter {
  /**
   * The main process changed its own idea of the state (it marks a document clean when it opens,
   * creates or saves one). Runs `change` (the renderer's side of the same event) without
   * reporting in between, then reports the renderer's answer once, even if unchanged.
   */
  resync(change?: () => void): void;
  /** Stops reporting. */
  stop(): void;
}

/**
 * Reports the dirty state of `store`'s document to the main process whenever it changes. A new
 * window starts clean on both sides, so nothing is sent until the first edit.
 */
export function reportDocumentState(
  store: AppStore,
  bridge: Pick<DescentBridge, 'setDocumentState'>,
): DocumentStateReporter {
  /** A resync is running: its one report comes at the end. */
  let holding = false;
  const report = (): void => {
    if (holding) return;
    const state = store.getState();
    bridge
      .setDocumentState({ dirty: isDirty(state), lessonDirty: isLessonDirty(state) })
      .catch(() => {
        // Refused (never from our own renderer): the next change or resync says it again.
      });
  };
  // The selector makes this fire only when the answer flips, not on every edit.
  const unsubscribe = store.subscribe(dirtyKey, report);
  return {
    resync: (change) => {
      holding = true;
      try {
        change?.();
      } finally {
        holding = false;
      }
      report();
    },
    stop: unsubscribe,
  };
}
