/**
 * The view: an on-demand R3F canvas (it draws only when something changes) showing the scene's
 * view kind, with the formula, legend, caption, camera buttons and performance HUD laid over it
 * as HTML.
 */
import { Canvas } from '@react-three/fiber';
import { useApp } from '../store/hooks.ts';
import { isSoftwareRenderer } from './canvas/gpu.ts';
import { CameraButtons } from './hud/CameraButtons.tsx';
import { CaptionOverlay } from './hud/CaptionOverlay.tsx';
import { FormulaOverlay } from './hud/FormulaOverlay.tsx';
import { Legend } from './hud/Legend.tsx';
import { PerfHud } from './hud/PerfHud.tsx';
import { ViewContents } from './ViewContents.tsx';

export function Viewport() {
  const pickStart = useApp((s) => s.pickStart);
  const software = isSoftwareRenderer();
  // An export renders offscreen while it moves the playhead: the view waits until it is done.
  const exporting = useApp((s) => s.exporting > 0);
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
        <ViewContents />
      </Canvas>
      <FormulaOverlay />
      <Legend />
      <CaptionOverlay />
      <CameraButtons />
      <PerfHud />
    </div>
  );
}
