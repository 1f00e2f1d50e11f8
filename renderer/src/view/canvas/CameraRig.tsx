/**
 * Orbit / zoom / pan (three's OrbitControls) and the camera presets. The camera moves to the
 * pose the view kind gives when a preset is chosen, the camera is reset, a scene is opened, or
 * the kind changes (a curve becomes a surface); where the user orbits to is written back into
 * the scene (without an undo entry) so saving keeps the view.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import type { PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { appStore, useApp } from '../../store/hooks.ts';
import type { ViewKind } from '../viewKind.ts';

/** `kind`: the scene's view kind, which decides the poses and whether orbiting is allowed. */
export function CameraRig({ kind }: { kind: ViewKind }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const domElement = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const nonce = useApp((s) => s.cameraNonce);
  const aspect = useThree((s) => (s.size.height > 0 ? s.size.width / s.size.height : 1));
  const controlsRef = useRef<OrbitControls | null>(null);
  // Preset views re-fit when the canvas is resized; a pose the user orbited to is left alone.
  const orbited = useApp((s) => s.scene.camera.position !== undefined);
  const fitAspect = orbited ? 0 : Math.round(aspect * 50) / 50;

  useEffect(() => {
    const controls = new OrbitControls(camera, domElement);
    controls.enableDamping = false; // with an on-demand frame loop, damping would need extra frames
    controls.zoomSpeed = 0.8;
    controls.minDistance = 0.5;
    controls.maxDistance = 60;
    const onChange = (): void => invalidate();
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

  useEffect(() => {
    const controls = controlsRef.current;
    if (!controls) return;
    const { camera: saved } = appStore.getState().scene;
    const pose = kind.pose(saved, fitAspect || aspect);
    camera.position.set(...pose.position);
    controls.target.set(...pose.target);
    controls.enableRotate = kind.orbit;
    camera.fov = pose.fov;
    camera.near = 0.01;
    camera.far = 200;
    camera.updateProjectionMatrix();
    controls.update();
    invalidate();
    // `aspect` is read but deliberately not a dependency (see fitAspect).
  }, [camera, nonce, kind, fitAspect, invalidate]);

  return null;
}
