/**
 * Windows and what every web page in the app may do. All windows get the same locked-down
 * web preferences; every webContents (windows, and anything that might appear later) is
 * kept from navigating, opening windows and attaching webviews; every permission request is
 * denied. http(s) links open in the system browser, nothing else leaves the app. The one window
 * a page may open is its presenter view (the app's own page with `?presenter`), placed on
 * another display than the presenting window when there is one.
 */
import { join } from 'node:path';
import { app, BrowserWindow, nativeTheme, screen, session, shell } from 'electron';
import type {
  BrowserWindowConstructorOptions,
  Rectangle,
  Session,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { PRODUCT_NAME } from './identity.ts';
import { appWindowList, registerAppWindow } from './ipc.ts';
import { isTrustedRendererUrl, rendererEntryUrl } from './protocol.ts';
import type { Settings, WindowBounds } from './settings.ts';

/** Size of a first window. */
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
/** Smallest useful window: the 3D view plus the side panel. */
export const MIN_SIZE = { width: 800, height: 560 } as const;

/** Path of the built preload script (CommonJS: sandboxed preloads cannot be ES modules). */
export function preloadPath(): string {
  return join(import.meta.dirname, '..', 'preload', 'index.cjs');
}

/**
 * Where a window opens. Saved bounds are reused when their top strip (where the title bar
 * is) is still on some display, so a window never opens off-screen after a monitor is
 * unplugged; otherwise the size is kept, capped to the primary display, and the window is
 * centred.
 */
export function restoreBounds(
  saved: WindowBounds | null,
  workAreas: readonly Rectangle[],
): Partial<Rectangle> {
  const primary = workAreas[0];
  if (!saved) return { ...DEFAULT_SIZE };
  const titleStrip: Rectangle = { x: saved.x, y: saved.y, width: saved.width, height: 32 };
  const visible = workAreas.some((area) => overlapArea(area, titleStrip) >= 64 * 16);
  if (visible) return { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  return {
    width: primary ? Math.min(saved.width, primary.width) : saved.width,
    height: primary ? Math.min(saved.height, primary.height) : saved.height,
  };
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** True for the only links the app hands to the system browser: http and https. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** The query that makes the app's page the presenter view (renderer/src/present/channel.ts). */
export const PRESENTER_QUERY = 'presenter';
/** Size of the presenter window (as the page asks in its window.open features). */
export const PRESENTER_SIZE = { width: 1100, height: 700 } as const;

/**
 * True for the app's own page opened as the presenter view: the renderer's origin and entry
 * path with the single query `?presenter`, no fragment.
 */
export function isPresenterUrl(url: string, entryUrl: string = rendererEntryUrl()): boolean {
  if (!isTrustedRendererUrl(url, entryUrl)) return false;
  try {
    const candidate = new URL(url);
    const entry = new URL(entryUrl);
    const keys = [...candidate.searchParams.keys()];
    return (
      candidate.pathname === entry.pathname &&
      candidate.hash === '' &&
      keys.length === 1 &&
      keys[0] === PRESENTER_QUERY &&
      candidate.searchParams.get(PRESENTER_QUERY) === ''
    );
  } catch {
    return false;
  }
}

/** A display as far as presenter placement needs it (Electron's `Display` fits). */
export interface DisplayArea {
  bounds: Rectangle;
  workArea: Rectangle;
}

/**
 * Where the presenter window opens: on a display that does not hold the presenting window
 * (the one holding most of it) when there is one, else on the same display; centred in that
 * display's work area, at most {@link PRESENTER_SIZE}. Null without displays (Electron then
 * places it).
 */
export function presenterBounds(
  displays: readonly DisplayArea[],
  presenting: Rectangle,
  size: { width: number; height: number } = PRESENTER_SIZE,
): Rectangle | null {
  if (displays.length === 0) return null;
  let holding = 0;
  let most = -1;
  displays.forEach((d, i) => {
    const area = overlapArea(d.bounds, presenting);
    if (area > most) {
      most = area;
      holding = i;
    }
  });
  const other = displays.findIndex((_d, i) => i !== holding);
  const target = displays[other < 0 ? holding : other]!.workArea;
  const width = Math.min(size.width, target.width);
  const height = Math.min(size.height, target.height);
  return {
    x: Math.round(target.x + (target.width - width) / 2),
    y: Math.round(target.y + (target.height - height) / 2),
    width,
    height,
  };
}

/**
 * The presenter window of the app window showing `contents`: the same locked-down web
 * preferences as every window, no preload (the presenter view syncs over BroadcastChannel and
 * needs no bridge), placed by {@link presenterBounds}.
 */
function presenterWindowOptions(opener: BrowserWindow): BrowserWindowConstructorOptions {
  const bounds = presenterBounds(screen.getAllDisplays(), opener.getBounds());
  return {
    ...(bounds ?? { ...PRESENTER_SIZE }),
    minWidth: 480,
    minHeight: 320,
    show: true,
    autoHideMenuBar: true,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14161b' : '#ffffff',
    title: `${PRODUCT_NAME} — Presenter`,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/** The app window `contents` belongs to, when it is one (not a presenter window, not a stray). */
function appWindowOf(contents: WebContents): BrowserWindow | null {
  const win = BrowserWindow.fromWebContents(contents);
  return win && appWindowList().includes(win) ? win : null;
}

/**
 * What a `window.open` from `contents` gets: the presenter view of an app window is allowed
 * (see {@link presenterWindowOptions}); every other URL is denied, http(s) ones opening in the
 * system browser instead.
 */
export function windowOpenResponse(contents: WebContents, url: string): WindowOpenHandlerResponse {
  const opener = isPresenterUrl(url) ? appWindowOf(contents) : null;
  if (opener) {
    return { action: 'allow', overrideBrowserWindowOptions: presenterWindowOptions(opener) };
  }
  openExternally(url);
  return { action: 'deny' };
}

function openExternally(url: string): void {
  if (!isExternalHttpUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => {
    console.warn(`[windows] could not open ${url}: ${String(error)}`);
  });
}

/**
 * Locks down one webContents: no navigation (a link goes to the system browser instead), no
 * redirects, no sub-frame navigation, no new windows, no webviews.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-frame-navigate', (event) => {
    // A navigation of the top frame is handled by will-navigate above.
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenResponse(contents, url));
  // The presenter window closes with the window it presents.
  contents.on('did-create-window', (child) => {
    const opener = BrowserWindow.fromWebContents(contents);
    if (!opener) return;
    const closeChild = (): void => {
      if (!child.isDestroyed()) child.close();
    };
    opener.once('closed', closeChild);
    child.once('closed', () => opener.removeListener('closed', closeChild));
  });
}

/**
 * Denies every permission request and check (camera, notifications, clipboard read, …): the
 * app needs none, and the clipboard write it does need goes through the bridge.
 */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Applies the page rules to every webContents ever created, and the permission policy. */
export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  void app.whenReady().then(() => denyAllPermissions(session.defaultSession));
}

type WindowListener = (win: BrowserWindow) => void;
const windowListeners: WindowListener[] = [];

/** Runs `listener` for each window created from now on, before its page loads. */
export function onWindowCreated(listener: WindowListener): void {
  windowListeners.push(listener);
}

let settingsRef: Settings | null = null;

/** Opens a scene window (cascaded from the focused one, if any) and loads the renderer. */
export function createWindow(): BrowserWindow {
  const saved = settingsRef?.get().windowBounds ?? null;
  const focused = BrowserWindow.getFocusedWindow();
  const cascaded: WindowBounds | null =
    focused && appWindowList().includes(focused)
      ? { ...focused.getNormalBounds(), maximized: false }
      : saved;
  const bounds =
    focused && cascaded ? { ...cascaded, x: cascaded.x + 28, y: cascaded.y + 28 } : cascaded;
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  // The one place a window is made. The web preferences stay literal here so a review (and
  // electronegativity) sees them; defaults are spelled out so an Electron default change can
  // never loosen them. The renderer gets no Node, runs in Chromium's sandbox and reaches the
  // main process only through the preload's bridge.
  const win = new BrowserWindow({
    ...restoreBounds(bounds, workAreas),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown on ready-to-show, so the user never sees an empty frame.
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14161b' : '#ffffff',
    title: PRODUCT_NAME,
    webPreferences: {
      preload: preloadPath(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click opens links as new windows; those are denied anyway, this removes the path.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  registerAppWindow(win);
  for (const listener of windowListeners) listener(win);

  win.once('ready-to-show', () => {
    if (saved?.maximized && !focused) win.maximize();
    win.show();
  });
  win.on('close', () => {
    // Remember where the window was; the close may still be cancelled, which is harmless.
    const b = win.getNormalBounds();
    settingsRef?.update({
      windowBounds: {
        x: Math.round(b.x),
        y: Math.round(b.y),
        width: Math.round(b.width),
        height: Math.round(b.height),
        maximized: win.isMaximized(),
      },
    });
  });
  void win.loadURL(rendererEntryUrl());
  return win;
}

/** The window an external request (second launch, file association) goes to. */
export function targetWindow(): BrowserWindow {
  const windows = appWindowList();
  const focused = BrowserWindow.getFocusedWindow();
  const win =
    (focused && windows.includes(focused) ? focused : windows[windows.length - 1]) ??
    createWindow();
  if (win.isMinimized()) win.restore();
  win.focus();
  return win;
}

/**
 * Opens the first window and keeps platform conventions: closing the last window quits on
 * Windows and Linux; on macOS the app stays in the dock and the dock icon reopens a window.
 */
export function setupWindows(settings: Settings): void {
  settingsRef = settings;
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (appWindowList().length === 0) createWindow();
  });
  createWindow();
}
