import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Lesson } from '../../../shared/lesson/document.ts';
import { LESSON_VERSION } from '../../../shared/lesson/document.ts';
import { parseLessonText } from '../../../shared/lesson/parse.ts';
import { LESSON_SLOT, TEMPLATE_TITLE } from '../../../shared/lesson/page.ts';
import { planLesson } from '../../../shared/lesson/plan.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { createAppStore } from '../store/appStore.ts';
import { base64Of, buildDeck } from '../../../shared/lesson/deck.ts';
import {
  buildLessonFile,
  clipsZip,
  defaultLessonExportOptions,
  deckSlides,
  lessonDeck,
  lessonFileName,
  progressLabel,
  TITLES_FILE,
} from './lessonExport.ts';
import type { LessonExportProgress, RenderOne } from './lessonExport.ts';

/** gd-x2 (three beats) and derivative-x2 (a still), as the e2e builds it. */
function twoSlides(): Lesson {
  const gd = presetScene('gd-x2')!;
  const still = presetScene('derivative-x2')!;
  return {
    version: LESSON_VERSION,
    title: 'Week 3: descent',
    slides: [
      { id: 'slide-1', title: 'Descent on x²', notes: 'Point at the overshoot.', scene: gd },
      { id: 'slide-2', title: 'The derivative', notes: '', scene: still },
    ],
  };
}

/** Bytes that say which file they stand for. */
const fake = (what: string): Uint8Array => new TextEncoder().encode(`fake ${what}`);

/** A stand-in for the pipeline: writes one fake file per render and records the settings. */
function fakeRender(
  calls: { kind: string; range: unknown; at: number | null; title: string }[],
): RenderOne {
  return async ({ settings, baseName, sinks, store }) => {
    calls.push({
      kind: settings.kind,
      range: settings.range,
      at: settings.at,
      title: store.getState().scene.title,
    });
    const sink = await sinks.open(`${baseName}.${settings.kind}`, settings.kind);
    await sink!.write(fake(`${baseName}.${settings.kind}`));
    await sink!.finish();
    return { frames: settings.kind === 'mp4' ? 10 : 1 };
  };
}

describe('lesson export plan', () => {
  it('gives one deck slide per beat, with the counted titles and the notes', () => {
    const lesson = twoSlides();
    const plan = planLesson(lesson);
    expect(plan.map((b) => b.title)).toEqual([
      'Descent on x² (1/3)',
      'Descent on x² (2/3)',
      'Descent on x² (3/3)',
      'The derivative',
    ]);
    expect(plan[3]!.still).toBe(true);
    const slides = deckSlides(
      plan,
      plan.map((b) => ({ video: fake(`clip ${b.number}`), poster: fake(`poster ${b.number}`) })),
    );
    expect(slides).toHaveLength(4);
    expect(slides.map((s) => s.notes)).toEqual([
      'Point at the overshoot.',
      'Point at the overshoot.',
      'Point at the overshoot.',
      '',
    ]);
    expect(() => deckSlides(plan, [])).toThrow();
    expect(lessonFileName(lesson, 'pptx')).toBe('Week-3-descent.pptx');
    expect(lessonFileName(lesson, 'clips')).toBe('Week-3-descent-clips.zip');
    expect(lessonFileName(lesson, 'html')).toBe('Week-3-descent.html');
  });

  it('labels the progress by slide and beat', () => {
    const p: LessonExportProgress = {
      phase: 'rendering',
      slide: 3,
      slides: 27,
      beat: 1,
      beats: 2,
      clip: 5,
      clips: 40,
      fraction: 0.1,
    };
    expect(progressLabel(p)).toBe('slide 3/27 · beat 1/2');
  });

  it('encodes base64 without Buffer, also past one chunk', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7) & 0xff);
    expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64Of(new Uint8Array(0))).toBe('');
  });
});

describe('the deck', () => {
  it('holds a slide, an MP4 and the notes per beat', async () => {
    const lesson = twoSlides();
    const plan = planLesson(lesson);
    const rendered = plan.map((b) => ({
      video: fake(`clip ${b.number}`),
      poster: fake(`poster ${b.number}`),
    }));
    const bytes = await buildDeck(lessonDeck(lesson, defaultLessonExportOptions(), plan, rendered));
    const files = unzipSync(bytes);
    const names = Object.keys(files);
    expect(names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(4);
    const media = names.filter((n) => /^ppt\/media\/.*\.mp4$/.test(n));
    expect(media).toHaveLength(4);
    expect(media.map((n) => strFromU8(files[n]!)).sort()).toEqual(
      plan.map((b) => `fake clip ${b.number}`).sort(),
    );
    const notes = names
      .filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))
      .map((n) => strFromU8(files[n]!));
    expect(notes.filter((x) => x.includes('Point at the overshoot.'))).toHaveLength(3);
    const slide1 = strFromU8(files['ppt/slides/slide1.xml']!);
    expect(slide1).toContain('Descent on x² (1/3)');
  });

  it('zips the numbered clips with titles.txt', () => {
    const lesson = twoSlides();
    const plan = planLesson(lesson);
    const zip = unzipSync(
      clipsZip(
        lesson,
        plan,
        plan.map((b) => ({ video: fake(`clip ${b.number}`), poster: null })),
      ),
    );
    expect(Object.keys(zip).sort()).toEqual([...plan.map((b) => b.fileName), TITLES_FILE].sort());
    expect(strFromU8(zip[TITLES_FILE]!)).toContain('Descent on x² (2/3)');
  });
});

