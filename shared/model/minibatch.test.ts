import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, nextFloat } from '../optim/rng.ts';
import {
  batchesPerEpoch,
  batchIndices,
  cachedEpochOrder,
  epochOrder,
  epochSeed,
  Minibatcher,
} from './minibatch.ts';

describe('epochOrder', () => {
  it('is the identity without shuffling', () => {
    expect(Array.from(epochOrder(6, 3, 2, false))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('is a permutation, fixed by (seed, epoch)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer(),
        fc.integer({ min: 0, max: 1000 }),
        (n, seed, epoch) => {
          const a = epochOrder(n, seed, epoch, true);
          expect(Array.from(a).sort((x, y) => x - y)).toEqual(
            Array.from({ length: n }, (_, i) => i),
          );
          expect(epochOrder(n, seed, epoch, true)).toEqual(a);
        },
      ),
    );
  });

  it('is the Fisher–Yates shuffle driven by optim/rng nextFloat, bit for bit', () => {
    // Pins the permutation to the documented algorithm: saved scenes reproduce across versions.
    const reference = (n: number, seed: number, epoch: number): number[] => {
      const order = Array.from({ length: n }, (_, i) => i);
      const rng = createRng(epochSeed(seed, epoch));
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(nextFloat(rng) * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      return order;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer(),
        fc.integer({ min: 0, max: 5000 }),
        (n, seed, epoch) => {
          expect(Array.from(epochOrder(n, seed, epoch, true))).toEqual(reference(n, seed, epoch));
        },
      ),
    );
  });

  it('differs across epochs and seeds', () => {
    const a = Array.from(epochOrder(50, 1, 0, true));
    expect(Array.from(epochOrder(50, 1, 1, true))).not.toEqual(a);
    expect(Array.from(epochOrder(50, 2, 0, true))).not.toEqual(a);
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('cachedEpochOrder', () => {
  it('gives the drawn order, once per (n, seed, epoch, shuffle)', () => {
    const a = cachedEpochOrder(40, 5, 3, true);
    expect(a).toEqual(epochOrder(40, 5, 3, true));
    expect(cachedEpochOrder(40, 5, 3, true)).toBe(a);
    expect(cachedEpochOrder(40, 5, 4, true)).toEqual(epochOrder(40, 5, 4, true));
    expect(cachedEpochOrder(40, 6, 3, true)).toEqual(epochOrder(40, 6, 3, true));
    expect(Array.from(cachedEpochOrder(40, 5, 3, false))).toEqual(
      Array.from(epochOrder(40, 5, 3, false)),
    );
  });

  it('stays right when more orders are asked for than it holds', () => {
    // 2^21 numbers are held; 60 epochs of 50 000 points overflow it and evict older keys.
    for (let e = 0; e < 60; e++) cachedEpochOrder(50_000, 1, e, true);
    for (let e = 0; e < 60; e++) cachedEpochOrder(50_000, 2, e, true);
    expect(cachedEpochOrder(50_000, 1, 7, true)).toEqual(epochOrder(50_000, 1, 7, true));
    expect(cachedEpochOrder(50_000, 2, 59, true)).toEqual(epochOrder(50_000, 2, 59, true));
  });
});

describe('Minibatcher', () => {
  it('visits every point exactly once per epoch, in batches of the given size', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 120 })
          .chain((n) =>
            fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.integer(), fc.boolean()),
          ),
        ([n, size, seed, shuffle]) => {
          const b = new Minibatcher(n, size, seed, shuffle);
          const per = batchesPerEpoch(n, size);
          for (let epoch = 0; epoch < 3; epoch++) {
            const seen: number[] = [];
            for (let k = 0; k < per; k++) {
              b.next();
              expect(b.epoch).toBe(epoch);
              expect(b.batch).toBe(k);
              expect(b.count).toBe(k < per - 1 ? size : n - size * (per - 1));
              seen.push(...b.idx.subarray(0, b.count));
            }
            expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
          }
        },
      ),
    );
  });

  it('matches epochOrder and checks its sizes', () => {
    const b = new Minibatcher(10, 4, 9, true);
    const order = epochOrder(10, 9, 0, true);
    b.next();
    expect(Array.from(b.idx)).toEqual(Array.from(order.subarray(0, 4)));
    b.next();
    b.next();
    expect(b.count).toBe(2);
    expect(Array.from(b.idx.subarray(0, 2))).toEqual(Array.from(order.subarray(8, 10)));
    expect(() => new Minibatcher(10, 0, 1, true)).toThrow(RangeError);
    expect(() => new Minibatcher(10, 11, 1, true)).toThrow(/\[1, 10\]/);
    expect(() => new Minibatcher(0, 1, 1, true)).toThrow(RangeError);
  });
});

describe('batchIndices', () => {
  it('names the same points the Minibatcher visits, batch by batch over three epochs', () => {
    const n = 23;
    const size = 5;
    const seed = 42;
    const walker = new Minibatcher(n, size, seed, true);
    for (let step = 0; step < 3 * batchesPerEpoch(n, size); step++) {
      walker.next();
      const idx = batchIndices(n, size, seed, walker.epoch, walker.batch);
      expect(Array.from(idx)).toEqual(Array.from(walker.idx.slice(0, walker.count)));
    }
  });

  it('refuses a batch outside the epoch', () => {
    expect(() => batchIndices(10, 4, 1, 0, 3)).toThrow(RangeError);
    expect(() => batchIndices(10, 11, 1, 0, 0)).toThrow(RangeError);
  });
});
