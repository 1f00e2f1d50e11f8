import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const {
  createWindow,
  denyAllPermissions,
  hardenWebContents,
  isExternalHttpUrl,
  restoreBounds,
  setupSecurity,
  setupWindows,
  DEFAULT_SIZE,
} = await import('./windows.ts');
const { memoryBackend, Settings } = await import('./settings.ts');
const { checkSender } = await import('./ipc.ts');
const electron = await import('../test/electron-mock.ts');
const { app, BrowserWindow, FakeWebContents, fakeEvent, shell } = electron;

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
