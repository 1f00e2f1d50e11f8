/**
 * Builds the surface mesh and its wireframe from the worker's grid. Vertices where f is not
 * finite are masked by the worker (`valid` = 0); triangles touching them are left out of the
 * index, and their (unused) positions are finite zeros, so no NaN ever reaches the GPU.
 */
import { Box3, BufferAttribute, BufferGeometry, Sphere, Vector3 } from 'three';
import { triangleIndices } from '../../../../shared/meshIndices.ts';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import { MESH_DETAIL } from '../canvas/adaptiveQuality.ts';
import type { MeshDetail } from '../canvas/adaptiveQuality.ts';
import { colorT } from './colorScale.ts';
import type { ColorMapping } from './colorScale.ts';
import { lineOver, sampleLut, VIRIDIS_LINEAR, withContrast } from './colormap.ts';
import type { ViewFrame } from '../plot/frame.ts';
import { HEIGHT, rawWorldY, worldX, worldY, worldZ } from '../plot/frame.ts';

/**
 * Lit, height-coloured mesh geometry (positions, analytic normals, viridis colours through
 * `mapping`, index). The heights follow the frame whatever the colour scale.
 */
export function buildSurfaceGeometry(
  surface: SurfaceResult,
  frame: ViewFrame,
  mapping: ColorMapping,
): BufferGeometry {
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
      sampleLut(VIRIDIS_LINEAR, colorT(mapping, f), colors, o);
    }
  }
  // The solver builds the triangles (shared/service.ts); only older answers lack them.
  const indices = surface.indices ?? triangleIndices(valid, nx, ny);
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('normal', new BufferAttribute(normals, 3));
  geometry.setAttribute('color', new BufferAttribute(colors, 3));
  const full = new BufferAttribute(indices, 1);
  geometry.setIndex(full);
  // The thinned mesh for adaptive quality, built the first time a drag asks for it. A thinned
  // index left unused when the geometry is disposed is freed with its JS object by the GC.
  let thinned: BufferAttribute | null = null;
  const detail: MeshDetail<BufferAttribute> = (stride) =>
    stride === 1 ? full : (thinned ??= new BufferAttribute(triangleIndices(valid, nx, ny, 2), 1));
  geometry.userData[MESH_DETAIL] = detail;
  // The box the mesh is drawn in bounds it (x, z within the domain's square, heights clamped
  // to [0, HEIGHT]): its sphere is as good for culling as one fitted to 65 536 vertices.
  const box = new Box3(
    new Vector3(-frame.halfX, 0, -frame.halfZ),
    new Vector3(frame.halfX, HEIGHT, frame.halfZ),
  );
  geometry.boundingSphere = box.getBoundingSphere(new Sphere());
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

/** Contour levels and, per level, packed segments [x0, y0, x1, y1, …] in math coordinates. */
export interface ContourSet {
  levels: readonly number[];
  segments: readonly Float64Array[];
}

/**
 * Contour segments for thick lines (see contourLines.ts): on the surface, each level at its
 * height (skipped where that is above the clamped top) in a colour that contrasts with the
 * surface there; or projected onto a floor at height `floorY`, in the level's colour made to
 * contrast with the floor (luminance `floorLuminance`).
 */
export function contourSegments(
  contours: ContourSet,
  frame: ViewFrame,
  mapping: ColorMapping,
  mode: 'surface' | 'floor',
  floorY: number,
  floorLuminance: number,
): { ends: Float32Array; colors: Float32Array } {
  const { levels, segments } = contours;
  let total = 0;
  for (const seg of segments) total += Math.floor(seg.length / 4);
  const ends = new Float32Array(total * 6);
  const colors = new Float32Array(total * 3);
  const fill = new Float32Array(3);
  const line = new Float32Array(3);
  let n = 0;
  for (let l = 0; l < levels.length; l++) {
    const level = levels[l]!;
    const seg = segments[l];
    if (!seg) continue;
    const h = rawWorldY(frame, level);
    if (mode === 'surface' && (h > HEIGHT || h < 0)) continue;
    const y = mode === 'surface' ? h + 0.004 : floorY;
    sampleLut(VIRIDIS_LINEAR, colorT(mapping, level), fill, 0);
    if (mode === 'surface') lineOver(fill, line, 0);
    else withContrast(fill, floorLuminance, 3, line, 0);
    for (let k = 0; k + 3 < seg.length; k += 4) {
      const o = n * 6;
      ends[o] = worldX(frame, seg[k]!);
      ends[o + 1] = y;
      ends[o + 2] = worldZ(frame, seg[k + 1]!);
      ends[o + 3] = worldX(frame, seg[k + 2]!);
      ends[o + 4] = y;
      ends[o + 5] = worldZ(frame, seg[k + 3]!);
      colors[n * 3] = line[0]!;
      colors[n * 3 + 1] = line[1]!;
      colors[n * 3 + 2] = line[2]!;
      n++;
    }
  }
  return { ends: ends.subarray(0, n * 6), colors: colors.subarray(0, n * 3) };
}
