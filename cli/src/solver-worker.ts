/** Serves the solver protocol on this worker thread's port. */
import { parentPort } from 'node:worker_threads';
import { serve } from '../../shared/service.ts';

if (!parentPort) throw new Error('solver-worker must run in a worker thread');
const port = parentPort;
serve({
  post: (message, transfer) => port.postMessage(message, transfer),
  listen: (handler) => port.on('message', handler),
});
