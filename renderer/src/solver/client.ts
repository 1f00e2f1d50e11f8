/**
 * Creates the solver worker and the SolverClient that talks to it. One worker per window: its
 * problem cache makes repeated requests for the same f cheap.
 */
import { SolverClient } from '../../../shared/client.ts';
import type { EarlyWorker } from './early.ts';

function createWorker(): Worker {
  return new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Takes over the worker that early.ts (run by the page's entry, before the main chunk) started, if
 * any: it has been loading its bundle on the other core meanwhile. Each worker is taken once.
 */
function takeEarlyWorker(): EarlyWorker | null {
  if (typeof window === 'undefined') return null;
  const early = window.__descentEarlyWorker ?? null;
  delete window.__descentEarlyWorker;
  return early;
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
  const early = takeEarlyWorker();
  const worker = early?.worker ?? createWorker();
  const failed = (why: string): void => onFailure(`The solver stopped working: ${why}.`);
  early?.detach();
  if (early?.error) failed(early.error);
  worker.onerror = (event) => {
    event.preventDefault();
    failed(event.message || 'the worker could not be loaded');
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
