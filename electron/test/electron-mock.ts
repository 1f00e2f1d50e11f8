/**
 * A hand-written stand-in for the `electron` module, for unit tests of main-process and
 * preload code in plain Node (the Electron binary is not available everywhere). Use it with
 *
 *   vi.mock('electron', () => import('./electron-mock.ts'));
 *
 * It models only what our code touches: windows with web contents and frames, ipcMain with
 * a way to invoke a handler as a given sender, dialogs whose answers tests set, and spies on
 * everything else. Each test file gets its own copy (vitest isolates modules per file).
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** A cancellable event, as Electron passes to `close`, `will-navigate`, … */
export function fakeEvent<T extends object = object>(
  extra?: T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...(extra as T),
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** A frame: `parent` null for the top frame. */
export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextContentsId = 1;

/** A window's web contents. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  mainFrame: FakeWebFrame;
  destroyed = false;
  crashed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();

  constructor(url = 'app://descent/index.html') {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isCrashed(): boolean {
    return this.crashed;
  }
}

/** BrowserWindow with the calls our code makes; constructor options are kept for tests. */
export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  static focused: BrowserWindow | null = null;

  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.all.find((w) => w.webContents === contents) ?? null;
  }

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.all];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused;
  }

  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  title = '';
  destroyed = false;
  readonly setDocumentEdited = vi.fn();
  readonly setRepresentedFilename = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly maximize = vi.fn();

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  setTitle(title: string): void {
    this.title = title;
  }

  getTitle(): string {
    return this.title;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  isMaximized(): boolean {
    return false;
  }

  getNormalBounds() {
    return { x: 40, y: 50, width: 1200, height: 760 };
  }

  /** Where the window is now; tests move it by assigning `bounds`. */
  bounds = { x: 40, y: 50, width: 1200, height: 760 };

  getBounds() {
    return { ...this.bounds };
  }

  /** Emits `close`; unless a listener prevents it, the window is destroyed. */
  close(): void {
    if (this.destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    BrowserWindow.all = BrowserWindow.all.filter((w) => w !== this);
    if (BrowserWindow.focused === this) BrowserWindow.focused = null;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Descent Studio';
  readonly paths = new Map<string, string>([
    ['userData', '/tmp/descent-test-user-data'],
    ['appData', '/tmp/descent-test-app-data'],
    ['documents', '/tmp/descent-test-documents'],
    ['videos', '/tmp/descent-test-videos'],
    ['home', '/tmp'],
  ]);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly addRecentDocument = vi.fn();
  readonly clearRecentDocuments = vi.fn();
  readonly setAppUserModelId = vi.fn();
  /** Chromium switches; tests check what was appended before `ready`. */
  readonly commandLine = {
    appendSwitch: vi.fn((_name: string, _value?: string) => undefined),
    hasSwitch: vi.fn((_name: string) => false),
  };

  getName(): string {
    return this.name;
  }

  setName(name: string): void {
    this.name = name;
  }

  getVersion(): string {
    return '0.1.0';
  }

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  isReady(): boolean {
    return true;
  }
}

/** The app object. */
export const app = new FakeApp();

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain, keeping the registered handlers. */
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle: vi.fn((channel: string, handler: InvokeHandler) => {
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
  on: vi.fn(),
};

/**
 * Calls the handler of `channel` as if `sender` had invoked it from `frame` (default: the
 * sender's top frame).
 */
export async function invokeAs(
  sender: FakeWebContents,
  channel: string,
  args: unknown[],
  frame: FakeWebFrame | null = sender.mainFrame,
): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame }, ...args);
}

/** Dialogs: tests set the answers with mockResolvedValueOnce. */
export const dialog = {
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({
    canceled: true,
    filePaths: [] as string[],
  })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
    canceled: true,
    filePath: undefined as string | undefined,
  })),
  showErrorBox: vi.fn(),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  },
};

export const nativeTheme = { themeSource: 'system', shouldUseDarkColors: false };

export const screen = {
  getAllDisplays: vi.fn(() => [
    {
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1080 },
    },
  ]),
};

/** As in Electron 44+, `writeText` returns a promise (tests make it reject). */
export const clipboard = { writeText: vi.fn(async (_text: string): Promise<void> => undefined) };

// Preload side.
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (..._args: unknown[]) => undefined as unknown),
});
export const webUtils = { getPathForFile: vi.fn((_file: unknown) => '') };

/** Default export: electron-store imports `electron` as a default import. */
export default {
  app,
  BrowserWindow,
  ipcMain,
  dialog,
  Menu,
  shell,
  protocol,
  session,
  nativeTheme,
  screen,
  clipboard,
  contextBridge,
  ipcRenderer,
  webUtils,
};
