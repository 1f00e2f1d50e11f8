/**
 * The lesson player page filled with a lesson: one self-contained HTML file that plays the lesson
 * in present mode. The player (renderer/player.html, built into one file by
 * renderer/vite.player.config.ts) has an empty JSON slot and a fixed title; both the CLI
 * (`descent render … -o NAME.html`) and the app (File ▸ Export Lesson ▸ HTML) put the lesson
 * into that slot and its title into the page's title, here, so the two files are the same.
 */
import type { Lesson } from './document.ts';

/**
 * The player page's file name where it ships with the app, next to the app's index.html
 * (renderer/vite.config.ts puts it there).
 */
export const PLAYER_FILE = 'lesson-player.html';

/** The empty lesson slot of the player page (renderer/player.html). */
export const LESSON_SLOT = '<script type="application/json" id="descent-lesson"></script>';
/** The player page's own title, replaced by the lesson's. */
export const TEMPLATE_TITLE = '<title>Descent Studio</title>';

/** Text as HTML character data or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The lesson as the text of a JSON `<script>` element. Every `<` is written `\u003c` (the same
 * string to JSON.parse), so no note or title can end the element (`</script>`) or open an
 * HTML comment that would change where it ends (`<!--`).
 */
export function lessonScriptText(lesson: Lesson): string {
  // Compact (no indentation): the page carries it, nobody edits it there.
  return JSON.stringify(lesson).replace(/</g, '\\u003c');
}

/** Replaces the single occurrence of `marker` in `page`, or fails naming what is missing. */
function replaceOnce(page: string, marker: string, replacement: string): string {
  const at = page.indexOf(marker);
  if (at < 0 || page.indexOf(marker, at + marker.length) >= 0) {
    throw new Error(
      `the lesson player page does not have exactly one ${marker}: it is not a player build of this version (rebuild it with npm run build:player)`,
    );
  }
  // Sliced, not String.replace: `$&`-style patterns in a lesson must stay as written.
  return page.slice(0, at) + replacement + page.slice(at + marker.length);
}

/** The player page with `lesson` in it and the lesson's title as the page's title. */
export function lessonPage(template: string, lesson: Lesson): string {
  const titled = replaceOnce(
    template,
    TEMPLATE_TITLE,
    `<title>${escapeHtml(lesson.title.trim() || 'Lesson')}</title>`,
  );
  return replaceOnce(
    titled,
    LESSON_SLOT,
    `<script type="application/json" id="descent-lesson">${lessonScriptText(lesson)}</script>`,
  );
}
