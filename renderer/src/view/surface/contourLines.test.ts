import { describe, expect, it } from 'vitest';
import { ContourLines } from './contourLines.ts';

describe('ContourLines', () => {
  it('gives every corner of a segment its ends and colour, and indexes its own corners', () => {
    const ends = Float32Array.of(0, 1, 2, 3, 4, 5, -1, -2, -3, 0.5, 0.25, 0.125);
    const colors = Float32Array.of(0.1, 0.2, 0.3, 0.7, 0.8, 0.9);
    const lines = new ContourLines(ends, colors, { width: 2, opacity: 1 });
    const g = (lines.object.geometry as import('three').BufferGeometry).attributes;
    const start = g.instanceStart!.array;
    const end = g.instanceEnd!.array;
    const color = g.instanceColorStart!.array;
    expect(start.length).toBe(2 * 8 * 3);
    for (let s = 0; s < 2; s++) {
      for (let c = 0; c < 8; c++) {
        const o = (s * 8 + c) * 3;
        expect([...start.slice(o, o + 3)]).toEqual([...ends.slice(s * 6, s * 6 + 3)]);
        expect([...end.slice(o, o + 3)]).toEqual([...ends.slice(s * 6 + 3, s * 6 + 6)]);
        expect([...color.slice(o, o + 3)]).toEqual([...colors.slice(s * 3, s * 3 + 3)]);
      }
    }
    // The second segment's triangles use its own corners 8…15, and its corner codes repeat.
    const index = [...lines.object.geometry.index!.array];
    expect(Math.min(...index.slice(18))).toBe(8);
    expect(Math.max(...index.slice(18))).toBe(15);
    const position = g.position!.array;
    expect([...position.slice(24, 48)]).toEqual([...position.slice(0, 24)]);
    lines.dispose();
  });
});
