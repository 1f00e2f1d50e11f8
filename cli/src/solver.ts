/** Runs the shared solver in a worker thread and talks to it through the shared client. */
import { SolverClient } from '../../shared/client.ts';
import type { RequestBody, ResultMap } from '../../shared/protocol.ts';
import { UsageError } from './args.ts';
import { startSolver } from './solver-thread.ts';
import type { SolverThread } from './solver-thread.ts';

/**
 * Hands a client of a solver worker to `use`, and always stops the worker afterwards. The
 * worker is `thread` when the entry started one early, else a new one.
 */
export async function withSolver<T>(
  use: (client: SolverClient) => Promise<T>,
  thread: SolverThread = startSolver(),
): Promise<T> {
  const { worker, failed } = thread;
  const client = new SolverClient({
    post: (message, transfer) => worker.postMessage(message, transfer),
    listen: (handler) => worker.on('message', handler),
  });
  try {
    return await Promise.race([use(client), failed]);
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

/**
 * Sends one request and returns its result. The solver's refusals (a bad expression, an
 * unknown surface, a request out of bounds) become UsageErrors; anything else is internal.
 */
export async function ask<B extends RequestBody>(
  client: SolverClient,
  body: B,
): Promise<ResultMap[B['type']]> {
  const outcome = await client.request(body);
  if (outcome.status === 'ok') return outcome.result;
  if (outcome.status === 'stale') throw new Error('solver answer was superseded');
  const { error } = outcome;
  if (error.kind === 'internal') throw new Error(error.message);
  // The worker's own prefix for malformed requests is noise on a command line.
  throw new UsageError(error.message.replace(/^Bad request: /, ''));
}

/** A run's error without the solver's `Run 'ID': ` prefix (the caller names the run its way). */
export function runError(message: string, id: string): string {
  const prefix = `Run '${id}': `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
