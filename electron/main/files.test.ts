import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/bridge.ts';
import type { InvokeMethod } from '../../shared/bridge.ts';
import { presetScene } from '../../shared/scene/presets.ts';
import { defaultScene, SCENE_VERSION, serializeScene } from '../../shared/scene/document.ts';
import { parseSceneText } from '../../shared/scene/parse.ts';
import { temporaryPath } from '../../node/atomic-write.ts';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const { readSceneFile, setupFiles, suggestedFileName, withSceneExtension, MAX_SCENE_FILE_BYTES } =
  await import('./files.ts');
const { memoryBackend, Settings } = await import('./settings.ts');
const { setupTitle } = await import('./title.ts');
const { createWindow } = await import('./windows.ts');
const electron = await import('../test/electron-mock.ts');
const { app, dialog, invokeAs } = electron;
type Win = InstanceType<typeof electron.BrowserWindow>;

/**
 * Moves the clock on by a few minutes until the returned function is called, so temporary
 * files written just now count as left over (a test cannot age a file's inode change time).
 */
function minutesLater(): () => void {
  const realNow = Date.now.bind(Date);
  const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 5 * 60_000);
  return () => spy.mockRestore();
}

const settings = new Settings(memoryBackend(), 'linux');
/** A recent file beside which a crashed save left its temporary copy. */
const crashed = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'descent-files-'));
  const path = join(dir, 'crashed.descent.json');
  writeFileSync(path, serializeScene(defaultScene()));
  const leftover = temporaryPath(path);
  writeFileSync(leftover, '{"half": ');
  settings.addRecentFile(path);
  return { dir, leftover };
})();
setupTitle();
// The app starts a while after the crash; the clock is back before any test runs.
const restoreClock = minutesLater();
const files = setupFiles(settings);
const startupCleaned = vi
  .waitFor(() => {
    if (existsSync(crashed.leftover)) throw new Error('the leftover is still there');
  })
  .then(
    () => true,
    () => false,
  )
  .finally(restoreClock);
beforeAll(() => startupCleaned.then(() => undefined));

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-files-'));
}

function sceneText(title = 'A bowl'): string {
  return serializeScene({ ...defaultScene(), title });
}

function sceneFile(dir: string, name = 'bowl.descent.json', text = sceneText()): string {
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

/** Events the renderer of `win` received, as [channel, payload]. */
function received(win: Win): [string, unknown][] {
  return win.webContents.send.mock.calls as [string, unknown][];
}

beforeEach(() => {
  dialog.showMessageBox.mockClear();
  dialog.showSaveDialog.mockClear();
  dialog.showOpenDialog.mockClear();
  for (const w of [...electron.BrowserWindow.all]) w.destroy();
});

describe('readSceneFile', () => {
  it('reads a valid scene', async () => {
    const path = sceneFile(folder());
    const read = await readSceneFile(path);
    expect(read.ok && read.scene.title).toBe('A bowl');
  });

  it('reads a scene saved with a UTF-8 byte-order mark', async () => {
    const path = sceneFile(folder(), 'bom.descent.json', '\uFEFF' + sceneText('With a BOM'));
    const read = await readSceneFile(path);
    expect(read.ok && read.scene.title).toBe('With a BOM');
  });

  it.each([
    ['not JSON', '{"version": 1,', /not valid JSON/],
    ['a damaged scene', JSON.stringify({ ...defaultScene(), runs: 'none' }), /damaged.*runs/],
    [
      'a scene from a newer version',
      JSON.stringify({ ...defaultScene(), version: SCENE_VERSION + 1 }),
      /newer Descent Studio/,
    ],
    ['some other JSON', '[1, 2, 3]', /Not a Descent Studio scene/],
  ])('refuses %s with a message', async (_what, text, message) => {
    const path = sceneFile(folder(), 'x.descent.json', text);
    const read = await readSceneFile(path);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.message).toMatch(message);
      expect(read.missing).toBe(false);
    }
  });

  it('says when the file is gone', async () => {
    const read = await readSceneFile(join(folder(), 'gone.descent.json'));
    expect(read).toEqual({
      ok: false,
      message: 'The file or its folder no longer exists.',
      missing: true,
    });
  });

  it('refuses folders and oversized files without reading them', async () => {
    const readFile = vi.fn(async () => '');
    const big = await readSceneFile('/x.descent.json', {
      stat: async () => ({ size: MAX_SCENE_FILE_BYTES + 1, isFile: () => true }),
      readFile,
    });
    expect(big.ok).toBe(false);
    expect(readFile).not.toHaveBeenCalled();
    const dir = await readSceneFile(folder());
    expect(dir).toMatchObject({ ok: false, message: 'That is not a file.' });
  });
});

