/**
 * A fixed-size ring of recent measurements (latencies in ms) and their percentiles, for the
 * performance HUD. Pushing allocates nothing; percentiles copy and sort (called a few times a
 * second by the HUD, not per frame).
 */
export class SampleRing {
  private readonly data: Float64Array;
  private next = 0;
  private filled = 0;

  /** @param capacity how many of the most recent samples to keep (default 100). */
  constructor(readonly capacity = 100) {
    this.data = new Float64Array(capacity);
  }

  /** Adds a sample, overwriting the oldest once full. Non-finite samples are ignored. */
  push(value: number): void {
    if (!Number.isFinite(value)) return;
    this.data[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
  }

  /** Number of samples held (≤ capacity). */
  get size(): number {
    return this.filled;
  }

  /** The samples, oldest first. */
  values(): number[] {
    const out: number[] = [];
    const start = this.filled < this.capacity ? 0 : this.next;
    for (let i = 0; i < this.filled; i++) out.push(this.data[(start + i) % this.capacity]!);
    return out;
  }

  /**
   * The p-th percentile (0–100) by the nearest-rank method: the smallest sample with at least
   * p % of samples ≤ it. NaN when empty.
   */
  percentile(p: number): number {
    if (this.filled === 0) return NaN;
    const sorted = this.data.slice(0, this.filled).sort();
    const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * this.filled);
    return sorted[Math.max(0, rank - 1)]!;
  }

  /** Forgets every sample. */
  clear(): void {
    this.next = 0;
    this.filled = 0;
  }
}
