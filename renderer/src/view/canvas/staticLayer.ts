/**
 * The static layer cache, the first step of adaptive quality (adaptiveQuality.ts): while a drag
 * is slow and neither the camera nor the surface changes (a drag of η, of the start point), the
 * surface, its contours and the floor are drawn once into a texture with their depth, and each
 * frame then draws that texture and only what moves (paths, dots, balls, overlays) over it.
 *
 * Why: a software renderer re-rasterises every triangle of every frame. In the latency
 * benchmark's scene the surface and its two sets of contour lines are about 60 000 of the
 * frame's 85 000 triangles, and none of them change while η is dragged.
 *
 * The cached layer is the same picture at the same size: the texture holds the bytes the frame
 * would have (already in the screen's colour space, so drawing it back is a plain copy), and the
 * depth written back (`gl_FragDepth`) hides and reveals the moving objects as the surface would.
 * What differs is only where a see-through static line (a contour on the surface) crosses a
 * moving object: drawn over it normally, under it here. The release's frame is always drawn
 * without the cache.
 *
 * A group is static when its `userData` says so ({@link STATIC_LAYER}, set by StaticLayer.tsx).
 * The cache keys itself on everything that changes what those groups draw (camera, size,
 * background, and each object's geometry, material and uniforms) and is only built once a key
 * has held for two frames in a row, so an orbit never pays for a cache it cannot reuse.
 */
import {
  Color,
  DepthTexture,
  Mesh,
  NearestFilter,
  Object3D,
  ShaderMaterial,
  SRGBColorSpace,
  UnsignedIntType,
  Vector2,
  WebGLRenderTarget,
  AlwaysDepth,
} from 'three';
import type { Camera, Group, Material, PlaneGeometry, Scene, Texture, WebGLRenderer } from 'three';
import { FULL_VIEW_VERTEX, fullViewGeometry } from './fullView.ts';

/** `userData` key of a group whose contents are static while a slider is dragged. */
export const STATIC_LAYER = 'descentStaticLayer';

/**
 * Draws the cached colours and depth over the whole view, before anything else. The colours are
 * copied as they are: they were written in the screen's colour space (see build). A conversion
 * here (an sRGB texture read back as linear, then encoded again) cost more than the copy itself:
 * 16.7 against 7.9 ms per 1280×800 frame on SwiftShader (bench/static-composite.bench.ts).
 */
const FRAGMENT = /* glsl */ `
uniform sampler2D tColor;
uniform sampler2D tDepth;
varying vec2 vUv;
void main() {
  gl_FragColor = texture2D(tColor, vUv);
  gl_FragDepth = texture2D(tDepth, vUv).r;
}`;

/** The groups marked static, among the scene's children (where StaticLayer puts them). */
function staticRoots(scene: Scene): Object3D[] {
  return scene.children.filter((o) => o.userData[STATIC_LAYER] === true);
}

/** A material's state that changes its pixels, as text. */
function materialKey(material: Material): string {
  const m = material as Material & {
    color?: Color;
    uniforms?: Record<string, { value: unknown }>;
  };
  let key = `${m.id}.${m.version}.${m.visible ? 1 : 0}.${m.opacity}.${m.color ? m.color.getHex() : ''}`;
  if (m.uniforms) {
    for (const name in m.uniforms) {
      const value = m.uniforms[name]!.value;
      if (typeof value === 'number' || typeof value === 'boolean') key += `|${value}`;
      else if (value instanceof Color) key += `|${value.getHex()}`;
      else if (value && typeof (value as { toArray?: unknown }).toArray === 'function') {
        key += `|${(value as { toArray(): number[] }).toArray().join(',')}`;
      } else if (value && (value as Texture).isTexture) key += `|t${(value as Texture).version}`;
    }
  }
  return key;
}

