/**
 * Colours and type of the 2D figures per theme: the view's axis and label colours, the run
 * palette for the figure's own series (colour-blind-friendly, as for runs), and fonts sized to
 * the canvas's short side so a figure reads the same in a small window and a 1080p export.
 */
import { RUN_COLORS } from '../../../../shared/scene/document.ts';
import { OVERLAY_COLORS, VIEW_THEMES } from '../canvas/theme.ts';

export interface FigureTheme {
  background: string;
  text: string;
  /** Secondary text: tick labels, notes. */
  muted: string;
  axis: string;
  /** Light grid lines and guides. */
  grid: string;
  /** Boxes behind text (readouts, graph nodes). */
  panel: string;
  panelBorder: string;
  /** Series colours, in order: f, f′, f″ / the figure's main objects. */
  series: readonly string[];
  /** The tangent and other "limit" objects. */
  tangent: string;
  /** Gradients and adjoints flowing back. */
  gradient: string;
  /** Filled areas (Riemann slices, images of squares), with their alpha. */
  fill: string;
  dark: boolean;
}

export const FIGURE_THEMES: Record<'light' | 'dark', FigureTheme> = {
  light: {
    background: VIEW_THEMES.light.background,
    text: VIEW_THEMES.light.label,
    muted: '#5d6472',
    axis: VIEW_THEMES.light.axis,
    grid: 'rgba(40, 46, 60, 0.12)',
    panel: 'rgba(246, 247, 250, 0.94)',
    panelBorder: 'rgba(40, 46, 60, 0.28)',
    series: [RUN_COLORS[0], RUN_COLORS[1], RUN_COLORS[2], RUN_COLORS[3], RUN_COLORS[4]],
    tangent: '#c77800',
    gradient: OVERLAY_COLORS.gradient,
    fill: 'rgba(0, 114, 178, 0.22)',
    dark: false,
  },
  dark: {
    background: VIEW_THEMES.dark.background,
    text: VIEW_THEMES.dark.label,
    muted: '#a9b1bf',
    axis: VIEW_THEMES.dark.axis,
    grid: 'rgba(220, 226, 236, 0.13)',
    panel: 'rgba(32, 36, 44, 0.94)',
    panelBorder: 'rgba(220, 226, 236, 0.3)',
    // The palette's darkest blue is lifted for a dark background.
    series: ['#56b4e9', '#e69f00', '#3fc39a', '#e28fc4', '#f0e442'],
    tangent: OVERLAY_COLORS.tangent,
    gradient: '#ff6b5b',
    fill: 'rgba(86, 180, 233, 0.28)',
    dark: true,
  },
};

/** Base text size in CSS px for a canvas: 19 px at a 720 px short side, as export captions. */
export function baseFontSize(width: number, height: number): number {
  return Math.max(10, Math.min(width, height) * 0.0264);
}

/** A canvas font string at `px` CSS px. */
export function figureFont(px: number, weight = 500, family = 'sans'): string {
  const stack =
    family === 'serif'
      ? '"Latin Modern Math", "STIX Two Math", "Cambria Math", "Times New Roman", serif'
      : 'system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif';
  return `${family === 'serif' ? 'italic ' : ''}${weight} ${px.toFixed(2)}px ${stack}`;
}
