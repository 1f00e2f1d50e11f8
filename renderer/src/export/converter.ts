/**
 * RGBA → I420 conversion in a worker, with a small pool of buffers: the export reads frame n's
 * pixels into a pooled buffer and goes on drawing frame n+1 while the worker converts n.
 * Falls back to converting on the calling thread where workers are unavailable.
 * @see ./yuv.ts for the conversion itself.
 */
import { i420Size, rgbaToI420 } from './yuv.ts';

/** A converted frame; call `release` once the encoder has copied it. */
export interface Converted {
  i420: Uint8Array<ArrayBuffer>;
  release: () => void;
}

interface Slot {
  rgba: ArrayBuffer;
  out: ArrayBuffer;
}

/** Converts frames of one size; `dispose` ends the worker. */
export class I420Converter {
  private readonly worker: Worker | null;
  private readonly free: Slot[] = [];
  private readonly waiting = new Map<number, (slot: Slot) => void>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(
    private readonly width: number,
    private readonly height: number,
    /** Frames converting or waiting to be encoded at once. */
    slots = 3,
  ) {
    for (let i = 0; i < slots; i++) {
      this.free.push({
        rgba: new ArrayBuffer(width * height * 4),
        out: new ArrayBuffer(i420Size(width, height)),
      });
    }
    let worker: Worker | null = null;
    try {
      worker = new Worker(new URL('./yuv.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<{ id: number } & Slot>) => {
        const { id, rgba, out } = event.data;
        const done = this.waiting.get(id);
        this.waiting.delete(id);
        done?.({ rgba, out });
      };
      worker.onerror = (event) => {
        event.preventDefault();
        this.failure = new Error(`The colour conversion worker failed: ${event.message}`);
        for (const [, done] of this.waiting)
          done({ rgba: new ArrayBuffer(0), out: new ArrayBuffer(0) });
        this.waiting.clear();
      };
    } catch {
      worker = null;
    }
    this.worker = worker;
  }

  /** True when a buffer is free (otherwise wait for a `release`). */
  get ready(): boolean {
    return this.free.length > 0;
  }

  /**
   * Fills a free pooled buffer synchronously with `fill` (which writes width×height RGBA pixels
   * into it and returns whether its rows run bottom to top) and converts it. Throws when no
   * buffer is free: check {@link ready}.
   */
  convert(fill: (rgba: Uint8Array) => boolean): Promise<Converted> {
    const slot = this.free.pop();
    if (!slot) throw new Error('I420Converter: no free buffer');
    const rgba = new Uint8Array(slot.rgba);
    const bottomUp = fill(rgba);
    const release = (s: Slot) => (): void => {
      this.free.push(s);
    };
    if (!this.worker || this.failure) {
      const out = new Uint8Array(slot.out);
      rgbaToI420(rgba, this.width, this.height, bottomUp, out);
      return Promise.resolve({ i420: out, release: release(slot) });
    }
    const id = this.nextId++;
    return new Promise<Converted>((resolve, reject) => {
      this.waiting.set(id, (back) => {
        if (this.failure) {
          reject(this.failure);
          return;
        }
        resolve({ i420: new Uint8Array(back.out), release: release(back) });
      });
      this.worker!.postMessage(
        { id, rgba: slot.rgba, width: this.width, height: this.height, bottomUp, out: slot.out },
        [slot.rgba, slot.out],
      );
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.waiting.clear();
  }
}