/** Everything about the static groups that changes what they draw, as one string. */
export function staticKey(
  scene: Scene,
  camera: Camera,
  size: Vector2,
  roots: readonly Object3D[],
): string {
  const parts: string[] = [
    `${size.x}x${size.y}`,
    camera.matrixWorld.elements.join(','),
    camera.projectionMatrix.elements.join(','),
    scene.background instanceof Color
      ? String(scene.background.getHex())
      : String(scene.background),
  ];
  for (const root of roots) {
    root.traverse((o) => {
      parts.push(
        `${o.id}:${o.visible ? 1 : 0}:${o.renderOrder}:${o.matrixWorld.elements.join(',')}`,
      );
      const mesh = o as Mesh;
      if (
        !mesh.isMesh &&
        !(o as { isLine?: boolean }).isLine &&
        !(o as { isPoints?: boolean }).isPoints
      ) {
        return;
      }
      const g = mesh.geometry;
      let geometry = `g${g.id}:${g.index ? `${g.index.id ?? ''}.${g.index.version}` : '-'}:${g.drawRange.start}+${g.drawRange.count}`;
      for (const name in g.attributes) {
        geometry += `:${(g.attributes[name] as { version?: number }).version ?? ''}`;
      }
      parts.push(geometry);
      const materials = Array.isArray(mesh.material) ? mesh.material : [mesh.material];
      for (const material of materials) parts.push(materialKey(material));
    });
  }
  return parts.join(';');
}

/**
 * Runs the static objects' own `onBeforeRender` hooks ahead of the frame. They set what depends
 * on the renderer (a contour's width at the canvas's pixel ratio, a line's viewport), and the
 * key must see the values this frame will draw with. Otherwise it sees those left by the last
 * frame drawn without the cache (the release's still, at full ratio), and the first frames of
 * every drag find the key changed and draw the surface uncached.
 */
export function settle(
  gl: WebGLRenderer,
  scene: Scene,
  camera: Camera,
  roots: readonly Object3D[],
): void {
  for (const root of roots) {
    root.traverse((o) => {
      if (o.onBeforeRender === Object3D.prototype.onBeforeRender) return;
      const mesh = o as Mesh;
      // No draw group, as three.js passes for a single-material object (typed as a Group).
      const group = null as unknown as Group;
      o.onBeforeRender(gl, scene, camera, mesh.geometry, mesh.material as Material, group);
    });
  }
}

export class StaticLayerCache {
  /** Whether the last frame prepared was drawn from the cache. */
  usedLastFrame = false;
  /** How many times the layer was drawn into the texture (for tests and the curious). */
  builds = 0;
  private target: WebGLRenderTarget | null = null;
  private readonly quad: Mesh<PlaneGeometry, ShaderMaterial>;
  private readonly size = new Vector2();
  /** The key of the last frame drawn while enabled, and whether the texture holds it. */
  private key = '';
  private valid = false;
  /** Static groups hidden for the frame being drawn (shown again once it is drawn). */
  private hidden: Object3D[] = [];
  private previousAfterRender: Scene['onAfterRender'] | null = null;

  constructor() {
    this.quad = new Mesh(
      fullViewGeometry(),
      new ShaderMaterial({
        vertexShader: FULL_VIEW_VERTEX,
        fragmentShader: FRAGMENT,
        uniforms: { tColor: { value: null }, tDepth: { value: null } },
        depthTest: true,
        depthFunc: AlwaysDepth,
        depthWrite: true,
      }),
    );
    this.quad.frustumCulled = false;
    // First among the opaque objects: everything else is drawn over the cached layer.
    this.quad.renderOrder = -1e9;
    this.quad.matrixAutoUpdate = false;
    this.quad.visible = false;
  }

  /**
   * Called just before the frame is drawn. Disabled (or with nothing static), the frame is
   * drawn as usual, and the texture is let go unless `keep` says the next drag will want it.
   * Enabled, the frame draws from the cache when its key held since the last frame (building it
   * first when needed), or at once when the texture kept since the last drag still holds the
   * key. Returns whether it draws from the cache.
   */
  prepare(
    gl: WebGLRenderer,
    scene: Scene,
    camera: Camera,
    enabled: boolean,
    keep = false,
  ): boolean {
    this.usedLastFrame = this.use(gl, scene, camera, enabled, keep);
    return this.usedLastFrame;
  }

