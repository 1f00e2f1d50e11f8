/**
 * Adaptive quality while interacting, for the on-screen view only (mounted by Viewport; the
 * export's offscreen root never mounts it, so exports, stills and `descent render` always draw
 * at full quality). The decision is adaptiveQuality.ts; this wires it to the canvas:
 *
 * - interacting = a slider held (`sliding`) or a pointer pressed on the canvas (orbit, start
 *   point, arrow head);
 * - a frame's time = from the start of a drawn frame to the browser's next animation frame,
 *   which the browser holds back while it is still rasterising and compositing the last one
 *   (the cost a software renderer pays), whatever paces the input;
 * - the resolution changes through R3F's setDpr, and the frame is drawn at once; on release it
 *   returns to full in the release's event handler, so the still picture is full quality.
 *
 * The canvas's current pixel ratio is shown on the view as `data-dpr`.
 */
import { advance, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { appStore } from '../../store/hooks.ts';
import { afterFrame, FULL, targetRatio } from './adaptiveQuality.ts';
import type { Quality } from './adaptiveQuality.ts';

/** Before every other frame callback, so a frame's time starts with the frame. */
const FIRST = -10;

interface Controller {
  quality: Quality;
  /** The canvas's full pixel ratio, taken when interaction starts (the ratio at rest). */
  full: number;
  pointer: boolean;
  /** A frame's time is being measured (one at a time). */
  probing: boolean;
  /** Takes a frame's time (ms); set while mounted. */
  sample?: (ms: number) => void;
}

export function AdaptiveQuality() {
  const get = useThree((s) => s.get);
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const dpr = useThree((s) => s.viewport.dpr);
  const control = useRef<Controller>({ quality: FULL, full: 1, pointer: false, probing: false });

  // The ratio the canvas has now, for tests and the curious (DOM only, no React state).
  useLayoutEffect(() => {
    const host = gl.domElement.closest<HTMLElement>('.viewport');
    host?.setAttribute('data-dpr', String(dpr));
  }, [gl, dpr]);

  useEffect(() => {
    const c = control.current;
    const interacting = (): boolean => c.pointer || appStore.getState().sliding;
    /** Applies what the controller and the setting ask for now. */
    const apply = (): void => {
      const state = get();
      const wanted = targetRatio(
        appStore.getState().interactionQuality,
        interacting(),
        c.quality,
        c.full,
      );
      if (state.viewport.dpr === wanted) return;
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
    // On the window, capturing: drags on the view (the arrow head's) stop their events from
    // propagating, and the pointer may be released outside the canvas.
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onUp, true);
    window.addEventListener('blur', onUp);
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
      unsubscribeSliding();
      unsubscribeSetting();
      c.sample = undefined;
      // Leave the canvas as it was found.
      c.pointer = false;
      c.quality = FULL;
      if (get().viewport.dpr !== c.full) get().setDpr(c.full);
    };
  }, [get, gl, invalidate]);

  useFrame(() => {
    const c = control.current;
    if (c.probing || !c.sample) return;
    if (!c.pointer && !appStore.getState().sliding) return;
    const start = performance.now();
    c.probing = true;
    requestAnimationFrame(() => {
      c.probing = false;
      c.sample?.(performance.now() - start);
    });
  }, FIRST);

  return null;
}
