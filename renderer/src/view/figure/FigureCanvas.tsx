/**
 * Lays a figure's 2D drawing over the whole canvas: the figure draws into an offscreen 2D
 * canvas at the view's device-pixel size, which is shown as one texture on a quad in clip
 * space (the camera does not move it). It redraws only when the scene, the playhead or the
 * canvas size changed, in the frame loop, so exports (which move the playhead per frame) and
 * the screen get the same picture.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { CanvasTexture, LinearFilter, NoColorSpace, ShaderMaterial } from 'three';
import type { Scene } from '../../../../shared/scene/document.ts';
import { timelineEnd } from '../../../../shared/scene/document.ts';
import { appStore } from '../../store/hooks.ts';
import { FRAME_ORDER } from '../canvas/FrameHooks.tsx';
import { FULL_VIEW_VERTEX, fullViewGeometry } from '../canvas/fullView.ts';
import { FIGURE_THEMES } from './theme.ts';
import type { FigureDraw } from './types.ts';

// The texels are sRGB already and written as they are (no colour-space chunk on purpose).
const FRAGMENT = /* glsl */ `
uniform sampler2D map;
varying vec2 vUv;
void main() {
  gl_FragColor = texture2D(map, vUv);
}`;

/** Draws `draw`'s picture of `scene` at `position` into `canvas` (sized by the caller). */
export function paintFigure(
  canvas: HTMLCanvasElement,
  draw: FigureDraw,
  scene: Scene,
  position: number,
  width: number,
  height: number,
  dpr: number,
  background = false,
): void {
  // A CPU canvas draws the same pixels whatever the browser's GPU settings (a GPU-backed one
  // antialiases differently under another flag set), so the app's export and `descent render`
  // give identical frames; it also uploads to the texture without a read-back.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return;
  const theme = FIGURE_THEMES[scene.view.theme];
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  if (background) {
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, width, height);
  }
  const end = timelineEnd(scene);
  draw(ctx, {
    scene,
    figure: scene.figure,
    position: Math.min(Math.max(position, 0), end),
    end,
    width,
    height,
    theme,
  });
}

export function FigureCanvas({ draw }: { draw: FigureDraw }) {
  const size = useThree((s) => s.size);
  const dpr = useThree((s) => s.viewport.dpr);
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const canvas = useMemo(() => document.createElement('canvas'), []);
  const geometry = useMemo(fullViewGeometry, []);
  const width = Math.max(1, Math.round(size.width * dpr));
  const height = Math.max(1, Math.round(size.height * dpr));
  // A texture's storage is fixed at its first upload, so a new size needs a new texture.
  const texture = useMemo(() => {
    canvas.width = width;
    canvas.height = height;
    const t = new CanvasTexture(canvas);
    t.colorSpace = NoColorSpace;
    t.minFilter = LinearFilter;
    t.magFilter = LinearFilter;
    t.generateMipmaps = false;
    return t;
  }, [canvas, width, height]);
  const material = useMemo(
    () =>
      new ShaderMaterial({
        uniforms: { map: { value: null } },
        vertexShader: FULL_VIEW_VERTEX,
        fragmentShader: FRAGMENT,
        transparent: true,
        depthTest: false,
        depthWrite: false,
      }),
    [],
  );
  useEffect(() => () => texture.dispose(), [texture]);
  useEffect(
    () => () => {
      delete gl.domElement.dataset.figurePainted;
    },
    [gl],
  );
  useEffect(
    () => () => {
      material.dispose();
      geometry.dispose();
    },
    [material, geometry],
  );

  const last = useRef<{ scene: Scene | null; position: number; texture: CanvasTexture | null }>({
    scene: null,
    position: -1,
    texture: null,
  });
  useFrame(() => {
    const { scene, runtime } = appStore.getState();
    const position = runtime.playhead.position;
    const seen = last.current;
    if (seen.scene === scene && seen.position === position && seen.texture === texture) return;
    paintFigure(canvas, draw, scene, position, width / dpr, height / dpr, dpr);
    material.uniforms.map!.value = texture;
    texture.needsUpdate = true;
    last.current = { scene, position, texture };
    // Tests and automation wait for the first picture through this (drawn in this frame).
    gl.domElement.dataset.figurePainted = 'true';
  }, FRAME_ORDER.objects);
  // A new texture (after a resize) has nothing in it until the next frame paints it.
  useEffect(() => invalidate(), [texture, invalidate]);

  return <mesh geometry={geometry} material={material} frustumCulled={false} renderOrder={10} />;
}
