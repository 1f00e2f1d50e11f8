import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/bridge.ts';
import type { InvokeMethod } from '../../shared/bridge.ts';
import { serializeLesson } from '../../shared/lesson/document.ts';
import type { Lesson } from '../../shared/lesson/document.ts';
import { parseLessonText } from '../../shared/lesson/parse.ts';
import { defaultScene, serializeScene } from '../../shared/scene/document.ts';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const {
  LESSON_FILTERS,
  MAX_LESSON_FILE_BYTES,
  readLessonFile,
  suggestedLessonFileName,
  withLessonExtension,
} = await import('./lessons.ts');
const { setupFiles } = await import('./files.ts');
const { memoryBackend, Settings } = await import('./settings.ts');
const { setupTitle } = await import('./title.ts');
const { createWindow } = await import('./windows.ts');
const electron = await import('../test/electron-mock.ts');
const { dialog, invokeAs } = electron;
type Win = InstanceType<typeof electron.BrowserWindow>;

const settings = new Settings(memoryBackend(), 'linux');
setupTitle();
const files = setupFiles(settings);

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-lessons-'));
}

function lesson(title = 'Calculus talk'): Lesson {
  return {
    version: 1,
    title,
    slides: [{ id: 'slide-1', title: 'A bowl', notes: 'Say hello', scene: defaultScene() }],
  };
}

function lessonText(title?: string): string {
  return serializeLesson(lesson(title));
}

function lessonFile(dir: string, name = 'talk.descent-lesson.json', text = lessonText()): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function newWindow(): Win {
  return createWindow() as unknown as Win;
}

function invoke(win: Win, method: InvokeMethod, payload?: unknown): Promise<unknown> {
  return invokeAs(win.webContents, INVOKE_CHANNELS[method], payload === undefined ? [] : [payload]);
}

function received(win: Win): [string, unknown][] {
  return win.webContents.send.mock.calls as [string, unknown][];
}

const answer = (response: number) =>
  dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });

beforeEach(() => {
  dialog.showMessageBox.mockClear();
  dialog.showSaveDialog.mockClear();
  dialog.showOpenDialog.mockClear();
  for (const w of [...electron.BrowserWindow.all]) w.destroy();
});

