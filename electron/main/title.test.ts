import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));

const { formatWindowTitle, setDocumentState, getDocumentState, setupTitle } =
  await import('./title.ts');
const { createWindow } = await import('./windows.ts');
const electron = await import('../test/electron-mock.ts');

describe('formatWindowTitle', () => {
  it.each([
    [{ filePath: null, dirty: false }, 'linux', 'Untitled — Descent Studio'],
    [
      { filePath: '/a/bowl.descent.json', dirty: true },
      'win32',
      '● bowl.descent.json — Descent Studio',
    ],
    [{ filePath: '/a/bowl.descent.json', dirty: false }, 'darwin', 'bowl.descent.json'],
    [{ filePath: '/a/bowl.descent.json', dirty: true }, 'darwin', 'bowl.descent.json — Edited'],
  ])('%j on %s → %s', (state, platform, title) => {
    expect(formatWindowTitle(state, platform)).toBe(title);
  });
});

describe('document state', () => {
  setupTitle();

  it('sets the macOS edited dot and represented file', () => {
    const win = new electron.BrowserWindow();
    setDocumentState(win as never, { filePath: '/a/x.descent.json', dirty: true }, 'darwin');
    expect(win.setDocumentEdited).toHaveBeenLastCalledWith(true);
    expect(win.setRepresentedFilename).toHaveBeenLastCalledWith('/a/x.descent.json');
    expect(getDocumentState(win as never)).toEqual({ filePath: '/a/x.descent.json', dirty: true });
  });

  it('keeps the page from replacing the title', () => {
    const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
    const event = electron.fakeEvent();
    win.emit('page-title-updated', event, 'Vite App');
    expect(event.defaultPrevented).toBe(true);
    expect(win.title).toMatch(/^Untitled/);
  });

  it('follows the dirty state the renderer reports', async () => {
    const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
    await electron.invokeAs(win.webContents, 'document:set-state', [{ dirty: true }]);
    expect(getDocumentState(win as never).dirty).toBe(true);
    await electron.invokeAs(win.webContents, 'document:set-state', [{ dirty: false }]);
    expect(getDocumentState(win as never).dirty).toBe(false);
  });
});
