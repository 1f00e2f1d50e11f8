/**
 * The colour bar: what it shows (the colour map with ticks in f units, log ticks on a log
 * scale), where it sits (against the canvas's right edge, vertically centred; on a narrow canvas
 * across the bottom-right corner; the camera fit keeps that room free of the plot), and how it
 * is drawn into an export's frame with a 2D canvas.
 * The HTML bar over the view (ColorBar.tsx) and the burned-in one use the same layout, in CSS px
 * of a canvas, scaled like the view's text (canvas/text.ts): an export, laid out at the
 * reference short side, shows it where the view does.
 */
import { textScale } from '../canvas/text.ts';
import { VIEW_THEMES } from '../canvas/theme.ts';
import { tickLabel } from '../plot/ticks.ts';
import { scaleTicks } from '../surface/colorScale.ts';
import type { ColorMapping } from '../surface/colorScale.ts';
import { viridisCss } from '../surface/colormap.ts';

/** Sizes in CSS px on a canvas of the reference short side (720 px). */
export const COLOR_BAR = {
  /** From the canvas's edge to the panel (right edge; bottom edge below `bottom`). */
  margin: 8,
  /** Inside the panel, around its content. */
  pad: 6,
  /** The gradient's thickness. */
  bar: 14,
  tick: 4,
  /** Between a tick and its label. */
  gap: 3,
  /** Room for tick labels beside a vertical bar (five characters at `font`). */
  labels: 42,
  font: 14,
  /** The title's line above a vertical bar, and its width left of a horizontal one. */
  title: 21,
  titleWidth: 50,
  /** Longest the bar gets, and its share of the canvas height (width) below that. */
  maxLength: 260,
  share: 0.42,
  /** Kept free under a horizontal bar (the camera buttons sit below the canvas, not over it). */
  bottom: 8,
  /** Kept between the plot and the panel. */
  clearance: 4,
} as const;

/**
 * Canvases narrower than this (width / height) get a horizontal bar under the plot: their
 * width is what limits the plot, and a vertical bar beside it would take a share of it.
 */
export const HORIZONTAL_BELOW = 1.2;

/** Where the panel and its parts are on a canvas (CSS px, y down). */
export interface ColorBarBox {
  orientation: 'vertical' | 'horizontal';
  /** The panel. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The gradient. */
  barX: number;
  barY: number;
  barWidth: number;
  barHeight: number;
  /** Scale of every size (text.ts's text scale). */
  scale: number;
}

/**
 * The layout on a canvas of `width` × `height` CSS px: a vertical bar against the right edge,
 * vertically centred, or on narrow canvases a horizontal one under the plot, in the bottom-right
 * corner.
 */
export function colorBarLayout(width: number, height: number): ColorBarBox {
  const s = textScale(Math.min(width, height));
  const c = COLOR_BAR;
  if (height > 0 && width / height < HORIZONTAL_BELOW) {
    const barWidth = Math.min(c.maxLength * s, width * 0.5);
    // Half a label hangs past the bar's right end.
    const panelWidth = barWidth + (c.pad * 2 + c.titleWidth + c.gap * 2 + c.labels / 2) * s;
    const panelHeight = (c.pad * 2 + c.bar + c.tick + c.gap + c.font * 1.2) * s;
    // The bottom-right corner: the caption and camera buttons have a strip below the canvas.
    const x = width - c.margin * s - panelWidth;
    const y = height - c.bottom * s - panelHeight;
    return {
      orientation: 'horizontal',
      x,
      y,
      width: panelWidth,
      height: panelHeight,
      barX: x + (c.pad + c.titleWidth + c.gap * 2) * s,
      barY: y + c.pad * s,
      barWidth,
      barHeight: c.bar * s,
      scale: s,
    };
  }
  const panelWidth = (c.pad * 2 + c.bar + c.tick + c.gap + c.labels) * s;
  const barHeight = Math.min(c.maxLength * s, height * c.share);
  const panelHeight = barHeight + (c.title + c.pad * 2) * s;
  const x = width - c.margin * s - panelWidth;
  const y = (height - panelHeight) / 2;
  return {
    orientation: 'vertical',
    x,
    y,
    width: panelWidth,
    height: panelHeight,
    barX: x + c.pad * s,
    barY: y + (c.pad + c.title) * s,
    barWidth: c.bar * s,
    barHeight,
    scale: s,
  };
}

/**
 * What the camera keeps free of the plot for the bar, as shares of the canvas: a strip at the
 * right edge for a vertical bar, a band along the bottom for a horizontal one.
 */
export function colorBarReserve(width: number, height: number): { right: number; bottom: number } {
  const box = colorBarLayout(width, height);
  const clear = COLOR_BAR.clearance * box.scale;
  return box.orientation === 'vertical'
    ? { right: (width - box.x + clear) / width, bottom: 0 }
    : { right: 0, bottom: (height - box.y + clear) / height };
}

