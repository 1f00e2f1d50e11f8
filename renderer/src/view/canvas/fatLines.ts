/**
 * Thick polylines for three.js that can be redrawn without allocating.
 *
 * WebGL ignores `linewidth` on ordinary lines (always 1 px), which is too thin for slides, so
 * paths are drawn with three's LineMaterial (screen-space quads with round caps). three pairs it
 * with an instanced geometry, one instance per segment; software renderers such as SwiftShader
 * (Chromium without a GPU: VMs, remote desktops, CI) pay about 10 µs per instance, which made a
 * 2000-segment path cost 20 ms a frame. Here each segment's 8 corners are written out instead
 * ("expanded"), so a whole line is one ordinary indexed draw; the shader is the same, it only
 * reads its per-segment attributes per vertex.
 *
 * A PolylineBuffer keeps the vertices on the CPU and their expansion for the GPU. Several lines
 * (e.g. the faint full path and the solid part already travelled) can share one buffer and draw
 * different ranges of it with different materials.
 *
 * An opaque line also has light forms for adaptive quality (LIGHT_DETAIL):
 * - where it is at most {@link NATIVE_MAX_PX} device pixels wide, a plain WebGL line (1 px) over
 *   the same vertices: one vertex per point and a trivial shader instead of six triangles per
 *   segment, and the same pixels to within a quarter of one;
 * - wider, each segment's round start cap and body without its end cap. At every joint the next
 *   segment's start cap covers the same disc the end cap did, so only the line's very end loses
 *   its rounding: a third fewer triangles for the same picture.
 * A translucent line or one with per-vertex colours keeps its full form (where two caps overlap
 * a translucent line shows it).
 */
import {
  Box3,
  BufferAttribute,
  BufferGeometry,
  DynamicDrawUsage,
  InterleavedBuffer,
  InterleavedBufferAttribute,
  Line,
  LineBasicMaterial,
  Mesh,
  Sphere,
  StaticDrawUsage,
  Vector3,
  Vector4,
} from 'three';
import type { WebGLRenderer } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LIGHT_DETAIL } from './adaptiveQuality.ts';
import type { LightDetail } from './adaptiveQuality.ts';

/** One segment's corners and cap coordinates, as in three's LineSegmentsGeometry. */
const CORNERS = [-1, 2, 0, 1, 2, 0, -1, 1, 0, 1, 1, 0, -1, 0, 0, 1, 0, 0, -1, -1, 0, 1, -1, 0];
const CORNER_UVS = [-1, 2, 1, 2, -1, 1, 1, 1, -1, -1, 1, -1, -1, -2, 1, -2];
/**
 * Two triangles each: the end cap (corners at y = 2 and 1, past the segment's end), the body
 * (y = 1 to 0) and the start cap (y = 0 and −1); LineMaterial puts y < 0.5 at the start.
 */
const CORNER_INDEX = [0, 2, 1, 2, 3, 1, 2, 4, 3, 4, 5, 3, 4, 6, 5, 6, 7, 5];
/** The light form's triangles: the body and the start cap (see the module comment). */
const LIGHT_CORNER_INDEX = CORNER_INDEX.slice(6);
/** Vertices and indices per segment. */
const CORNER_COUNT = 8;
export const INDICES_PER_SEGMENT = CORNER_INDEX.length;
export const LIGHT_INDICES_PER_SEGMENT = LIGHT_CORNER_INDEX.length;
/**
 * Widest line (device px: CSS width × the canvas's pixel ratio) drawn as a plain 1 px WebGL
 * line in its light form: at most a quarter of a pixel thinner than it should be.
 */
export const NATIVE_MAX_PX = 1.25;
/** A layer no camera of the app enables (see PolylineLine.setForm). */
const HIDDEN_LAYER = 31;
/** Floats per expanded vertex: the segment's start and end (x, y, z each). */
const EXPANDED_STRIDE = 6;

/**
 * The corner pattern repeated for `segments` segments: position, uv and index attributes, and
 * the light form's index.
 */
interface Pattern {
  position: BufferAttribute;
  uv: BufferAttribute;
  index: BufferAttribute;
  light: BufferAttribute;
}

function pattern(segments: number): Pattern {
  const position = new Float32Array(segments * CORNER_COUNT * 3);
  const uv = new Float32Array(segments * CORNER_COUNT * 2);
  const index = new Uint32Array(segments * INDICES_PER_SEGMENT);
  const light = new Uint32Array(segments * LIGHT_INDICES_PER_SEGMENT);
  for (let s = 0; s < segments; s++) {
    position.set(CORNERS, s * CORNERS.length);
    uv.set(CORNER_UVS, s * CORNER_UVS.length);
    for (let i = 0; i < INDICES_PER_SEGMENT; i++)
      index[s * INDICES_PER_SEGMENT + i] = CORNER_INDEX[i]! + s * CORNER_COUNT;
    for (let i = 0; i < LIGHT_INDICES_PER_SEGMENT; i++)
      light[s * LIGHT_INDICES_PER_SEGMENT + i] = LIGHT_CORNER_INDEX[i]! + s * CORNER_COUNT;
  }
  return {
    position: new BufferAttribute(position, 3),
    uv: new BufferAttribute(uv, 2),
    index: new BufferAttribute(index, 1),
    light: new BufferAttribute(light, 1),
  };
}

