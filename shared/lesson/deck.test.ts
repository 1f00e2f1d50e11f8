/**
 * The PowerPoint deck built from small fake clips and posters: one slide and one embedded MP4
 * per beat (bytes as given), the cover image, the title on the slide and the notes as speaker
 * notes, on a 16:9 page.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDeck, SLIDE_HEIGHT, SLIDE_WIDTH, videoBox } from './deck.ts';
import type { DeckSlide } from './deck.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** Not a real video: the deck must carry the bytes as they are. */
const fakeMp4 = (n: number): Uint8Array =>
  new Uint8Array([0, 0, 0, 16, ...Buffer.from('ftypisom'), n, n, n, n]);

const text = (files: Record<string, Uint8Array>, name: string): string =>
  new TextDecoder().decode(files[name]);

describe('PowerPoint deck', () => {
  it('has one slide, one MP4 and one cover per beat, titles on the slides and notes', async () => {
    const slides: DeckSlide[] = [
      { title: 'Descent (1/2)', notes: 'Say: steps & <slopes>', video: fakeMp4(1), poster: PNG },
      { title: 'Descent (2/2)', notes: 'Say: steps & <slopes>', video: fakeMp4(2), poster: PNG },
      { title: 'Slope of x²', notes: 'Point at the line.', video: fakeMp4(3), poster: PNG },
    ];
    const bytes = await buildDeck({ title: 'Lesson', width: 320, height: 180, slides });
    const files = unzipSync(bytes);
    const names = Object.keys(files);
    const slideXml = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort();
    expect(slideXml).toEqual([1, 2, 3].map((n) => `ppt/slides/slide${n}.xml`));
    const videos = names.filter((n) => /^ppt\/media\/.+\.mp4$/.test(n)).sort();
    expect(videos).toHaveLength(3);
    expect(videos.map((n) => files[n]![12])).toEqual([1, 2, 3]);
    expect(names.filter((n) => /^ppt\/media\/.+\.png$/.test(n))).toHaveLength(3);
    for (const [i, s] of slides.entries()) {
      const xml = text(files, `ppt/slides/slide${i + 1}.xml`);
      expect(xml).toContain(`<a:t>${s.title}</a:t>`);
      expect(xml).toContain('<a:videoFile');
      const notes = text(files, `ppt/notesSlides/notesSlide${i + 1}.xml`);
      expect(notes).toContain(i < 2 ? 'Say: steps &amp; &lt;slopes&gt;' : 'Point at the line.');
    }
    // The cover of each video is its own PNG, linked from the slide.
    expect(text(files, 'ppt/slides/_rels/slide1.xml.rels')).toMatch(
      /relationships\/image" Target="..\/media\/[^"]+\.png"/,
    );
    // 16:9, PowerPoint's wide layout.
    const presentation = text(files, 'ppt/presentation.xml');
    const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(presentation);
    expect(Number(size![1]) / Number(size![2])).toBeCloseTo(16 / 9, 2);
  });

  it('fits the video below the title, keeping the clip’s shape', () => {
    for (const [w, h] of [
      [1920, 1080],
      [1080, 1080],
      [640, 360],
    ] as const) {
      const box = videoBox(w, h);
      expect(box.w / box.h).toBeCloseTo(w / h, 2);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w).toBeLessThanOrEqual(SLIDE_WIDTH);
      expect(box.y).toBeGreaterThan(1);
      expect(box.y + box.h).toBeLessThanOrEqual(SLIDE_HEIGHT);
    }
  });
});
