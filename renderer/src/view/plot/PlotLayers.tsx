/**
 * The layers every function plot shares, drawn over the kind's own geometry: axes, known minima,
 * the runs, and the chapter's objects at the selected run's current point (∇f arrows, the
 * tangent with its Taylor error, the Hessian's eigen-directions).
 */
import { useApp } from '../../store/hooks.ts';
import { Axes } from './Axes.tsx';
import { Minima } from './Minima.tsx';
import { GradientOverlay } from './overlays/GradientOverlay.tsx';
import { HessianOverlay } from './overlays/HessianOverlay.tsx';
import { TangentOverlay } from './overlays/TangentOverlay.tsx';
import { Runs } from './Runs.tsx';

export function PlotLayers() {
  const gradient = useApp((s) => s.scene.overlays.gradient);
  const tangent = useApp((s) => s.scene.overlays.tangent);
  const hessian = useApp((s) => s.scene.overlays.hessian);
  return (
    <>
      <Axes />
      <Minima />
      <Runs />
      {gradient && <GradientOverlay />}
      {tangent && <TangentOverlay />}
      {hessian && <HessianOverlay />}
    </>
  );
}
