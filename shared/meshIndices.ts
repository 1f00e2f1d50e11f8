/**
 * The surface mesh's triangles: two per grid cell of an nx × ny grid, leaving out those touching
 * a vertex where f is not finite (`valid[k] !== 1`). The solver builds them, ready to become the
 * index buffer; the view builds them itself only for a surface that came without them.
 */
export function triangleIndices(
  valid: Uint8Array,
  nx: number,
  ny: number,
): Uint32Array | Uint16Array {
  const cells = (nx - 1) * (ny - 1);
  const out = nx * ny > 65535 ? new Uint32Array(cells * 6) : new Uint16Array(cells * 6);
  let n = 0;
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
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
