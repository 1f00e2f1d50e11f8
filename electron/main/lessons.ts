/**
 * Lesson files in the main process: the pure parts (dialog filter, file names, reading and
 * checking a lesson file). The requests themselves (open, save, the unsaved-changes question)
 * live beside the scene ones in files.ts, which they share windows and sessions with.
 */
import { extname } from 'node:path';
import type { FileFilter } from 'electron';
import { isLessonPath } from '../../shared/bridge.ts';
import { LESSON_EXTENSION } from '../../shared/lesson/document.ts';
import { parseLessonText } from '../../shared/lesson/parse.ts';
import type { Lesson } from '../../shared/lesson/document.ts';
import { SCENE_EXTENSION } from '../../shared/scene/document.ts';
import { nodeReadFs, readDocumentText, suggestedDocumentName } from './document-read.ts';
import type { ReadFs } from './document-read.ts';

/** Largest lesson file opened: 300 slides of a few KB each, with room to spare. */
export const MAX_LESSON_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Dialog filter. As for scenes, the extensions are single ones (`json`, `descent-lesson`)
 * because macOS and Windows dialogs understand no others; {@link withLessonExtension} adds
 * `.descent-lesson.json` on save.
 */
export const LESSON_FILTERS: FileFilter[] = [
  {
    name: `Descent Studio lesson (*${LESSON_EXTENSION})`,
    extensions: ['json', 'descent-lesson'],
  },
  { name: 'All files', extensions: ['*'] },
];

/**
 * `filePath` ending in a lesson extension: kept; `name.descent.json` and `name.json` become
 * `name.descent-lesson.json`; anything else gets the extension appended (Linux dialogs add
 * none).
 */
export function withLessonExtension(filePath: string): string {
  if (isLessonPath(filePath)) return filePath;
  if (filePath.toLowerCase().endsWith(SCENE_EXTENSION)) {
    return filePath.slice(0, -SCENE_EXTENSION.length) + LESSON_EXTENSION;
  }
  if (extname(filePath).toLowerCase() === '.json') return filePath.slice(0, -5) + LESSON_EXTENSION;
  return filePath + LESSON_EXTENSION;
}

/** A file name for an unsaved lesson, from its title: "Calculus for ML" → calculus-for-ml.descent-lesson.json. */
export function suggestedLessonFileName(title: string): string {
  return suggestedDocumentName(title, 'lesson', LESSON_EXTENSION);
}

/** The result of reading a lesson file: its text (sent to the renderer) and the lesson. */
export type LessonRead =
  { ok: true; text: string; lesson: Lesson } | { ok: false; message: string; missing: boolean };

/**
 * Reads and validates a lesson file. Never throws: a missing, oversized, unreadable or
 * malformed file (a scene opened as a lesson included) yields a message that says which.
 */
export async function readLessonFile(
  filePath: string,
  fs: ReadFs = nodeReadFs,
): Promise<LessonRead> {
  const read = await readDocumentText(filePath, MAX_LESSON_FILE_BYTES, 'lesson', fs);
  if (!read.ok) return read;
  const parsed = parseLessonText(read.text);
  if (!parsed.ok) return { ok: false, message: parsed.message, missing: false };
  return { ok: true, text: read.text, lesson: parsed.lesson };
}
