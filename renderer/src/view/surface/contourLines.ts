/**
 * Contour lines as thick screen-space lines: WebGL draws plain lines 1 px wide, which a projector
 * washes out. Each segment is expanded into its own quad corners (three's LineMaterial shader,
 * fed per vertex rather than per instance, as canvas/fatLines.ts does for paths), so all levels
 * are one ordinary indexed draw, cheap on software renderers too. Widths are in CSS px.
 */
import { BufferAttribute, BufferGeometry, Mesh, Sphere, Vector3, Vector4 } from 'three';
import type { WebGLRenderer } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';

/** One segment's corners and cap coordinates, as in three's LineSegmentsGeometry. */
const CORNERS = [-1, 2, 0, 1, 2, 0, -1, 1, 0, 1, 1, 0, -1, 0, 0, 1, 0, 0, -1, -1, 0, 1, -1, 0];
const CORNER_UVS = [-1, 2, 1, 2, -1, 1, 1, 1, -1, -1, 1, -1, -1, -2, 1, -2];
const CORNER_INDEX = [0, 2, 1, 2, 3, 1, 2, 4, 3, 4, 5, 3, 4, 6, 5, 6, 7, 5];
const CORNER_COUNT = 8;

/** How the lines look. */
export interface ContourStyle {
  /** Width in CSS px. */
  width: number;
  opacity: number;
}

const viewport = new Vector4();

/**
 * Segments `ends` (x0, y0, z0, x1, y1, z1 per segment, world units) with one linear-light colour
 * per segment (`colors`, r, g, b), drawn as one mesh. Call {@link dispose} when replacing it.
 */
export class ContourLines {
  readonly object: Mesh;
  private readonly geometry: BufferGeometry;
  private readonly material: LineMaterial;

  constructor(ends: Float32Array, colors: Float32Array, style: ContourStyle) {
    const segments = Math.floor(ends.length / 6);
    const position = new Float32Array(segments * CORNERS.length);
    const uv = new Float32Array(segments * CORNER_UVS.length);
    const start = new Float32Array(segments * CORNER_COUNT * 3);
    const end = new Float32Array(segments * CORNER_COUNT * 3);
    const color = new Float32Array(segments * CORNER_COUNT * 3);
    const vertices = segments * CORNER_COUNT;
    const index =
      vertices > 65535
        ? new Uint32Array(segments * CORNER_INDEX.length)
        : new Uint16Array(segments * CORNER_INDEX.length);
    // Typed copies of the templates: TypedArray.set from a typed array is a block copy, from a
    // plain array an element-by-element conversion (most of the cost of a re-mesh's contours).
    const corners = Float32Array.from(CORNERS);
    const cornerUvs = Float32Array.from(CORNER_UVS);
    for (let s = 0; s < segments; s++) {
      position.set(corners, s * CORNERS.length);
      uv.set(cornerUvs, s * CORNER_UVS.length);
      const first = s * CORNER_COUNT;
      for (let i = 0; i < CORNER_INDEX.length; i++) {
        index[s * CORNER_INDEX.length + i] = CORNER_INDEX[i]! + first;
      }
      const e = s * 6;
      const x0 = ends[e]!;
      const y0 = ends[e + 1]!;
      const z0 = ends[e + 2]!;
      const x1 = ends[e + 3]!;
      const y1 = ends[e + 4]!;
      const z1 = ends[e + 5]!;
      const r = colors[s * 3]!;
      const g = colors[s * 3 + 1]!;
      const b = colors[s * 3 + 2]!;
      for (let o = first * 3; o < (first + CORNER_COUNT) * 3; o += 3) {
        start[o] = x0;
        start[o + 1] = y0;
        start[o + 2] = z0;
        end[o] = x1;
        end[o + 1] = y1;
        end[o + 2] = z1;
        color[o] = r;
        color[o + 1] = g;
        color[o + 2] = b;
      }
    }
    const geometry = new BufferGeometry();
    geometry.setIndex(new BufferAttribute(index, 1));
    geometry.setAttribute('position', new BufferAttribute(position, 3));
    geometry.setAttribute('uv', new BufferAttribute(uv, 2));
    geometry.setAttribute('instanceStart', new BufferAttribute(start, 3));
    geometry.setAttribute('instanceEnd', new BufferAttribute(end, 3));
    // Both ends of a segment have its level's colour.
    geometry.setAttribute('instanceColorStart', new BufferAttribute(color, 3));
    geometry.setAttribute('instanceColorEnd', new BufferAttribute(color, 3));
    // The positions are corner codes, not places: bounds must come from the segments.
    geometry.boundingSphere = new Sphere(new Vector3(), 4);
    this.geometry = geometry;
    this.material = new LineMaterial({
      linewidth: style.width,
      vertexColors: true,
      transparent: style.opacity < 1,
      opacity: style.opacity,
      depthWrite: false,
    });
    const widthCss = style.width;
    this.object = new Mesh(geometry, this.material);
    // The shader works in device pixels: give it the viewport, and the width at its ratio.
    this.object.onBeforeRender = (renderer: WebGLRenderer) => {
      renderer.getViewport(viewport);
      this.material.resolution.set(viewport.z, viewport.w);
      const ratio = renderer.getPixelRatio();
      // At least a device pixel wide: at adaptive quality's ratio 0.5 (while the user drags)
      // the lines were 0.65–0.85 CSS px, under half a device pixel, and broke up into dots.
      this.material.linewidth = Math.max(widthCss * ratio, 1 / ratio);
    };
    this.object.raycast = () => {};
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
