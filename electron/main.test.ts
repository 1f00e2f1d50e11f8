import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../shared/bridge.ts';

vi.mock('electron', () => import('./test/electron-mock.ts'));
vi.mock('electron-store', () => import('./test/electron-store-mock.ts'));

const electron = await import('./test/electron-mock.ts');

describe('main entry', () => {
  it('sets everything up in order and opens one secure window on the app page', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'descent-main-'));
    vi.stubEnv('DESCENT_USER_DATA_DIR', userData);
    const whenReady = vi.spyOn(electron.app, 'whenReady');
    await import('./main.ts');
    await vi.waitFor(() => expect(electron.BrowserWindow.all).toHaveLength(1));

    expect(electron.app.getPath('userData')).toBe(userData);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      Object.values(INVOKE_CHANNELS).sort(),
    );

    const win = electron.BrowserWindow.all[0]!;
    expect(win.loadURL).toHaveBeenCalledWith('app://descent/index.html');
    expect(win.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.title).toBe(
      process.platform === 'darwin' ? 'Untitled' : 'Untitled — Descent Studio',
    );
    expect(electron.app.exit).not.toHaveBeenCalled();

    // Software WebGL is allowed before `ready` (Chromium reads switches when the GPU starts).
    const appendSwitch = electron.app.commandLine.appendSwitch;
    expect(appendSwitch).toHaveBeenCalledWith('enable-unsafe-swiftshader');
    const switchAt = appendSwitch.mock.invocationCallOrder[0]!;
    expect(whenReady).toHaveBeenCalled();
    for (const readyAt of whenReady.mock.invocationCallOrder)
      expect(switchAt).toBeLessThan(readyAt);

    // An unpackaged app asks nothing about updates.
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });
});
