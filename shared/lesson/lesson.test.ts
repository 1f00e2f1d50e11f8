import { describe, expect, it } from 'vitest';
import { presetScene } from '../scene/presets.ts';
import { defaultScene, SCENE_VERSION } from '../scene/document.ts';
import { calculusLesson } from './builtin.ts';
import {
  emptyLesson,
  freeSlideId,
  isLessonFileName,
  LESSON_VERSION,
  serializeLesson,
  slideBeats,
  slideStops,
} from './document.ts';
import type { Lesson } from './document.ts';
import { parseLesson, parseLessonText } from './parse.ts';

function twoSlides(): Lesson {
  return {
    version: LESSON_VERSION,
    title: 'Two',
    slides: [
      { id: 'a', title: 'GD', notes: 'Say "η".\nThen press →.', scene: presetScene('gd-x2')! },
      { id: 'b', title: 'Saddle', notes: '', scene: presetScene('saddle')! },
    ],
  };
}

describe('lesson documents', () => {
  it('round-trip through their text unchanged', () => {
    const lesson = twoSlides();
    const parse = parseLessonText(serializeLesson(lesson));
    expect(parse).toEqual({ ok: true, lesson });
    // And the text is stable (a second save writes the same bytes).
    if (parse.ok) expect(serializeLesson(parse.lesson)).toBe(serializeLesson(lesson));
  });

  it('the built-in lesson reads back, one slide per chapter preset, §1 to §9 in order', () => {
    const lesson = calculusLesson();
    const parse = parseLessonText(serializeLesson(lesson));
    expect(parse.ok).toBe(true);
    const sections = lesson.slides.map((s) => Number(/^§(\d+)/.exec(s.title)?.[1]));
    expect(sections[0]).toBe(1);
    expect(sections.at(-1)).toBe(9);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(new Set(lesson.slides.map((s) => s.id)).size).toBe(lesson.slides.length);
    // Editing one copy never touches the next one.
    lesson.slides[0]!.scene.title = 'changed';
    expect(calculusLesson().slides[0]!.scene.title).not.toBe('changed');
  });

  it('refuse a newer format, saying so', () => {
    const parse = parseLesson({ ...twoSlides(), version: LESSON_VERSION + 1 });
    expect(parse.ok).toBe(false);
    if (!parse.ok) expect(parse.message).toMatch(/newer Descent Studio.*update/);
  });

  it('refuse malformed documents with a message naming the problem', () => {
    const cases: [unknown, RegExp][] = [
      [[], /expected a JSON object/],
      [{ title: 'x', slides: [] }, /"version" field is missing/],
      [defaultScene(), /"slides" list is missing \(this looks like a scene file\)/],
      [{ version: 1, title: 'x', slides: [{ id: 'a', title: 't', notes: '' }] }, /damaged/],
      [{ version: 1, title: 3, slides: [] }, /damaged: title/],
    ];
    for (const [value, message] of cases) {
      const parse = parseLesson(value);
      expect(parse.ok).toBe(false);
      if (!parse.ok) expect(parse.message).toMatch(message);
    }
    expect(parseLessonText('{"version": 1,').ok).toBe(false);
    const text = parseLessonText('{"version": 1,');
    if (!text.ok) expect(text.message).toMatch(/not valid JSON: .* line 1/);
  });

  it('name the slide whose scene is unusable, and refuse repeated ids', () => {
    const bad = twoSlides() as unknown as { slides: { scene: Record<string, unknown> }[] };
    bad.slides[1]!.scene = { ...bad.slides[1]!.scene, version: SCENE_VERSION + 1 };
    const parse = parseLesson(bad);
    expect(!parse.ok && parse.message).toMatch(/^Slide 2 \(“Saddle”\): .*newer/);
    const twice = twoSlides();
    twice.slides[1]!.id = 'a';
    const repeated = parseLesson(twice);
    expect(!repeated.ok && repeated.message).toMatch(/Slide 2 .* repeats the id "a"/);
  });

  it('a byte-order mark is ignored and an empty lesson is valid', () => {
    const parse = parseLessonText('\uFEFF' + serializeLesson(emptyLesson('Empty')));
    expect(parse.ok && parse.lesson.title).toBe('Empty');
  });
});

describe('beats', () => {
  it('are the stretches between step 0, the markers and the end', () => {
    const gd = presetScene('gd-x2')!;
    expect(slideStops(gd)).toEqual([0, 1, 2, 3]);
    expect(slideBeats(gd)).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 3 },
    ]);
    // Markers past the end or repeated do not make beats of their own.
    const scene = presetScene('bowl-2d')!;
    scene.timeline.markers = [0, 2, 2, 500];
    expect(slideStops(scene)).toEqual([0, 2, 30]);
  });

  it('a scene that does not move is one still beat', () => {
    const still = presetScene('derivative-x2')!;
    expect(slideStops(still)).toEqual([0]);
    expect(slideBeats(still)).toEqual([{ from: 0, to: 0 }]);
  });
});

describe('small helpers', () => {
  it('free slide ids and file names', () => {
    expect(freeSlideId([])).toBe('slide-1');
    expect(freeSlideId([{ id: 'slide-2' }, { id: 'x' }])).toBe('slide-3');
    expect(freeSlideId([{ id: 'slide-2' }, { id: 'slide-3' }])).toBe('slide-4');
    expect(isLessonFileName('Week 3.DESCENT-LESSON.JSON')).toBe(true);
    expect(isLessonFileName('bowl.descent.json')).toBe(false);
  });
});
