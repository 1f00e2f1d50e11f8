/**
 * Helpers shared by the analysis modules (not re-exported from the package index).
 */
import type { Objective } from '../types.ts';
import { unpackSquare } from './linalg.ts';

/** Copies a point into a plain array, checking it has exactly `dim` finite coordinates. */
export function toPoint(objective: Objective, at: ArrayLike<number>, what = 'point'): number[] {
  const p = Array.from(at);
  if (p.length !== objective.dim) {
    throw new RangeError(`${what} has ${p.length} coordinates, expected ${objective.dim}`);
  }
  if (!p.every(Number.isFinite)) throw new RangeError(`${what} has a non-finite coordinate`);
  return p;
}

/** f, ∇f and the Hessian (as rows) at p. Allocates: for analysis, not for inner loops. */
export function evaluate(
  objective: Objective,
  p: readonly number[],
): { value: number; gradient: number[]; hessian: number[][] } {
  const n = objective.dim;
  const g = new Float64Array(n);
  const h = new Float64Array(n * n);
  objective.gradient(p, g);
  objective.hessian(p, h);
  return { value: objective.value(p), gradient: Array.from(g), hessian: unpackSquare(h, n) };
}

/** True when every number in a (possibly nested) array is finite. */
export function allFinite(xs: readonly (number | readonly number[])[]): boolean {
  return xs.every((x) => (typeof x === 'number' ? Number.isFinite(x) : x.every(Number.isFinite)));
}
