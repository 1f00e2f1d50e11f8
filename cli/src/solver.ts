/** Runs the shared solver in a worker thread and talks to it through the shared client. */
import { Worker } from 'node:worker_threads';
import { SolverClient } from '../../shared/client.ts';

/** Starts a solver worker, hands a client to `use`, and always stops the worker afterwards. */
export async function withSolver<T>(use: (client: SolverClient) => Promise<T>): Promise<T> {
  const worker = new Worker(new URL('./solver-worker.mjs', import.meta.url));
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`solver worker exited early (code ${code})`)));
  });
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
