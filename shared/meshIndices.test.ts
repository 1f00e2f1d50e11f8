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

  it('with a stride, spans every other grid line and keeps the last row and column', () => {
    // 4 × 3 grid: columns 0, 2, 3 and rows 0, 2.
    const out = triangleIndices(new Uint8Array(12).fill(1), 4, 3, 2);
    expect([...out]).toEqual([0, 2, 8, 2, 10, 8, 2, 3, 10, 3, 11, 10]);
    // Stride 1 is the full mesh.
    const all = new Uint8Array(256 * 256).fill(1);
    expect(triangleIndices(all, 256, 256, 1)).toEqual(triangleIndices(all, 256, 256));
    expect(triangleIndices(all, 256, 256, 2).length).toBe(128 * 128 * 6);
  });

  it('with a stride, leaves out a coarse cell whose corner is not finite', () => {
    const valid = new Uint8Array(9).fill(1);
    valid[8] = 0; // the far corner of a 3 × 3 grid
    expect([...triangleIndices(valid, 3, 3, 2)]).toEqual([0, 2, 6]);
  });
});
