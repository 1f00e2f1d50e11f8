/**
 * The PowerPoint deck of a lesson render, built with pptxgenjs (no hand-written OOXML): one
 * 16:9 slide per beat with the beat's title, its clip embedded as an H.264 MP4 whose cover
 * (what the slide shows before it plays) is the clip's first frame, and the slide's notes as
 * speaker notes. Pure bytes in, bytes out: the caller renders the clips and writes the file.
 *
 * The videos start when clicked. pptxgenjs 4 writes no slide timing (`<p:timing>`), which is
 * where PowerPoint keeps "Start: Automatically", so a deck that plays by itself cannot be
 * written through it; in PowerPoint, select the videos and set Playback › Start.
 */
import PptxGenJS from 'pptxgenjs';
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

export { SLIDE_HEIGHT, SLIDE_WIDTH, videoBox } from '../../../shared/lesson/deckLayout.ts';

const dataUrl = (mime: string, bytes: Uint8Array): string =>
  `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;

/** Builds the .pptx file. */
export async function buildPptx(deck: Deck): Promise<Uint8Array> {
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
  return out;
}
