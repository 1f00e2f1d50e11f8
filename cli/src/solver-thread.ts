/**
 * Starts the solver's worker thread. Kept free of other imports so the command's entry can
 * start the worker first thing, letting it load (mathjs and the solver) while the main thread
 * loads the rest of the command.
 */
import { Worker } from 'node:worker_threads';

/** A started solver worker and a promise that rejects if it fails or exits on its own. */
export interface SolverThread {
  worker: Worker;
  failed: Promise<never>;
}

/**
 * `solver-worker.mjs` sits next to this module both in the sources (a shim that loads tsx) and
 * in the bundle under dist/cli (the bundled worker), so one relative URL serves both.
 */
export function startSolver(): SolverThread {
  const worker = new Worker(new URL('./solver-worker.mjs', import.meta.url));
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`solver worker exited early (code ${code})`)));
  });
  // Observed by withSolver once the command gets there; not an unhandled rejection meanwhile.
  failed.catch(() => undefined);
  return { worker, failed };
}
