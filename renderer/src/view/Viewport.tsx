/**
 * The 3D view: an on-demand R3F canvas (it draws only when something changes) with the formula,
 * caption, legend, camera buttons and performance HUD laid over it as HTML.
 */
import { Canvas } from '@react-three/fiber';
import { useExporting } from '../export/status.ts';
import { isSoftwareRenderer } from '../lib/gpu.ts';
import { useApp } from '../store/hooks.ts';
import { CameraButtons } from '../panels/CameraButtons.tsx';
import { CaptionOverlay } from '../panels/CaptionOverlay.tsx';
import { FormulaOverlay } from '../panels/FormulaOverlay.tsx';
import { Legend } from '../panels/Legend.tsx';
import { PerfHud } from '../panels/PerfHud.tsx';
import { SceneContents } from './SceneContents.tsx';

export function Viewport() {
  const pickStart = useApp((s) => s.pickStart);
  const software = isSoftwareRenderer();
  // An export renders offscreen while it moves the playhead: the view waits until it is done.
  const exporting = useExporting();
  return (
    <div className={`viewport${pickStart ? ' picking' : ''}`} data-testid="canvas">
      <Canvas
        frameloop={exporting ? 'never' : 'demand'}
        flat
        dpr={software ? 1 : [1, 2]}
        camera={{ fov: 35, near: 0.01, far: 100, position: [2.75, 2.35, 3.45] }}
        // The drawing buffer is kept so a later PNG export (and screenshots) can read the last frame.
        gl={{ antialias: !software, preserveDrawingBuffer: true }}
      >
        <SceneContents />
      </Canvas>
      <FormulaOverlay />
      <Legend />
      <CaptionOverlay />
      <CameraButtons />
      <PerfHud />
    </div>
  );
}
