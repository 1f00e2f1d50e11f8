/**
 * The curve kind: y = f(x) drawn as a line in a flat graph, seen straight on (no orbit, no
 * camera presets), with the plot layers on top.
 */
import { curvePose } from '../plot/cameraPoses.ts';
import { PlotLayers } from '../plot/PlotLayers.tsx';
import { plotReady } from '../plot/ready.ts';
import type { ViewKind } from '../viewKind.ts';
import { Curve } from './Curve.tsx';

function CurveContents() {
  return (
    <>
      <Curve />
      <PlotLayers />
    </>
  );
}

export const curveView: ViewKind = {
  id: 'curve',
  label: 'Curve',
  Contents: CurveContents,
  // Contours, a wireframe, a colour bar and directions in the plane belong to surfaces.
  overlays: ['gradient', 'tangent', 'hessian', 'readout', 'minima', 'axes', 'lrPlot'],
  cameraPresets: [],
  orbit: false,
  pose: (_camera, aspect) => curvePose(aspect),
  ready: plotReady,
};
