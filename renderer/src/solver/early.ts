/**
 * Imported by the page's tiny entry (main.tsx) before the main chunk loads: the solver worker
 * starts loading while the browser is still compiling and running the rest of the app, so it
 * is ready sooner for the first surface. startSolver (client.ts) takes the worker over.
 */

/** What this script leaves for startSolver: the worker and an error it reported meanwhile. */
export interface EarlyWorker {
  worker: Worker;
  /** A load error that happened before startSolver attached its own handler. */
  error: string | null;
  /** Stops recording errors here (startSolver reports them from then on). */
  detach: () => void;
}

declare global {
  interface Window {
    /** Set here, taken (and removed) by startSolver. */
    __descentEarlyWorker?: EarlyWorker;
  }
}

// The presenter window (`?presenter`) only follows another window: it needs no solver.
if (
  typeof Worker !== 'undefined' &&
  !new URLSearchParams(window.location.search).has('presenter')
) {
  const worker = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
  const early: EarlyWorker = {
    worker,
    error: null,
    detach: () => worker.removeEventListener('error', onError),
  };
  function onError(event: ErrorEvent): void {
    event.preventDefault();
    early.error ??= event.message || 'the worker could not be loaded';
  }
  worker.addEventListener('error', onError);
  window.__descentEarlyWorker = early;
}
