import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const {
  createWindow,
  denyAllPermissions,
  hardenWebContents,
  isExternalHttpUrl,
  isPresenterUrl,
  presenterBounds,
  restoreBounds,
  setupSecurity,
  setupWindows,
  DEFAULT_SIZE,
} = await import('./windows.ts');
const { memoryBackend, Settings } = await import('./settings.ts');
const { checkSender } = await import('./ipc.ts');
const electron = await import('../test/electron-mock.ts');
const { app, BrowserWindow, FakeWebContents, fakeEvent, screen, shell } = electron;

const settings = new Settings(memoryBackend());
beforeAll(() => {
  setupSecurity();
  setupWindows(settings);
});

describe('every window', () => {
  it('is created with the secure web preferences', () => {
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.options['show']).toBe(false);
  });

  it('loads the renderer from app://, never file:// or the network', () => {
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    expect(win.loadURL).toHaveBeenCalledWith('app://descent/index.html');
  });

  it('is one of the app windows the IPC check trusts', () => {
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    const check = checkSender({
      sender: win.webContents as never,
      senderFrame: win.webContents.mainFrame as never,
    });
    expect(check.ok).toBe(true);
  });

  it('gets the navigation rules (through web-contents-created)', () => {
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    const event = fakeEvent();
    win.webContents.emit('will-navigate', event, 'app://descent/other.html');
    expect(event.defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'app://descent/x' })).toEqual({
      action: 'deny',
    });
  });

  it('remembers its bounds when closed', () => {
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    win.close();
    expect(settings.get().windowBounds).toEqual({
      x: 40,
      y: 50,
      width: 1200,
      height: 760,
      maximized: false,
    });
  });
});

