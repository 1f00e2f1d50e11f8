/**
 * The lesson HTML file (`descent render … -o NAME.html`, and the app's HTML export, which fills
 * the page with the same shared/lesson/page.ts): the lesson goes into the player page's JSON slot
 * so that nothing in it can break out of the element, the title is escaped, and the file is
 * written atomically. The player page itself is built by vite (slow), so most tests use
 * a stand-in page with the same slots; the real page is checked in e2e/lesson-html.spec.ts.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../../node/atomic-write.ts';
import type { AtomicFs } from '../../../node/atomic-write.ts';
import { OutputError } from '../../../node/output-files.ts';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import type { Lesson } from '../../../shared/lesson/document.ts';
import { parseLessonText } from '../../../shared/lesson/parse.ts';
import {
  escapeHtml,
  LESSON_SLOT,
  lessonPage,
  lessonScriptText,
  TEMPLATE_TITLE,
} from '../../../shared/lesson/page.ts';
import { writeLessonHtml } from './html.ts';

const PLAYER_HTML = fileURLToPath(new URL('../../../renderer/player.html', import.meta.url));

/** A stand-in for the built player page: its slots, and inline code as vite-plugin-singlefile writes it. */
const TEMPLATE = [
  '<!doctype html>',
  '<html lang="en">',
  '  <head>',
  '    <meta charset="UTF-8" />',
  `    ${TEMPLATE_TITLE}`,
  '    <script type="module">const s = "\\x3C/script>"; const t = "$&$1";</script>',
  '  </head>',
  '  <body>',
  `    ${LESSON_SLOT}`,
  '    <div id="root"></div>',
  '  </body>',
  '</html>',
  '',
].join('\n');

const HOSTILE = '</script><script>alert(1)</script> <!-- <script> $& $1 \u2028 é η';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-html-'));
}

function io(
  overrides: { template?: () => Promise<string>; fs?: AtomicFs; now?: () => number } = {},
) {
  return {
    io: { template: () => Promise.resolve(TEMPLATE), fs: nodeFs, now: Date.now, ...overrides },
  };
}

/** A lesson whose notes and titles try to break out of the page. */
function hostileLesson(): Lesson {
  const lesson = calculusLesson();
  lesson.title = `Calculus <b>for</b> "ML" & friends ${HOSTILE}`;
  lesson.slides[0]!.notes = `Say this. ${HOSTILE}`;
  lesson.slides[1]!.title = HOSTILE;
  return lesson;
}

/**
 * The lesson slot's text as a browser reads it: a script element's text runs up to the first
 * `</script` (case-insensitive), whatever it looks like.
 */
function slotText(html: string): string {
  const open = '<script type="application/json" id="descent-lesson">';
  const at = html.indexOf(open);
  expect(at, 'the lesson slot').toBeGreaterThanOrEqual(0);
  const start = at + open.length;
  // A regular expression, not toLowerCase(): lower-casing may change the string's length.
  const close = /<\/script/gi;
  close.lastIndex = start;
  const end = close.exec(html)?.index ?? html.length;
  return html.slice(start, end);
}

function titleText(html: string): string {
  return /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
}

