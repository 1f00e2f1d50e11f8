/** `npm start -- --present LESSON`: argument handling, the desktop hand-over and the browser fallback. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isLessonFile,
  main,
  parseStartArgs,
  PRESENT_LESSON_PATH,
  presentUrl,
  serveWithLesson,
} from './start.mjs';
import type { StartDeps } from './start.mjs';

const ROOT = '/repo';
const LESSON = resolve('/home/u', 'talk.descent-lesson.json');

function fakeDeps(overrides: Partial<StartDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Set<string>([join(ROOT, 'dist', 'web', 'index.html'), LESSON]);
  const deps: StartDeps = {
    root: ROOT,
    env: { DISPLAY: ':0' },
    platform: 'linux',
    cwd: '/home/u',
    log: (line) => out.push(line),
    error: (line) => err.push(line),
    exists: (p) => files.has(p),
    readText: () => {
      throw new Error('ENOENT');
    },
    mtime: (p) => (p.endsWith('index.html') ? 2000 : 1000),
    list: () => [join(ROOT, 'renderer', 'src', 'main.tsx')],
    run: vi.fn(() => 0),
    serve: vi.fn(async () => ({ url: 'http://127.0.0.1:4321/', close: async () => undefined })),
    openUrl: vi.fn(),
    ...overrides,
  };
  return { deps, out, err };
}

describe('--present arguments', () => {
  it.each([
    [['--present', 'talk.descent-lesson.json'], 'talk.descent-lesson.json'],
    [['--present=talk.descent-lesson.json'], 'talk.descent-lesson.json'],
    [['--browser', '--present', 'T.DESCENT-LESSON', 'bowl.descent.json'], 'T.DESCENT-LESSON'],
  ])('%j presents %s', (argv, lesson) => {
    const parsed = parseStartArgs(argv);
    expect('options' in parsed && parsed.options.present).toBe(lesson);
  });

  it.each([[['--present']], [['--present', '--browser']], [['--present', 'bowl.descent.json']]])(
    '%j is refused',
    (argv) => {
      expect(parseStartArgs(argv)).toEqual({
        error: expect.stringMatching(/--present needs a lesson/),
      });
    },
  );

  it('knows lesson file names', () => {
    expect(isLessonFile('a.descent-lesson.json')).toBe(true);
    expect(isLessonFile('a.descent.json')).toBe(false);
  });

  it('exits 2 when the lesson does not exist', async () => {
    const { deps, err } = fakeDeps();
    expect(await main(['--present', 'gone.descent-lesson.json'], deps)).toBe(2);
    expect(err[0]).toMatch(/does not exist.*gone\.descent-lesson\.json/);
    expect(deps.serve).not.toHaveBeenCalled();
  });
});

describe('--present in the desktop app', () => {
  it('passes --present=<absolute path> to Electron as one argument', async () => {
    const binary = join(ROOT, 'node_modules', 'electron', 'dist', 'electron');
    const { deps } = fakeDeps({
      readText: (p) => {
        if (p.endsWith('path.txt')) return 'electron';
        throw new Error('ENOENT');
      },
      exists: (p) => p === binary || p === LESSON,
    });
    expect(await main(['--present', 'talk.descent-lesson.json'], deps)).toBe(0);
    const env = (deps.run as ReturnType<typeof vi.fn>).mock.calls[0]![2] as Record<string, string>;
    expect(JSON.parse(env['ELECTRON_CLI_ARGS']!)).toEqual([`--present=${LESSON}`]);
  });
});

describe('--present in the browser build', () => {
  it('serves the lesson beside the page and opens the page presenting it', async () => {
    const { deps, out } = fakeDeps();
    expect(await main(['--present', 'talk.descent-lesson.json'], deps)).toBeNull();
    expect(deps.serve).toHaveBeenCalledWith(join(ROOT, 'dist', 'web'), 0, LESSON);
    const url = presentUrl('http://127.0.0.1:4321/');
    expect(url).toBe(`http://127.0.0.1:4321/?present=${encodeURIComponent(PRESENT_LESSON_PATH)}`);
    expect(new URL(url).searchParams.get('present')).toBe(PRESENT_LESSON_PATH);
    expect(deps.openUrl).toHaveBeenCalledWith(url);
    expect(out.join('\n')).toContain(url);
  });

  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('the server answers the fixed path with the lesson and everything else from the build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-start-'));
    const web = join(dir, 'web');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>app</title>');
    const lesson = join(dir, 'talk.descent-lesson.json');
    writeFileSync(lesson, '{"version": 1, "title": "Talk", "slides": []}\n');
    const server = await serveWithLesson(web, 0, lesson);
    close = server.close;
    const got = await fetch(new URL(PRESENT_LESSON_PATH, server.url));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await got.text()).toContain('"Talk"');
    const page = await fetch(server.url);
    expect(await page.text()).toContain('<title>app</title>');
    // Only that path: the folder of the lesson is not served.
    expect((await fetch(new URL('/present/other.json', server.url))).status).toBe(404);
    expect((await fetch(new URL(PRESENT_LESSON_PATH, server.url), { method: 'POST' })).status).toBe(
      405,
    );
  });
});