describe('file names', () => {
  it.each([
    ['/a/scene.descent.json', '/a/scene.descent.json'],
    ['/a/scene.DESCENT.JSON', '/a/scene.DESCENT.JSON'],
    ['/a/scene.json', '/a/scene.descent.json'],
    ['/a/scene', '/a/scene.descent.json'],
    ['/a/scene.txt', '/a/scene.txt.descent.json'],
    // The short extension that Windows and macOS associate is a scene extension too.
    ['/a/talk.descent', '/a/talk.descent'],
    ['/a/Talk.DESCENT', '/a/Talk.DESCENT'],
  ])('withSceneExtension(%s) = %s', (input, output) =>
    expect(withSceneExtension(input)).toBe(output),
  );

  it('suggests a file name from the scene title', () => {
    expect(suggestedFileName('Gradient descent on x²')).toBe('gradient-descent-on-x2.descent.json');
    expect(suggestedFileName('  ')).toBe('scene.descent.json');
    expect(suggestedFileName('../../etc/passwd')).toBe('etcpasswd.descent.json');
  });
});

describe('opening', () => {
  it('holds a scene until the renderer is ready, then delivers it', async () => {
    const path = sceneFile(folder());
    const win = newWindow();
    await files.openPaths([path]);
    expect(win.title).toBe('bowl.descent.json — Descent Studio');
    expect(received(win)).toEqual([]);
    await invoke(win, 'ready');
    expect(received(win)).toEqual([
      [
        'document:opened',
        {
          scene: expect.objectContaining({ title: 'A bowl' }),
          filePath: path,
          fileName: 'bowl.descent.json',
        },
      ],
    ]);
    expect(settings.get().recentFiles[0]).toBe(path);
    expect(app.addRecentDocument).toHaveBeenCalledWith(path);
  });

  it('refuses a malformed file with a message and changes nothing', async () => {
    const path = sceneFile(folder(), 'broken.descent.json', '{ nope');
    const win = newWindow();
    await invoke(win, 'ready');
    const result = await invoke(win, 'openPath', { path });
    expect(result).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /“broken\.descent\.json” could not be opened\. The scene file is not valid JSON/,
      ),
    });
    expect(dialog.showMessageBox).toHaveBeenCalledWith(
      win,
      expect.objectContaining({
        type: 'error',
        message: '“broken.descent.json” could not be opened.',
      }),
    );
    expect(received(win)).toEqual([]);
    expect(win.title).toBe('Untitled — Descent Studio');
  });

  it('opens a dropped scene only from an absolute path to a .json file', async () => {
    const win = newWindow();
    for (const path of ['/etc/passwd', 'relative/x.descent.json', '/home/u/.ssh/id_rsa']) {
      expect(await invoke(win, 'openPath', { path })).toMatchObject({ status: 'error' });
    }
  });

  it('drops a recent file that is gone', async () => {
    const path = join(folder(), 'moved.descent.json');
    settings.addRecentFile(path);
    const win = newWindow();
    await invoke(win, 'openPath', { path });
    expect(settings.get().recentFiles).not.toContain(path);
  });

  it('opens files from outside in an untouched window, else in a new one, and focuses one already showing it', async () => {
    const dir = folder();
    const a = sceneFile(dir, 'a.descent.json');
    const b = sceneFile(dir, 'b.descent.json');
    const first = newWindow();
    electron.BrowserWindow.focused = first;
    await files.openPaths([a]);
    expect(electron.BrowserWindow.all).toHaveLength(1);
    await files.openPaths([b]);
    expect(electron.BrowserWindow.all).toHaveLength(2);
    expect(electron.BrowserWindow.all[1]?.title).toBe('b.descent.json — Descent Studio');
    first.focus.mockClear();
    await files.openPaths([a]);
    expect(electron.BrowserWindow.all).toHaveLength(2);
    expect(first.focus).toHaveBeenCalled();
  });

  it('opens through the dialog', async () => {
    const path = sceneFile(folder());
    const win = newWindow();
    await invoke(win, 'ready');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
    expect(await invoke(win, 'openScene')).toEqual({
      status: 'ok',
      filePath: path,
      fileName: 'bowl.descent.json',
    });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await invoke(win, 'openScene')).toEqual({ status: 'canceled' });
  });
});