  private use(
    gl: WebGLRenderer,
    scene: Scene,
    camera: Camera,
    enabled: boolean,
    keep: boolean,
  ): boolean {
    this.restore(scene);
    // Kept between drags: the next one starts at the level this one reached (with the cache),
    // and at the same size and camera its first frames need not draw the surface again, twice
    // (once uncached while the key settles, once into the texture). Whatever changes meanwhile
    // changes the key, which the next enabled frame compares.
    if (!enabled) {
      if (!keep) this.release();
      return false;
    }
    const roots = staticRoots(scene).filter((o) => o.visible);
    if (roots.length === 0) {
      this.release();
      return false;
    }
    gl.getDrawingBufferSize(this.size);
    camera.updateMatrixWorld();
    settle(gl, scene, camera, roots);
    const key = staticKey(scene, camera, this.size, roots);
    if (key !== this.key) {
      // Something static changed (or the camera moved): draw this frame as usual and cache
      // only if the next frame sees the same.
      this.key = key;
      this.valid = false;
      return false;
    }
    if (!this.valid) {
      this.build(gl, scene, camera, roots);
      this.valid = true;
      this.builds++;
    }
    if (this.quad.parent !== scene) scene.add(this.quad);
    this.quad.visible = true;
    for (const root of roots) root.visible = false;
    this.hidden = roots;
    // Shown again as soon as the frame is drawn: picking and other code see them as usual.
    this.previousAfterRender = scene.onAfterRender;
    scene.onAfterRender = (...args) => {
      this.previousAfterRender?.apply(scene, args);
      this.restore(scene);
    };
    return true;
  }

  /** Draws the static groups alone into the texture, with the view's camera and background. */
  private build(gl: WebGLRenderer, scene: Scene, camera: Camera, roots: Object3D[]): void {
    const { x: width, y: height } = this.size;
    if (!this.target || this.target.width !== width || this.target.height !== height) {
      this.target?.dispose();
      const depthTexture = new DepthTexture(width, height, UnsignedIntType);
      this.target = new WebGLRenderTarget(width, height, {
        depthTexture,
        minFilter: NearestFilter,
        magFilter: NearestFilter,
        colorSpace: SRGBColorSpace,
        // Plain bytes, no sRGB decoding when read: the quad copies them to the screen as they are.
        internalFormat: 'RGBA8',
      });
      // three.js draws into a render target in linear colour unless it is an XR target, which it
      // draws like the screen (in the target's colour space, tone-mapped). Marked so, the static
      // layer is drawn with the very programs and colours of an uncached frame. (Should a
      // three.js update change this, the cached frame's colours stop matching the uncached
      // one's, which e2e/adaptive-quality.spec.ts checks.)
      (this.target as { isXRRenderTarget?: boolean }).isXRRenderTarget = true;
      this.quad.material.uniforms.tColor!.value = this.target.texture;
      this.quad.material.uniforms.tDepth!.value = depthTexture;
    }
    const others = scene.children.filter(
      (o) => o.visible && !roots.includes(o) && !(o as { isLight?: boolean }).isLight,
    );
    for (const o of others) o.visible = false;
    const previous = gl.getRenderTarget();
    try {
      gl.setRenderTarget(this.target);
      gl.render(scene, camera);
    } finally {
      gl.setRenderTarget(previous);
      for (const o of others) o.visible = true;
    }
  }

  /** Shows the static groups hidden for the last frame again. */
  private restore(scene: Scene): void {
    if (this.previousAfterRender) {
      scene.onAfterRender = this.previousAfterRender;
      this.previousAfterRender = null;
    }
    for (const root of this.hidden) root.visible = true;
    this.hidden = [];
    this.quad.visible = false;
  }

  /** Lets the texture go (the next drag builds a new one). */
  release(): void {
    this.key = '';
    this.valid = false;
    this.target?.dispose();
    this.target = null;
  }

  dispose(scene: Scene): void {
    this.restore(scene);
    this.release();
    this.quad.removeFromParent();
    this.quad.geometry.dispose();
    this.quad.material.dispose();
  }
}
