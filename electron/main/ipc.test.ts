import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/bridge.ts';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const { checkSender, handle, registerAppWindow, sendEvent } = await import('./ipc.ts');
const electron = await import('../test/electron-mock.ts');
const { BrowserWindow, FakeWebContents, FakeWebFrame, invokeAs, ipcMain } = electron;

const channel = INVOKE_CHANNELS.setDocumentState;

function appWindow() {
  const win = new BrowserWindow();
  registerAppWindow(win as never);
  return win;
}

describe('IPC sender check', () => {
  const handler = vi.fn(() => undefined);
  beforeEach(() => {
    handler.mockClear();
    handle('setDocumentState', handler);
  });

  it('passes a valid request from an app window to the handler, with that window', async () => {
    const win = appWindow();
    await invokeAs(win.webContents, channel, [{ dirty: true }]);
    expect(handler).toHaveBeenCalledWith({ dirty: true }, { window: win });
  });

  it('refuses web contents that belong to no window of the app', async () => {
    const stranger = new FakeWebContents();
    await expect(invokeAs(stranger, channel, [{ dirty: true }])).rejects.toThrow(
      /Refused document:set-state: the sender is not one of the app windows/,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a window the app did not register (e.g. opened some other way)', async () => {
    const win = new BrowserWindow();
    await expect(invokeAs(win.webContents, channel, [{ dirty: true }])).rejects.toThrow(/Refused/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses sub-frames of an app window', async () => {
    const win = appWindow();
    const child = new FakeWebFrame('app://descent/index.html', win.webContents.mainFrame);
    await expect(invokeAs(win.webContents, channel, [{ dirty: true }], child)).rejects.toThrow(
      /not a top frame/,
    );
    await expect(invokeAs(win.webContents, channel, [{ dirty: true }], null)).rejects.toThrow(
      /not a top frame/,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an app window that shows another origin', async () => {
    const win = appWindow();
    win.webContents.mainFrame.url = 'https://evil.example/';
    await expect(invokeAs(win.webContents, channel, [{ dirty: true }])).rejects.toThrow(
      /not the app page/,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a closed window', async () => {
    const win = appWindow();
    const contents = win.webContents;
    win.destroy();
    await expect(invokeAs(contents, channel, [{ dirty: true }])).rejects.toThrow(/Refused/);
  });

  it.each([
    [[{ dirty: 'yes' }]],
    [[{ dirty: true, extra: 1 }]],
    [[]],
    [[null]],
    [[{ dirty: true }, { dirty: false }]],
  ])('refuses the invalid payload %j without calling the handler', async (args) => {
    const win = appWindow();
    await expect(invokeAs(win.webContents, channel, args)).rejects.toThrow(
      /Refused document:set-state/,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it('checkSender reports the window for a trusted event', () => {
    const win = appWindow();
    const result = checkSender({
      sender: win.webContents as never,
      senderFrame: win.webContents.mainFrame as never,
    });
    expect(result).toEqual({ ok: true, window: win });
  });
});

describe('sendEvent', () => {
  it('sends on the contract channel and skips closed windows', () => {
    const win = appWindow();
    sendEvent(win as never, 'menuAction', 'file.save');
    expect(win.webContents.send).toHaveBeenCalledWith('menu:action', 'file.save');
    win.destroy();
    sendEvent(win as never, 'menuAction', 'file.new');
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('one place for IPC', () => {
  const electronDir = join(import.meta.dirname, '..');
  const sources = (function list(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'test' ? [] : list(path);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
    });
  })(electronDir);

  it('uses ipcMain only in ipc.ts and ipcRenderer only in the preload', () => {
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(electronDir, file);
      if (rel !== join('main', 'ipc.ts')) expect(text, rel).not.toMatch(/ipcMain\b/);
      if (rel !== 'preload.ts') expect(text, rel).not.toMatch(/ipcRenderer\b/);
    }
  });

  it('writes channel names only in the contract', () => {
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const name of Object.values(INVOKE_CHANNELS)) {
        expect(text, relative(electronDir, file)).not.toContain(`'${name}'`);
      }
    }
  });

  it('creates windows in one place only', () => {
    const creators = sources.filter((f) => /new BrowserWindow\(/.test(readFileSync(f, 'utf8')));
    expect(creators.map((f) => relative(electronDir, f))).toEqual([join('main', 'windows.ts')]);
  });

  it('registers a handler for every request once all setups have run', async () => {
    ipcMain.handlers.clear();
    electron.app.setPath('userData', mkdtempSync(join(tmpdir(), 'descent-ipc-')));
    const { setupSettings } = await import('./settings.ts');
    const { setupTitle } = await import('./title.ts');
    const { setupFiles } = await import('./files.ts');
    const { setupExportSink } = await import('./export-sink.ts');
    const { setupClipboard } = await import('./clipboard.ts');
    const { setupAbout } = await import('./about.ts');
    const settings = setupSettings();
    setupTitle();
    setupFiles(settings);
    setupExportSink();
    setupClipboard();
    setupAbout();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });
});
