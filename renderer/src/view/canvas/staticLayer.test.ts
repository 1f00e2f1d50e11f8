/**
 * The static layer cache's key: it must change with everything that changes what the static
 * groups draw (else a drag would show a stale surface) and with nothing else (else the cache
 * would be rebuilt every frame and gain nothing). The drawing itself needs WebGL and is checked
 * end to end (e2e/adaptive-quality.spec.ts).
 */
import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Group,
  Mesh,
  MeshBasicMaterial,
  PerspectiveCamera,
  Scene,
  ShaderMaterial,
  Vector2,
} from 'three';
import { describe, expect, it } from 'vitest';
import { settle, STATIC_LAYER, staticKey } from './staticLayer.ts';
import type { WebGLRenderer } from 'three';

function setup() {
  const scene = new Scene();
  scene.background = new Color('#ffffff');
  const camera = new PerspectiveCamera(35, 1.6, 0.01, 100);
  camera.position.set(2.75, 2.35, 3.45);
  camera.lookAt(0, 0, 0);
  camera.updateMatrixWorld();
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(new Float32Array(9), 3));
  const surface = new Mesh(geometry, new MeshBasicMaterial({ color: '#336699' }));
  const lines = new Mesh(
    new BufferGeometry(),
    new ShaderMaterial({ uniforms: { width: { value: 1.6 }, tint: { value: new Color('#000') } } }),
  );
  const root = new Group();
  root.userData[STATIC_LAYER] = true;
  root.add(surface, lines);
  const moving = new Mesh(new BufferGeometry(), new MeshBasicMaterial());
  scene.add(root, moving);
  scene.updateMatrixWorld();
  const size = new Vector2(1280, 752);
  const key = (): string => staticKey(scene, camera, size, [root]);
  return { scene, camera, surface, lines, moving, size, key };
}

describe('staticKey', () => {
  it('is the same while nothing static changes, whatever moves outside the static groups', () => {
    const s = setup();
    const before = s.key();
    expect(s.key()).toBe(before);
    s.moving.position.set(1, 2, 3);
    s.moving.updateMatrixWorld();
    (s.moving.material as MeshBasicMaterial).color.set('#ff0000');
    expect(s.key()).toBe(before);
  });

  it('changes when the camera moves or the view is resized', () => {
    const s = setup();
    const before = s.key();
    s.camera.position.x += 0.01;
    s.camera.updateMatrixWorld();
    expect(s.key()).not.toBe(before);
    const s2 = setup();
    const before2 = s2.key();
    s2.size.set(640, 376);
    expect(s2.key()).not.toBe(before2);
  });

  it('changes with the background, a colour, a uniform, new vertices, a new index or visibility', () => {
    const edits: ((s: ReturnType<typeof setup>) => void)[] = [
      (s) => (s.scene.background as Color).set('#101418'),
      (s) => (s.surface.material as MeshBasicMaterial).color.set('#000000'),
      (s) => ((s.surface.material as MeshBasicMaterial).opacity = 0.5),
      (s) => ((s.lines.material as ShaderMaterial).uniforms.width!.value = 1.3),
      (s) => (s.lines.material as ShaderMaterial).uniforms.tint!.value.set('#ffffff'),
      (s) => (s.surface.geometry.attributes.position!.needsUpdate = true),
      (s) => s.surface.geometry.setIndex([0, 1, 2]),
      (s) => (s.lines.visible = false),
      (s) => (s.surface.geometry = new BufferGeometry()),
    ];
    for (const edit of edits) {
      const s = setup();
      const before = s.key();
      edit(s);
      expect(s.key(), edit.toString()).not.toBe(before);
    }
  });
});

describe('settle', () => {
  /** A renderer as far as the hooks ask: its pixel ratio. */
  const renderer = (ratio: number) => ({ getPixelRatio: () => ratio }) as unknown as WebGLRenderer;

  it("runs the static objects' hooks before the key is taken, so it sees this frame's values", () => {
    const s = setup();
    const width = (s.lines.material as ShaderMaterial).uniforms.width!;
    // Like a contour: its width follows the ratio the frame is drawn at.
    s.lines.onBeforeRender = (gl) => (width.value = 1.6 * gl.getPixelRatio());
    let movingCalls = 0;
    s.moving.onBeforeRender = () => movingCalls++;
    settle(renderer(0.5), s.scene, s.camera, [s.scene.children[0]!]);
    const duringDrag = s.key();
    expect(width.value).toBeCloseTo(0.8, 10);
    // The release's still frame draws at ratio 1 and leaves its width behind…
    s.lines.onBeforeRender(
      renderer(1),
      s.scene,
      s.camera,
      s.lines.geometry,
      s.lines.material as ShaderMaterial,
      null as never,
    );
    expect(s.key()).not.toBe(duringDrag);
    // …which the next drag's first frame, at 0.5 again, does not take for a change.
    settle(renderer(0.5), s.scene, s.camera, [s.scene.children[0]!]);
    expect(s.key()).toBe(duringDrag);
    // Only the static groups' hooks run.
    expect(movingCalls).toBe(0);
  });
});
