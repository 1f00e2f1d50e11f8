/**
 * The PowerPoint deck of a lesson, built with pptxgenjs (no hand-written OOXML): one 16:9 slide
 * per beat with the beat's title, its clip embedded as an H.264 MP4 whose cover (what the slide
 * shows before it plays) is the clip's first frame, and the slide's notes as speaker notes.
 * Bytes in, bytes out, with no Node API: the app (renderer/src/export/lessonExport.ts) and
 * `descent render LESSON -o x.pptx` (cli/src/render/lesson-command.ts) render the clips and
 * write the file, and build the same deck here.
 *
 * The videos start when clicked. pptxgenjs 4 writes no slide timing (`<p:timing>`), which is
 * where PowerPoint keeps "Start: Automatically", so a deck that plays by itself cannot be
 * written through it; in PowerPoint, select the videos and set Playback › Start.
 *
 * pptxgenjs is loaded with a dynamic import, so the app fetches it only when a deck is built
 * and it never sits in the editor's main chunk.
 */

/** One slide of the deck. */
export interface DeckSlide {
  title: string;
  notes: string;
  /** The clip: an H.264 MP4. */
  video: Uint8Array;
  /** Its first frame as a PNG (the cover shown before it plays). */
  poster: Uint8Array;
}

/** The deck as a whole. */
export interface Deck {
  title: string;
  /** Pixel size of the clips (their aspect ratio sets the video's box). */
  width: number;
  height: number;
  slides: readonly DeckSlide[];
}

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

/** Bytes per `String.fromCharCode` call: well below any engine's argument limit. */
const CHUNK = 0x8000;

/** Base64 of `bytes`, without Node's Buffer (`btoa`, or `toBase64` where it exists). */
export function base64Of(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.byteLength; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

const dataUrl = (mime: string, bytes: Uint8Array): string =>
  `data:${mime};base64,${base64Of(bytes)}`;

/** Builds the .pptx file. */
export async function buildDeck(deck: Deck): Promise<Uint8Array<ArrayBuffer>> {
  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.title;
  pptx.subject = deck.title;
  pptx.company = 'Descent Studio';
  const box = videoBox(deck.width, deck.height);
  for (const [i, s] of deck.slides.entries()) {
    const slide = pptx.addSlide();
    slide.addText(s.title, {
      ...TITLE_BOX,
      fontSize: 28,
      bold: true,
      fit: 'shrink',
      valign: 'middle',
      objectName: 'Title',
    });
    slide.addMedia({
      type: 'video',
      data: dataUrl('video/mp4', s.video),
      extn: 'mp4',
      cover: dataUrl('image/png', s.poster),
      objectName: `Clip ${i + 1}`,
      ...box,
    });
    // Every beat's slide carries the notes: the lecturer may be on any of them.
    if (s.notes.trim()) slide.addNotes(s.notes);
  }
  const out = await pptx.write({ outputType: 'uint8array' });
  if (!(out instanceof Uint8Array)) throw new Error('pptxgenjs returned no bytes');
  return new Uint8Array(out);
}
