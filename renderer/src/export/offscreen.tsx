/**
 * The export's own renderer: a second R3F root on a detached canvas at the export size, drawing
 * the same {@link ViewContents} as the on-screen view (so an export looks like the view) but
 * with `frameloop: 'never'`. Each frame is drawn on request with `advance()`, after the caller
 * has put the playhead where that frame belongs; nothing depends on wall time.
 *
 * Line widths and point sizes in the view are in CSS pixels. Exports keep the picture's
 * proportions at every size by rendering a fixed logical short side (720 px) at a pixel ratio:
 * a 4K export is the 720p picture at 3×, not a wider field of thin lines.
 *
 * The camera is the view's: the same rig (view/canvas/CameraRig.tsx) builds it, perspective or
 * orthographic as the scene's preset says, fitted to the export's logical size; orbiting for
 * `--orbit` turns it about the vertical axis through the same target, and an orthographic
 * camera keeps its scale while it turns (its frustum follows its distance, which turning keeps).
 *
 * What the view lays over its canvas as HTML and a video cannot carry (the colour bar) is drawn
 * into the frame by the pipeline; {@link burnedInOverlays} says what, from the same store.
 */
import { advance, createRoot } from '@react-three/fiber';
import type { ReconcilerRoot, RootState } from '@react-three/fiber';
import { useEffect } from 'react';
import { Vector3 } from 'three';
import { appStore } from '../store/hooks.ts';
import { currentInfo } from '../store/problemInfo.ts';
import type { AppState } from '../store/types.ts';
import { fittedPose, TopBandContext } from '../view/canvas/CameraRig.tsx';
import { isSoftwareRenderer } from '../view/canvas/gpu.ts';
import { ViewOptionsContext } from '../view/canvas/viewOptions.ts';
import type { ViewOptions } from '../view/canvas/viewOptions.ts';
import { colorBarContent, drawColorBar } from '../view/hud/colorBar.ts';
import type { ColorBarContent } from '../view/hud/colorBar.ts';
import { overlayShown } from '../view/registry.ts';
import { colorMappingOf } from '../view/surface/colorScale.ts';
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
  /**
   * Draw nothing of a path ahead of its ball (pass `settings.reveal || scene.view.reveal`);
   * absent: as the scene says.
   */
  reveal?: boolean;
  /**
   * CSS px along the top of the frame that the burned-in caption takes (captionBand in
   * caption.ts; 0 without a caption), kept free of the plot; absent: a default band.
   */
  top?: number;
}

/**
 * An overlay burned into every frame: drawn once, onto a transparent layer of the frame's size
 * (`width` × `height` device px at `pixelRatio` device px per CSS px), returning the box it
 * covers in device px (or null when it drew nothing).
 */
export type BurnedInOverlay = (
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  pixelRatio: number,
) => { x: number; y: number; width: number; height: number } | null;

/** The colour bar the view shows for `state`, or null (switched off, no surface yet). */
function colorBarOf(state: AppState): ColorBarContent | null {
  const { scene, surface } = state;
  if (!overlayShown(scene, 'colorBar') || !surface || surface.ny < 2) return null;
  const preferred = currentInfo(state)?.colorScale ?? null;
  const mapping = colorMappingOf(surface, scene.view.colorScale, preferred);
  return mapping ? colorBarContent(mapping, surface.max, scene.view.theme) : null;
}

/**
 * The view's HTML overlays an export must draw into its frames for `state` (read once per
 * export): the colour bar where the view shows one, laid out as on screen for the export's
 * logical size.
 */
export function burnedInOverlays(state: AppState = appStore.getState()): BurnedInOverlay[] {
  const out: BurnedInOverlay[] = [];
  const bar = colorBarOf(state);
  if (bar) {
    out.push((ctx, width, height, ratio) =>
      drawColorBar(ctx, bar, width / ratio, height / ratio, ratio),
    );
  }
  return out;
}

/**
 * Signals once mounted. Effects run children first and siblings in order, so by the time this
 * one runs every view component before it has laid out its objects (and set the background).
 */
function Mounted({ onReady }: { onReady: () => void }) {
  useEffect(() => onReady(), [onReady]);
  return null;
}

function ExportScene({
  options,
  top,
  onReady,
}: {
  options: ViewOptions;
  top: number | null;
  onReady: () => void;
}) {
  return (
    <ViewOptionsContext.Provider value={options}>
      <TopBandContext.Provider value={top}>
        <ViewContents />
        <Mounted onReady={onReady} />
      </TopBandContext.Provider>
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
    /** The top band the camera was fitted with (see OffscreenViewOptions.top). */
    private readonly top: number | null,
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
    const viewOptions: ViewOptions =
      options.reveal === undefined ? { transparent } : { transparent, reveal: options.reveal };
    const top = options.top ?? null;
    const store = root.render(<ExportScene options={viewOptions} top={top} onReady={ready} />);
    try {
      await timeout(mounted, 20_000, 'Preparing the export view');
    } catch (error) {
      root.unmount();
      throw error;
    }
    const view = new OffscreenView(canvas, root, () => store.getState(), top, dpr);
    if (canvas.width !== width || canvas.height !== height) {
      view.dispose();
      throw new Error(
        `The export canvas is ${canvas.width}×${canvas.height} instead of ${width}×${height}.`,
      );
    }
    view.captureCamera();
    return view;
  }

  /** Remembers the pose the camera rig chose (the scene's view at this size). */
  private captureCamera(): void {
    const { camera, size } = this.getState();
    this.base.copy(camera.position);
    // The orbit target, as the camera rig fitted it for this logical size.
    const pose = fittedPose(appStore.getState().scene, size.width, size.height, this.top);
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
