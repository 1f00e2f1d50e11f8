/**
 * The PowerPoint deck of a lesson, built in the page with pptxgenjs: one 16:9 slide per beat
 * with the beat's title, its clip embedded as an H.264 MP4 whose cover is the clip's first frame,
 * and the slide's notes as speaker notes. The same deck as `descent render LESSON -o x.pptx`
 * (cli/src/render/pptx.ts, same layout: shared/lesson/deckLayout.ts), without Node's Buffer.
 *
 * pptxgenjs is loaded with a dynamic import, so it is fetched only when a deck is built and
 * never sits in the editor's main chunk.
 */
import { TITLE_BOX, videoBox } from '../../../shared/lesson/deckLayout.ts';

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

/** Bytes per `String.fromCharCode` call: well below any engine's argument limit. */
const CHUNK = 0x8000;

/** Base64 of `bytes`, without Node's Buffer (the browser's `btoa`, or `toBase64` where it exists). */
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
