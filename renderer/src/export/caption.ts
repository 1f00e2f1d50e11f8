/**
 * The burned-in caption of an export: f as text in the top-left corner and a legend of the
 * visible runs and imported paths in the top-right one, where the view shows them, drawn into the frame with a 2D
 * canvas (the on-screen formula and legend are HTML over the canvas, which a video cannot
 * carry). It says what the view's overlays say: the legend uses the same {@link legendLabel},
 * so captions and controls agree.
 */
import { legendLabel } from '../view/hud/legend.ts';
import { currentInfo } from '../store/problemInfo.ts';
import { slicePlane, trainingPath } from '../store/trainingPath.ts';
import { viewKindOf } from '../view/registry.ts';
import type { AppState } from '../store/types.ts';
import { VIEW_THEMES } from '../view/canvas/theme.ts';
import { superscript } from '../../../shared/superscript.ts';

/** What the caption shows. */
export interface CaptionContent {
  /** `f(x, y) = …` in plain text with superscripts. */
  formula: string | null;
  /** One row per visible run. */
  legend: { color: string; label: string; diverged: boolean }[];
  theme: 'light' | 'dark';
}

/** `x^2 + 3 * x * y - 1` → `x² + 3·x·y − 1`: the typed syntax made readable for a slide. */
export function prettyFormula(expression: string): string {
  return expression
    .replace(/\^(\d+)/g, (_, digits: string) => superscript(digits))
    .replace(/\s*\*\s*/g, '·')
    .replace(/ - /g, ' − ')
    .replace(/^-/, '−');
}

/** Reads the caption from the store (call once per export: it does not change per frame). */
export function captionFrom(state: AppState): CaptionContent {
  const { scene, trajectories } = state;
  const current = currentInfo(state);
  // A figure draws its own formulas inside the picture.
  const formula =
    current && viewKindOf(scene).formula !== false
      ? `f(${current.variables.join(', ')}) = ${prettyFormula(current.expression)}`
      : null;
  const legend = scene.runs
    .filter((r) => r.visible)
    .map((r) => ({
      color: r.color,
      label: legendLabel(r),
      diverged: trajectories[r.id]?.status === 'diverged',
    }));
  for (const path of scene.paths ?? []) {
    if (path.visible) legend.push({ color: path.color, label: path.name, diverged: false });
  }
  // A network's slice: its training path, and the plane it is drawn on (no swatch).
  const training = trainingPath(state);
  if (training) legend.push({ color: training.color, label: training.name, diverged: false });
  const plane = slicePlane(state);
  if (plane) legend.push({ color: 'transparent', label: plane, diverged: false });
  return { formula, legend, theme: scene.view.theme };
}

/** A box drawn over, in device px. */
export interface DrawnBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const font = (px: number, scale: number, weight = 500): string =>
  `${weight} ${px * scale}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;

/** A rounded panel in the theme's label background. */
function panel(ctx: CanvasRenderingContext2D, box: DrawnBox, radius: number, fill: string): void {
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, radius);
  ctx.fill();
}

/**
 * Draws f in the top-left corner of `ctx`'s canvas, where the view shows it. `scale` is the
 * export's pixel ratio (the caption keeps its size relative to the picture at every size).
 * Returns the box drawn over, or null when there is no formula.
 */
export function drawFormula(
  ctx: CanvasRenderingContext2D,
  content: CaptionContent,
  scale: number,
): DrawnBox | null {
  if (!content.formula) return null;
  const theme = VIEW_THEMES[content.theme];
  const pad = 10 * scale;
  ctx.save();
  ctx.font = font(19, scale);
  const box = {
    x: 10 * scale,
    y: 8 * scale,
    width: ctx.measureText(content.formula).width + pad * 2,
    height: 34 * scale,
  };
  panel(ctx, box, 8 * scale, theme.labelBackground);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.label;
  ctx.fillText(content.formula, box.x + pad, box.y + box.height / 2);
  ctx.restore();
  return box;
}

/**
 * Draws the legend of the visible runs in the top-right corner of `ctx`'s canvas (`width`
 * device px wide), where the view shows it. Returns the box drawn over, or null when no run is
 * visible.
 */
export function drawLegend(
  ctx: CanvasRenderingContext2D,
  content: CaptionContent,
  scale: number,
  width: number,
): DrawnBox | null {
  if (content.legend.length === 0) return null;
  const theme = VIEW_THEMES[content.theme];
  const pad = 9 * scale;
  const line = 21 * scale;
  const swatch = 14 * scale;
  const texts = content.legend.map((entry) =>
    entry.diverged ? `${entry.label}  ✕ diverged` : entry.label,
  );
  ctx.save();
  ctx.font = font(15, scale);
  const widest = Math.max(...texts.map((t) => ctx.measureText(t).width));
  const boxWidth = widest + swatch + 8 * scale + pad * 2;
  const box = {
    x: width - 10 * scale - boxWidth,
    y: 8 * scale,
    width: boxWidth,
    height: texts.length * line + pad * 2 - 4 * scale,
  };
  panel(ctx, box, 8 * scale, theme.labelBackground);
  ctx.textBaseline = 'middle';
  texts.forEach((text, i) => {
    const y = box.y + pad + i * line + line / 2 - 2 * scale;
    const x = box.x + pad;
    ctx.fillStyle = content.legend[i]!.color;
    ctx.fillRect(x, y - 2 * scale, swatch, 4 * scale);
    ctx.fillStyle = theme.label;
    ctx.fillText(text, x + swatch + 8 * scale, y);
  });
  ctx.restore();
  return box;
}

/**
 * How far down the frame the caption reaches (CSS px of the export's logical size, a gap
 * included): the camera keeps that band free, as the view does for its formula and legend.
 */
export function captionBand(content: CaptionContent): number {
  const formula = content.formula ? 8 + 34 : 0;
  const legend = content.legend.length > 0 ? 8 + content.legend.length * 21 + 14 : 0;
  return Math.max(formula, legend) + 6;
}
