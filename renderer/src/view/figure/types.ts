/**
 * What a figure kind's drawing gets. The chapter's figures (secant, derivatives, computation
 * graph, activations, Jacobian, integral) are flat diagrams of curves, boxes and text, so each
 * draws with the 2D canvas API into a canvas that FigureCanvas lays over the whole view as one
 * texture: crisp text at any size, the same picture on screen, in exports and in start-page
 * thumbnails, and the draw function is plain code that tests can call.
 */
import type { Scene } from '../../../../shared/scene/document.ts';
import type { FigureSettings } from '../../../../shared/scene/figure.ts';
import type { FigureTheme } from './theme.ts';

/** One picture of a figure: the scene, the playhead and the canvas it is drawn on. */
export interface FigureFrame {
  scene: Scene;
  figure: FigureSettings;
  /** Playhead position (0 … end). */
  position: number;
  /** End of the timeline (figureTimelineEnd). */
  end: number;
  /** Canvas size in CSS px (the context is scaled to device px already). */
  width: number;
  height: number;
  theme: FigureTheme;
}

/** Draws a figure's picture; the canvas is cleared (transparent) before the call. */
export type FigureDraw = (ctx: CanvasRenderingContext2D, frame: FigureFrame) => void;
