/**
 * The camera, orbit / zoom / pan (three's OrbitControls) and the camera presets. The rig owns
 * the canvas's camera: perspective or orthographic as the view kind's pose says (Top, Front and
 * Side are orthographic, see plot/cameraPoses.ts), swapped in as R3F's default camera so picking,
 * labels and exports all use it. The camera moves to the kind's pose when a preset is chosen, the
 * camera is reset, a scene is opened, or the kind changes (a curve becomes a surface); where the
 * user orbits to is written back into the scene (without an undo entry) so saving keeps the view.
 *
 * Orbiting keeps the projection of the preset it started from: a map seen from a slant stays
 * a parallel projection (true to scale) until another preset or Reset is chosen. An
 * orthographic camera's zoom is kept in its distance from the target (see cameraPoses.ts), so a
 * saved pose restores the zoom as well.
 */
import { useThree } from '@react-three/fiber';
import { createContext, useContext, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { OrthographicCamera, PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { appStore, useApp } from '../../store/hooks.ts';
import { colorBarReserve } from '../hud/colorBar.ts';
import { orthoHalfHeight } from '../plot/cameraPoses.ts';
import type { Scene } from '../../../../shared/scene/document.ts';
import { overlayShown, projectionOf, viewKindOf } from '../registry.ts';
import type { CameraPose, PoseLayout, Projection, ViewKind } from '../viewKind.ts';

/** Closest and furthest an orbiting camera may get (world units from the target). */
const MIN_DISTANCE = 0.5;
const MAX_DISTANCE = 60;

type RigCamera = PerspectiveCamera | OrthographicCamera;

/**
 * CSS px along the top of the canvas that HTML laid over it takes (the formula and the legend),
 * measured by whoever lays it out (Viewport.tsx, or an export for its burned-in caption); null:
 * not measured, a default band is kept.
 */
export const TopBandContext = createContext<number | null>(null);

/**
 * The pose the rig gives `scene` on a canvas of `width` × `height` CSS px: the kind's pose for
 * that size, with the colour bar's strip (or band) kept free when it is shown. Exports ask here too, so
 * they see what the view shows.
 */
export function fittedPose(
  scene: Scene,
  width: number,
  height: number,
  top: number | null = null,
): CameraPose {
  const w = width > 0 ? width : 1;
  const h = height > 0 ? height : 1;
  const reserve = overlayShown(scene, 'colorBar') ? colorBarReserve(w, h) : { right: 0, bottom: 0 };
  const layout: PoseLayout = {
    shortSide: Math.min(w, h),
    reserveRight: reserve.right,
    reserveBottom: reserve.bottom,
  };
  if (top !== null) layout.top = top;
  return viewKindOf(scene).pose(scene.camera, w / h, layout);
}

function createCamera(projection: Projection): RigCamera {
  const camera =
    projection === 'orthographic'
      ? // A parallel projection has nothing behind the camera to avoid: a near plane well
        // behind it keeps a close (zoomed-in) camera from cutting the box.
        new OrthographicCamera(-1, 1, 1, -1, -100, 200)
      : new PerspectiveCamera(35, 1, 0.01, 200);
  // The rig sets the projection itself (R3F would give an orthographic camera pixel units).
  (camera as RigCamera & { manual?: boolean }).manual = true;
  return camera;
}

/** Sets the camera's projection for a canvas of `aspect` from its distance to `target`. */
function applyProjection(
  camera: RigCamera,
  aspect: number,
  fov: number,
  target: { x: number; y: number; z: number },
): void {
  if (camera instanceof OrthographicCamera) {
    const half = orthoHalfHeight(camera.position.distanceTo(target), fov);
    camera.left = -half * aspect;
    camera.right = half * aspect;
    camera.top = half;
    camera.bottom = -half;
    camera.zoom = 1;
  } else {
    camera.fov = fov;
    camera.aspect = aspect;
  }
  camera.updateProjectionMatrix();
}

/**
 * `kind`: the scene's view kind, which decides the poses and whether orbiting is allowed (the
 * pose effect re-runs when it changes).
 */
export function CameraRig({ kind }: { kind: ViewKind }) {
  const set = useThree((s) => s.set);
  const domElement = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const width = useThree((s) => s.size.width);
  const height = useThree((s) => s.size.height);
  const nonce = useApp((s) => s.cameraNonce);
  const projection = useApp((s) => projectionOf(s.scene));
  const reserve = useApp((s) => overlayShown(s.scene, 'colorBar'));
  const top = useContext(TopBandContext);
  const controlsRef = useRef<OrbitControls | null>(null);
  const fovRef = useRef(35);
  const aspect = height > 0 ? width / height : 1;
  const aspectRef = useRef(aspect);
  aspectRef.current = aspect;
  // Preset views re-fit when the canvas is resized; a pose the user orbited to is left alone.
  const orbited = useApp((s) => s.scene.camera.position !== undefined);
  const fitKey = orbited
    ? ''
    : `${Math.round(width / 8)}x${Math.round(height / 8)}|${top ?? ''}${reserve ? '|bar' : ''}`;

  const camera = useMemo(() => createCamera(projection), [projection]);
  useLayoutEffect(() => {
    set({ camera });
  }, [set, camera]);

  useEffect(() => {
    const controls = new OrbitControls(camera, domElement);
    controls.enableDamping = false; // with an on-demand frame loop, damping would need extra frames
    controls.zoomSpeed = 0.8;
    controls.minDistance = MIN_DISTANCE;
    controls.maxDistance = MAX_DISTANCE;
    const onChange = (): void => {
      if (camera instanceof OrthographicCamera && camera.zoom !== 1) {
        // Keep the zoom in the distance (see the file comment).
        const offset = camera.position.clone().sub(controls.target);
        const length = offset.length() / camera.zoom;
        offset.setLength(Math.min(MAX_DISTANCE, Math.max(MIN_DISTANCE, length)));
        camera.position.copy(controls.target).add(offset);
        applyProjection(camera, aspectRef.current, fovRef.current, controls.target);
      }
      invalidate();
    };
    const onEnd = (): void => {
      const p = camera.position;
      const t = controls.target;
      const round = (v: number): number => Math.round(v * 1e4) / 1e4;
      appStore
        .getState()
        .setCameraPose([round(p.x), round(p.y), round(p.z)], [round(t.x), round(t.y), round(t.z)]);
    };
    controls.addEventListener('change', onChange);
    controls.addEventListener('end', onEnd);
    controlsRef.current = controls;
    return () => {
      controls.removeEventListener('change', onChange);
      controls.removeEventListener('end', onEnd);
      controls.dispose();
      controlsRef.current = null;
    };
  }, [camera, domElement, invalidate]);

  // Moves to the kind's pose.
  useEffect(() => {
    const controls = controlsRef.current;
    if (!controls) return;
    const w = width > 0 ? width : 1;
    const h = height > 0 ? height : 1;
    const pose = fittedPose(appStore.getState().scene, w, h, top);
    camera.position.set(...pose.position);
    controls.target.set(...pose.target);
    controls.enableRotate = kind.orbit;
    fovRef.current = pose.fov;
    camera.lookAt(controls.target);
    applyProjection(camera, w / h, pose.fov, controls.target);
    controls.update();
    invalidate();
    // The size is read but only `fitKey` re-fits (an orbited pose ignores resizes).
  }, [camera, nonce, kind, fitKey, invalidate]);

  // Keeps the projection in step with the canvas (the camera is not R3F's to resize).
  useEffect(() => {
    const controls = controlsRef.current;
    if (!controls || !(width > 0 && height > 0)) return;
    applyProjection(camera, width / height, fovRef.current, controls.target);
    invalidate();
  }, [camera, width, height, invalidate]);

  return null;
}
