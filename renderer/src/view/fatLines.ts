/**
 * Thick polylines for three.js that can be redrawn without allocating.
 *
 * WebGL ignores `linewidth` on ordinary lines (always 1 px), which is too thin for slides, so
 * paths use three's LineSegments2 (screen-space quads). Its usual `setPositions` copies into new
 * buffers on every call; here one preallocated Float32Array of vertices is viewed twice with a
 * stride of one vertex — `instanceStart` at offset 0 and `instanceEnd` at offset 3 — so vertex i
 * and i+1 form segment i. Updating a path means writing vertices and setting `instanceCount`.
 * Several lines (e.g. the faint full path and the solid part already travelled) can share one
 * vertex buffer with different counts and materials.
 */
import {
  Box3,
  DynamicDrawUsage,
  InstancedInterleavedBuffer,
  InterleavedBufferAttribute,
  Sphere,
  StaticDrawUsage,
  Vector3,
} from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';

/** Vertices of a polyline in one growable buffer. */
export class PolylineBuffer {
  /** x, y, z per vertex; only the first `count` vertices are meaningful. */
  positions: Float32Array;
  /** three's view of `positions` (re-created when the buffer grows). */
  buffer: InstancedInterleavedBuffer;
  /** Vertices written. */
  count = 0;

  constructor(
    capacity: number,
    /** Dynamic for buffers rewritten every frame (the trail), static otherwise. */
    private readonly dynamic = false,
  ) {
    this.positions = new Float32Array(Math.max(2, capacity) * 3);
    this.buffer = this.wrap();
  }

  /** Vertex capacity. */
  get capacity(): number {
    return this.positions.length / 3;
  }

  private wrap(): InstancedInterleavedBuffer {
    const buffer = new InstancedInterleavedBuffer(this.positions, 3, 1);
    buffer.setUsage(this.dynamic ? DynamicDrawUsage : StaticDrawUsage);
    return buffer;
  }

  /**
   * Makes room for `capacity` vertices. Returns true when the buffer was replaced, in which case
   * geometries built on it must be rebuilt (see {@link PolylineLine.rebind}).
   */
  reserve(capacity: number): boolean {
    if (capacity <= this.capacity) return false;
    // Grow geometrically so a slowly increasing step count does not reallocate every tick.
    const grown = new Float32Array(Math.max(capacity, Math.ceil(this.capacity * 1.5)) * 3);
    grown.set(this.positions);
    this.positions = grown;
    this.buffer = this.wrap();
    return true;
  }

  /** Writes vertex i. */
  set(i: number, x: number, y: number, z: number): void {
    const p = this.positions;
    p[i * 3] = x;
    p[i * 3 + 1] = y;
    p[i * 3 + 2] = z;
  }

  /** Marks the first `count` vertices for upload to the GPU. */
  commit(count: number): void {
    this.count = count;
    this.buffer.clearUpdateRanges();
    this.buffer.addUpdateRange(0, Math.max(0, count) * 3);
    this.buffer.needsUpdate = true;
  }
}

/** Options of a drawn line. */
export interface LineStyle {
  color: string;
  /** Width in CSS pixels. */
  width: number;
  opacity?: number;
  /** Draw over everything (overlays that must stay visible behind the surface). */
  onTop?: boolean;
  /** Per-vertex colours from a second buffer (multiplied with `color`). */
  vertexColors?: boolean;
}

/** One LineSegments2 drawing (part of) a PolylineBuffer. */
export class PolylineLine {
  readonly material: LineMaterial;
  readonly object: LineSegments2;
  private geometry: LineSegmentsGeometry;

  constructor(
    private source: PolylineBuffer,
    style: LineStyle,
    private colors: PolylineBuffer | null = null,
  ) {
    this.material = new LineMaterial({
      color: style.color,
      linewidth: style.width,
      transparent: (style.opacity ?? 1) < 1 || style.onTop === true,
      opacity: style.opacity ?? 1,
      depthTest: style.onTop !== true,
      depthWrite: style.onTop !== true,
      vertexColors: style.vertexColors === true,
    });
    this.geometry = this.build();
    this.object = new LineSegments2(this.geometry, this.material);
    // Bounds would need recomputing after every write; the paths are always near the view.
    this.object.frustumCulled = false;
    if (style.onTop) this.object.renderOrder = 10;
  }

  private build(): LineSegmentsGeometry {
    const geometry = new LineSegmentsGeometry();
    const b = this.source.buffer;
    geometry.setAttribute('instanceStart', new InterleavedBufferAttribute(b, 3, 0));
    geometry.setAttribute('instanceEnd', new InterleavedBufferAttribute(b, 3, 3));
    if (this.colors) {
      const c = this.colors.buffer;
      geometry.setAttribute('instanceColorStart', new InterleavedBufferAttribute(c, 3, 0));
      geometry.setAttribute('instanceColorEnd', new InterleavedBufferAttribute(c, 3, 3));
    }
    geometry.instanceCount = 0;
    // Fixed generous bounds: three would otherwise compute them (for sorting transparent objects)
    // over the whole buffer, including the unwritten tail and the one-vertex overhang of the
    // stride trick, and get NaN.
    geometry.boundingSphere = new Sphere(new Vector3(), 50);
    geometry.boundingBox = new Box3(new Vector3(-50, -50, -50), new Vector3(50, 50, 50));
    return geometry;
  }

  /** Re-creates the geometry after the source buffer grew. */
  rebind(source: PolylineBuffer = this.source, colors: PolylineBuffer | null = this.colors): void {
    this.source = source;
    this.colors = colors;
    const old = this.geometry;
    this.geometry = this.build();
    this.object.geometry = this.geometry;
    old.dispose();
  }

  /** Draws segments [0, segments) (vertices 0..segments). */
  setSegments(segments: number): void {
    const max = this.source.capacity - 1;
    this.geometry.instanceCount = segments < 0 ? 0 : segments > max ? max : segments;
  }

  setColor(color: string): void {
    this.material.color.set(color);
  }

  setWidth(width: number): void {
    this.material.linewidth = width;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
