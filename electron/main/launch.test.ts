import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));

const { argumentPath, launchRequest, sceneArguments, setupLaunchFiles, setupSingleInstance } =
  await import('./launch.ts');
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
    // Windows and macOS open files by their last extension: `.descent` files come this way.
    [
      ['app.exe', 'talks/Bowl.DESCENT', 'x.descent.bak'],
      '/w',
      [resolve('/w', 'talks/Bowl.DESCENT')],
    ],
    [['app', '/a.descent.json', '/a.descent.json'], '/', ['/a.descent.json']],
    [['app'], '/', []],
  ])('finds the scenes in %j', (argv, cwd, expected) => {
    expect(sceneArguments(argv, cwd)).toEqual(expected);
  });

  // Linux file managers pass `%U` as file:// URLs, percent-encoded.
  it.runIf(process.platform !== 'win32').each([
    ['file:///home/u/talk.descent.json', ['/home/u/talk.descent.json']],
    [
      'file:///home/u/My%20Talks/bowl%20two.descent.json',
      ['/home/u/My Talks/bowl two.descent.json'],
    ],
    ['file:///home/u/B%C3%A9zier%20%CE%B7.descent.json', ['/home/u/Bézier η.descent.json']],
    ['file://localhost/home/u/a.descent.json', ['/home/u/a.descent.json']],
    ['FILE:///home/u/Upper.DESCENT.JSON', ['/home/u/Upper.DESCENT.JSON']],
    // Not files on this computer, or not scenes: ignored.
    ['https://example.org/bowl.descent.json', []],
    ['sftp://host/home/u/bowl.descent.json', []],
    ['file://fileserver/share/bowl.descent.json', []],
    ['file:///home/u/notes.txt', []],
    // An encoded slash would name another file than the one shown: refused.
    ['file:///home/u/a%2Fb.descent.json', []],
  ])('turns %s into its path', (url, expected) => {
    expect(sceneArguments(['descent-studio', url], '/elsewhere')).toEqual(expected);
  });

  it('keeps plain paths, Windows drives included, as paths', () => {
    expect(argumentPath('C:\\Talks\\bowl.descent.json')).toBe('C:\\Talks\\bowl.descent.json');
    expect(argumentPath('talk:2.descent.json')).toBe('talk:2.descent.json');
    expect(argumentPath('mailto://x')).toBeNull();
  });
});

describe('launchRequest', () => {
  it('finds scenes and lessons, .descent-lesson aliases included', () => {
    expect(
      launchRequest(
        ['app', 'a.descent.json', 'talk.descent-lesson.json', 'B.DESCENT-LESSON', 'x.json'],
        '/w',
      ),
    ).toEqual({
      paths: [
        resolve('/w', 'a.descent.json'),
        resolve('/w', 'talk.descent-lesson.json'),
        resolve('/w', 'B.DESCENT-LESSON'),
      ],
      present: false,
    });
  });

  it.each([
    [['app', '--present', 'talk.descent-lesson.json']],
    // Chromium may put switches first: a bare --present presents the first lesson anyway.
    [['app', 'talk.descent-lesson.json', '--present']],
    [['app', '--present=talk.descent-lesson.json']],
  ])('presents with %j', (argv) => {
    expect(launchRequest(argv, '/w')).toEqual({
      paths: [resolve('/w', 'talk.descent-lesson.json')],
      present: true,
    });
  });

  it('puts the lesson --present= names first among the lessons', () => {
    expect(
      launchRequest(
        ['app', 'bowl.descent.json', 'a.descent-lesson.json', '--present=/t/b.descent-lesson.json'],
        '/w',
      ),
    ).toEqual({
      paths: [
        resolve('/w', 'bowl.descent.json'),
        '/t/b.descent-lesson.json',
        resolve('/w', 'a.descent-lesson.json'),
      ],
      present: true,
    });
  });

  it('ignores --present without a lesson', () => {
    expect(launchRequest(['app', '--present', 'bowl.descent.json'], '/w')).toEqual({
      paths: [resolve('/w', 'bowl.descent.json')],
      present: false,
    });
    expect(launchRequest(['app', '--present=notes.txt'], '/w')).toEqual({
      paths: [],
      present: false,
    });
  });

  it.runIf(process.platform !== 'win32')('takes file:// URLs for lessons too', () => {
    expect(
      launchRequest(['app', '--present=file:///home/u/My%20Talk.descent-lesson.json'], '/'),
    ).toEqual({ paths: ['/home/u/My Talk.descent-lesson.json'], present: true });
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
    expect(open).toHaveBeenCalledWith(
      ['/home/u/early.descent.json', '/Users/u/dock.descent.json'],
      { present: false },
    );
    app.emit(
      'second-instance',
      fakeEvent(),
      ['descent-studio', '--flag', '/tmp/late.descent.json'],
      '/',
    );
    expect(open).toHaveBeenLastCalledWith(['/tmp/late.descent.json'], { present: false });
    app.emit(
      'second-instance',
      fakeEvent(),
      ['descent-studio', '--present', 'talk.descent-lesson.json'],
      '/home/u',
    );
    expect(open).toHaveBeenLastCalledWith([resolve('/home/u', 'talk.descent-lesson.json')], {
      present: true,
    });

    // A file manager opening a second file hands over a URL.
    if (process.platform !== 'win32') {
      app.emit(
        'second-instance',
        fakeEvent(),
        ['descent-studio', 'file:///home/u/Caf%C3%A9%20talk/r%C3%A9sum%C3%A9.descent.json'],
        '/',
      );
      expect(open).toHaveBeenLastCalledWith(['/home/u/Café talk/résumé.descent.json'], {
        present: false,
      });
    }
  });

  it('a second launch without a file brings the app window forward', () => {
    electron.BrowserWindow.focused = null;
    const before = electron.BrowserWindow.all.length;
    app.emit('second-instance', fakeEvent(), ['descent-studio'], '/');
    // No registered app window yet: one is created (as on a macOS dock click).
    expect(electron.BrowserWindow.all.length).toBe(before + 1);
  });

  it('a first launch from the file manager opens the file its URL names', async () => {
    if (process.platform === 'win32') return;
    vi.resetModules();
    const argv = process.argv;
    process.argv = [
      '/opt/Descent Studio/descent-studio',
      'file:///home/u/My%20Talk/bowl.descent.json',
    ];
    try {
      const fresh = await import('./launch.ts');
      expect(fresh.setupSingleInstance()).toBe(true);
      const open = vi.fn(async () => undefined);
      fresh.setupLaunchFiles(open);
      expect(open).toHaveBeenCalledWith(['/home/u/My Talk/bowl.descent.json'], { present: false });
    } finally {
      process.argv = argv;
      // The fresh module listens on the same mocked app: leave no second listener behind.
      app.removeAllListeners('second-instance');
      app.removeAllListeners('open-file');
    }
  });
});
