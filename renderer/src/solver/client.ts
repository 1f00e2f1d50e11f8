/**
 * Creates the solver worker and the SolverClient that talks to it. One worker per window: its
 * problem cache makes repeated requests for the same f cheap.
 */
import { SolverClient } from '../../../shared/client.ts';

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
  const worker = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
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
