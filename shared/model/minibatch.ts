/**
 * Minibatch sampling without replacement: each epoch visits every point exactly once, in an
 * order shuffled by a seeded Fisher–Yates pass, cut into batches of a fixed size (the last batch
 * of an epoch may be smaller). The order of epoch e depends only on (seed, e), so any epoch can
 * be regenerated without replaying the ones before it.
 */

import { createRng, nextFloat } from '../optim/rng.ts';

/**
 * 32-bit seed of epoch `epoch` of a run seeded with `seed`: both words mixed through a
 * multiply–xorshift finaliser, so neighbouring seeds and epochs give unrelated streams.
 */
export function epochSeed(seed: number, epoch: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ (epoch >>> 0), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Writes the visiting order of epoch `epoch` into `order` (length n): 0, 1, …, n − 1 when
 * `shuffle` is false, else a Fisher–Yates permutation drawn from (seed, epoch). Allocates only
 * the PRNG state.
 */
export function fillEpochOrder(
  order: Uint32Array,
  seed: number,
  epoch: number,
  shuffle: boolean,
): Uint32Array {
  const n = order.length;
  for (let i = 0; i < n; i++) order[i] = i;
  if (!shuffle) return order;
  const rng = createRng(epochSeed(seed, epoch));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(nextFloat(rng) * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/** The visiting order of epoch `epoch` (see {@link fillEpochOrder}) as a new array. */
export function epochOrder(n: number, seed: number, epoch: number, shuffle: boolean): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  return fillEpochOrder(new Uint32Array(n), seed, epoch, shuffle);
}

/**
 * Epoch orders already drawn, per (n, seed, shuffle): a drag of η or a schedule knob retrains the
 * same runs with the same seeds, so their shuffles are drawn once, not on every input event.
 * Bounded by the numbers held; the oldest key goes first.
 */
const orderCache = new Map<string, Uint32Array[]>();
let cachedNumbers = 0;
const MAX_CACHED_NUMBERS = 1 << 21;

/** The order of epoch `epoch` (see {@link fillEpochOrder}), shared: callers must not write it. */
export function cachedEpochOrder(
  n: number,
  seed: number,
  epoch: number,
  shuffle: boolean,
): Uint32Array {
  const key = `${n}:${seed >>> 0}:${shuffle}`;
  let epochs = orderCache.get(key);
  const hit = epochs?.[epoch];
  if (hit) return hit;
  const order = fillEpochOrder(new Uint32Array(n), seed, epoch, shuffle);
  for (const [k, list] of orderCache) {
    if (cachedNumbers + n <= MAX_CACHED_NUMBERS) break;
    if (k === key) continue;
    for (const o of list) if (o) cachedNumbers -= o.length;
    orderCache.delete(k);
  }
  // A run too long to hold (a huge set, a batch just under it) draws its orders afresh.
  if (cachedNumbers + n > MAX_CACHED_NUMBERS) return order;
  if (!epochs) {
    epochs = [];
    orderCache.set(key, epochs);
  }
  epochs[epoch] = order;
  cachedNumbers += n;
  return order;
}

/** Number of batches in one epoch: ⌈n / batch⌉. */
export function batchesPerEpoch(n: number, batch: number): number {
  return Math.ceil(n / batch);
}

/**
 * Walks minibatches epoch after epoch. After {@link Minibatcher.next}, `idx[0..count)` holds the
 * point indices of the current batch and `epoch`/`batch` say where it sits (both 0-based).
 * Allocates nothing per batch.
 */
export class Minibatcher {
  /** Indices of the current batch (first `count` entries valid). */
  readonly idx: Uint32Array;
  /** Size of the current batch (≤ the batch size; smaller only for an epoch's last batch). */
  count = 0;
  /** Epoch of the current batch; −1 before the first call to next(). */
  epoch = -1;
  /** Index of the current batch within its epoch; −1 before the first call to next(). */
  batch = -1;
  /** Number of points. */
  readonly n: number;
  /** Batch size. */
  readonly size: number;
  readonly seed: number;
  readonly shuffle: boolean;
  private order: Uint32Array;
  private readonly perEpoch: number;

  /**
   * @param n number of points (≥ 1)
   * @param size batch size, integer in [1, n]
   */
  constructor(n: number, size: number, seed: number, shuffle: boolean) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
    if (!Number.isInteger(size) || size < 1 || size > n) {
      throw new RangeError(`batch size must be an integer in [1, ${n}], got ${size}`);
    }
    this.n = n;
    this.size = size;
    this.seed = seed;
    this.shuffle = shuffle;
    this.idx = new Uint32Array(size);
    this.order = new Uint32Array(0);
    this.perEpoch = batchesPerEpoch(n, size);
  }

  /** Moves to the next batch, starting a new (reshuffled) epoch after the last batch of one. */
  next(): void {
    if (this.epoch < 0 || this.batch + 1 >= this.perEpoch) {
      this.epoch += 1;
      this.batch = 0;
      this.order = cachedEpochOrder(this.n, this.seed, this.epoch, this.shuffle);
    } else {
      this.batch += 1;
    }
    const start = this.batch * this.size;
    const count = Math.min(this.size, this.n - start);
    for (let t = 0; t < count; t++) this.idx[t] = this.order[start + t] as number;
    this.count = count;
  }
}

/**
 * The points of one minibatch: batch `batch` (0-based) of epoch `epoch` for batches of `size`
 * drawn from n points shuffled with `seed`, exactly as {@link Minibatcher} visits them (so a view
 * can show the minibatch a step of a run used without replaying the run).
 */
export function batchIndices(
  n: number,
  size: number,
  seed: number,
  epoch: number,
  batch: number,
): Uint32Array {
  if (!Number.isInteger(size) || size < 1 || size > n) {
    throw new RangeError(`batch size must be an integer in [1, ${n}], got ${size}`);
  }
  if (!Number.isInteger(batch) || batch < 0 || batch >= batchesPerEpoch(n, size)) {
    throw new RangeError(
      `batch must be an integer in [0, ${batchesPerEpoch(n, size)}), got ${batch}`,
    );
  }
  const order = cachedEpochOrder(n, seed, epoch, true);
  const start = batch * size;
  return order.slice(start, Math.min(n, start + size));
}
