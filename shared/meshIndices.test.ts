import { describe, expect, it } from 'vitest';
import { triangleIndices } from './meshIndices.ts';

describe('triangleIndices', () => {
  it('gives two triangles per cell of a 3 × 2 grid, as 16-bit indices', () => {
    const out = triangleIndices(new Uint8Array(6).fill(1), 3, 2);
    expect(out).toBeInstanceOf(Uint16Array);
    expect([...out]).toEqual([0, 1, 3, 1, 4, 3, 1, 2, 4, 2, 5, 4]);
  });

  it('leaves out the triangles that touch a vertex where f is not finite', () => {
    // Vertex 4 (the middle of the second row) is invalid: only the triangle 0-1-3 avoids it.
    const valid = Uint8Array.from([1, 1, 1, 1, 0, 1]);
    expect([...triangleIndices(valid, 3, 2)]).toEqual([0, 1, 3]);
  });

  it('switches to 32-bit indices beyond 65 535 vertices', () => {
    const n = 257;
    expect(triangleIndices(new Uint8Array(n * n).fill(1), n, n)).toBeInstanceOf(Uint32Array);
  });
});
