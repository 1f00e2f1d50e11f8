/**
 * Performance bookkeeping for the HUD, kept outside React state because it is written from
 * input handlers and after every frame.
 *
 * Latency = time from a slider's input event to the end of the first frame that drew the
 * trajectories computed for it. The input time travels with the request; when its answer has
 * been written into the line buffers, `frameDrawn` (called after each rendered frame) closes it.
 */
import { SampleRing } from './samples.ts';

declare const performance: { now(): number };

export class PerfTracker {
  /** Slider-to-redraw latencies (ms), the last 100. */
  readonly latency = new SampleRing(100);
  /** Solver time (ms) of the last trajectories request, as measured in the worker. */
  solverMs = NaN;
  /** Frames rendered in the current one-second window and the last full window's count. */
  private frames = 0;
  private windowStart = 0;
  private lastFps = 0;
  /** performance.now() of the newest slider input not yet sent to the solver. */
  private inputAt: number | null = null;
  /** Input time of data that has been applied but not yet drawn. */
  private appliedAt: number | null = null;

  /** Called by a slider's input handler, before the store changes. */
  markInput(now = performance.now()): void {
    this.inputAt = now;
  }

  /** Taken by the solver sync when it sends the request the input caused. */
  takeInput(): number | null {
    const at = this.inputAt;
    this.inputAt = null;
    return at;
  }

  /** The answer for an input sent at `inputAt` is now in the buffers; the next frame draws it. */
  markApplied(inputAt: number | null): void {
    if (inputAt !== null) this.appliedAt = inputAt;
  }

  /** Whether an applied answer is still waiting to be drawn. */
  get awaitingFrame(): boolean {
    return this.appliedAt !== null;
  }

  /** Called after every rendered frame. */
  frameDrawn(now = performance.now()): void {
    if (this.appliedAt !== null) {
      this.latency.push(now - this.appliedAt);
      this.appliedAt = null;
    }
    if (now - this.windowStart >= 1000) {
      this.lastFps =
        this.windowStart === 0 ? this.frames : (this.frames * 1000) / (now - this.windowStart);
      this.frames = 0;
      this.windowStart = now;
    }
    this.frames++;
  }

  /**
   * Frames per second over the last full second. With an on-demand frame loop the app draws only
   * when something changes, so an idle scene reads 0.
   */
  fps(now = performance.now()): number {
    // No frame for over a second: idle, not "the last rate we saw".
    if (now - this.windowStart > 2000) return 0;
    return this.lastFps;
  }
}
