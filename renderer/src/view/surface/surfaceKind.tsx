/**
 * The surface kind: z = f(x, y) as a lit, height-coloured mesh over a floor that carries the
 * projected contours, with the plot layers on top; four camera presets and free orbiting.
 */
import { CAMERA_PRESETS } from '../../../../shared/scene/document.ts';
import { StaticLayer } from '../canvas/StaticLayer.tsx';
import { presetProjection, surfacePose } from '../plot/cameraPoses.ts';
import { PlotLayers } from '../plot/PlotLayers.tsx';
import { plotReady } from '../plot/ready.ts';
import type { ViewKind } from '../viewKind.ts';
import { BatchSurface } from './BatchSurface.tsx';
import { Contours } from './Contours.tsx';
import { Floor } from './Floor.tsx';
import { SurfaceMesh } from './SurfaceMesh.tsx';

function SurfaceContents() {
  return (
    <>
      <StaticLayer>
        <SurfaceMesh />
        <Floor />
        <Contours />
      </StaticLayer>
      <BatchSurface />
      <PlotLayers />
    </>
  );
}

export const surfaceView: ViewKind = {
  id: 'surface',
  label: 'Surface',
  Contents: SurfaceContents,
  overlays: [
    'gradient',
    'tangent',
    'hessian',
    'readout',
    'contours',
    'floorContours',
    'wireframe',
    'minima',
    'axes',
    'colorBar',
    'directional',
    'lrPlot',
    'batchSurface',
  ],
  cameraPresets: CAMERA_PRESETS,
  orbit: true,
  pose: (camera, aspect, layout) => {
    const pose = surfacePose(camera.preset, aspect, layout);
    // Where the user orbited to is kept with the scene (and saved with it), in the projection of
    // the preset it started from.
    return {
      position: camera.position ?? pose.position,
      target: camera.target ?? pose.target,
      fov: pose.fov,
      projection: pose.projection,
    };
  },
  projection: (camera) => presetProjection(camera.preset),
  ready: plotReady,
  // SurfaceMesh marks it once the worker's surface is drawn.
  marksFirstPicture: true,
};
