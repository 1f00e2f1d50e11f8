/**
 * Placeholder: `descent render … -o NAME.html` writes one self-contained HTML file that plays a
 * lesson (or one scene) in present mode. Being built (issue 13).
 */
import type { Lesson } from '../../../shared/lesson/document.ts';

export async function writeLessonHtml(
  _lesson: Lesson,
  _output: string,
): Promise<{ path: string; bytes: number }> {
  await Promise.resolve();
  throw new Error('HTML output is not available yet.');
}