describe('readLessonFile', () => {
  it('reads a valid lesson, keeping its text for the renderer', async () => {
    const path = lessonFile(folder());
    const read = await readLessonFile(path);
    expect(read.ok && read.lesson.title).toBe('Calculus talk');
    expect(read.ok && read.text).toBe(lessonText());
  });

  it.each([
    ['not JSON', '{"version": 1,', /not valid JSON/],
    ['a scene', serializeScene(defaultScene()), /looks like a scene file/],
    ['a newer lesson', JSON.stringify({ ...lesson(), version: 99 }), /newer Descent Studio/],
  ])('refuses %s with a message', async (_what, text, message) => {
    const read = await readLessonFile(lessonFile(folder(), 'x.descent-lesson.json', text));
    expect(read).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it('says when the file is gone, and refuses folders and oversized files unread', async () => {
    expect(await readLessonFile(join(folder(), 'gone.descent-lesson.json'))).toMatchObject({
      ok: false,
      missing: true,
    });
    expect(await readLessonFile(folder())).toMatchObject({
      ok: false,
      message: 'That is not a file.',
    });
    const readFile = vi.fn(async () => '');
    const big = await readLessonFile('/x.descent-lesson.json', {
      stat: async () => ({ size: MAX_LESSON_FILE_BYTES + 1, isFile: () => true }),
      readFile,
    });
    expect(big.ok).toBe(false);
    expect(readFile).not.toHaveBeenCalled();
  });
});

describe('lesson file names', () => {
  it.each([
    ['/a/talk.descent-lesson.json', '/a/talk.descent-lesson.json'],
    ['/a/Talk.DESCENT-LESSON', '/a/Talk.DESCENT-LESSON'],
    ['/a/talk.json', '/a/talk.descent-lesson.json'],
    ['/a/talk.descent.json', '/a/talk.descent-lesson.json'],
    ['/a/talk', '/a/talk.descent-lesson.json'],
  ])('withLessonExtension(%s) = %s', (input, output) =>
    expect(withLessonExtension(input)).toBe(output),
  );

  it('suggests a name from the title and filters the dialogs for lessons', () => {
    expect(suggestedLessonFileName('Calculus for ML')).toBe('calculus-for-ml.descent-lesson.json');
    expect(suggestedLessonFileName('../..')).toBe('lesson.descent-lesson.json');
    expect(LESSON_FILTERS[0]?.name).toBe('Descent Studio lesson (*.descent-lesson.json)');
  });
});

describe('opening lessons', () => {
  it('holds a lesson from outside until the renderer is ready, then delivers its text', async () => {
    const path = lessonFile(folder());
    const win = newWindow();
    await files.openPaths([path]);
    expect(received(win)).toEqual([]);
    await invoke(win, 'ready');
    expect(received(win)).toEqual([
      [
        'lesson:opened',
        {
          text: lessonText(),
          filePath: path,
          fileName: 'talk.descent-lesson.json',
          present: false,
        },
      ],
    ]);
    // The editor shows a slide now, not a scene file: a scene Save must ask where.
    expect(win.title).toBe('Untitled — Descent Studio');
  });

  it('asks to present the lesson --present named', async () => {
    const dir = folder();
    const path = lessonFile(dir);
    const win = newWindow();
    await invoke(win, 'ready');
    await files.openPaths([path], { present: true });
    expect(received(win).at(-1)).toEqual([
      'lesson:opened',
      expect.objectContaining({ filePath: path, present: true }),
    ]);
    // Already open there: presenting again is the menu's Present.
    await files.openPaths([path], { present: true });
    expect(received(win).at(-1)).toEqual(['menu:action', 'view.present']);
  });

  it('opens a dropped lesson, and refuses a broken one with a message, changing nothing', async () => {
    const dir = folder();
    const win = newWindow();
    await invoke(win, 'ready');
    const good = lessonFile(dir);
    expect(await invoke(win, 'openPath', { path: good })).toEqual({
      status: 'ok',
      filePath: good,
      fileName: 'talk.descent-lesson.json',
    });
    win.webContents.send.mockClear();
    const bad = lessonFile(dir, 'bad.descent-lesson', serializeScene(defaultScene()));
    expect(await invoke(win, 'openPath', { path: bad })).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/“bad\.descent-lesson” could not be opened\..*scene file/),
    });
    expect(dialog.showMessageBox).toHaveBeenCalledWith(
      win,
      expect.objectContaining({
        type: 'error',
        message: '“bad.descent-lesson” could not be opened.',
      }),
    );
    expect(received(win)).toEqual([]);
  });

  it('opens through the lesson dialog', async () => {
    const path = lessonFile(folder());
    const win = newWindow();
    await invoke(win, 'ready');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
    expect(await invoke(win, 'openLesson')).toEqual({
      status: 'ok',
      filePath: path,
      fileName: 'talk.descent-lesson.json',
    });
    expect(dialog.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({
      title: 'Open Lesson',
      filters: LESSON_FILTERS,
    });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await invoke(win, 'openLesson')).toEqual({ status: 'canceled' });
    expect(settings.get().recentFiles[0]).toBe(path);
  });

  it('asks before replacing a lesson with unsaved changes', async () => {
    const dir = folder();
    const win = newWindow();
    await invoke(win, 'ready');
    await invoke(win, 'openPath', { path: lessonFile(dir) });
    await invoke(win, 'setDocumentState', { dirty: false, lessonDirty: true });
    answer(2);
    expect(await invoke(win, 'openLesson')).toEqual({ status: 'canceled' });
    expect(dialog.showMessageBox.mock.calls[0]?.[1]).toMatchObject({
      message: 'Do you want to save the changes you made to the lesson “talk.descent-lesson.json”?',
    });
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('saving lessons', () => {
  it('asks where to save an untitled lesson, adds the extension, then saves there', async () => {
    const dir = folder();
    const win = newWindow();
    await invoke(win, 'ready');
    await invoke(win, 'setDocumentState', { dirty: false, lessonDirty: true });
    expect(win.title).toBe('● Untitled — Descent Studio');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'talk') });
    const text = lessonText('My Talk');
    const saved = await invoke(win, 'saveLesson', { text, saveAs: false, untitled: true });
    const path = join(dir, 'talk.descent-lesson.json');
    expect(saved).toEqual({ status: 'ok', filePath: path, fileName: 'talk.descent-lesson.json' });
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      title: 'Save Lesson',
      defaultPath: expect.stringMatching(/my-talk\.descent-lesson\.json$/),
      filters: LESSON_FILTERS,
    });
    expect(parseLessonText(readFileSync(path, 'utf8'))).toMatchObject({
      ok: true,
      lesson: { title: 'My Talk' },
    });
    expect(win.title).toBe('Untitled — Descent Studio');

    // The path is remembered: the next Save writes there without asking.
    await invoke(win, 'saveLesson', { text: lessonText('Again'), saveAs: false, untitled: false });
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    expect(readFileSync(path, 'utf8')).toContain('"Again"');
    // Save As always asks, starting at the file's name.
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    expect(await invoke(win, 'saveLesson', { text, saveAs: true, untitled: false })).toEqual({
      status: 'canceled',
    });
    expect(dialog.showSaveDialog.mock.calls[1]?.[1]).toMatchObject({
      title: 'Save Lesson As',
      defaultPath: path,
    });
  });

  it('a cancelled save leaves the file as it was and no temporary file', async () => {
    const dir = folder();
    const path = lessonFile(dir);
    const before = readFileSync(path, 'utf8');
    const win = newWindow();
    await invoke(win, 'ready');
    await invoke(win, 'openPath', { path });
    await invoke(win, 'setDocumentState', { dirty: false, lessonDirty: true });
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    expect(
      await invoke(win, 'saveLesson', { text: lessonText('X'), saveAs: true, untitled: false }),
    ).toEqual({ status: 'canceled' });
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['talk.descent-lesson.json']);
    expect(win.title).toMatch(/^●/);
  });

  it('refuses to write an invalid lesson and keeps the file', async () => {
    const dir = folder();
    const path = lessonFile(dir);
    const before = readFileSync(path, 'utf8');
    const win = newWindow();
    await invoke(win, 'openPath', { path });
    const result = await invoke(win, 'saveLesson', {
      text: '{"version": 1, "title": "x"}',
      saveAs: false,
      untitled: false,
    });
    expect(result).toMatchObject({ status: 'error', message: expect.stringMatching(/not saved/) });
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['talk.descent-lesson.json']);
  });

  it('a failed save says why, leaves no temporary file and keeps the lesson dirty', async () => {
    const dir = folder();
    const path = lessonFile(dir);
    const win = newWindow();
    await invoke(win, 'openPath', { path });
    await invoke(win, 'setDocumentState', { dirty: false, lessonDirty: true });
    rmSync(dir, { recursive: true });
    const result = await invoke(win, 'saveLesson', {
      text: lessonText(),
      saveAs: false,
      untitled: false,
    });
    expect(result).toEqual({
      status: 'error',
      message:
        '“talk.descent-lesson.json” could not be saved. The file or its folder no longer exists.',
    });
    expect(dialog.showMessageBox).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ type: 'error' }),
    );
    expect(win.title).toMatch(/^●/);
  });
});

