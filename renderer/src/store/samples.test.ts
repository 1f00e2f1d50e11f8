import { describe, expect, it } from 'vitest';
import { SampleRing } from './samples.ts';

describe('SampleRing', () => {
  it('keeps only the newest `capacity` samples, oldest first', () => {
    const ring = new SampleRing(3);
    for (const v of [1, 2, 3, 4, 5]) ring.push(v);
    expect(ring.size).toBe(3);
    expect(ring.values()).toEqual([3, 4, 5]);
  });

  it('computes nearest-rank percentiles', () => {
    const ring = new SampleRing(100);
    for (let v = 1; v <= 100; v++) ring.push(v);
    expect(ring.percentile(50)).toBe(50);
    expect(ring.percentile(95)).toBe(95);
    expect(ring.percentile(100)).toBe(100);
    expect(ring.percentile(0)).toBe(1);
  });

  it('ignores non-finite samples and is NaN when empty', () => {
    const ring = new SampleRing(10);
    expect(ring.percentile(50)).toBeNaN();
    ring.push(NaN);
    ring.push(Infinity);
    expect(ring.size).toBe(0);
  });

  it('p95 of the last 100 only', () => {
    const ring = new SampleRing(100);
    for (let i = 0; i < 100; i++) ring.push(1000);
    for (let i = 0; i < 100; i++) ring.push(5);
    expect(ring.percentile(95)).toBe(5);
  });
});
