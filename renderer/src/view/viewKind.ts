/**
 * What a kind of figure gives the rest of the app. Each kind (a surface, a curve, and later a
 * computation graph, a vector map, …) lives in its own folder under view/ and exports one
 * {@link ViewKind}; view/registry.ts lists them by the scene's `kind`. The viewport, the export
 * pipeline, the overlay switches and the preset list ask the registry, never a kind directly.
 */
import type { ComponentType } from 'react';
import type { CameraPreset, Overlays, Scene, SceneKind } from '../../../shared/scene/document.ts';
import type { AppState } from '../store/types.ts';

/** Where the camera stands and looks, in world units. */
export interface CameraPose {
  position: [number, number, number];
  target: [number, number, number];
  /** Vertical field of view in degrees. */
  fov: number;
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
   * The camera pose for the scene's camera settings on a canvas of `aspect` (width / height):
   * a pose the user orbited to when the kind keeps it, else the preset's.
   */
  pose: (camera: Scene['camera'], aspect: number) => CameraPose;
  /** True once the solver has computed everything this kind draws for the current scene. */
  ready: (state: AppState) => boolean;
}