describe('closing with an unsaved lesson', () => {
  async function dirtyLessonWindow() {
    const path = lessonFile(folder());
    const win = newWindow();
    await invoke(win, 'ready');
    await invoke(win, 'openPath', { path });
    await invoke(win, 'setDocumentState', { dirty: false, lessonDirty: true });
    win.webContents.send.mockClear();
    return { path, win };
  }

  it('asks, and Cancel keeps the window open', async () => {
    const { win } = await dirtyLessonWindow();
    answer(2);
    win.close();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 10));
    expect(win.destroyed).toBe(false);
    expect(dialog.showMessageBox.mock.calls[0]?.[1]).toMatchObject({
      buttons: ['Save', "Don't Save", 'Cancel'],
      message: 'Do you want to save the changes you made to the lesson “talk.descent-lesson.json”?',
    });
  });

  it("Don't Save closes it", async () => {
    const { win } = await dirtyLessonWindow();
    answer(1);
    win.close();
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
  });

  it('Save asks the renderer to save the lesson and closes once it is saved', async () => {
    const { path, win } = await dirtyLessonWindow();
    answer(0);
    win.close();
    await vi.waitFor(() => expect(received(win)).toEqual([['menu:action', 'file.saveLesson']]));
    expect(win.destroyed).toBe(false);
    await invoke(win, 'saveLesson', {
      text: lessonText('Saved on close'),
      saveAs: false,
      untitled: false,
    });
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
    expect(readFileSync(path, 'utf8')).toContain('Saved on close');
  });

  it('asks about the lesson, then about the scene', async () => {
    const { win } = await dirtyLessonWindow();
    await invoke(win, 'setDocumentState', { dirty: true, lessonDirty: true });
    answer(1);
    answer(2);
    win.close();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledTimes(2));
    expect(dialog.showMessageBox.mock.calls[1]?.[1]).toMatchObject({
      message: 'Do you want to save the changes you made to “Untitled”?',
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(win.destroyed).toBe(false);
  });
});
