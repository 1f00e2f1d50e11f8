/**
 * Builds a {@link ViewKind} for one of the chapter's flat figures: its 2D drawing over the whole
 * canvas, a fixed straight-on camera (nothing to orbit), no overlay switches or camera presets,
 * and no formula overlay (the figure writes
 * its formulas into the picture, so exports carry them).
 */
import { createElement } from 'react';
import type { FigureKind } from '../../../../shared/scene/figure.ts';
import type { CameraPose, ViewKind } from '../viewKind.ts';
import { FigureCanvas } from './FigureCanvas.tsx';
import type { FigureDraw } from './types.ts';

/** The camera a figure leaves alone (its quad ignores it); orthographic, so nothing warps. */
const POSE: CameraPose = {
  position: [0, 0, 5],
  target: [0, 0, 0],
  fov: 35,
  projection: 'orthographic',
};

export interface FigureKindSpec {
  id: FigureKind;
  label: string;
  draw: FigureDraw;
}

export function figureKind(spec: FigureKindSpec): ViewKind {
  const Contents = () => createElement(FigureCanvas, { draw: spec.draw });
  Contents.displayName = `${spec.label}Figure`;
  return {
    id: spec.id,
    label: spec.label,
    Contents,
    overlays: [],
    cameraPresets: [],
    orbit: false,
    pose: () => POSE,
    projection: () => 'orthographic',
    // Everything a figure draws is computed as it draws (small, exact and immediate).
    ready: () => true,
    formula: false,
    draw: spec.draw,
  };
}
