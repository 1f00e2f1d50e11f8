/**
 * An imported path (scene.paths) as the packed trajectory rows the run drawing code lays out:
 * heights come from the surface grid the worker computed (so the path lies on the drawn
 * surface), the update columns from the next point. A point off the grid, or next to a masked
 * vertex, takes the height of the nearest grid point that has one, so every row stays finite.
 */
import type { SurfaceResult, TrajectoryResult } from '../../../../shared/protocol.ts';
import type { PathDoc } from '../../../../shared/scene/document.ts';
import { COL, STRIDE } from '../../../../shared/types.ts';
import { sampleSurface } from './sampler.ts';

/** Height of the surface at (x, y), clamped into the grid; the grid's minimum if none is finite. */
function heightAt(surface: SurfaceResult, x: number, y: number): number {
  const { domain } = surface;
  const cx = Math.min(domain.x[1], Math.max(domain.x[0], x));
  const cy = Math.min(domain.y[1], Math.max(domain.y[0], y));
  const f = sampleSurface(surface, cx, cy);
  if (Number.isFinite(f)) return f;
  // Next to a masked vertex: the nearest valid vertex.
  const i = Math.round(((cx - domain.x[0]) / (domain.x[1] - domain.x[0])) * (surface.nx - 1));
  const j = Math.round(((cy - domain.y[0]) / (domain.y[1] - domain.y[0])) * (surface.ny - 1));
  let best = Infinity;
  let value = surface.min;
  for (let k = 0; k < surface.valid.length; k++) {
    if (surface.valid[k] !== 1) continue;
    const d = Math.abs((k % surface.nx) - i) + Math.abs(Math.floor(k / surface.nx) - j);
    if (d < best) {
      best = d;
      value = surface.values[k]!;
    }
  }
  return value;
}

/** The path's rows, or undefined when there is no two-variable surface to lay it on. */
export function importedPathTrajectory(
  path: PathDoc,
  surface: SurfaceResult | null,
): TrajectoryResult | undefined {
  if (!surface || surface.ny < 2) return undefined;
  const count = path.points.length;
  const data = new Float64Array(count * STRIDE);
  for (let k = 0; k < count; k++) {
    const [x, y] = path.points[k]!;
    const next = path.points[k + 1];
    const row = k * STRIDE;
    data[row + COL.x] = x;
    data[row + COL.y] = y;
    data[row + COL.f] = heightAt(surface, x, y);
    data[row + COL.ux] = next ? next[0] - x : 0;
    data[row + COL.uy] = next ? next[1] - y : 0;
  }
  return {
    id: path.id,
    dim: 2,
    data,
    count,
    status: 'running',
    divergedAt: null,
    convergedAt: null,
    error: null,
  };
}