describe('hardenWebContents', () => {
  function hardened() {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    return contents;
  }

  it('blocks every navigation and hands only http(s) links to the system browser', () => {
    const contents = hardened();
    shell.openExternal.mockClear();
    for (const url of [
      'https://example.com/a',
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'app://descent/x',
    ]) {
      const event = fakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(shell.openExternal.mock.calls.map((c) => c[0])).toEqual([
      'https://example.com/a',
      'http://example.com/',
    ]);
  });

  it('denies window.open, opening only http(s) externally', () => {
    const contents = hardened();
    shell.openExternal.mockClear();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'file:///x' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls.map((c) => c[0])).toEqual(['https://example.com/']);
  });

  it('blocks sub-frame navigation, redirects and webviews', () => {
    const contents = hardened();
    const sub = fakeEvent({ isMainFrame: false, url: 'https://x/' });
    contents.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);
    const redirect = fakeEvent();
    contents.emit('will-redirect', redirect, 'https://x/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  it('denies every request and check', () => {
    const ses = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    denyAllPermissions(ses as never);
    const request = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      w: unknown,
      p: string,
      cb: (ok: boolean) => void,
    ) => void;
    for (const permission of [
      'media',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as () => boolean;
    expect(check()).toBe(false);
    const device = ses.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('is applied to the default session once the app is ready', () => {
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
  });
});

describe('isExternalHttpUrl', () => {
  it.each([
    ['https://example.com', true],
    ['http://example.com/x?y', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['app://descent/index.html', false],
    ['ms-msdt:/id', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => expect(isExternalHttpUrl(url)).toBe(expected));
});

describe('restoreBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('uses the default size the first time', () => {
    expect(restoreBounds(null, screen)).toEqual(DEFAULT_SIZE);
  });
  it('reuses bounds that are on a display', () => {
    const saved = { x: 100, y: 80, width: 1000, height: 700, maximized: false };
    expect(restoreBounds(saved, screen)).toEqual({ x: 100, y: 80, width: 1000, height: 700 });
  });
  it('keeps only the size (capped) when the saved place is off every display', () => {
    const saved = { x: 3000, y: 80, width: 2500, height: 700, maximized: false };
    expect(restoreBounds(saved, screen)).toEqual({ width: 1920, height: 700 });
  });
  it('rejects a window whose title bar is above the screen', () => {
    const saved = { x: 100, y: -500, width: 1000, height: 700, maximized: false };
    expect(restoreBounds(saved, screen)).toEqual({ width: 1000, height: 700 });
  });
});

describe('app lifecycle', () => {
  it('quits when the last window closes (except on macOS)', () => {
    app.quit.mockClear();
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('opens a window on activate when none is open', () => {
    for (const w of [...BrowserWindow.all]) w.destroy();
    app.emit('activate');
    expect(BrowserWindow.all.length).toBe(1);
  });
});

describe('the presenter window', () => {
  const display = (x: number, width = 1920, height = 1080) => ({
    bounds: { x, y: 0, width, height },
    workArea: { x, y: 25, width, height: height - 25 },
  });
  const at = (x: number) => ({ x, y: 100, width: 1200, height: 760 });

  it('recognises only the app page opened with ?presenter', () => {
    const entry = 'app://descent/index.html';
    expect(isPresenterUrl('app://descent/index.html?presenter', entry)).toBe(true);
    for (const url of [
      'app://descent/index.html',
      'app://descent/index.html?presenter=1',
      'app://descent/index.html?presenter&x=1',
      'app://descent/index.html?presenter#scene=abc',
      'app://descent/other.html?presenter',
      'app://evil/index.html?presenter',
      'https://descent/index.html?presenter',
      'file:///index.html?presenter',
      'not a url',
    ]) {
      expect(isPresenterUrl(url, entry), url).toBe(false);
    }
    // The development server (electron-vite dev) is the app page too.
    expect(isPresenterUrl('http://localhost:5173/?presenter', 'http://localhost:5173/')).toBe(true);
  });

  it('opens on the same display when there is only one', () => {
    expect(presenterBounds([display(0)], at(100))).toEqual({
      x: 410,
      y: 203,
      width: 1100,
      height: 700,
    });
  });

  it('opens on the other display of two, whichever holds the presenting window', () => {
    const two = [display(0), display(1920)];
    expect(presenterBounds(two, at(100))).toMatchObject({ x: 1920 + 410 });
    expect(presenterBounds(two, at(2200))).toMatchObject({ x: 410 });
    // Mostly on the second display: that one holds it.
    expect(presenterBounds(two, at(1900))).toMatchObject({ x: 410 });
  });

  it('opens on a display without the presenting window among three', () => {
    const three = [display(0), display(1920), display(3840, 1280, 720)];
    expect(presenterBounds(three, at(100))).toMatchObject({ x: 1920 + 410 });
    expect(presenterBounds(three, at(2000))).toMatchObject({ x: 410 });
    // A small display caps the size.
    const small = [display(0), display(1920, 1024, 600)];
    expect(presenterBounds(small, at(100))).toEqual({ x: 1920, y: 25, width: 1024, height: 575 });
  });

  it('leaves placement to Electron without displays', () => {
    expect(presenterBounds([], at(0))).toBeNull();
  });

  it('is allowed from an app window, locked down, without preload, on the second display', () => {
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    screen.getAllDisplays.mockReturnValueOnce([display(0), display(1920)]);
    const response = win.webContents.windowOpenHandler?.({
      url: 'app://descent/index.html?presenter',
    }) as { action: string; overrideBrowserWindowOptions: Record<string, unknown> };
    expect(response.action).toBe('allow');
    const options = response.overrideBrowserWindowOptions;
    expect(options).toMatchObject({ x: 1920 + 410, width: 1100, height: 700 });
    const prefs = options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs['preload']).toBeUndefined();
  });

  it('is denied to anything but an app window, and every other window.open stays denied', () => {
    const stray = new FakeWebContents();
    hardenWebContents(stray as never);
    expect(stray.windowOpenHandler?.({ url: 'app://descent/index.html?presenter' })).toEqual({
      action: 'deny',
    });
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    for (const url of ['app://descent/index.html', 'app://descent/index.html?presenter=x']) {
      expect(win.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('closes with the window it presents', () => {
    const win = createWindow() as unknown as InstanceType<typeof BrowserWindow>;
    const child = new BrowserWindow();
    win.webContents.emit('did-create-window', child);
    expect(child.isDestroyed()).toBe(false);
    win.close();
    expect(child.isDestroyed()).toBe(true);
  });
});
