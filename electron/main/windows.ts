/**
 * Windows and what every web page in the app may do. All windows get the same locked-down
 * web preferences; every webContents (windows, and anything that might appear later) is
 * kept from navigating, opening windows and attaching webviews; every permission request is
 * denied. http(s) links open in the system browser, nothing else leaves the app.
 */
import { join } from 'node:path';
import { app, BrowserWindow, nativeTheme, screen, session, shell } from 'electron';
import type { Rectangle, Session, WebContents } from 'electron';
import { PRODUCT_NAME } from './identity.ts';
import { appWindowList, registerAppWindow } from './ipc.ts';
import { rendererEntryUrl } from './protocol.ts';
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
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
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