describe('buildLessonFile', () => {
  it('renders each beat and its cover from its slide, then puts the editor back', async () => {
    const store = createAppStore();
    const lesson = twoSlides();
    store.getState().openLesson(lesson);
    store.getState().editSlide('slide-2');
    const before = store.getState();
    const calls: { kind: string; range: unknown; at: number | null; title: string }[] = [];
    const progress: string[] = [];
    const file = await buildLessonFile({
      lesson: store.getState().lesson!,
      options: { ...defaultLessonExportOptions(), width: 640, height: 360 },
      store,
      render: fakeRender(calls),
      onProgress: (p) => progress.push(progressLabel(p)),
    });
    const plan = planLesson(lesson);
    expect(calls.filter((c) => c.kind === 'mp4')).toHaveLength(4);
    expect(calls.filter((c) => c.kind === 'png')).toHaveLength(4);
    expect(calls[0]).toMatchObject({
      kind: 'mp4',
      range: { kind: 'steps', from: plan[0]!.from, to: plan[0]!.to },
      title: lesson.slides[0]!.scene.title,
    });
    expect(calls[1]).toMatchObject({ kind: 'png', at: plan[0]!.from });
    expect(calls[6]).toMatchObject({ kind: 'mp4', range: { kind: 'all' } });
    expect(progress).toContain('slide 1/2 · beat 3/3');
    expect(progress).toContain('slide 2/2 · beat 1/1');
    expect(file.kind).toBe('pptx');
    expect(file.beats).toBe(4);
    expect(file.frames).toBe(40);
    const files = Object.keys(unzipSync(file.bytes));
    expect(files.filter((n) => /^ppt\/media\/.*\.mp4$/.test(n))).toHaveLength(4);

    const after = store.getState();
    expect(after.scene).toBe(before.scene);
    expect(after.history).toBe(before.history);
    expect(after.editingSlideId).toBe('slide-2');
    expect(after.revision).toBe(before.revision);
    expect(after.savedRevision).toBe(before.savedRevision);
    expect(after.lesson).toBe(before.lesson);
  });

  it('stops on cancel, with nothing built and the editor put back', async () => {
    const store = createAppStore();
    const lesson = twoSlides();
    store.getState().openLesson(lesson);
    const before = store.getState();
    const ac = new AbortController();
    const calls: { kind: string; range: unknown; at: number | null; title: string }[] = [];
    const inner = fakeRender(calls);
    const render: RenderOne = async (job) => {
      if (calls.length === 2) ac.abort();
      return inner(job);
    };
    await expect(
      buildLessonFile({
        lesson,
        options: { ...defaultLessonExportOptions(), format: 'clips' },
        store,
        render,
        signal: ac.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls.length).toBeLessThan(4);
    expect(store.getState().scene).toBe(before.scene);
    expect(store.getState().editingSlideId).toBe(before.editingSlideId);
    expect(store.getState().lesson).toBe(before.lesson);
  });

  it('names the beat that failed', async () => {
    const store = createAppStore();
    const lesson = twoSlides();
    const render: RenderOne = async ({ store: s }) => {
      if (s.getState().scene === lesson.slides[1]!.scene) throw new Error('no encoder');
      return { frames: 0 };
    };
    await expect(
      buildLessonFile({
        lesson,
        options: { ...defaultLessonExportOptions(), format: 'clips' },
        store,
        render: async (job) => {
          await render(job);
          const sink = await job.sinks.open('x.mp4', 'mp4');
          await sink!.write(fake('x'));
          return { frames: 1 };
        },
      }),
    ).rejects.toThrow('Slide 2 (“The derivative”), beat 1: no encoder');
  });

  it('fills the player page with the lesson for an HTML page, rendering nothing', async () => {
    const store = createAppStore();
    const lesson = twoSlides();
    const calls: { kind: string; range: unknown; at: number | null; title: string }[] = [];
    const template = `<html><head>${TEMPLATE_TITLE}</head><body>${LESSON_SLOT}</body></html>`;
    const file = await buildLessonFile({
      lesson,
      options: { ...defaultLessonExportOptions(), format: 'html' },
      store,
      render: fakeRender(calls),
      playerPage: () => Promise.resolve(template),
    });
    expect(calls).toHaveLength(0);
    expect(file).toMatchObject({ name: 'Week-3-descent.html', kind: 'html', frames: 0 });
    const html = new TextDecoder().decode(file.bytes);
    expect(html).toContain('<title>Week 3: descent</title>');
    const slot = /id="descent-lesson">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const parsed = parseLessonText(slot);
    expect(parsed.ok && parsed.lesson).toEqual(lesson);
  });

  it('says so when this build has no player page', async () => {
    const lesson = twoSlides();
    await expect(
      buildLessonFile({
        lesson,
        options: { ...defaultLessonExportOptions(), format: 'html' },
        store: createAppStore(),
        playerPage: () => Promise.reject(new Error('no lesson player page (lesson-player.html)')),
      }),
    ).rejects.toThrow('lesson-player.html');
  });
});
