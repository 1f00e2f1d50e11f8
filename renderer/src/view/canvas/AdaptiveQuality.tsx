/**
 * Adaptive quality while interacting, for the on-screen view only (mounted by Viewport; the
 * export's offscreen root never mounts it, so exports, stills and `descent render` always draw
 * at full quality). The decision is adaptiveQuality.ts; this wires it to the canvas:
 *
 * - interacting = a slider held (`sliding`), a pointer pressed on the canvas (orbit, start
 *   point, arrow head), or the wheel turning over it (zoom). A wheel has no release: it rests
 *   once {@link WHEEL_REST_MS} pass with no wheel event and no frame drawn (on a slow renderer
 *   the browser sends the next wheel event only after the frame, which may take longer);
 * - a frame's time = from the start of a drawn frame to the browser's next animation frame,
 *   which the browser holds back while it is still rasterising and compositing the last one
 *   (the cost a software renderer pays), whatever paces the input;
 * - the resolution changes through R3F's setDpr, and the frame is drawn at once; on release it
 *   returns to full in the release's event handler, so the still picture is full quality. The
 *   next interaction's first frame is drawn at the level the last one reached;
 * - from the first slow level on, the static layer (surface, contours, floor) is drawn from its
 *   cache (staticLayer.ts), set up last before each frame is drawn, after every object moved;
 * - at the coarsest levels the surface mesh is drawn with every other grid line and the moving
 *   objects in their light forms: before each frame the surface geometries' index is set to
 *   what the level asks for (MESH_DETAIL), and each light-able object is switched (LIGHT_DETAIL).
 *
 * The canvas's current pixel ratio is shown on the view as `data-dpr`, the mesh stride as
 * `data-mesh-stride`, the moving objects' form as `data-objects` (`full` / `light`), whether
 * the last frame drew the static layer from its cache as `data-static-cache` (`on` / `off`),
 * and how many times that cache was drawn as `data-static-builds`.
 */
