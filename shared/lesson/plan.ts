/**
 * The plan of a lesson export, shared by the app's File ▸ Export Lesson
 * (renderer/src/export/lessonExport.ts) and `descent render LESSON`: every beat of every slide
 * (document.ts slideBeats) becomes one clip, one PowerPoint slide or one numbered file in a folder, in
 * lesson order. Pure (no browser, no files): what each clip shows, what it is called, which
 * settings render it, and the `titles.txt` that goes with a folder of clips.
 */
import { safeBaseName } from '../export/names.ts';
import type { ExportSettings } from '../export/settings.ts';
import { slideBeats } from './document.ts';
import type { Lesson, Slide } from './document.ts';

/** Seconds a still beat (a slide that does not move) lasts as a clip, at least. */
export const STILL_SECONDS = 1;

/** One beat of one slide: one clip, one PowerPoint slide. */
export interface BeatPlan {
  /** 1-based number over the whole lesson (the clip's number in a folder). */
  number: number;
  /** 0-based slide of the lesson, and how many slides there are. */
  slideIndex: number;
  slideCount: number;
  /** 0-based beat of the slide, and how many beats the slide has. */
  beatIndex: number;
  beatCount: number;
  slide: Slide;
  /** The slide's title, with "(2/3)" when the slide has several beats. */
  title: string;
  /** The slide's notes (every beat of a slide carries them). */
  notes: string;
  /** Playhead range of the beat (steps); equal for a still. */
  from: number;
  to: number;
  still: boolean;
  /** File name in a folder of clips: `01-gradient-descent-on-x2-1.mp4`. */
  fileName: string;
}

/** The title of beat `beatIndex` of `beatCount`: the slide's, with a counter when it has several. */
export function beatTitle(title: string, beatIndex: number, beatCount: number): string {
  const base = title.trim() || 'Untitled slide';
  return beatCount > 1 ? `${base} (${beatIndex + 1}/${beatCount})` : base;
}

/**
 * A clip's file name: the zero-padded number (so the files sort in lesson order), the slide's
 * title made file-name safe (shared/export/names.ts), and the beat's number when the slide has
 * several.
 */
export function beatFileName(
  number: number,
  total: number,
  title: string,
  beatIndex: number,
  beatCount: number,
): string {
  const width = Math.max(2, String(total).length);
  const name = safeBaseName(title).toLowerCase().slice(0, 60).replace(/-+$/, '') || 'slide';
  const beat = beatCount > 1 ? `-${beatIndex + 1}` : '';
  return `${String(number).padStart(width, '0')}-${name}${beat}.mp4`;
}

/** Every beat of the lesson, in order. */
export function planLesson(lesson: Lesson): BeatPlan[] {
  const beatsOf = lesson.slides.map((slide) => slideBeats(slide.scene));
  const total = beatsOf.reduce((n, b) => n + b.length, 0);
  const plan: BeatPlan[] = [];
  lesson.slides.forEach((slide, slideIndex) => {
    const beats = beatsOf[slideIndex]!;
    beats.forEach((beat, beatIndex) => {
      const number = plan.length + 1;
      plan.push({
        number,
        slideIndex,
        slideCount: lesson.slides.length,
        beatIndex,
        beatCount: beats.length,
        slide,
        title: beatTitle(slide.title, beatIndex, beats.length),
        notes: slide.notes,
        from: beat.from,
        to: beat.to,
        still: !(beat.to > beat.from),
        fileName: beatFileName(number, total, slide.title, beatIndex, beats.length),
      });
    });
  });
  return plan;
}

/**
 * The settings of a beat's clip: MP4 over the beat's step range. A still (a slide that does not
 * move, whose only stop is step 0) is its one frame held for --hold seconds, at least
 * {@link STILL_SECONDS}.
 */
export function clipSettings(base: ExportSettings, beat: BeatPlan): ExportSettings {
  return {
    ...base,
    kind: 'mp4',
    transparent: false,
    clips: false,
    at: null,
    range: beat.still ? { kind: 'all' } : { kind: 'steps', from: beat.from, to: beat.to },
    hold: beat.still ? Math.max(base.hold, STILL_SECONDS) : base.hold,
  };
}

/** The settings of a beat's poster: a PNG still of its first frame, the same picture as the clip's. */
export function posterSettings(base: ExportSettings, beat: BeatPlan): ExportSettings {
  return {
    ...base,
    kind: 'png',
    transparent: false,
    clips: false,
    orbit: 0,
    range: { kind: 'all' },
    at: beat.from,
  };
}

/**
 * `titles.txt` of a folder of clips: per clip its number, file, title and notes (indented), so a
 * lecturer can paste them into any presentation program.
 */
export function titlesText(lesson: Lesson, plan: readonly BeatPlan[]): string {
  const lines = [`${lesson.title.trim() || 'Lesson'} — ${plan.length} clips`, ''];
  const width = Math.max(2, String(plan.length).length);
  for (const beat of plan) {
    lines.push(`${String(beat.number).padStart(width, '0')}  ${beat.title}`);
    lines.push(`    file: ${beat.fileName}`);
    const notes = beat.notes.trim();
    if (notes) for (const line of notes.split(/\r?\n/)) lines.push(`    ${line}`.trimEnd());
    lines.push('');
  }
  return lines.join('\n');
}
