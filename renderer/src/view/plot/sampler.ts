/**
 * Bilinear lookup of f on the surface grid the worker computed. Paths are draped over the
 * surface with it (a straight step in (x, y) follows the surface instead of cutting through a
 * saddle), without evaluating f on the UI thread.
 */
import type { SurfaceResult } from '../../../../shared/protocol.ts';

/** f at (x, y) interpolated from the grid; NaN outside the grid or next to a masked vertex. */
export function sampleSurface(surface: SurfaceResult, x: number, y: number): number {
  const { nx, ny, domain, values, valid } = surface;
  const [x0, x1] = domain.x;
  const u = ((x - x0) / (x1 - x0)) * (nx - 1);
  if (!(u >= 0 && u <= nx - 1)) return NaN;
  const i = Math.min(nx - 2, Math.floor(u));
  const fu = u - i;
  if (ny === 1) {
    const a = i;
    if (valid[a] !== 1 || valid[a + 1] !== 1) return NaN;
    return values[a]! + (values[a + 1]! - values[a]!) * fu;
  }
  const [y0, y1] = domain.y;
  const v = ((y - y0) / (y1 - y0)) * (ny - 1);
  if (!(v >= 0 && v <= ny - 1)) return NaN;
  const j = Math.min(ny - 2, Math.floor(v));
  const fv = v - j;
  const k = j * nx + i;
  if (valid[k] !== 1 || valid[k + 1] !== 1 || valid[k + nx] !== 1 || valid[k + nx + 1] !== 1) {
    return NaN;
  }
  const a = values[k]! + (values[k + 1]! - values[k]!) * fu;
  const b = values[k + nx]! + (values[k + nx + 1]! - values[k + nx]!) * fu;
  return a + (b - a) * fv;
}