import { advance, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { appStore } from '../../store/hooks.ts';
import {
  afterFrame,
  FULL,
  LIGHT_DETAIL,
  MESH_DETAIL,
  resumeFrom,
  targetLight,
  targetMeshStride,
  targetRatio,
  targetStaticCache,
} from './adaptiveQuality.ts';
import type { LightDetail, MeshDetail, Quality } from './adaptiveQuality.ts';
import { StaticLayerCache } from './staticLayer.ts';
import type { BufferAttribute, Mesh, Object3D } from 'three';

/** Before every other frame callback, so a frame's time starts with the frame. */
const FIRST = -10;
/**
 * After every object's frame callback (theirs are below 0, or 0 and mounted earlier) and still
 * ≤ 0, so R3F draws the frame right after it.
 */
const LAST = 0;

/** The wheel rests this long (ms) after its last event or the last frame drawn, whichever last. */
export const WHEEL_REST_MS = 150;

/**
 * Sets every thinnable surface geometry under `root` to the index for `stride`, and every
 * object with a light form to it (`light`) or to its full form.
 */
function applyDetail(root: Object3D, stride: 1 | 2, light: boolean, pixelRatio: number): void {
  root.traverse((object) => {
    (object.userData[LIGHT_DETAIL] as LightDetail | undefined)?.(light, pixelRatio);
    const geometry = (object as Mesh).geometry;
    const detail = geometry?.userData[MESH_DETAIL] as MeshDetail<BufferAttribute> | undefined;
    if (!detail) return;
    const index = detail(stride);
    if (geometry.index !== index) geometry.setIndex(index);
  });
}

interface Controller {
  quality: Quality;
  /**
   * The state the next interaction starts in (resumeFrom of the last one's end), taken at its
   * first frame, not at its first event, so a click that draws nothing changes nothing.
   */
  resume: Quality;
  /** The canvas's full pixel ratio, taken when interaction starts (the ratio at rest). */
  full: number;
  pointer: boolean;
  /** The wheel is turning over the canvas (see WHEEL_REST_MS). */
  wheel: boolean;
  /** Restarts the wheel's rest timer; set while mounted. */
  wheelMoved?: () => void;
  /** The mesh stride the surface geometries were last set to. */
  stride: 1 | 2;
  /** Whether the moving objects were last set to their light forms. */
  light: boolean;
  /** A frame's time is being measured (one at a time). */
  probing: boolean;
  /** Takes a frame's time (ms); set while mounted. */
  sample?: (ms: number) => void;
}

/** A slider held, a pointer pressed on the canvas, or the wheel turning over it. */
function isInteracting(c: Controller): boolean {
  return c.pointer || c.wheel || appStore.getState().sliding;
}

export function AdaptiveQuality() {
  const get = useThree((s) => s.get);
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const dpr = useThree((s) => s.viewport.dpr);
  const control = useRef<Controller>({
    quality: FULL,
    resume: FULL,
    full: 1,
    pointer: false,
    wheel: false,
    stride: 1,
    light: false,
    probing: false,
  });

  const cache = useMemo(() => new StaticLayerCache(), []);

  // The ratio the canvas has now, for tests and the curious (DOM only, no React state).
  useLayoutEffect(() => {
    const host = gl.domElement.closest<HTMLElement>('.viewport');
    host?.setAttribute('data-dpr', String(dpr));
    if (!host?.hasAttribute('data-mesh-stride')) host?.setAttribute('data-mesh-stride', '1');
    if (!host?.hasAttribute('data-objects')) host?.setAttribute('data-objects', 'full');
  }, [gl, dpr]);

  useEffect(() => {
    const c = control.current;
    const interacting = (): boolean => isInteracting(c);
    /** Applies what the controller and the setting ask for now. */
    const apply = (): void => {
      const state = get();
      const wanted = targetRatio(
        appStore.getState().interactionQuality,
        interacting(),
        c.quality,
        c.full,
      );
      if (state.viewport.dpr === wanted) {
        // The release of a drag drawn from the static cache alone: the still frame is drawn
        // without it.
        if (cache.usedLastFrame && !interacting()) invalidate();
        return;
      }
      state.setDpr(wanted);
      // Resizing the canvas clears it: draw at once, so it is never seen blank (and the
      // release's full-quality frame is there before the next animation frame).
      if (state.frameloop === 'demand' && state.internal.active) {
        advance(performance.now(), true, get());
      } else {
        invalidate();
      }
    };
    const begin = (): void => {
      // Only from rest: the ratio at rest is the full one.
      if (c.quality === FULL) c.full = get().viewport.dpr;
    };
    const end = (): void => {
      if (interacting()) return;
      // An interaction that drew no frame (a click) leaves what the last one found.
      if (c.quality !== FULL) c.resume = resumeFrom(c.quality);
      c.quality = FULL;
      apply();
    };
    c.full = get().viewport.dpr;

    const canvas = gl.domElement;
    const onDown = (e: PointerEvent): void => {
      if (e.target !== canvas) return;
      begin();
      c.pointer = true;
    };
    const onUp = (): void => {
      if (!c.pointer) return;
      c.pointer = false;
      end();
    };
    let wheelTimer: ReturnType<typeof setTimeout> | undefined;
    c.wheelMoved = (): void => {
      clearTimeout(wheelTimer);
      wheelTimer = setTimeout(() => {
        c.wheel = false;
        end();
      }, WHEEL_REST_MS);
    };
    const onWheel = (e: WheelEvent): void => {
      if (e.target !== canvas) return;
      if (!c.wheel) begin();
      c.wheel = true;
      c.wheelMoved?.();
    };
    // On the window, capturing: drags on the view (the arrow head's) stop their events from
    // propagating, and the pointer may be released outside the canvas.
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onUp, true);
    window.addEventListener('blur', onUp);
    // Passive and capturing: only noticed, never stopped (the camera controls zoom with it).
    window.addEventListener('wheel', onWheel, { capture: true, passive: true });
    const unsubscribeSliding = appStore.subscribe(
      (s) => s.sliding,
      (sliding) => (sliding ? begin() : end()),
    );
    const unsubscribeSetting = appStore.subscribe((s) => s.interactionQuality, apply);

    c.sample = (ms: number): void => {
      if (!interacting() || appStore.getState().interactionQuality !== 'auto') return;
      c.quality = afterFrame(c.quality, ms);
      apply();
    };
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', onUp, true);
      window.removeEventListener('blur', onUp);
      window.removeEventListener('wheel', onWheel, true);
      clearTimeout(wheelTimer);
      c.wheelMoved = undefined;
      unsubscribeSliding();
      unsubscribeSetting();
      c.sample = undefined;
      // Leave the canvas as it was found.
      c.pointer = false;
      c.wheel = false;
      c.quality = FULL;
      c.resume = FULL;
      if (get().viewport.dpr !== c.full) get().setDpr(c.full);
      if (c.stride !== 1 || c.light) applyDetail(get().scene, 1, false, c.full);
      c.stride = 1;
      c.light = false;
      const host = gl.domElement.closest('.viewport');
      host?.removeAttribute('data-mesh-stride');
      host?.removeAttribute('data-objects');
    };
  }, [get, gl, invalidate, cache]);

  useFrame((state) => {
    const c = control.current;
    const interacting = isInteracting(c);
    const setting = appStore.getState().interactionQuality;
    // The first frame of an interaction: back to the level the last one reached. The store's
    // subscription resizes the canvas at once, so this frame is drawn at that resolution.
    if (interacting && c.quality === FULL && c.resume !== FULL && setting === 'auto') {
      c.quality = c.resume;
      const wanted = targetRatio(setting, true, c.quality, c.full);
      if (state.viewport.dpr !== wanted) state.setDpr(wanted);
    }
    // The mesh and moving objects this frame draws: thinned only at the coarsest levels while
    // interacting. A new surface or run may arrive mid-drag, so while thinned every frame
    // checks; at rest none does.
    const stride = targetMeshStride(setting, interacting, c.quality);
    const light = targetLight(setting, interacting, c.quality);
    if (stride !== 1 || c.stride !== 1 || light || c.light) {
      // The renderer's ratio, already the one set above on a drag's first frame.
      applyDetail(state.scene, stride, light, state.gl.getPixelRatio());
    }
    const host = state.gl.domElement.closest('.viewport');
    if (stride !== c.stride) {
      host?.setAttribute('data-mesh-stride', String(stride));
      c.stride = stride;
    }
    if (light !== c.light) {
      host?.setAttribute('data-objects', light ? 'light' : 'full');
      c.light = light;
    }
    if (c.wheel) c.wheelMoved?.();
    if (c.probing || !c.sample) return;
    if (!interacting) return;
    const start = performance.now();
    c.probing = true;
    requestAnimationFrame(() => {
      c.probing = false;
      c.sample?.(performance.now() - start);
    });
  }, FIRST);

  useEffect(() => {
    const scene = get().scene;
    return () => cache.dispose(scene);
  }, [cache, get]);
  useFrame((state) => {
    const c = control.current;
    const setting = appStore.getState().interactionQuality;
    const wanted = targetStaticCache(setting, isInteracting(c), c.quality);
    // At rest, the cache is kept when the next drag will start with it (resumeFrom).
    const keep = targetStaticCache(setting, true, c.resume);
    const used = cache.prepare(state.gl, state.scene, state.camera, wanted, keep);
    const host = state.gl.domElement.closest<HTMLElement>('.viewport');
    const shown = used ? 'on' : 'off';
    if (host && host.getAttribute('data-static-cache') !== shown) {
      host.setAttribute('data-static-cache', shown);
    }
    const builds = String(cache.builds);
    if (host && host.getAttribute('data-static-builds') !== builds) {
      host.setAttribute('data-static-builds', builds);
    }
  }, LAST);

  return null;
}
