import type { BufferGeometry, InterleavedBufferAttribute } from 'three';
import { describe, expect, it } from 'vitest';
import { INDICES_PER_SEGMENT, PolylineBuffer, PolylineLine } from './fatLines.ts';

function geometryOf(line: PolylineLine): BufferGeometry {
  return line.object.geometry;
}

describe('PolylineBuffer', () => {
  it('writes every segment out as 8 corners carrying its start and end', () => {
    const buffer = new PolylineBuffer(4);
    buffer.set(0, 0, 0, 0);
    buffer.set(1, 1, 2, 3);
    buffer.set(2, 4, 5, 6);
    buffer.commit(3);
    const out = buffer.expanded.array;
    // Segment 0: (0,0,0) → (1,2,3) on all 8 corners; segment 1: (1,2,3) → (4,5,6).
    for (let c = 0; c < 8; c++) {
      expect(Array.from(out.slice(c * 6, c * 6 + 6))).toEqual([0, 0, 0, 1, 2, 3]);
      expect(Array.from(out.slice(48 + c * 6, 48 + c * 6 + 6))).toEqual([1, 2, 3, 4, 5, 6]);
    }
    expect(buffer.expanded.updateRanges).toEqual([{ start: 0, count: 96 }]);
    // The shared corner pattern indexes each segment's own 8 vertices.
    const index = buffer.corners.index.array;
    expect(Math.max(...Array.from(index.slice(INDICES_PER_SEGMENT, 2 * INDICES_PER_SEGMENT)))).toBe(
      15,
    );
  });

  it('keeps what was written when it grows', () => {
    const buffer = new PolylineBuffer(2);
    buffer.set(0, 7, 8, 9);
    expect(buffer.reserve(2)).toBe(false);
    expect(buffer.reserve(10)).toBe(true);
    expect(buffer.capacity).toBeGreaterThanOrEqual(10);
    expect(Array.from(buffer.positions.slice(0, 3))).toEqual([7, 8, 9]);
  });
});

describe('PolylineLine', () => {
  it('draws a range of segments as an index range', () => {
    const buffer = new PolylineBuffer(10);
    const line = new PolylineLine(buffer, { color: '#ff0000', width: 3 });
    line.setRange(2, 3);
    expect(geometryOf(line).drawRange).toEqual({
      start: 2 * INDICES_PER_SEGMENT,
      count: 3 * INDICES_PER_SEGMENT,
    });
    // Clamped to the buffer: 9 segments at most, none before the first.
    line.setRange(5, 100);
    expect(geometryOf(line).drawRange.count).toBe(4 * INDICES_PER_SEGMENT);
    line.setSegments(-1);
    expect(geometryOf(line).drawRange).toEqual({ start: 0, count: 0 });
    line.dispose();
  });

  it('is rebuilt on the grown buffer and keeps its range', () => {
    const buffer = new PolylineBuffer(4);
    const line = new PolylineLine(buffer, { color: '#ff0000', width: 3 });
    line.setSegments(2);
    buffer.reserve(100);
    line.rebind(buffer);
    const start = geometryOf(line).getAttribute('instanceStart') as InterleavedBufferAttribute;
    expect(start.data).toBe(buffer.expanded);
    expect(geometryOf(line).index).toBe(buffer.corners.index);
    expect(geometryOf(line).drawRange.count).toBe(2 * INDICES_PER_SEGMENT);
    line.dispose();
  });
});
