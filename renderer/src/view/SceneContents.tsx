/**
 * What the canvas draws: a surface with floor and contours for f(x, y), or a curve for f(x);
 * axes, minima, runs and the overlays at the selected run's current point.
 */
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Color } from 'three';
import { useApp } from '../store/hooks.ts';
import { Axes } from './Axes.tsx';
import { CameraRig } from './CameraRig.tsx';
import { Contours } from './Contours.tsx';
import { Curve } from './Curve.tsx';
import { Floor } from './Floor.tsx';
import { FrameHooks } from './FrameHooks.tsx';
import { Minima } from './Minima.tsx';
import { GradientOverlay } from './overlays/GradientOverlay.tsx';
import { HessianOverlay } from './overlays/HessianOverlay.tsx';
import { TangentOverlay } from './overlays/TangentOverlay.tsx';
import { Runs } from './Runs.tsx';
import { SurfaceMesh } from './SurfaceMesh.tsx';
import { VIEW_THEMES } from './theme.ts';

/** Sets the clear colour from the theme. */
function Background() {
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const color = useApp((s) => VIEW_THEMES[s.scene.view.theme].background);
  useEffect(() => {
    scene.background = new Color(color);
    invalidate();
  }, [scene, color, invalidate]);
  return null;
}

export function SceneContents() {
  const dim = useApp((s) => s.frame?.dim ?? null);
  const gradient = useApp((s) => s.scene.overlays.gradient);
  const tangent = useApp((s) => s.scene.overlays.tangent);
  const hessian = useApp((s) => s.scene.overlays.hessian);
  return (
    <>
      <Background />
      <CameraRig />
      <FrameHooks />
      <ambientLight intensity={1.1} />
      <directionalLight position={[3, 6, 4]} intensity={1.6} />
      <directionalLight position={[-4, 2, -3]} intensity={0.45} />
      {dim === 2 && (
        <>
          <SurfaceMesh />
          <Floor />
          <Contours />
        </>
      )}
      {dim === 1 && <Curve />}
      <Axes />
      <Minima />
      <Runs />
      {gradient && <GradientOverlay />}
      {tangent && <TangentOverlay />}
      {hessian && <HessianOverlay />}
    </>
  );
}