/** What the bar shows. */
export interface ColorBarContent {
  mapping: ColorMapping;
  scale: ColorMapping['scale'];
  /** f values above the top colour exist (the surface is clamped there): drawn as an arrow. */
  beyond: boolean;
  theme: 'light' | 'dark';
}

/** Colour stops of the map, bottom to top, as CSS colours. */
export const COLOR_STOPS: readonly string[] = Array.from({ length: 11 }, (_, i) =>
  viridisCss(i / 10),
);

/** The content for a mapping (the grid's largest value says whether the top is clamped). */
export function colorBarContent(
  mapping: ColorMapping,
  max: number,
  theme: 'light' | 'dark',
): ColorBarContent {
  return {
    mapping,
    scale: mapping.scale,
    beyond: max > mapping.hi * (1 + 1e-9) + 1e-12,
    theme,
  };
}

/**
 * Ticks for the bar as laid out in `box`, from its low end (t = 0) to its high end (t = 1),
 * spaced so their labels have room: a label's height apart along a vertical bar, a label's
 * width apart along a horizontal one.
 */
export function colorBarTicks(
  content: ColorBarContent,
  box: ColorBarBox,
): { t: number; label: string }[] {
  const vertical = box.orientation === 'vertical';
  const length = vertical ? box.barHeight : box.barWidth;
  const room = (vertical ? COLOR_BAR.font * 1.6 : COLOR_BAR.labels) * box.scale;
  return scaleTicks(content.mapping, length > 0 ? room / length : 1).map((tick) => ({
    t: tick.t,
    label: tickLabel(tick.value),
  }));
}

/** The bar's title. */
export function colorBarTitle(content: ColorBarContent): string {
  return content.scale === 'log' ? 'f (log)' : 'f';
}

/**
 * Draws the bar into `ctx`, whose canvas is `width` × `height` CSS px at `pixelRatio` device px
 * each (an export's frame). Returns the box drawn over, in device px.
 */
export function drawColorBar(
  ctx: CanvasRenderingContext2D,
  content: ColorBarContent,
  width: number,
  height: number,
  pixelRatio: number,
): { x: number; y: number; width: number; height: number } {
  const box = colorBarLayout(width, height);
  const r = pixelRatio;
  const s = box.scale * r;
  const c = COLOR_BAR;
  const theme = VIEW_THEMES[content.theme];
  const vertical = box.orientation === 'vertical';
  ctx.save();
  ctx.fillStyle = theme.labelBackground;
  ctx.beginPath();
  ctx.roundRect(box.x * r, box.y * r, box.width * r, box.height * r, 8 * s);
  ctx.fill();
  const bx = box.barX * r;
  const by = box.barY * r;
  const bw = box.barWidth * r;
  const bh = box.barHeight * r;
  const gradient = vertical
    ? ctx.createLinearGradient(0, by + bh, 0, by)
    : ctx.createLinearGradient(bx, 0, bx + bw, 0);
  COLOR_STOPS.forEach((color, i) => gradient.addColorStop(i / (COLOR_STOPS.length - 1), color));
  ctx.fillStyle = gradient;
  ctx.fillRect(bx, by, bw, bh);
  if (content.beyond) {
    // An arrowhead in the top colour: f goes on above the last colour.
    const tip = 7 * s;
    ctx.fillStyle = COLOR_STOPS[COLOR_STOPS.length - 1]!;
    ctx.beginPath();
    if (vertical) {
      ctx.moveTo(bx, by);
      ctx.lineTo(bx + bw / 2, by - tip);
      ctx.lineTo(bx + bw, by);
    } else {
      ctx.moveTo(bx + bw, by);
      ctx.lineTo(bx + bw + tip, by + bh / 2);
      ctx.lineTo(bx + bw, by + bh);
    }
    ctx.closePath();
    ctx.fill();
  }
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = Math.max(1, s);
  ctx.strokeRect(bx, by, bw, bh);
  ctx.font = `500 ${c.font * s}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;
  ctx.fillStyle = theme.label;
  ctx.beginPath();
  for (const tick of colorBarTicks(content, box)) {
    if (vertical) {
      const y = Math.round(by + (1 - tick.t) * bh) + 0.5;
      ctx.moveTo(bx + bw, y);
      ctx.lineTo(bx + bw + c.tick * s, y);
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(tick.label, bx + bw + (c.tick + c.gap) * s, y);
    } else {
      const x = Math.round(bx + tick.t * bw) + 0.5;
      ctx.moveTo(x, by + bh);
      ctx.lineTo(x, by + bh + c.tick * s);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(tick.label, x, by + bh + (c.tick + c.gap) * s);
    }
  }
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.font = `600 ${c.font * s}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;
  if (vertical) {
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(colorBarTitle(content), bx, by - 6 * s - (content.beyond ? 6 * s : 0));
  } else {
    ctx.textBaseline = 'middle';
    ctx.fillText(colorBarTitle(content), (box.x + c.pad * box.scale) * r, by + bh / 2);
  }
  ctx.restore();
  return { x: box.x * r, y: box.y * r, width: box.width * r, height: box.height * r };
}
