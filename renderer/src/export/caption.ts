/**
 * The burned-in caption of an export: f as text and a legend of the visible runs with their η,
 * drawn into the frame with a 2D canvas (the on-screen formula and legend are HTML over the
 * canvas, which a video cannot carry). It says what the view's overlays say: the legend uses the
 * same {@link legendLabel}, so captions and controls agree.
 */
import { legendLabel } from '../view/hud/legend.ts';
import { currentInfo } from '../store/problemInfo.ts';
import type { AppState } from '../store/types.ts';
import { VIEW_THEMES } from '../view/canvas/theme.ts';

/** What the caption shows. */
export interface CaptionContent {
  /** `f(x, y) = …` in plain text with superscripts. */
  formula: string | null;
  /** One row per visible run. */
  legend: { color: string; label: string; diverged: boolean }[];
  theme: 'light' | 'dark';
}

const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** `x^2 + 3 * x * y - 1` → `x² + 3·x·y − 1`: the typed syntax made readable for a slide. */
export function prettyFormula(expression: string): string {
  return expression
    .replace(/\^(\d+)/g, (_, digits: string) => [...digits].map((d) => SUPERSCRIPTS[d]).join(''))
    .replace(/\s*\*\s*/g, '·')
    .replace(/ - /g, ' − ')
    .replace(/^-/, '−');
}

/** Reads the caption from the store (call once per export: it does not change per frame). */
export function captionFrom(state: AppState): CaptionContent {
  const { scene, trajectories } = state;
  const current = currentInfo(state);
  const formula = current
    ? `f(${current.variables.join(', ')}) = ${prettyFormula(current.expression)}`
    : null;
  const legend = scene.runs
    .filter((r) => r.visible)
    .map((r) => ({
      color: r.color,
      label: legendLabel(r.name, r.params.lr),
      diverged: trajectories[r.id]?.status === 'diverged',
    }));
  return { formula, legend, theme: scene.view.theme };
}

/**
 * Draws `content` in the top-left corner of `ctx`'s canvas. `scale` is the export's pixel ratio
 * (the caption keeps its size relative to the picture at every output size).
 */
export function drawCaption(
  ctx: CanvasRenderingContext2D,
  content: CaptionContent,
  scale: number,
): { x: number; y: number; width: number; height: number } {
  const theme = VIEW_THEMES[content.theme];
  const font = (px: number, weight = 500): string =>
    `${weight} ${px * scale}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;
  const pad = 10 * scale;
  const line = 24 * scale;
  const rows: { text: string; color: string | null; mark: boolean }[] = [];
  if (content.formula) rows.push({ text: content.formula, color: null, mark: false });
  for (const entry of content.legend) {
    rows.push({
      text: entry.diverged ? `${entry.label}  ✕ diverged` : entry.label,
      color: entry.color,
      mark: true,
    });
  }
  if (rows.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const swatch = 14 * scale;
  let width = 0;
  rows.forEach((row, i) => {
    ctx.font = font(i === 0 && content.formula ? 19 : 16);
    width = Math.max(width, ctx.measureText(row.text).width + (row.mark ? swatch + 8 * scale : 0));
  });
  const x0 = 14 * scale;
  const y0 = 14 * scale;
  const boxW = width + pad * 2;
  const boxH = rows.length * line + pad * 2 - 4 * scale;
  ctx.save();
  ctx.fillStyle = theme.labelBackground;
  ctx.beginPath();
  ctx.roundRect(x0, y0, boxW, boxH, 8 * scale);
  ctx.fill();
  ctx.textBaseline = 'middle';
  rows.forEach((row, i) => {
    const y = y0 + pad + i * line + line / 2 - 2 * scale;
    let x = x0 + pad;
    if (row.mark && row.color) {
      ctx.fillStyle = row.color;
      ctx.fillRect(x, y - swatch / 2, swatch, swatch);
      x += swatch + 8 * scale;
    }
    ctx.font = font(i === 0 && content.formula ? 19 : 16);
    ctx.fillStyle = theme.label;
    ctx.fillText(row.text, x, y);
  });
  ctx.restore();
  return { x: x0, y: y0, width: boxW, height: boxH };
}
