/**
 * The export's own renderer: a second R3F root on a detached canvas at the export size, drawing
 * the same {@link ViewContents} as the on-screen view (so an export looks like the view) but
 * with `frameloop: 'never'`. Each frame is drawn on request with `advance()`, after the caller
 * has put the playhead where that frame belongs; nothing depends on wall time.
 *
 * Line widths and point sizes in the view are in CSS pixels. Exports keep the picture's
 * proportions at every size by rendering a fixed logical short side (720 px) at a pixel ratio:
 * a 4K export is the 720p picture at 3×, not a wider field of thin lines.
 */
import { advance, createRoot } from '@react-three/fiber';
import type { ReconcilerRoot, RootState } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import type { PerspectiveCamera } from 'three';
import { isSoftwareRenderer } from '../view/canvas/gpu.ts';
import { appStore } from '../store/hooks.ts';
import { ViewOptionsContext } from '../view/canvas/viewOptions.ts';
import { viewKindOf } from '../view/registry.ts';
import { ViewContents } from '../view/ViewContents.tsx';

/** Logical short side (CSS pixels) every export is laid out at. */
export const REFERENCE_SHORT_SIDE = 720;

/** Pixel ratio of an export of `width`×`height`. */
export function exportPixelRatio(width: number, height: number): number {
  return Math.max(0.5, Math.min(width, height) / REFERENCE_SHORT_SIDE);
}

/** What to draw. */
export interface OffscreenViewOptions {
  /** Output size in pixels. */
  width: number;
  height: number;
  /** Clear to transparent, no background colour and no floor. */
  transparent: boolean;
  /** Multisampling; default: off on software renderers, as in the on-screen view. */
  antialias?: boolean;
}

/**
 * Signals once mounted. Effects run children first and siblings in order, so by the time this
 * one runs every view component before it has laid out its objects (and set the background).
 */
function Mounted({ onReady }: { onReady: () => void }) {
  useEffect(() => onReady(), [onReady]);
  return null;
}

function ExportScene({ transparent, onReady }: { transparent: boolean; onReady: () => void }) {
  return (
    <ViewOptionsContext.Provider value={{ transparent }}>
      <ViewContents />
      <Mounted onReady={onReady} />
    </ViewOptionsContext.Provider>
  );
}

function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A scene renderer at a fixed output size. Call {@link dispose} when done. */
export class OffscreenView {
  /** The canvas drawn into (width × height pixels); read it right after {@link render}. */
  readonly canvas: HTMLCanvasElement;
  /** Pixel ratio used (see {@link exportPixelRatio}). */
  readonly pixelRatio: number;
  private readonly root: ReconcilerRoot<HTMLCanvasElement>;
  private readonly getState: () => RootState;
  private readonly base = new Vector3();
  private readonly target = new Vector3();
  private readonly offset = new Vector3();
  private disposed = false;

  private constructor(
    canvas: HTMLCanvasElement,
    root: ReconcilerRoot<HTMLCanvasElement>,
    getState: () => RootState,
    options: OffscreenViewOptions,
    pixelRatio: number,
  ) {
    this.canvas = canvas;
    this.root = root;
    this.getState = getState;
    this.pixelRatio = pixelRatio;
  }

  /** Creates the renderer and mounts the scene; resolves once the first frame can be drawn. */
  static async create(options: OffscreenViewOptions): Promise<OffscreenView> {
    const { width, height, transparent } = options;
    const canvas = document.createElement('canvas');
    const dpr = exportPixelRatio(width, height);
    // three sizes the drawing buffer as floor(logical · ratio); a quarter pixel of slack keeps
    // float error from losing a row or column.
    const size = { width: (width + 0.25) / dpr, height: (height + 0.25) / dpr, top: 0, left: 0 };
    const root = createRoot(canvas);
    await root.configure({
      gl: {
        antialias: options.antialias ?? !isSoftwareRenderer(),
        alpha: transparent,
        premultipliedAlpha: true,
        preserveDrawingBuffer: false,
        powerPreference: 'high-performance',
      },
      size,
      dpr,
      flat: true,
      frameloop: 'never',
      camera: { fov: 35, near: 0.01, far: 100, position: [2.75, 2.35, 3.45] },
    });
    let ready: () => void = () => {};
    const mounted = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const store = root.render(<ExportScene transparent={transparent} onReady={ready} />);
    try {
      await timeout(mounted, 20_000, 'Preparing the export view');
    } catch (error) {
      root.unmount();
      throw error;
    }
    const view = new OffscreenView(canvas, root, () => store.getState(), options, dpr);
    if (canvas.width !== width || canvas.height !== height) {
      view.dispose();
      throw new Error(
        `The export canvas is ${canvas.width}×${canvas.height} instead of ${width}×${height}.`,
      );
    }
    view.captureCamera();
    return view;
  }

  /** Remembers the pose the camera rig chose (the scene's view at this aspect ratio). */
  private captureCamera(): void {
    const camera = this.getState().camera as PerspectiveCamera;
    this.base.copy(camera.position);
    // The orbit target, from the view kind as the camera rig takes it.
    const { scene } = appStore.getState();
    const pose = viewKindOf(scene).pose(scene.camera, this.canvas.width / this.canvas.height);
    this.target.set(...pose.target);
  }

  /**
   * Draws one frame with the camera turned `orbitDegrees` about the vertical axis through the
   * orbit target. `time` (seconds) only feeds R3F's clock; the picture depends on the playhead.
   */
  render(orbitDegrees: number, time: number): void {
    if (this.disposed) throw new Error('The export view was closed.');
    const state = this.getState();
    const camera = state.camera;
    const a = (orbitDegrees * Math.PI) / 180;
    this.offset.subVectors(this.base, this.target);
    const c = Math.cos(a);
    const s = Math.sin(a);
    const x = this.offset.x * c + this.offset.z * s;
    const z = -this.offset.x * s + this.offset.z * c;
    camera.position.set(this.target.x + x, this.target.y + this.offset.y, this.target.z + z);
    camera.lookAt(this.target);
    camera.updateMatrixWorld();
    // This root only, without the global effects (the on-screen HUD must not count it).
    advance(time, false, state);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.root.unmount();
  }
}
