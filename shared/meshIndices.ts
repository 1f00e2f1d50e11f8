/**
 * The surface mesh's triangles: two per grid cell of an nx × ny grid, leaving out those touching
 * a vertex where f is not finite (`valid[k] !== 1`). The solver builds them, ready to become the
 * index buffer; the view builds them itself only for a surface that came without them. With a
 * `stride` of 2 the cells span every other grid line (a quarter of the triangles, over the same
 * vertices): the view draws that while adaptive quality thins the mesh during a drag.
 */
export function triangleIndices(
  valid: Uint8Array,
  nx: number,
  ny: number,
  stride = 1,
): Uint32Array | Uint16Array {
  const cols = lattice(nx, stride);
  const rows = lattice(ny, stride);
  const cells = (cols.length - 1) * (rows.length - 1);
  const out = nx * ny > 65535 ? new Uint32Array(cells * 6) : new Uint16Array(cells * 6);
  let n = 0;
  for (let r = 0; r < rows.length - 1; r++) {
    const row = rows[r]! * nx;
    const next = rows[r + 1]! * nx;
    for (let q = 0; q < cols.length - 1; q++) {
      const a = row + cols[q]!;
      const b = row + cols[q + 1]!;
      const c = next + cols[q]!;
      const d = next + cols[q + 1]!;
      if (valid[a] === 1 && valid[b] === 1 && valid[c] === 1) {
        out[n++] = a;
        out[n++] = b;
        out[n++] = c;
      }
      if (valid[b] === 1 && valid[d] === 1 && valid[c] === 1) {
        out[n++] = b;
        out[n++] = d;
        out[n++] = c;
      }
    }
  }
  // A copy of the used part, so that the buffer transferred holds nothing else.
  return n === out.length ? out : out.slice(0, n);
}

/** Grid lines 0, stride, 2·stride, … and always the last one, so the mesh keeps its edges. */
function lattice(n: number, stride: number): Int32Array {
  const step = Math.max(1, Math.floor(stride));
  const count = Math.ceil((n - 1) / step) + 1;
  const out = new Int32Array(Math.max(count, 0));
  for (let k = 0; k < count - 1; k++) out[k] = k * step;
  if (count > 0) out[count - 1] = n - 1;
  return out;
}
