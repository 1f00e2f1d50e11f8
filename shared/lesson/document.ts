/**
 * The lesson document: an ordered list of slides, each a complete scene with a title and
 * speaker notes. A slide's beats are its scene's timeline markers: the points where present
 * mode stops and where the PowerPoint hand-over cuts one slide per clip (the same boundaries
 * the clip export uses, shared/export/plan.ts clipBoundaries).
 *
 * Saved as `.descent-lesson.json`. Pure TypeScript (no DOM, no Node).
 */
import { z } from 'zod';
import { timelineEnd } from '../scene/document.ts';
import type { Scene } from '../scene/document.ts';
import { clipBoundaries } from '../export/plan.ts';

/** Format version written by this app; older versions are migrated, newer ones refused. */
export const LESSON_VERSION = 1;

/** The lesson file extension (the file association matches the last part, see electron-builder). */
export const LESSON_EXTENSION = '.descent-lesson.json';

/** True for a file name a lesson is saved under (case-insensitive). */
export function isLessonFileName(name: string): boolean {
  return name.toLowerCase().endsWith(LESSON_EXTENSION);
}

/** Most slides one lesson may hold (a long lecture has 40; this is a sanity bound). */
export const MAX_SLIDES = 300;

/**
 * One slide as stored. `scene` is validated separately by parseScene (migration and meaning
 * checks), so the schema here only requires an object.
 */
export const slideShapeSchema = z.object({
  /** Stable id (keys in lists, links between windows); unique within the lesson. */
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  /** Speaker notes: shown in the presenter window and written as PowerPoint notes. */
  notes: z.string().max(20_000),
  scene: z.record(z.string(), z.unknown()),
});

export const lessonShapeSchema = z.object({
  version: z.number().int(),
  title: z.string().max(200),
  slides: z.array(slideShapeSchema).max(MAX_SLIDES),
});

export interface Slide {
  id: string;
  title: string;
  notes: string;
  scene: Scene;
}

export interface Lesson {
  version: typeof LESSON_VERSION;
  title: string;
  slides: Slide[];
}

/** A lesson with no slides yet. */
export function emptyLesson(title = 'Untitled lesson'): Lesson {
  return { version: LESSON_VERSION, title, slides: [] };
}

/** Serialises a lesson for saving (stable key order, two-space indent, trailing newline). */
export function serializeLesson(lesson: Lesson): string {
  return JSON.stringify(lesson, null, 2) + '\n';
}

/**
 * The stops of a slide: playhead positions present mode halts at, ascending. The first is
 * where the slide opens (step 0), the last is the end of its animation; the markers strictly
 * between split it. A scene that does not move has the single stop 0.
 */
export function slideStops(scene: Scene): number[] {
  return clipBoundaries(scene.timeline.markers, 0, timelineEnd(scene));
}

/**
 * The beats of a slide: the stretches between consecutive stops, each one PowerPoint slide
 * and one clip. A slide that does not move has one beat, a still.
 */
export function slideBeats(scene: Scene): { from: number; to: number }[] {
  const stops = slideStops(scene);
  if (stops.length === 1) return [{ from: stops[0]!, to: stops[0]! }];
  const beats: { from: number; to: number }[] = [];
  for (let i = 0; i + 1 < stops.length; i++) beats.push({ from: stops[i]!, to: stops[i + 1]! });
  return beats;
}

/** An id not used by any slide of `slides` (`slide-N`, the smallest free N from `slides.length + 1`). */
export function freeSlideId(slides: readonly { id: string }[]): string {
  const used = new Set(slides.map((s) => s.id));
  let n = slides.length + 1;
  while (used.has(`slide-${n}`)) n++;
  return `slide-${n}`;
}
