/**
 * The export's own renderer: a second R3F root on a detached canvas at the export size, drawing
 * the same {@link SceneContents} as the on-screen view (so an export looks like the view) but
 * with `frameloop: 'never'`. Each frame is drawn on request with `advance()`, after the caller
 * has put the playhead where that frame belongs; nothing depends on wall time.
 *
 * Line widths and point sizes in the view are in CSS pixels. Exports keep the picture's
 * proportions at every size by rendering a fixed logical short side (720 px) at a pixel ratio:
 * a 4K export is the 720p picture at 3×, not a wider field of thin lines.
 */
import { advance, createRoot, useThree } from '@react-three/fiber';
import type { ReconcilerRoot, RootState } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import type { PerspectiveCamera } from 'three';
import { isSoftwareRenderer } from '../lib/gpu.ts';
import { appStore } from '../store/hooks.ts';
import { presetPose } from '../view/cameraPoses.ts';
import { SceneContents } from '../view/SceneContents.tsx';

/** Logical short side (CSS pixels) every export is laid out at. */
export const REFERENCE_SHORT_SIDE = 720;

/** Pixel ratio of an export of `width`×`height`. */
export function exportPixelRatio(width: number, height: number): number {
  return Math.max(0.5, Math.min(width, height) / REFERENCE_SHORT_SIDE);
}

/** Name of the floor mesh (hidden in transparent exports). */
const FLOOR_NAME = 'floor';

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

function ExportScene({ transparent, onReady }: { transparent: boolean; onReady: () => void }) {
  const scene = useThree((s) => s.scene);
  const gl = useThree((s) => s.gl);
  // A parent's effect runs after its children's: every view component has laid out its objects
  // (and the theme's background was set) by the time this runs.
  useEffect(() => {
    if (transparent) {
      scene.background = null;
      gl.setClearColor(0x000000, 0);
    }
    onReady();
  }, [scene, gl, transparent, onReady]);
  return <SceneContents />;
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
  private readonly transparent: boolean;
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
    this.transparent = options.transparent;
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
    // The orbit target, worked out as the camera rig does (see view/CameraRig.tsx).
    const s = appStore.getState();
    const dim = s.frame?.dim ?? s.info?.dim ?? 2;
    const saved = s.scene.camera;
    const pose = presetPose(saved.preset, dim, this.canvas.width / this.canvas.height);
    const target = dim === 2 && saved.target ? saved.target : pose.target;
    this.target.set(...target);
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
    if (this.transparent) {
      const floor = state.scene.getObjectByName(FLOOR_NAME);
      if (floor) floor.visible = false;
    }
    // This root only, without the global effects (the on-screen HUD must not count it).
    advance(time, false, state);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.root.unmount();
  }
}
