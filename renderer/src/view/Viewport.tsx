/**
 * The view: an on-demand R3F canvas (it draws only when something changes) showing the scene's
 * view kind, with the formula, legend, colour bar, caption, camera buttons and performance HUD
 * laid over it as HTML. The element says which projection the camera uses
 * (`data-projection`: perspective or orthographic). The camera keeps the band the formula and
 * the legend take at the top free of the plot (measured here, passed to the camera rig).
 */
import { Canvas } from '@react-three/fiber';
import { useEffect, useState } from 'react';
import { useApp } from '../store/hooks.ts';
import { AdaptiveQuality } from './canvas/AdaptiveQuality.tsx';
import { TopBandContext } from './canvas/CameraRig.tsx';
import { CanvasErrorBoundary } from './canvas/CanvasErrorBoundary.tsx';
import { isSoftwareRenderer } from './canvas/gpu.ts';
import { BuildProgress } from './hud/BuildProgress.tsx';
import { CameraButtons } from './hud/CameraButtons.tsx';
import { CaptionOverlay } from './hud/CaptionOverlay.tsx';
import { ColorBar } from './hud/ColorBar.tsx';
import { FormulaOverlay } from './hud/FormulaOverlay.tsx';
import { Legend } from './hud/Legend.tsx';
import { PerfHud } from './hud/PerfHud.tsx';
import { SCENE_DESCRIPTION_ID, SceneDescription } from './hud/SceneDescription.tsx';
import { projectionOf } from './registry.ts';
import { ViewContents } from './ViewContents.tsx';

/** Space kept between the overlays at the top and the plot (CSS px). */
const BELOW_TOP = 6;
/** The overlays along the top of the view: the formula (top-left) and the legend (top-right). */
const TOP_OVERLAYS = '[data-testid="formula"], .legend';

/**
 * How far down the view the overlays along its top reach (CSS px, rounded to 4 px so small
 * changes do not move the camera), or null before they are laid out. The camera keeps that band
 * free, so neither the formula nor the legend covers the plot.
 */
function useTopBand(view: HTMLElement | null): number | null {
  const [band, setBand] = useState<number | null>(null);
  useEffect(() => {
    if (!view) return;
    const observed = new Set<Element>();
    const resize = new ResizeObserver(() => measure());
    const measure = (): void => {
      const overlays = [...view.querySelectorAll(TOP_OVERLAYS)];
      for (const el of overlays) {
        if (!observed.has(el)) {
          resize.observe(el);
          observed.add(el);
        }
      }
      for (const el of observed) {
        if (!overlays.includes(el)) {
          resize.unobserve(el);
          observed.delete(el);
        }
      }
      if (overlays.length === 0) return setBand(null);
      const top = view.getBoundingClientRect().top;
      const bottom = Math.max(...overlays.map((el) => el.getBoundingClientRect().bottom - top));
      setBand(Math.ceil((bottom + BELOW_TOP) / 4) * 4);
    };
    // The formula comes and goes with f (and is re-typeset when f changes).
    const children = new MutationObserver(measure);
    children.observe(view, { childList: true, subtree: true });
    measure();
    return () => {
      resize.disconnect();
      children.disconnect();
    };
  }, [view]);
  return band;
}

export function Viewport() {
  const pickStart = useApp((s) => s.pickStart);
  const software = isSoftwareRenderer();
  // An export renders offscreen while it moves the playhead: the view waits until it is done.
  const exporting = useApp((s) => s.exporting > 0);
  const projection = useApp((s) => projectionOf(s.scene));
  const [view, setView] = useState<HTMLDivElement | null>(null);
  const band = useTopBand(view);
  return (
    <div
      ref={setView}
      className={`viewport${pickStart ? ' picking' : ''}`}
      data-testid="canvas"
      data-projection={projection}
    >
      {/* Without WebGL (or when the driver drops it) only the view gives way, with a message. */}
      <CanvasErrorBoundary>
        <Canvas
          frameloop={exporting ? 'never' : 'demand'}
          flat
          dpr={software ? 1 : [1, 2]}
          camera={{ fov: 35, near: 0.01, far: 100, position: [2.75, 2.35, 3.45] }}
          // The drawing buffer is kept so a later PNG export (and screenshots) can read the last frame.
          gl={{ antialias: !software, preserveDrawingBuffer: true }}
          // The picture's text alternative, reachable with Tab (see SceneDescription).
          tabIndex={0}
          role="img"
          aria-label="The figure"
          aria-describedby={SCENE_DESCRIPTION_ID}
        >
          <TopBandContext.Provider value={band}>
            <ViewContents />
            <AdaptiveQuality />
          </TopBandContext.Provider>
        </Canvas>
      </CanvasErrorBoundary>
      <FormulaOverlay />
      <Legend />
      <BuildProgress />
      <ColorBar />
      <CaptionOverlay />
      <CameraButtons />
      <PerfHud />
      <SceneDescription />
    </div>
  );
}
