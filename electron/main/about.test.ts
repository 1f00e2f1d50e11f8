import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/bridge.ts';

vi.mock('electron', () => import('../test/electron-mock.ts'));

const { aboutDetail, appInfo, setupAbout, showAbout } = await import('./about.ts');
const { setupClipboard } = await import('./clipboard.ts');
const { createWindow } = await import('./windows.ts');
const electron = await import('../test/electron-mock.ts');

describe('about', () => {
  it('lists the versions of every part', () => {
    const detail = aboutDetail({
      name: 'Descent Studio',
      version: '1.2.3',
      electron: '45.5.0',
      chrome: '150.0',
      node: '24.1.0',
      v8: '14.0',
      platform: 'linux',
      arch: 'x64',
    });
    expect(detail.split('\n')).toEqual([
      'Version 1.2.3',
      '',
      'Electron 45.5.0',
      'Chromium 150.0',
      'Node.js 24.1.0',
      'V8 14.0',
      'linux x64',
    ]);
  });

  it('shows them natively and to the renderer', async () => {
    showAbout();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Descent Studio',
        detail: expect.stringContaining('Version 0.1.0'),
      }),
    );
    setupAbout();
    const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
    expect(await electron.invokeAs(win.webContents, INVOKE_CHANNELS.getAppInfo, [])).toEqual(
      appInfo(),
    );
  });
});

describe('clipboard', () => {
  it('writes text for the renderer, and refuses anything but text', async () => {
    setupClipboard();
    const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
    expect(
      await electron.invokeAs(win.webContents, INVOKE_CHANNELS.copyText, [{ text: 'k\tx\n0\t3' }]),
    ).toEqual({ status: 'ok' });
    expect(electron.clipboard.writeText).toHaveBeenCalledWith('k\tx\n0\t3');
    await expect(
      electron.invokeAs(win.webContents, INVOKE_CHANNELS.copyText, [{ html: '<b>' }]),
    ).rejects.toThrow(/Refused/);
  });

  it('waits for the write and reports a refusal to the renderer, leaving nothing unhandled', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      setupClipboard();
      const win = createWindow() as unknown as InstanceType<typeof electron.BrowserWindow>;
      let finish!: () => void;
      electron.clipboard.writeText.mockImplementationOnce(
        () => new Promise<void>((resolve) => (finish = resolve)),
      );
      let settled = false;
      const pending = electron
        .invokeAs(win.webContents, INVOKE_CHANNELS.copyText, [{ text: 'slow' }])
        .then((reply) => {
          settled = true;
          return reply;
        });
      await new Promise((r) => setImmediate(r));
      // The reply waits for the system clipboard.
      expect(settled).toBe(false);
      finish();
      expect(await pending).toEqual({ status: 'ok' });

      electron.clipboard.writeText.mockRejectedValueOnce(new Error('no X11 selection owner'));
      expect(
        await electron.invokeAs(win.webContents, INVOKE_CHANNELS.copyText, [{ text: 'x' }]),
      ).toEqual({
        status: 'error',
        message: 'The clipboard refused the text: no X11 selection owner',
      });
      await new Promise((r) => setImmediate(r));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