/** Vertices of a polyline in one growable buffer. */
export class PolylineBuffer {
  /** x, y, z per vertex; only the first `count` vertices are meaningful. */
  positions: Float32Array;
  /** Per segment, 8 copies of (start, end) for the GPU (re-created when the buffer grows). */
  expanded!: InterleavedBuffer;
  /**
   * The fixed corner attributes for this capacity. They belong to this buffer, not to one
   * line: disposing a geometry deletes its attributes' GPU buffers, so they are shared only by
   * lines built on the same buffer, which are rebuilt and disposed together.
   */
  corners!: Pattern;
  /** Vertices written. */
  count = 0;
  /**
   * `positions` as a position attribute, for the plain-line light form (re-created when the
   * buffer grows; uploaded only when a plain line draws it).
   */
  plain!: BufferAttribute;

  constructor(
    capacity: number,
    /** Dynamic for buffers rewritten every frame (the trail), static otherwise. */
    private readonly dynamic = false,
  ) {
    this.positions = new Float32Array(Math.max(2, capacity) * 3);
    this.wrap();
  }

  /** Vertex capacity. */
  get capacity(): number {
    return this.positions.length / 3;
  }

  private wrap(): void {
    const segments = this.capacity - 1;
    const buffer = new InterleavedBuffer(
      new Float32Array(segments * CORNER_COUNT * EXPANDED_STRIDE),
      EXPANDED_STRIDE,
    );
    buffer.setUsage(this.dynamic ? DynamicDrawUsage : StaticDrawUsage);
    this.expanded = buffer;
    this.corners = pattern(segments);
    this.plain = new BufferAttribute(this.positions, 3);
    this.plain.setUsage(this.dynamic ? DynamicDrawUsage : StaticDrawUsage);
  }

  /**
   * Makes room for `capacity` vertices. Returns true when the buffers were replaced, in which
   * case lines built on them must be rebuilt (see {@link PolylineLine.rebind}).
   */
  reserve(capacity: number): boolean {
    if (capacity <= this.capacity) return false;
    // Grow geometrically so a slowly increasing step count does not reallocate every tick.
    const grown = new Float32Array(Math.max(capacity, Math.ceil(this.capacity * 1.5)) * 3);
    grown.set(this.positions);
    this.positions = grown;
    this.wrap();
    // The expansion of what was kept is rebuilt by the next commit.
    return true;
  }

  /** Writes vertex i. */
  set(i: number, x: number, y: number, z: number): void {
    const p = this.positions;
    p[i * 3] = x;
    p[i * 3 + 1] = y;
    p[i * 3 + 2] = z;
  }

  /** Expands the first `count` vertices (count − 1 segments) and marks them for upload. */
  commit(count: number): void {
    this.count = count;
    const p = this.positions;
    const out = this.expanded.array as Float32Array;
    const segments = Math.max(0, count - 1);
    let o = 0;
    for (let s = 0; s < segments; s++) {
      const a = s * 3;
      const sx = p[a]!;
      const sy = p[a + 1]!;
      const sz = p[a + 2]!;
      const ex = p[a + 3]!;
      const ey = p[a + 4]!;
      const ez = p[a + 5]!;
      for (let c = 0; c < CORNER_COUNT; c++) {
        out[o] = sx;
        out[o + 1] = sy;
        out[o + 2] = sz;
        out[o + 3] = ex;
        out[o + 4] = ey;
        out[o + 5] = ez;
        o += EXPANDED_STRIDE;
      }
    }
    this.expanded.clearUpdateRanges();
    this.expanded.addUpdateRange(0, o);
    this.expanded.needsUpdate = true;
    this.plain.clearUpdateRanges();
    this.plain.addUpdateRange(0, count * 3);
    this.plain.needsUpdate = true;
  }
}

/** The light form a line draws in. */
export type Form = 'full' | 'light' | 'plain';

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

const viewport = new Vector4();

