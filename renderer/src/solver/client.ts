/**
 * Creates the solver worker and the SolverClient that talks to it. One worker per window: its
 * problem cache makes repeated requests for the same f cheap.
 */
import { SolverClient } from '../../../shared/client.ts';

function createWorker(): Worker {
  return new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
}

/** The worker started by {@link startWorkerEarly}, until startSolver takes it. */
let early: Worker | null = null;

/**
 * Starts the worker before the rest of the page's modules run (see early.ts), so that it loads
 * and compiles its bundle on the other core meanwhile: the first surface needs it. startSolver
 * then takes it over. Its handlers are attached in the same task, so no event is missed.
 */
export function startWorkerEarly(): void {
  if (typeof Worker !== 'undefined') early ??= createWorker();
}

/** A running solver: the client plus a way to stop the worker. */
export interface Solver {
  client: SolverClient;
  terminate: () => void;
}

/**
 * Starts the worker. `onFailure` hears about a worker that could not start or crashed (the UI
 * says so instead of silently showing nothing).
 */
export function startSolver(onFailure: (message: string) => void): Solver {
  const worker = early ?? createWorker();
  early = null;
  worker.onerror = (event) => {
    event.preventDefault();
    onFailure(`The solver stopped working: ${event.message || 'the worker could not be loaded'}.`);
  };
  worker.onmessageerror = () => onFailure('The solver sent a message that could not be read.');
  const client = new SolverClient({
    post: (message, transfer) => worker.postMessage(message, transfer),
    listen: (handler) => {
      worker.onmessage = (event: MessageEvent) => handler(event.data);
    },
  });
  return { client, terminate: () => worker.terminate() };
}