describe('lessonScriptText / lessonPage', () => {
  it('writes no "<" in the lesson slot, and the JSON still parses to the same lesson', () => {
    const lesson = hostileLesson();
    const text = lessonScriptText(lesson);
    expect(text).not.toContain('<');
    expect(text).toContain('\\u003c/script>');
    const parsed = parseLessonText(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.lesson).toEqual(lesson);
  });

  it('escapes the title', () => {
    expect(escapeHtml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;');
    const page = lessonPage(TEMPLATE, hostileLesson());
    const title = titleText(page);
    expect(title).not.toMatch(/[<>]/);
    expect(title.startsWith('Calculus &lt;b&gt;for&lt;/b&gt; &quot;ML&quot; &amp; friends')).toBe(
      true,
    );
    // The page keeps exactly one title and one (filled) lesson slot.
    expect(page.match(/<title>/g)).toHaveLength(1);
    expect(page).not.toContain(LESSON_SLOT);
  });

  it('keeps the rest of the page byte for byte ($-patterns included)', () => {
    const lesson = hostileLesson();
    const page = lessonPage(TEMPLATE, lesson);
    const filled = page
      .replace(slotText(page), '')
      .replace(`<title>${titleText(page)}</title>`, TEMPLATE_TITLE);
    expect(filled).toBe(TEMPLATE);
  });

  it('falls back to "Lesson" for an empty title (as the player does)', () => {
    const lesson = calculusLesson();
    lesson.title = '  ';
    expect(titleText(lessonPage(TEMPLATE, lesson))).toBe('Lesson');
  });

  it('refuses a page without exactly one lesson slot or title', () => {
    const lesson = calculusLesson();
    expect(() => lessonPage(TEMPLATE.replace(LESSON_SLOT, ''), lesson)).toThrow(/exactly one/);
    expect(() => lessonPage(TEMPLATE + LESSON_SLOT, lesson)).toThrow(/exactly one/);
    expect(() => lessonPage(TEMPLATE.replace(TEMPLATE_TITLE, ''), lesson)).toThrow(/exactly one/);
  });

  it('finds both slots in the player page source (renderer/player.html)', () => {
    const source = readFileSync(PLAYER_HTML, 'utf8');
    expect(() => lessonPage(source, calculusLesson())).not.toThrow();
  });

  // The built page (dist/player) is written and read back by e2e/lesson-html.spec.ts.
});

describe('writeLessonHtml', () => {
  it('writes the page; the lesson round-trips through the file', async () => {
    const dir = folder();
    const output = join(dir, 'lesson.html');
    const lesson = hostileLesson();
    const result = await writeLessonHtml(lesson, output, io());
    expect(result.path).toBe(output);
    const html = readFileSync(output, 'utf8');
    const parsed = parseLessonText(slotText(html));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.lesson).toEqual(lesson);
    expect(titleText(html)).toBe(escapeHtml(lesson.title));
    // Nothing but the file itself is left in the folder.
    expect(readdirSync(dir)).toEqual(['lesson.html']);
  });

  it('says where it wrote as the path was given', async () => {
    const output = relative(process.cwd(), join(folder(), 'lesson.html'));
    expect((await writeLessonHtml(calculusLesson(), output, io())).path).toBe(output);
    expect(existsSync(output)).toBe(true);
  });

  it('reports the size in bytes (not characters)', async () => {
    const dir = folder();
    const output = join(dir, 'lesson.html');
    const lesson = calculusLesson();
    lesson.title = 'η — the step size';
    const { bytes } = await writeLessonHtml(lesson, output, io());
    expect(bytes).toBe(statSync(output).size);
    expect(bytes).toBe(Buffer.byteLength(readFileSync(output, 'utf8')));
    expect(bytes).toBeGreaterThan(readFileSync(output, 'utf8').length);
  });

  it('replaces an existing file', async () => {
    const dir = folder();
    const output = join(dir, 'lesson.html');
    writeFileSync(output, 'old');
    await writeLessonHtml(calculusLesson(), output, io());
    expect(readFileSync(output, 'utf8')).toContain('descent-lesson');
    expect(readdirSync(dir)).toEqual(['lesson.html']);
  });

  it('leaves an existing file as it was when the player cannot be built', async () => {
    const dir = folder();
    const output = join(dir, 'lesson.html');
    writeFileSync(output, 'old');
    const failing = io({ template: () => Promise.reject(new Error('vite exited with 1')) });
    await expect(writeLessonHtml(calculusLesson(), output, failing)).rejects.toThrow(
      'vite exited with 1',
    );
    expect(readFileSync(output, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['lesson.html']);
  });

  it('leaves an existing file as it was, and no temporary file, when writing fails', async () => {
    const errno = (code: string) => Object.assign(new Error(code), { code });
    const failures: [string, AtomicFs][] = [
      // The folder is not writable (the temporary file cannot be created).
      [
        'open',
        {
          ...nodeFs,
          open: (path, flags, mode) =>
            flags === 'wx' ? Promise.reject(errno('EACCES')) : nodeFs.open(path, flags, mode),
        },
      ],
      // The temporary file is complete but cannot be renamed over the old one.
      ['rename', { ...nodeFs, rename: () => Promise.reject(errno('EACCES')) }],
    ];
    for (const [what, fs] of failures) {
      const dir = folder();
      const output = join(dir, 'lesson.html');
      writeFileSync(output, 'old');
      const error: unknown = await writeLessonHtml(calculusLesson(), output, io({ fs })).catch(
        (e: unknown) => e,
      );
      expect(error, what).toBeInstanceOf(OutputError);
      expect((error as Error).message, what).toMatch(/Permission denied/);
      expect(readFileSync(output, 'utf8'), what).toBe('old');
      expect(readdirSync(dir), what).toEqual(['lesson.html']);
    }
  });

  it('removes what a killed earlier render left behind', async () => {
    const dir = folder();
    const output = join(dir, 'lesson.html');
    const leftover = join(dir, '.lesson.html.0123456789ab.tmp');
    writeFileSync(leftover, 'half a page');
    // Written to just now: it may be another render's, running, and stays.
    await writeLessonHtml(calculusLesson(), output, io());
    expect(readdirSync(dir).sort()).toEqual(['.lesson.html.0123456789ab.tmp', 'lesson.html']);
    // Ten minutes later nobody is writing it any more.
    const later = () => Date.now() + 10 * 60_000;
    await writeLessonHtml(calculusLesson(), output, io({ now: later }));
    expect(readdirSync(dir)).toEqual(['lesson.html']);
  });

  it('refuses a folder that does not exist', async () => {
    const output = join(folder(), 'missing', 'lesson.html');
    await expect(writeLessonHtml(calculusLesson(), output, io())).rejects.toBeInstanceOf(
      OutputError,
    );
    expect(existsSync(output)).toBe(false);
  });
});
