/**
 * Converts RGBA frames to I420 off the main thread, so the export's next frame is drawn while
 * this one is converted. Messages: `{ id, rgba, width, height, bottomUp, out }` with both
 * buffers transferred; the reply `{ id, rgba, out }` transfers them back for reuse.
 * @see ./yuv.ts
 */
import { rgbaToI420 } from './yuv.ts';

interface Job {
  id: number;
  rgba: ArrayBuffer;
  width: number;
  height: number;
  bottomUp: boolean;
  out: ArrayBuffer;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { id, rgba, width, height, bottomUp, out } = event.data;
  rgbaToI420(new Uint8Array(rgba), width, height, bottomUp, new Uint8Array(out));
  scope.postMessage({ id, rgba, out }, [rgba, out]);
};
