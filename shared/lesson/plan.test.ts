/**
 * The plan of a lesson render, without a browser: one clip per beat in lesson order, titles
 * with beat counters, the slide's notes on every beat, file names that sort, the settings of
 * each clip and poster, and titles.txt.
 */
import { describe, expect, it } from 'vitest';
import { defaultExportSettings } from '../export/settings.ts';
import { calculusLesson } from './builtin.ts';
import { LESSON_VERSION, slideBeats } from './document.ts';
import type { Lesson } from './document.ts';
import { presetScene } from '../scene/presets.ts';
import {
  beatFileName,
  beatTitle,
  clipSettings,
  planLesson,
  posterSettings,
  STILL_SECONDS,
  titlesText,
} from './plan.ts';

const lesson: Lesson = {
  version: LESSON_VERSION,
  title: 'Two slides',
  slides: [
    {
      id: 'gd',
      title: '§5 Gradient descent on x²',
      notes: 'Each step moves against the slope.\nAsk: where does it stop?',
      scene: presetScene('gd-x2')!,
    },
    { id: 'slope', title: 'Slope of x²', notes: '', scene: presetScene('derivative-x2')! },
  ],
};

describe('lesson plan', () => {
  it('makes one clip per beat, in lesson order, with counters only where a slide has several', () => {
    const plan = planLesson(lesson);
    // gd-x2 has markers at 0, 1, 2, 3 (three beats); derivative-x2 does not move (one still).
    expect(plan.map((b) => b.title)).toEqual([
      '§5 Gradient descent on x² (1/3)',
      '§5 Gradient descent on x² (2/3)',
      '§5 Gradient descent on x² (3/3)',
      'Slope of x²',
    ]);
    expect(plan.map((b) => [b.number, b.slideIndex, b.beatIndex, b.beatCount])).toEqual([
      [1, 0, 0, 3],
      [2, 0, 1, 3],
      [3, 0, 2, 3],
      [4, 1, 0, 1],
    ]);
    expect(plan.map((b) => [b.from, b.to, b.still])).toEqual([
      [0, 1, false],
      [1, 2, false],
      [2, 3, false],
      [0, 0, true],
    ]);
    // Every beat of a slide carries its notes.
    expect(plan.slice(0, 3).every((b) => b.notes === lesson.slides[0]!.notes)).toBe(true);
    expect(plan.map((b) => b.fileName)).toEqual([
      '01-5-gradient-descent-on-x2-1.mp4',
      '02-5-gradient-descent-on-x2-2.mp4',
      '03-5-gradient-descent-on-x2-3.mp4',
      '04-slope-of-x2.mp4',
    ]);
  });

  it('names files safely and pads numbers to sort', () => {
    expect(beatTitle('  ', 0, 1)).toBe('Untitled slide');
    expect(beatFileName(7, 120, 'Über / “quotes” & more', 1, 2)).toBe('007-uber-quotes-more-2.mp4');
    expect(beatFileName(1, 3, '???', 0, 1)).toBe('01-scene.mp4');
  });

  it('plans the whole built-in lesson: every beat of every slide', () => {
    const builtin = calculusLesson();
    const plan = planLesson(builtin);
    const beats = builtin.slides.reduce((n, s) => n + slideBeats(s.scene).length, 0);
    expect(plan).toHaveLength(beats);
    expect(new Set(plan.map((b) => b.fileName)).size).toBe(beats);
    expect([...plan.map((b) => b.fileName)].sort()).toEqual(plan.map((b) => b.fileName));
  });

  it('renders a beat as MP4 over its steps, a still as a held frame, and a poster at its start', () => {
    const base = { ...defaultExportSettings(), hold: 0, width: 320, height: 180, fps: 24 };
    const [first, , third, still] = planLesson(lesson);
    expect(clipSettings(base, third!)).toMatchObject({
      kind: 'mp4',
      range: { kind: 'steps', from: 2, to: 3 },
      hold: 0,
      clips: false,
      at: null,
    });
    expect(clipSettings(base, still!)).toMatchObject({
      kind: 'mp4',
      range: { kind: 'all' },
      hold: STILL_SECONDS,
    });
    expect(clipSettings({ ...base, hold: 3 }, still!).hold).toBe(3);
    expect(posterSettings(base, first!)).toMatchObject({ kind: 'png', at: 0, width: 320 });
    expect(posterSettings(base, third!).at).toBe(2);
  });

  it('writes titles.txt with number, title, file and notes per clip', () => {
    const text = titlesText(lesson, planLesson(lesson));
    expect(text).toMatch(/^Two slides — 4 clips\n/);
    expect(text).toContain(
      '01  §5 Gradient descent on x² (1/3)\n    file: 01-5-gradient-descent-on-x2-1.mp4\n    Each step moves against the slope.\n    Ask: where does it stop?\n',
    );
    expect(text).toContain('04  Slope of x²\n    file: 04-slope-of-x2.mp4\n');
  });
});