describe('saving', () => {
  async function openedWindow() {
    const dir = folder();
    const path = sceneFile(dir);
    const win = newWindow();
    await invoke(win, 'ready');
    await invoke(win, 'openPath', { path });
    return { dir, path, win };
  }

  it('saves to the open file and marks the document clean', async () => {
    const { path, win } = await openedWindow();
    await invoke(win, 'setDocumentState', { dirty: true });
    expect(win.title).toBe('● bowl.descent.json — Descent Studio');
    const text = sceneText('Renamed');
    expect(await invoke(win, 'saveScene', { text, saveAs: false })).toEqual({
      status: 'ok',
      filePath: path,
      fileName: 'bowl.descent.json',
    });
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(win.title).toBe('bowl.descent.json — Descent Studio');
  });

  it('removes what an earlier save of that file left behind when it crashed', async () => {
    const { dir, path, win } = await openedWindow();
    const leftover = temporaryPath(path);
    writeFileSync(leftover, '{"half": ');
    // Written to just now, it may belong to a save under way elsewhere: kept.
    await invoke(win, 'saveScene', { text: sceneText(), saveAs: false });
    expect(existsSync(leftover)).toBe(true);
    const restore = minutesLater();
    try {
      await invoke(win, 'saveScene', { text: sceneText(), saveAs: false });
    } finally {
      restore();
    }
    expect(readdirSync(dir)).toEqual(['bowl.descent.json']);
  });

  it('refuses to write an invalid scene and keeps the file and the dirty mark', async () => {
    const { path, win } = await openedWindow();
    await invoke(win, 'setDocumentState', { dirty: true });
    const before = readFileSync(path, 'utf8');
    const result = await invoke(win, 'saveScene', { text: '{"version": 1}', saveAs: false });
    expect(result).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/not saved.*damaged/),
    });
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(win.title).toMatch(/^●/);
  });

  it('says why a save failed and keeps the document dirty', async () => {
    const { dir, win } = await openedWindow();
    await invoke(win, 'setDocumentState', { dirty: true });
    rmSync(dir, { recursive: true });
    const result = await invoke(win, 'saveScene', { text: sceneText(), saveAs: false });
    expect(result).toEqual({
      status: 'error',
      message: '“bowl.descent.json” could not be saved. The file or its folder no longer exists.',
    });
    expect(dialog.showMessageBox).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ type: 'error' }),
    );
    expect(win.title).toBe('● bowl.descent.json — Descent Studio');
  });

  it('asks where to save an untitled scene and adds the extension', async () => {
    const dir = folder();
    const win = newWindow();
    await invoke(win, 'setDocumentState', { dirty: true });
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    expect(await invoke(win, 'saveScene', { text: sceneText('My Talk'), saveAs: false })).toEqual({
      status: 'canceled',
    });
    expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({
      defaultPath: expect.stringMatching(/my-talk\.descent\.json$/),
    });
    expect(win.title).toMatch(/^● Untitled/);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'talk') });
    const result = await invoke(win, 'saveScene', { text: sceneText('My Talk'), saveAs: false });
    expect(result).toEqual({
      status: 'ok',
      filePath: join(dir, 'talk.descent.json'),
      fileName: 'talk.descent.json',
    });
    expect(parseSceneText(readFileSync(join(dir, 'talk.descent.json'), 'utf8')).ok).toBe(true);
    expect(win.title).toBe('talk.descent.json — Descent Studio');
  });

  it('Save As always asks, even for a saved file', async () => {
    const { dir, win } = await openedWindow();
    dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: join(dir, 'copy.descent.json'),
    });
    await invoke(win, 'saveScene', { text: sceneText(), saveAs: true });
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    expect(win.title).toBe('copy.descent.json — Descent Studio');
  });
});

