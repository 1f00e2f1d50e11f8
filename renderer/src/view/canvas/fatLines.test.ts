import type { BufferGeometry, InterleavedBufferAttribute, Line, LineBasicMaterial } from 'three';
import { describe, expect, it } from 'vitest';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LIGHT_DETAIL } from './adaptiveQuality.ts';
import type { LightDetail } from './adaptiveQuality.ts';
import {
  INDICES_PER_SEGMENT,
  LIGHT_INDICES_PER_SEGMENT,
  NATIVE_MAX_PX,
  PolylineBuffer,
  PolylineLine,
} from './fatLines.ts';

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

describe('the light form of a line (adaptive quality)', () => {
  /** The corner's y code of every index of segment 1 in the given index attribute. */
  function cornerYs(buffer: PolylineBuffer, index: ArrayLike<number>, per: number): number[] {
    const y = buffer.corners.position.array;
    return Array.from({ length: per }, (_, i) => y[index[per + i]! * 3 + 1]!);
  }

  it("draws each segment's body and start cap, without its end cap", () => {
    const buffer = new PolylineBuffer(4);
    const full = cornerYs(buffer, buffer.corners.index.array, INDICES_PER_SEGMENT);
    const light = cornerYs(buffer, buffer.corners.light.array, LIGHT_INDICES_PER_SEGMENT);
    // LineMaterial's corner codes: y > 1 lies past the segment's end (the end cap), y < 0 before
    // its start (the start cap), 0 and 1 are the body's ends.
    expect(full.filter((y) => y > 1).length).toBeGreaterThan(0);
    expect(light.filter((y) => y > 1)).toEqual([]);
    expect(light.filter((y) => y < 0).length).toBeGreaterThan(0);
    expect(light.length).toBe(12);
    // The same triangles as the full form's body and start cap, and on the segment's corners.
    expect(Array.from(buffer.corners.light.array.slice(12, 24))).toEqual(
      Array.from(buffer.corners.index.array.slice(24, 36)),
    );
  });

  it('matches the corner codes of the three.js LineMaterial it draws with', () => {
    // If a three.js update swapped which end y < 0 stands for, the light form would keep the
    // end caps and lose the start caps: each range's first joint would lose its rounding.
    const shader = new LineMaterial().vertexShader;
    expect(shader).toMatch(/position\.y < 0\.5 \) \? clipStart : clipEnd/);
    expect(shader).toMatch(/if \( position\.y < 0\.0 \) \{\s*offset \+= - dir;/);
  });

  it('an opaque line switches forms on request and keeps its range', () => {
    const buffer = new PolylineBuffer(10);
    const line = new PolylineLine(buffer, { color: '#ff0000', width: 3 });
    line.setRange(2, 3);
    const detail = line.object.userData[LIGHT_DETAIL] as LightDetail;
    // 3 CSS px at ratio 1 is 3 device px: too wide for a plain line.
    detail(true, 1);
    expect(geometryOf(line).index).toBe(buffer.corners.light);
    expect(geometryOf(line).drawRange).toEqual({
      start: 2 * LIGHT_INDICES_PER_SEGMENT,
      count: 3 * LIGHT_INDICES_PER_SEGMENT,
    });
    // Ranges set while light are in light segments; a rebuilt geometry stays light.
    line.setRange(1, 4);
    expect(geometryOf(line).drawRange.count).toBe(4 * LIGHT_INDICES_PER_SEGMENT);
    buffer.reserve(100);
    line.rebind(buffer);
    expect(geometryOf(line).index).toBe(buffer.corners.light);
    expect(geometryOf(line).drawRange.start).toBe(LIGHT_INDICES_PER_SEGMENT);
    detail(false, 1);
    expect(geometryOf(line).index).toBe(buffer.corners.index);
    expect(geometryOf(line).drawRange).toEqual({
      start: INDICES_PER_SEGMENT,
      count: 4 * INDICES_PER_SEGMENT,
    });
    line.dispose();
  });

  it('a line at most NATIVE_MAX_PX device pixels wide is drawn as a plain WebGL line', () => {
    const buffer = new PolylineBuffer(10);
    for (let i = 0; i < 10; i++) buffer.set(i, i, 2 * i, 3 * i);
    buffer.commit(10);
    const line = new PolylineLine(buffer, { color: '#ff0000', width: 2 });
    line.setRange(2, 3);
    const detail = line.object.userData[LIGHT_DETAIL] as LightDetail;
    // 2 CSS px at ratio 0.5: 1 device px.
    expect(2 * 0.5).toBeLessThanOrEqual(NATIVE_MAX_PX);
    detail(true, 0.5);
    const plain = line.object.children[0] as Line<BufferGeometry, LineBasicMaterial>;
    expect(plain.isLine).toBe(true);
    // The fat line leaves the cameras' layer (not drawn, not uploaded); the plain one draws
    // the range's vertices (segments + 1) from the buffer's own positions, in the line's
    // colour.
    expect(line.object.layers.isEnabled(0)).toBe(false);
    expect(plain.layers.isEnabled(0)).toBe(true);
    expect(plain.geometry.drawRange).toEqual({ start: 2, count: 4 });
    expect(plain.geometry.getAttribute('position')).toBe(buffer.plain);
    expect(Array.from(buffer.plain.array.slice(6, 9))).toEqual([2, 4, 6]);
    line.material.color.set('#00ff00');
    plain.onBeforeRender(
      ...([null, null, null, null, null, null] as unknown as Parameters<Line['onBeforeRender']>),
    );
    expect(plain.material.color.getHexString()).toBe('00ff00');
    // At ratio 1 it is 2 device px: the light fat form again.
    detail(true, 1);
    expect(geometryOf(line).index).toBe(buffer.corners.light);
    expect(geometryOf(line).drawRange.count).toBe(3 * LIGHT_INDICES_PER_SEGMENT);
    expect(line.object.layers.isEnabled(0)).toBe(true);
    expect(plain.geometry.drawRange.count).toBe(0);
    // A grown buffer: the plain form follows it.
    detail(true, 0.5);
    buffer.reserve(100);
    line.rebind(buffer);
    expect(plain.geometry.getAttribute('position')).toBe(buffer.plain);
    expect(plain.geometry.drawRange).toEqual({ start: 2, count: 4 });
    detail(false, 0.5);
    expect(geometryOf(line).drawRange).toEqual({
      start: 2 * INDICES_PER_SEGMENT,
      count: 3 * INDICES_PER_SEGMENT,
    });
    expect(plain.geometry.drawRange.count).toBe(0);
    line.dispose();
  });

  it('a translucent or vertex-coloured line has no light form (overlapping caps show)', () => {
    const buffer = new PolylineBuffer(4);
    const faint = new PolylineLine(buffer, { color: '#ff0000', width: 3, opacity: 0.3 });
    const onTop = new PolylineLine(buffer, { color: '#ff0000', width: 3, onTop: true });
    const colors = new PolylineBuffer(4);
    const trail = new PolylineLine(
      buffer,
      { color: '#ffffff', width: 1, vertexColors: true },
      colors,
    );
    expect(faint.object.userData[LIGHT_DETAIL]).toBeUndefined();
    expect(onTop.object.userData[LIGHT_DETAIL]).toBeUndefined();
    expect(trail.object.userData[LIGHT_DETAIL]).toBeUndefined();
    faint.dispose();
    onTop.dispose();
    trail.dispose();
  });
});
