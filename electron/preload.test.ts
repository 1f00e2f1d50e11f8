import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/bridge.ts';

vi.mock('electron', () => import('./test/electron-mock.ts'));

const electron = await import('./test/electron-mock.ts');
await import('./preload.ts');

const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
  string,
  Record<string, unknown>,
];
const api = exposed as Record<string, (...args: unknown[]) => unknown>;

beforeEach(() => electron.ipcRenderer.invoke.mockClear());

describe('preload', () => {
  it('exposes exactly the named bridge methods on window.descent', () => {
    expect(name).toBe('descent');
    expect(Object.keys(exposed).sort()).toEqual(
      [
        'platform',
        'ready',
        'getAppInfo',
        'getPreferences',
        'setDocumentState',
        'newScene',
        'openScene',
        'openDroppedFile',
        'saveScene',
        'copyText',
        'setThemePreference',
        'setExportOptions',
        'exportBegin',
        'exportWrite',
        'exportFinish',
        'exportCancel',
        'onMenuAction',
        'onSceneOpened',
      ].sort(),
    );
    expect(exposed['platform']).toBe(process.platform);
    for (const value of Object.values(exposed)) expect(value).not.toBe(electron.ipcRenderer);
  });

  it('forwards each request on its contract channel', async () => {
    const cases: [string, unknown][] = [
      ['ready', undefined],
      ['getAppInfo', undefined],
      ['getPreferences', undefined],
      ['newScene', undefined],
      ['newScene', { presetId: 'gd-x2' }],
      ['openScene', undefined],
      ['setDocumentState', { dirty: true }],
      ['saveScene', { text: '{}', saveAs: true }],
      ['copyText', { text: 'table' }],
      ['setThemePreference', { theme: 'dark' }],
      ['setExportOptions', { options: { fps: 30 } }],
      ['exportBegin', { format: 'mp4', suggestedName: 'x' }],
      ['exportWrite', { sinkId: 's', bytes: new Uint8Array(2) }],
      ['exportFinish', { sinkId: 's' }],
      ['exportCancel', { sinkId: 's' }],
    ];
    for (const [method, payload] of cases) {
      electron.ipcRenderer.invoke.mockClear();
      await (payload === undefined ? api[method]?.() : api[method]?.(payload));
      const channel = INVOKE_CHANNELS[method as keyof typeof INVOKE_CHANNELS];
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(
        ...(payload === undefined ? [channel] : [channel, payload]),
      );
    }
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api['onMenuAction']?.(listener) as () => void;
    electron.ipcRenderer.emit(EVENT_CHANNELS.menuAction, { sender: 'secret' }, 'file.save');
    expect(listener).toHaveBeenCalledWith('file.save');
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    electron.ipcRenderer.emit(EVENT_CHANNELS.menuAction, {}, 'file.new');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.listenerCount(EVENT_CHANNELS.menuAction)).toBe(0);

    const opened = vi.fn();
    api['onSceneOpened']?.(opened);
    electron.ipcRenderer.emit(EVENT_CHANNELS.sceneOpened, {}, { filePath: null });
    expect(opened).toHaveBeenCalledWith({ filePath: null });
  });

  it('turns a dropped file into its path only inside the preload', async () => {
    const file = { name: 'bowl.descent.json' };
    electron.webUtils.getPathForFile.mockReturnValueOnce('');
    expect(await api['openDroppedFile']?.(file)).toMatchObject({ status: 'error' });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    electron.webUtils.getPathForFile.mockReturnValueOnce('/home/u/bowl.descent.json');
    await api['openDroppedFile']?.(file);
    expect(electron.webUtils.getPathForFile).toHaveBeenLastCalledWith(file);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.openPath, {
      path: '/home/u/bowl.descent.json',
    });
  });
});
