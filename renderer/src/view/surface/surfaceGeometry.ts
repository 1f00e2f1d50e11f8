/**
 * Builds the surface mesh and its wireframe from the worker's grid. Vertices where f is not
 * finite are masked by the worker (`valid` = 0); triangles touching them are left out of the
 * index, and their (unused) positions are finite zeros, so no NaN ever reaches the GPU.
 */
import { BufferAttribute, BufferGeometry } from 'three';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import { sampleLut, VIRIDIS_LINEAR } from './colormap.ts';
import type { ViewFrame } from '../plot/frame.ts';
import { HEIGHT, rawWorldY, worldX, worldY, worldZ } from '../plot/frame.ts';

/** Lit, height-coloured mesh geometry (positions, analytic normals, viridis colours, index). */
export function buildSurfaceGeometry(surface: SurfaceResult, frame: ViewFrame): BufferGeometry {
  const { nx, ny, domain, values, gradients, valid } = surface;
  const n = nx * ny;
  const positions = new Float32Array(n * 3);
  const normals = new Float32Array(n * 3);
  const colors = new Float32Array(n * 3);
  const k = frame.fScale;
  const s = frame.scale;
  for (let j = 0; j < ny; j++) {
    const y = domain.y[0] + ((domain.y[1] - domain.y[0]) * j) / (ny - 1);
    for (let i = 0; i < nx; i++) {
      const x = domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (nx - 1);
      const v = j * nx + i;
      const o = v * 3;
      positions[o] = worldX(frame, x);
      positions[o + 2] = worldZ(frame, y);
      if (valid[v] !== 1) {
        normals[o + 1] = 1;
        continue;
      }
      const f = values[v]!;
      const h = rawWorldY(frame, f);
      positions[o + 1] = h < 0 ? 0 : h > HEIGHT ? HEIGHT : h;
      if (h > HEIGHT) {
        // Clamped plateau: flat, facing up.
        normals[o + 1] = 1;
      } else {
        // P(x, y) = (s·x, k·f, −s·y): ∂P/∂x × ∂P/∂y ∝ (−k·fx, s, k·fy).
        const nxv = -k * gradients[2 * v]!;
        const nyv = s;
        const nzv = k * gradients[2 * v + 1]!;
        const len = Math.hypot(nxv, nyv, nzv) || 1;
        normals[o] = nxv / len;
        normals[o + 1] = nyv / len;
        normals[o + 2] = nzv / len;
      }
      sampleLut(VIRIDIS_LINEAR, (f - frame.fLow) / (frame.fHigh - frame.fLow), colors, o);
    }
  }
  const indices: number[] = [];
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      if (valid[a] === 1 && valid[b] === 1 && valid[c] === 1) indices.push(a, b, c);
      if (valid[b] === 1 && valid[d] === 1 && valid[c] === 1) indices.push(b, d, c);
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('normal', new BufferAttribute(normals, 3));
  geometry.setAttribute('color', new BufferAttribute(colors, 3));
  geometry.setIndex(
    n > 65535
      ? new BufferAttribute(Uint32Array.from(indices), 1)
      : new BufferAttribute(Uint16Array.from(indices), 1),
  );
  geometry.computeBoundingSphere();
  return geometry;
}

/** Lines along every `every`-th grid row and column, lifted slightly off the surface. */
export function buildWireframeGeometry(
  surface: SurfaceResult,
  frame: ViewFrame,
  lines = 24,
): BufferGeometry {
  const { nx, ny, domain, values, valid } = surface;
  const everyX = Math.max(1, Math.round((nx - 1) / lines));
  const everyY = Math.max(1, Math.round((ny - 1) / lines));
  const out: number[] = [];
  const at = (i: number, j: number): [number, number, number] => {
    const x = domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (nx - 1);
    const y = domain.y[0] + ((domain.y[1] - domain.y[0]) * j) / (ny - 1);
    return [worldX(frame, x), worldY(frame, values[j * nx + i]!) + 0.002, worldZ(frame, y)];
  };
  const segment = (i0: number, j0: number, i1: number, j1: number): void => {
    if (valid[j0 * nx + i0] !== 1 || valid[j1 * nx + i1] !== 1) return;
    out.push(...at(i0, j0), ...at(i1, j1));
  };
  for (let j = 0; j < ny; j += everyY) for (let i = 0; i < nx - 1; i++) segment(i, j, i + 1, j);
  for (let i = 0; i < nx; i += everyX) for (let j = 0; j < ny - 1; j++) segment(i, j, i, j + 1);
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(out), 3));
  return geometry;
}

/**
 * Contour segments as line geometry: on the surface (each level at its height, skipped where it
 * would be above the clamped top) or projected onto a floor at height `floorY`, coloured by
 * level with viridis.
 */
export function buildContourGeometry(
  surface: SurfaceResult,
  frame: ViewFrame,
  mode: 'surface' | 'floor',
  floorY: number,
): BufferGeometry {
  const out: number[] = [];
  const colors: number[] = [];
  const rgb = new Float32Array(3);
  const { levels, segments } = surface.contours;
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l]!;
    const seg = segments[l];
    if (!seg) continue;
    const h = rawWorldY(frame, level);
    if (mode === 'surface' && (h > HEIGHT || h < 0)) continue;
    const y = mode === 'surface' ? h + 0.004 : floorY;
    sampleLut(VIRIDIS_LINEAR, (level - frame.fLow) / (frame.fHigh - frame.fLow), rgb, 0);
    for (let k = 0; k + 3 < seg.length; k += 4) {
      out.push(worldX(frame, seg[k]!), y, worldZ(frame, seg[k + 1]!));
      out.push(worldX(frame, seg[k + 2]!), y, worldZ(frame, seg[k + 3]!));
      colors.push(rgb[0]!, rgb[1]!, rgb[2]!, rgb[0]!, rgb[1]!, rgb[2]!);
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(Float32Array.from(out), 3));
  geometry.setAttribute('color', new BufferAttribute(Float32Array.from(colors), 3));
  return geometry;
}
