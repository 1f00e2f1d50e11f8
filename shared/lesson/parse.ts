/**
 * Reading lesson documents. Like scenes (../scene/parse.ts), parsing never throws: a malformed,
 * newer or unusable lesson yields one message naming what is wrong (and on which slide).
 * Every slide's scene goes through parseScene, so it is migrated and checked exactly as a scene
 * file would be.
 */
import { describeZodError } from '../schema.ts';
import { describeJsonError, parseScene } from '../scene/parse.ts';
import { LESSON_VERSION, lessonShapeSchema } from './document.ts';
import type { Lesson, Slide } from './document.ts';

export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; message: string };

/** Validates a parsed JSON value as a lesson. Never throws. */
export function parseLesson(value: unknown): LessonParse {
  try {
    return parseUnchecked(value);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The lesson could not be read: ${detail}` };
  }
}

function parseUnchecked(value: unknown): LessonParse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Not a Descent Studio lesson: expected a JSON object.' };
  }
  const raw = value as { version?: unknown; slides?: unknown };
  if (typeof raw.version !== 'number') {
    return { ok: false, message: 'Not a Descent Studio lesson: the "version" field is missing.' };
  }
  if (!Array.isArray(raw.slides)) {
    // A scene file opened as a lesson is the likeliest mistake: say so.
    const hint = 'runs' in raw || 'problem' in raw ? ' (this looks like a scene file)' : '';
    return {
      ok: false,
      message: `Not a Descent Studio lesson: the "slides" list is missing${hint}.`,
    };
  }
  if (raw.version > LESSON_VERSION) {
    return {
      ok: false,
      message: `This lesson was saved by a newer Descent Studio (lesson format ${raw.version}); this version reads format ${LESSON_VERSION} and older. Please update the app.`,
    };
  }
  const shape = lessonShapeSchema.safeParse(value);
  if (!shape.success) {
    return { ok: false, message: `The lesson file is damaged: ${describeZodError(shape.error)}` };
  }
  const slides: Slide[] = [];
  const ids = new Set<string>();
  for (const [index, slide] of shape.data.slides.entries()) {
    const where = `Slide ${index + 1}${slide.title ? ` (“${slide.title}”)` : ''}`;
    if (ids.has(slide.id)) {
      return { ok: false, message: `${where} repeats the id "${slide.id}" of an earlier slide.` };
    }
    ids.add(slide.id);
    const scene = parseScene(slide.scene);
    if (!scene.ok) return { ok: false, message: `${where}: ${scene.message}` };
    slides.push({ id: slide.id, title: slide.title, notes: slide.notes, scene: scene.scene });
  }
  return {
    ok: true,
    lesson: { version: LESSON_VERSION, title: shape.data.title, slides },
  };
}

/** Parses lesson text (file contents); a leading byte-order mark is ignored. */
export function parseLessonText(text: string): LessonParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, message: `The lesson file is not valid JSON${describeJsonError(body)}.` };
  }
  return parseLesson(value);
}
