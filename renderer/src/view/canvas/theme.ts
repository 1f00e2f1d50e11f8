/**
 * Colours of the 3D view per theme. Light is the default because most slides are white; dark
 * suits dark decks and screens. Run colours come from the scene, not from here.
 */
export interface ViewTheme {
  background: string;
  /** Floor plane under the surface. */
  floor: string;
  /** Axis lines and ticks. */
  axis: string;
  /** Axis labels. */
  label: string;
  /** Contour lines drawn on the surface. */
  contour: string;
  contourOpacity: number;
  /** Wireframe over the surface. */
  wireframe: string;
  /** Label backgrounds for overlay readouts. */
  labelBackground: string;
  /** Markers at known minima. */
  minimum: string;
}

export const VIEW_THEMES: Record<'light' | 'dark', ViewTheme> = {
  light: {
    background: '#ffffff',
    floor: '#eef0f4',
    axis: '#4a4f5a',
    label: '#2b2f36',
    contour: '#1b1d22',
    contourOpacity: 0.35,
    wireframe: '#1b1d22',
    labelBackground: 'rgba(255,255,255,0.85)',
    minimum: '#ffffff',
  },
  dark: {
    background: '#14161b',
    floor: '#1f232b',
    axis: '#9aa3b2',
    label: '#dfe3ea',
    contour: '#ffffff',
    contourOpacity: 0.3,
    wireframe: '#ffffff',
    labelBackground: 'rgba(20,22,27,0.85)',
    minimum: '#ffffff',
  },
};

/** Overlay colours (chosen to stay apart from the run palette's blue/orange/green). */
export const OVERLAY_COLORS = {
  gradient: '#c0392b',
  descent: '#1a9850',
  tangent: '#f2a541',
  taylorError: '#8e44ad',
  curvesUp: '#2166ac',
  curvesDown: '#c51b7d',
  flat: '#888888',
} as const;
