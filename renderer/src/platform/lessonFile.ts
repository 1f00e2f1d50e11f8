/**
 * Lesson file names and checks shared by the platform's lesson paths (browser download, file
 * picker, drops) and the slide sorter.
 */
import { isLessonPath } from '../../../shared/bridge.ts';
import { LESSON_EXTENSION } from '../../../shared/lesson/document.ts';

/** A file name for the lesson: its title, made safe, with the lesson extension. */
export function lessonFileName(title: string): string {
  const base = title
    .trim()
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .slice(0, 80);
  return `${base || 'lesson'}${LESSON_EXTENSION}`;
}

/** True for a file name that names a lesson (`.descent-lesson.json`, `.descent-lesson`). */
export function isLessonFileName(name: string): boolean {
  return isLessonPath(name);
}

/** What the lesson file input accepts. */
export const LESSON_ACCEPT = `${LESSON_EXTENSION},.descent-lesson,.json,application/json`;
