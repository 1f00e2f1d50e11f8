/**
 * Gradient-norm helpers shared by the optimizers and the trajectory runner.
 */

import type { Dim } from '../types.ts';

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
 * Clips `g` (first `dim` entries) in place to Euclidean norm `maxNorm`: if |g| > maxNorm then
 * g ← g·maxNorm/|g|, which keeps the direction. `null` (or NaN) turns clipping off; a
 * non-positive `maxNorm` clips to the zero vector. Non-finite gradients are left untouched so the
 * caller's divergence check still sees them. Returns |g| before clipping.
 */
export function clipByNorm(g: Float64Array, dim: Dim, maxNorm: number | null): number {
  const gx = g[0] as number;
  const gy = dim === 2 ? (g[1] as number) : 0;
  const n = norm2(gx, gy);
  if (maxNorm === null || !(n > maxNorm) || !Number.isFinite(n)) return n;
  const scale = maxNorm > 0 ? maxNorm / n : 0;
  g[0] = gx * scale;
  if (dim === 2) g[1] = gy * scale;
  return n;
}
