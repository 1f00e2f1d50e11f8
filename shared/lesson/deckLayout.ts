/**
 * Where things go on a slide of a lesson's PowerPoint deck: PowerPoint's 16:9 layout, in inches,
 * with the title at the top and the clip in the largest box of its aspect ratio below it. Pure,
 * so the app's deck (renderer/src/export/lessonDeck.ts) and the CLI's (cli/src/render/pptx.ts)
 * can agree.
 */

/** PowerPoint's 16:9 layout (`LAYOUT_WIDE`), in inches. */
export const SLIDE_WIDTH = 13.333;
export const SLIDE_HEIGHT = 7.5;
export const MARGIN = 0.4;
export const TITLE_HEIGHT = 0.9;

/** A box on the slide, in inches. */
export interface DeckBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The title's box: the full width inside the margins, at the top. */
export const TITLE_BOX: DeckBox = {
  x: MARGIN,
  y: MARGIN,
  w: SLIDE_WIDTH - 2 * MARGIN,
  h: TITLE_HEIGHT,
};

/** Where the video goes: the largest box of the clip's aspect ratio below the title, centred. */
export function videoBox(width: number, height: number): DeckBox {
  const top = MARGIN + TITLE_HEIGHT + 0.15;
  const areaW = SLIDE_WIDTH - 2 * MARGIN;
  const areaH = SLIDE_HEIGHT - top - MARGIN;
  const scale = Math.min(areaW / width, areaH / height);
  const w = width * scale;
  const h = height * scale;
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    x: round((SLIDE_WIDTH - w) / 2),
    y: round(top + (areaH - h) / 2),
    w: round(w),
    h: round(h),
  };
}
