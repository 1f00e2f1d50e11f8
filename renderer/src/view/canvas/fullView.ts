/**
 * A quad that covers the whole view whatever the camera: its vertex shader places the 2 × 2
 * plane's corners straight in clip space. Used to lay a texture over the view (the figure
 * kinds' canvas picture, the static layer cache).
 */
import { PlaneGeometry } from 'three';

/** Vertex shader of a full-view quad: passes `uv` on as `vUv`. */
export const FULL_VIEW_VERTEX = /* glsl */ `
varying vec2 vUv;
void main() {
  vUv = uv;
  gl_Position = vec4(position.xy, 0.0, 1.0);
}`;

/** The quad's geometry: a 2 × 2 plane, clip space's whole square. */
export function fullViewGeometry(): PlaneGeometry {
  return new PlaneGeometry(2, 2);
}
