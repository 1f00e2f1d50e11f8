import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, nextFloat, nextGaussian, nextUint32, type RngState } from './rng.ts';

describe('xoshiro128** core', () => {
  it('matches outputs worked out by hand from the reference algorithm for state (1, 2, 3, 4)', () => {
    // result = rotl(s1·5, 7)·9, then the xor/shift state update of the reference C code.
    const st: RngState = { a: 1, b: 2, c: 3, d: 4, spare: 0, hasSpare: false };
    expect(nextUint32(st)).toBe(11520);
    expect(nextUint32(st)).toBe(0);
    expect(nextUint32(st)).toBe(5927040);
  });

  it('agrees with a BigInt transcription of the reference C code for 10 000 outputs', () => {
    const M = (1n << 32n) - 1n;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
    const ref = [1n, 2n, 3n, 4n];
    const next = () => {
      const [s0, s1, s2, s3] = ref as [bigint, bigint, bigint, bigint];
      const result = (rotl((s1 * 5n) & M, 7n) * 9n) & M;
      const t = (s1 << 9n) & M;
      const n2 = s2 ^ s0;
      const n3 = s3 ^ s1;
      const n1 = s1 ^ n2;
      const n0 = s0 ^ n3;
      ref.splice(0, 4, n0, n1, n2 ^ t, rotl(n3, 11n));
      return Number(result);
    };
    const st: RngState = { a: 1, b: 2, c: 3, d: 4, spare: 0, hasSpare: false };
    let mismatches = 0;
    for (let i = 0; i < 10_000; i++) if (nextUint32(st) !== next()) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('returns unsigned 32-bit integers and keeps the state unsigned', () => {
    const st = createRng(42);
    for (let i = 0; i < 1000; i++) {
      const u = nextUint32(st);
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
    }
    for (const w of [st.a, st.b, st.c, st.d]) expect(w >>> 0).toBe(w);
  });
});

describe('seeding', () => {
  it('same seed ⇒ same stream; different seeds ⇒ different streams', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 1000 }),
        (seed, d) => {
          const a = createRng(seed);
          const b = createRng(seed);
          const c = createRng((seed + d) >>> 0);
          const sa = Array.from({ length: 8 }, () => nextUint32(a));
          const sb = Array.from({ length: 8 }, () => nextUint32(b));
          const sc = Array.from({ length: 8 }, () => nextUint32(c));
          expect(sa).toEqual(sb);
          expect(sa).not.toEqual(sc);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('seed 0 gives a working (non-zero) generator', () => {
    const st = createRng(0);
    expect(st.a | st.b | st.c | st.d).not.toBe(0);
    const xs = new Set(Array.from({ length: 100 }, () => nextUint32(st)));
    expect(xs.size).toBeGreaterThan(95);
  });

  it('state survives a JSON round trip and continues identically', () => {
    const st = createRng(7);
    nextGaussian(st); // leaves a cached spare
    const copy = JSON.parse(JSON.stringify(st)) as RngState;
    for (let i = 0; i < 10; i++) expect(nextGaussian(copy)).toBe(nextGaussian(st));
  });
});

describe('distributions', () => {
  const N = 100_000;

  it('nextFloat is uniform on [0, 1)', () => {
    const st = createRng(3);
    let sum = 0;
    let lowQuarter = 0;
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const u = nextFloat(st);
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      if (u < 0.25) lowQuarter++;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / N - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(lowQuarter / N - 0.25)).toBeLessThan(0.005);
  });

  it('nextGaussian has mean 0, variance 1 and the 68% one-sigma mass', () => {
    const st = createRng(11);
    let sum = 0;
    let sq = 0;
    let within = 0;
    let bad = 0;
    for (let i = 0; i < N; i++) {
      const z = nextGaussian(st);
      if (!Number.isFinite(z)) bad++;
      sum += z;
      sq += z * z;
      if (Math.abs(z) < 1) within++;
    }
    expect(bad).toBe(0);
    const mean = sum / N;
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(sq / N - mean * mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(within / N - 0.6827)).toBeLessThan(0.01);
  });

  it('the two normals of each Box–Muller pair are uncorrelated', () => {
    const st = createRng(5);
    let sxy = 0;
    for (let i = 0; i < N / 2; i++) sxy += nextGaussian(st) * nextGaussian(st);
    expect(Math.abs(sxy / (N / 2))).toBeLessThan(0.02);
  });
});
