import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));

const { sceneArguments, setupLaunchFiles, setupSingleInstance } = await import('./launch.ts');
const electron = await import('../test/electron-mock.ts');
const { app, fakeEvent } = electron;

describe('sceneArguments', () => {
  it.each([
    [
      ['/opt/Descent Studio/descent-studio', '/home/u/bowl.descent.json'],
      '/',
      ['/home/u/bowl.descent.json'],
    ],
    [
      ['electron', 'out', 'talk/bowl.descent.json'],
      '/home/u',
      [resolve('/home/u', 'talk/bowl.descent.json')],
    ],
    [
      ['app.exe', '--allow-file-access-from-files', '--inspect=9229', 'C.DESCENT.JSON'],
      '/w',
      [resolve('/w', 'C.DESCENT.JSON')],
    ],
    [['app', 'notes.json', 'image.png', 'README'], '/w', []],
    [['app', '/a.descent.json', '/a.descent.json'], '/', ['/a.descent.json']],
    [['app'], '/', []],
  ])('finds the scenes in %j', (argv, cwd, expected) => {
    expect(sceneArguments(argv, cwd)).toEqual(expected);
  });
});

describe('single instance', () => {
  it('a second instance hands over and quits', () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(setupSingleInstance()).toBe(false);
    expect(app.quit).toHaveBeenCalled();
  });

  it('the first instance opens files forwarded by later launches and by macOS', async () => {
    app.quit.mockClear();
    app.removeAllListeners('second-instance');
    app.removeAllListeners('open-file');
    expect(setupSingleInstance()).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();

    // Before the app is ready files wait…
    app.emit('second-instance', fakeEvent(), ['descent-studio', 'early.descent.json'], '/home/u');
    const openFile = fakeEvent();
    app.emit('open-file', openFile, '/Users/u/dock.descent.json');
    expect(openFile.defaultPrevented).toBe(true);

    // …and are opened once the files module is there, followed by later ones.
    const open = vi.fn(async () => undefined);
    setupLaunchFiles(open);
    expect(open).toHaveBeenCalledWith(['/home/u/early.descent.json', '/Users/u/dock.descent.json']);
    app.emit(
      'second-instance',
      fakeEvent(),
      ['descent-studio', '--flag', '/tmp/late.descent.json'],
      '/',
    );
    expect(open).toHaveBeenLastCalledWith(['/tmp/late.descent.json']);
  });

  it('a second launch without a file brings the app window forward', () => {
    electron.BrowserWindow.focused = null;
    const before = electron.BrowserWindow.all.length;
    app.emit('second-instance', fakeEvent(), ['descent-studio'], '/');
    // No registered app window yet: one is created (as on a macOS dock click).
    expect(electron.BrowserWindow.all.length).toBe(before + 1);
  });
});
