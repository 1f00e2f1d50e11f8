/**
 * Contour lines: on the surface (in a colour that contrasts with the surface under them, so they
 * read over any colour) and projected onto the floor (coloured by level, made to contrast with
 * the floor), where the gradient's right angle to them is easiest to see. Lines are thick enough
 * for a projector, a little heavier in the light (slides) theme.
 *
 * Levels follow the colour scale: the solver's levels on a linear scale; on a log scale levels
 * evenly spaced in colour, contoured here from the grid, so a deep valley shows rings instead of
 * one colour. The floor's lines are hidden when the floor is seen edge-on (Front, Side), where
 * they would all fall on one line.
 */
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import type { Mesh } from 'three';
import { contourLines } from '../../../../shared/contours.ts';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import { useApp } from '../../store/hooks.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { FLOOR_Y } from '../plot/frame.ts';
import { useViewFrame } from '../plot/useViewFrame.ts';
import { contourLevels } from './colorScale.ts';
import type { ColorMapping } from './colorScale.ts';
import { cssLuminance } from './colormap.ts';
import { ContourLines } from './contourLines.ts';
import type { ContourStyle } from './contourLines.ts';
import { contourSegments } from './surfaceGeometry.ts';
import type { ContourSet } from './surfaceGeometry.ts';
import { useColorMapping } from './useColorMapping.ts';

/** Line styles per theme: the light theme is the one projected onto slides. */
const STYLES: Record<'light' | 'dark', { surface: ContourStyle; floor: ContourStyle }> = {
  light: { surface: { width: 1.6, opacity: 0.85 }, floor: { width: 1.7, opacity: 1 } },
  dark: { surface: { width: 1.3, opacity: 0.75 }, floor: { width: 1.4, opacity: 1 } },
};

/** The floor is edge-on when the view direction's vertical part is below this. */
const EDGE_ON = 0.15;

// Log levels contoured from a grid, once per grid, mapping and count.
const logSets = new WeakMap<SurfaceResult, Map<string, ContourSet>>();

/** Contour levels for the mapping (see the file comment). */
export function contoursFor(
  surface: SurfaceResult,
  mapping: ColorMapping,
  count: number,
): ContourSet {
  if (mapping.scale !== 'log') return surface.contours;
  let byKey = logSets.get(surface);
  if (!byKey) {
    byKey = new Map();
    logSets.set(surface, byKey);
  }
  const key = `${mapping.floor}|${mapping.span}|${count}`;
  let set = byKey.get(key);
  const fromSolver = surface.logContours;
  if (
    !set &&
    fromSolver &&
    fromSolver.floor === mapping.floor &&
    fromSolver.span === mapping.span &&
    fromSolver.levels.length === Math.floor(count)
  ) {
    // The solver contoured this scale already (the usual case), off the main thread.
    set = fromSolver;
    byKey.set(key, set);
  }
  if (!set) {
    const { values, valid, nx, ny, domain, max } = surface;
    // Masked vertices hold 0, which would draw false rings; lift them above every level.
    const lifted = values.map((v, k) => (valid[k] === 1 ? v : max + Math.abs(max) + 1));
    set = contourLines({ values: lifted, nx, ny }, domain, contourLevels(mapping, count));
    byKey.set(key, set);
  }
  return set;
}

export function Contours() {
  const surface = useApp((s) => s.surface);
  const frame = useViewFrame();
  const mapping = useColorMapping();
  const onSurface = useApp((s) => s.scene.overlays.contours);
  const onFloor = useApp((s) => s.scene.overlays.floorContours);
  const themeName = useApp((s) => s.scene.view.theme);
  const count = useApp((s) => s.scene.view.contourLevels);
  const floorRef = useRef<Mesh | null>(null);

  const set = useMemo(
    () =>
      surface && mapping && surface.ny > 1 && (onSurface || onFloor)
        ? contoursFor(surface, mapping, count)
        : null,
    [surface, mapping, count, onSurface, onFloor],
  );
  const floorLuminance = cssLuminance(VIEW_THEMES[themeName].floor);
  const surfaceLines = useMemo(() => {
    if (!onSurface || !set || !frame || !mapping) return null;
    const { ends, colors } = contourSegments(set, frame, mapping, 'surface', 0, floorLuminance);
    return new ContourLines(ends, colors, STYLES[themeName].surface);
  }, [onSurface, set, frame, mapping, themeName, floorLuminance]);
  const floorLines = useMemo(() => {
    if (!onFloor || !set || !frame || !mapping) return null;
    const y = FLOOR_Y + 0.002;
    const { ends, colors } = contourSegments(set, frame, mapping, 'floor', y, floorLuminance);
    return new ContourLines(ends, colors, STYLES[themeName].floor);
  }, [onFloor, set, frame, mapping, themeName, floorLuminance]);
  useEffect(() => () => surfaceLines?.dispose(), [surfaceLines]);
  useEffect(() => () => floorLines?.dispose(), [floorLines]);

  // Edge-on floors: a camera's view direction is −(its matrix's third column).
  useFrame(({ camera }) => {
    const floor = floorRef.current;
    if (!floor) return;
    camera.updateMatrixWorld();
    floor.visible = Math.abs(camera.matrixWorld.elements[9]!) > EDGE_ON;
  });

  return (
    <group>
      {surfaceLines && <primitive object={surfaceLines.object} />}
      {floorLines && <primitive object={floorLines.object} ref={floorRef} />}
    </group>
  );
}
