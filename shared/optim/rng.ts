/**
 * Small deterministic PRNG for SGD noise: xoshiro128** seeded through splitmix32, plus a
 * Box–Muller Gaussian. Written by hand (not Math.random) so that the same seed reproduces the
 * same trajectory bit for bit on every platform; all arithmetic is 32-bit integer maths via
 * Math.imul and unsigned shifts, which JavaScript defines exactly.
 */

/**
 * Generator state. A plain object of numbers so it can be copied, compared or JSON-serialised.
 * `a..d` are the four 32-bit xoshiro words; `spare` caches the second Box–Muller normal.
 */
export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
  /** Cached second normal deviate of the last Box–Muller pair (valid when `hasSpare`). */
  spare: number;
  hasSpare: boolean;
}

/** splitmix32 finaliser: spreads the bits of consecutive seeds over the whole state. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * Creates a generator from a seed. The seed is reduced to a 32-bit unsigned integer
 * (`seed >>> 0`, so 1 and 1.7 give the same stream, NaN behaves as 0).
 */
export function createRng(seed: number): RngState {
  let x = seed >>> 0;
  const a = splitmix32(x);
  x = (x + 0x9e3779b9) | 0;
  const b = splitmix32(x);
  x = (x + 0x9e3779b9) | 0;
  const c = splitmix32(x);
  x = (x + 0x9e3779b9) | 0;
  const d = splitmix32(x);
  // xoshiro must never be all-zero (it would stay zero forever).
  const zero = (a | b | c | d) === 0;
  return { a: zero ? 1 : a, b, c, d, spare: 0, hasSpare: false };
}

/** Next uniformly distributed unsigned 32-bit integer (xoshiro128**). Advances `st`. */
export function nextUint32(st: RngState): number {
  const result = Math.imul(rotl(Math.imul(st.b, 5), 7), 9) >>> 0;
  const t = st.b << 9;
  st.c ^= st.a;
  st.d ^= st.b;
  st.b ^= st.c;
  st.a ^= st.d;
  st.c ^= t;
  st.d = rotl(st.d, 11);
  // Keep the stored words unsigned so the state serialises to the same numbers everywhere.
  st.a >>>= 0;
  st.b >>>= 0;
  st.c >>>= 0;
  st.d >>>= 0;
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Uniform double in [0, 1) with 53 random bits. Advances `st`. */
export function nextFloat(st: RngState): number {
  const hi = nextUint32(st) >>> 5; // 27 bits
  const lo = nextUint32(st) >>> 6; // 26 bits
  return (hi * 67108864 + lo) / 9007199254740992;
}

/**
 * Standard normal deviate N(0, 1) by the Box–Muller transform. Each pair of uniforms yields two
 * normals; the second is cached in the state and returned by the next call.
 */
export function nextGaussian(st: RngState): number {
  if (st.hasSpare) {
    st.hasSpare = false;
    return st.spare;
  }
  // 1 − u lies in (0, 1], so the logarithm is finite.
  const u1 = 1 - nextFloat(st);
  const u2 = nextFloat(st);
  const r = Math.sqrt(-2 * Math.log(u1));
  const angle = 2 * Math.PI * u2;
  st.spare = r * Math.sin(angle);
  st.hasSpare = true;
  return r * Math.cos(angle);
}