describe('unsaved changes', () => {
  async function dirtyWindow() {
    const path = sceneFile(folder());
    const win = newWindow();
    await invoke(win, 'ready');
    await invoke(win, 'openPath', { path });
    await invoke(win, 'setDocumentState', { dirty: true });
    win.webContents.send.mockClear();
    return { path, win };
  }
  const answer = (response: number) =>
    dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });

  it('closes a clean window without asking', () => {
    const win = newWindow();
    win.close();
    expect(win.destroyed).toBe(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('Cancel keeps the window open', async () => {
    const { win } = await dirtyWindow();
    answer(2);
    win.close();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 10));
    expect(win.destroyed).toBe(false);
    expect(dialog.showMessageBox.mock.calls[0]?.[1]).toMatchObject({
      buttons: ['Save', "Don't Save", 'Cancel'],
      message: 'Do you want to save the changes you made to “bowl.descent.json”?',
    });
  });

  it("Don't Save closes it", async () => {
    const { win } = await dirtyWindow();
    answer(1);
    win.close();
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
  });

  it('Save asks the renderer to save and closes once the save succeeded', async () => {
    const { path, win } = await dirtyWindow();
    answer(0);
    win.close();
    await vi.waitFor(() => expect(received(win)).toEqual([['menu:action', 'file.save']]));
    expect(win.destroyed).toBe(false);
    await invoke(win, 'saveScene', { text: sceneText('Saved on close'), saveAs: false });
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
    expect(readFileSync(path, 'utf8')).toContain('Saved on close');
  });

  it('Save that fails keeps the window open', async () => {
    const { win } = await dirtyWindow();
    answer(0);
    win.close();
    await vi.waitFor(() => expect(received(win)).toHaveLength(1));
    await invoke(win, 'saveScene', { text: 'garbage', saveAs: false });
    await new Promise((r) => setTimeout(r, 10));
    expect(win.destroyed).toBe(false);
  });

  it('quitting asks, and carries on quitting after the answer', async () => {
    const { win } = await dirtyWindow();
    app.quit.mockClear();
    app.emit('before-quit');
    answer(1);
    win.close();
    await vi.waitFor(() => expect(win.destroyed).toBe(true));
    expect(app.quit).toHaveBeenCalled();
  });

  it('New asks first and then delivers an untitled default scene', async () => {
    const { win } = await dirtyWindow();
    answer(2);
    expect(await invoke(win, 'newScene')).toEqual({ status: 'canceled' });
    expect(received(win)).toEqual([]);
    answer(1);
    expect(await invoke(win, 'newScene')).toEqual({ status: 'ok' });
    expect(received(win)).toEqual([
      ['document:opened', { scene: defaultScene(), filePath: null, fileName: 'Untitled' }],
    ]);
    expect(win.title).toBe('Untitled — Descent Studio');
  });

  it('a preset becomes a new untitled scene, so Save cannot overwrite the open file', async () => {
    const { path, win } = await dirtyWindow();
    const before = readFileSync(path, 'utf8');
    answer(1);
    expect(await invoke(win, 'newScene', { presetId: 'gd-x2' })).toEqual({ status: 'ok' });
    expect(received(win)).toEqual([
      ['document:opened', { scene: presetScene('gd-x2'), filePath: null, fileName: 'Untitled' }],
    ]);
    expect(win.title).toBe('Untitled — Descent Studio');
    expect(await invoke(win, 'newScene', { presetId: 'no-such-preset' })).toMatchObject({
      status: 'error',
    });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('Open asks before replacing unsaved work', async () => {
    const { win } = await dirtyWindow();
    const other = sceneFile(folder(), 'other.descent.json');
    answer(2);
    expect(await invoke(win, 'openPath', { path: other })).toEqual({ status: 'canceled' });
    expect(win.title).toBe('● bowl.descent.json — Descent Studio');
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('recent files', () => {
  it('at start-up, leftovers of crashed saves beside them are removed', async () => {
    expect(await startupCleaned).toBe(true);
    expect(readdirSync(crashed.dir)).toEqual(['crashed.descent.json']);
  });

  it('lists saved and opened files most recent first, without duplicates', async () => {
    settings.clearRecentFiles();
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    const a = sceneFile(dir, 'a.descent.json');
    const b = sceneFile(join(dir, 'sub'), 'b.descent.json');
    const win = newWindow();
    await invoke(win, 'openPath', { path: a });
    await invoke(win, 'openPath', { path: b });
    await invoke(win, 'openPath', { path: a });
    expect(settings.get().recentFiles).toEqual([a, b]);
    files.clearRecent();
    expect(settings.get().recentFiles).toEqual([]);
    expect(app.clearRecentDocuments).toHaveBeenCalled();
  });
});

describe('a page that reloads', () => {
  it('gets scenes again only after it says it is ready', async () => {
    const path = sceneFile(folder());
    const win = newWindow();
    await invoke(win, 'ready');
    win.webContents.emit('did-start-loading');
    await invoke(win, 'openPath', { path });
    expect(received(win)).toEqual([]);
    await invoke(win, 'ready');
    expect(received(win).map(([channel]) => channel)).toEqual(['document:opened']);
  });
});
