/**
 * The solver worker: every computation (trajectories, surface heights, contours, analysis)
 * runs here, off the UI thread. The protocol and its validation live in shared/service.ts.
 */
import { serve, warmUp } from '../../../shared/service.ts';

// A module worker's global scope; typed minimally because the renderer compiles with the DOM lib.
const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
};

serve({
  post: (message, transfer) => scope.postMessage(message, transfer),
  listen: (handler) => {
    scope.onmessage = (event) => handler(event.data);
  },
});
// Requests that arrive meanwhile wait in the queue; the first of them would pay this anyway.
warmUp();
