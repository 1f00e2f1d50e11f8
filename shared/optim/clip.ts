/**
 * Gradient-norm helpers shared by the optimizers and the trajectory runner.
 */

/**
 * Euclidean norm of (gx, gy) that does not overflow for huge finite components (a plain
 * √(gx² + gy²) would return Infinity near 1e155 and wreck clipping on runaway trajectories).
 * Returns NaN/Infinity when a component is NaN/Infinity.
 */
export function norm2(gx: number, gy: number): number {
  const sq = gx * gx + gy * gy;
  if (sq !== Infinity) return Math.sqrt(sq);
  const m = Math.max(Math.abs(gx), Math.abs(gy));
  if (m === Infinity) return Infinity;
  const ax = gx / m;
  const ay = gy / m;
  return m * Math.sqrt(ax * ax + ay * ay);
}

/**
 * Euclidean norm of v[0..dim), any dim (a model's parameters), without overflow in the same way
 * as {@link norm2}, which it equals bit for bit for one and two components.
 */
export function normN(v: ArrayLike<number>, dim: number): number {
  let sq = 0;
  for (let i = 0; i < dim; i++) sq += (v[i] as number) * (v[i] as number);
  if (sq !== Infinity) return Math.sqrt(sq);
  let m = 0;
  for (let i = 0; i < dim; i++) m = Math.max(m, Math.abs(v[i] as number));
  if (m === Infinity) return Infinity;
  let s = 0;
  for (let i = 0; i < dim; i++) s += ((v[i] as number) / m) ** 2;
  return m * Math.sqrt(s);
}

/**
 * Clips `g` (first `dim` entries) in place to Euclidean norm `maxNorm`: if |g| > maxNorm then
 * g ← g·maxNorm/|g|, which keeps the direction. `null` (or NaN) turns clipping off; a
 * non-positive `maxNorm` clips to the zero vector. Non-finite gradients are left untouched so the
 * caller's divergence check still sees them. Returns |g| before clipping.
 */
export function clipByNorm(g: Float64Array, dim: number, maxNorm: number | null): number {
  const n = normN(g, dim);
  if (maxNorm === null || !(n > maxNorm) || !Number.isFinite(n)) return n;
  const scale = maxNorm > 0 ? maxNorm / n : 0;
  for (let i = 0; i < dim; i++) g[i] = (g[i] as number) * scale;
  return n;
}
