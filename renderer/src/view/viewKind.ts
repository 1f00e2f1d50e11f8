/**
 * What a kind of figure gives the rest of the app. Each kind (a surface, a curve, and later a
 * computation graph, a vector map, …) lives in its own folder under view/ and exports one
 * {@link ViewKind}; view/registry.ts lists them by the scene's `kind`. The viewport, the export
 * pipeline, the overlay switches and the preset list ask the registry, never a kind directly.
 */
import type { ComponentType } from 'react';
import type { CameraPreset, Overlays, Scene, SceneKind } from '../../../shared/scene/document.ts';
import type { AppState } from '../store/types.ts';
import type { FigureDraw } from './figure/types.ts';

/** How the camera projects: with perspective, or orthographic (parallel, true to scale). */
export type Projection = 'perspective' | 'orthographic';

/** Where the camera stands and looks, in world units. */
export interface CameraPose {
  position: [number, number, number];
  target: [number, number, number];
  /**
   * Vertical field of view in degrees. An orthographic camera sees, at every depth, what a
   * perspective one with this field of view sees at its target: its frustum's half-height is
   * |position − target| · tan(fov / 2).
   */
  fov: number;
  projection: Projection;
}

/** What a pose is fitted to besides the aspect ratio. */
export interface PoseLayout {
  /** Short side of the canvas in CSS px (labels keep their size relative to it). */
  shortSide?: number;
  /** Share of the canvas width kept free on the right edge (the colour bar), 0 … 0.5. */
  reserveRight?: number;
  /** Share of the canvas height kept free along the bottom (a horizontal colour bar), 0 … 0.5. */
  reserveBottom?: number;
  /**
   * CSS px kept free along the top, where the formula sits over the view (default: one line of
   * it, see cameraPoses.ts's FORMULA_BAND).
   */
  top?: number;
}

export interface ViewKind {
  id: SceneKind;
  /** Short name for people, e.g. in the preset list. */
  label: string;
  /** Everything this kind draws inside the canvas (lights and camera are common). */
  Contents: ComponentType;
  /** The overlay switches that mean something for this kind, in panel order. */
  overlays: readonly (keyof Overlays)[];
  /** Camera presets offered as buttons (none: the camera only resets). */
  cameraPresets: readonly CameraPreset[];
  /** Whether the user may orbit the camera. */
  orbit: boolean;
  /**
   * The camera pose for the scene's camera settings on a canvas of `aspect` (width / height)
   * laid out as `layout` says: a pose the user orbited to when the kind keeps it, else the
   * preset's. The projection depends on the settings only, never on the canvas.
   */
  pose: (camera: Scene['camera'], aspect: number, layout?: PoseLayout) => CameraPose;
  /**
   * The projection for the camera settings, where it can be told more cheaply than by fitting
   * a pose (the DOM reports it on every store change); default: the pose's.
   */
  projection?: (camera: Scene['camera']) => Projection;
  /** True once the solver has computed everything this kind draws for the current scene. */
  ready: (state: AppState) => boolean;
  /** False when the kind draws its formulas itself (no formula overlay or export band). */
  formula?: boolean;
  /** A flat figure's 2D drawing (also used for its start-page sketch). */
  draw?: FigureDraw;
  /**
   * True when the kind's Contents mark the first picture themselves (firstPicture.ts), because
   * its first frames come before what it is waiting for; default: the first frame is it.
   */
  marksFirstPicture?: boolean;
}