/** One line drawing (a range of) a PolylineBuffer's segments. */
export class PolylineLine {
  readonly material: LineMaterial;
  readonly object: Mesh;
  private geometry: BufferGeometry;
  private first = 0;
  private segments = 0;
  /** The form drawn (see the module comment); only an opaque line leaves 'full'. */
  private form: Form = 'full';
  /** The plain-line form, made the first time it is asked for; a child of `object`. */
  private plain: Line<BufferGeometry, LineBasicMaterial> | null = null;

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
    this.object = new Mesh(this.geometry, this.material);
    // The shader works in screen pixels: it needs the viewport size (as LineSegments2 sets it).
    this.object.onBeforeRender = (renderer: WebGLRenderer) => {
      renderer.getViewport(viewport);
      this.material.resolution.set(viewport.z, viewport.w);
    };
    // Bounds would need recomputing after every write; the paths are always near the view.
    this.object.frustumCulled = false;
    // The geometry's positions are corner codes, not places: never pick against them.
    this.object.raycast = () => {};
    if (style.onTop) this.object.renderOrder = 10;
    if (!this.material.transparent && !colors) {
      const detail: LightDetail = (light, pixelRatio) =>
        this.setForm(
          !light
            ? 'full'
            : this.material.linewidth * pixelRatio <= NATIVE_MAX_PX
              ? 'plain'
              : 'light',
        );
      this.object.userData[LIGHT_DETAIL] = detail;
    }
  }

  private build(): BufferGeometry {
    const geometry = new BufferGeometry();
    const corners = this.source.corners;
    geometry.setIndex(this.form === 'light' ? corners.light : corners.index);
    geometry.setAttribute('position', corners.position);
    geometry.setAttribute('uv', corners.uv);
    const b = this.source.expanded;
    geometry.setAttribute('instanceStart', new InterleavedBufferAttribute(b, 3, 0));
    geometry.setAttribute('instanceEnd', new InterleavedBufferAttribute(b, 3, 3));
    if (this.colors) {
      const c = this.colors.expanded;
      geometry.setAttribute('instanceColorStart', new InterleavedBufferAttribute(c, 3, 0));
      geometry.setAttribute('instanceColorEnd', new InterleavedBufferAttribute(c, 3, 3));
    }
    // Fixed generous bounds: three would otherwise compute them (for sorting transparent
    // objects) over the whole buffer, including its unwritten tail.
    geometry.boundingSphere = new Sphere(new Vector3(), 50);
    geometry.boundingBox = new Box3(new Vector3(-50, -50, -50), new Vector3(50, 50, 50));
    this.applyRange(geometry);
    return geometry;
  }

  private applyRange(geometry: BufferGeometry): void {
    const per = this.form === 'light' ? LIGHT_INDICES_PER_SEGMENT : INDICES_PER_SEGMENT;
    geometry.setDrawRange(this.first * per, this.segments * per);
    this.plain?.geometry.setDrawRange(this.first, this.form === 'plain' ? this.segments + 1 : 0);
  }

  /** Draws the given form (see the module comment). */
  setForm(form: Form): void {
    if (form === this.form) return;
    this.form = form;
    if (form === 'plain' && !this.plain) this.plain = this.makePlain();
    const corners = this.source.corners;
    this.geometry.setIndex(form === 'light' ? corners.light : corners.index);
    // In the plain form the fat line leaves the cameras' layer: three.js then neither uploads
    // nor draws it (an empty draw range would still cost both), while its plain child, on the
    // default layer, is drawn.
    this.object.layers.set(form === 'plain' ? HIDDEN_LAYER : 0);
    this.applyRange(this.geometry);
  }

  /** The plain-line form: a WebGL line over the buffer's vertices, in the line's colour. */
  private makePlain(): Line<BufferGeometry, LineBasicMaterial> {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', this.source.plain);
    geometry.boundingSphere = new Sphere(new Vector3(), 50);
    const material = new LineBasicMaterial({
      depthTest: this.material.depthTest,
      depthWrite: this.material.depthWrite,
    });
    const line = new Line(geometry, material);
    line.frustumCulled = false;
    line.raycast = () => {};
    line.renderOrder = this.object.renderOrder;
    // The fat line's colour may be set on its material directly: follow it at every draw.
    line.onBeforeRender = () => {
      material.color.copy(this.material.color);
    };
    this.object.add(line);
    return line;
  }

  /** Re-creates the geometry after the source buffer grew. */
  rebind(source: PolylineBuffer = this.source, colors: PolylineBuffer | null = this.colors): void {
    this.source = source;
    this.colors = colors;
    // The plain form reads the new buffer's positions (build sets its range).
    this.plain?.geometry.setAttribute('position', source.plain);
    const old = this.geometry;
    this.geometry = this.build();
    this.object.geometry = this.geometry;
    old.dispose();
  }

  /** Draws segments [0, segments) (vertices 0..segments). */
  setSegments(segments: number): void {
    this.setRange(0, segments);
  }

  /** Draws `segments` segments starting with segment `first`. */
  setRange(first: number, segments: number): void {
    const max = this.source.capacity - 1;
    this.first = first < 0 ? 0 : first > max ? max : first;
    const most = max - this.first;
    this.segments = segments < 0 ? 0 : segments > most ? most : segments;
    this.applyRange(this.geometry);
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
    this.plain?.geometry.dispose();
    this.plain?.material.dispose();
  }
}
