/**
 * The layers every function plot shares, drawn over the kind's own geometry: axes, known minima,
 * the runs and imported paths, and the chapter's objects at the selected run's current point (∇f arrows, the
 * tangent with its Taylor error, the Hessian's eigen-directions, and for surfaces the
 * directional derivative along d̂). Their point labels are laid out together (LabelLayer).
 */
import { useApp } from '../../store/hooks.ts';
import { Axes } from './Axes.tsx';
import { LabelLayer } from './LabelLayer.tsx';
import { Minima } from './Minima.tsx';
import { DirectionalOverlay } from './overlays/DirectionalOverlay.tsx';
import { GradientOverlay } from './overlays/GradientOverlay.tsx';
import { ImportedPaths } from './ImportedPaths.tsx';
import { HessianOverlay } from './overlays/HessianOverlay.tsx';
import { TangentOverlay } from './overlays/TangentOverlay.tsx';
import { Runs } from './Runs.tsx';

export function PlotLayers() {
  const gradient = useApp((s) => s.scene.overlays.gradient);
  const tangent = useApp((s) => s.scene.overlays.tangent);
  const hessian = useApp((s) => s.scene.overlays.hessian);
  // A direction in the plane only means something for f of two variables.
  const directional = useApp((s) => s.scene.overlays.directional && s.scene.kind === 'surface');
  return (
    <LabelLayer>
      <Axes />
      <Minima />
      <Runs />
      <ImportedPaths />
      {gradient && <GradientOverlay />}
      {tangent && <TangentOverlay />}
      {hessian && <HessianOverlay />}
      {directional && <DirectionalOverlay />}
    </LabelLayer>
  );
}
