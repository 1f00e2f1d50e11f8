import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/bridge.ts';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const {
  createElectronStore,
  DEFAULT_SETTINGS,
  memoryBackend,
  openSettingsBackend,
  Settings,
  setupSettings,
  storeSchema,
} = await import('./settings.ts');
const { registerAppWindow } = await import('./ipc.ts');
const electron = await import('../test/electron-mock.ts');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'descent-settings-'));
}

describe('Settings', () => {
  it('starts from the defaults', () => {
    expect(new Settings(memoryBackend()).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads a damaged field as its default and keeps the good ones', () => {
    const backend = memoryBackend();
    backend.set('theme', 'purple');
    backend.set('recentFiles', ['/a.descent.json']);
    const settings = new Settings(backend);
    expect(settings.get().theme).toBe('system');
    expect(settings.get().recentFiles).toEqual(['/a.descent.json']);
  });

  it('refuses to store a value outside the schema', () => {
    const settings = new Settings(memoryBackend());
    expect(() => settings.update({ theme: 'purple' as never })).toThrow();
    expect(settings.get().theme).toBe('system');
  });

  it('announces changes and survives a disk that refuses writes', () => {
    const backend = {
      store: {},
      set: vi.fn(() => {
        throw new Error('EROFS');
      }),
    };
    const settings = new Settings(backend);
    const listener = vi.fn();
    settings.onChange(listener);
    settings.update({ theme: 'dark' });
    expect(listener).toHaveBeenCalledWith(expect.objectContaining({ theme: 'dark' }));
  });

  it('keeps recent files most recent first, unique and at most ten', () => {
    const settings = new Settings(memoryBackend(), 'linux');
    for (let i = 0; i < 12; i++) settings.addRecentFile(`/s/${i}.descent.json`);
    settings.addRecentFile('/s/5.descent.json');
    const list = settings.get().recentFiles;
    expect(list).toHaveLength(10);
    expect(list[0]).toBe('/s/5.descent.json');
    expect(new Set(list).size).toBe(10);
    settings.removeRecentFile('/s/5.descent.json');
    expect(settings.get().recentFiles).not.toContain('/s/5.descent.json');
  });

  it('takes only an http(s) address (or nothing) as the share-link base', () => {
    const settings = new Settings(memoryBackend());
    expect(settings.get().shareBaseUrl).toBe('');
    settings.update({ shareBaseUrl: 'https://descent.example.org/' });
    expect(settings.get().shareBaseUrl).toBe('https://descent.example.org/');
    for (const bad of [
      'app://descent/index.html',
      'file:///tmp/x.html',
      'javascript:alert(1)',
      'nope',
    ]) {
      expect(() => settings.update({ shareBaseUrl: bad })).toThrow();
    }
    // A hand-edited bad value reads as the default: no link rather than a broken one.
    const backend = memoryBackend();
    backend.set('shareBaseUrl', 'app://descent/');
    expect(new Settings(backend).get().shareBaseUrl).toBe('');
  });

  it('treats paths case-insensitively where the file system does', () => {
    const mac = new Settings(memoryBackend(), 'darwin');
    mac.addRecentFile('/Users/a/Bowl.descent.json');
    mac.addRecentFile('/Users/a/bowl.descent.json');
    expect(mac.get().recentFiles).toEqual(['/Users/a/bowl.descent.json']);
    const linux = new Settings(memoryBackend(), 'linux');
    linux.addRecentFile('/home/a/Bowl.descent.json');
    linux.addRecentFile('/home/a/bowl.descent.json');
    expect(linux.get().recentFiles).toHaveLength(2);
  });
});

describe('the settings file (electron-store)', () => {
  it('round-trips through the real file with the schema', () => {
    const dir = folder();
    const settings = new Settings(createElectronStore(dir));
    settings.update({ theme: 'dark', lastExportOptions: { format: 'mp4', fps: 30 } });
    settings.update({
      updateConsent: 'yes',
      lastUpdateCheck: { at: 1_767_600_000_000, result: { kind: 'available', version: '1.2.0' } },
      shareBaseUrl: 'https://descent.example.org/',
    });
    const again = new Settings(createElectronStore(dir));
    expect(again.get()).toMatchObject({
      theme: 'dark',
      lastExportOptions: { format: 'mp4', fps: 30 },
      updateConsent: 'yes',
      lastUpdateCheck: { at: 1_767_600_000_000, result: { kind: 'available', version: '1.2.0' } },
      shareBaseUrl: 'https://descent.example.org/',
    });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).theme).toBe('dark');
  });

  it('gives electron-store a JSON Schema for every field', () => {
    expect(Object.keys(storeSchema()).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });

  it.each([
    ['broken JSON', '{"theme": "dark", '],
    ['a value the schema refuses', JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'purple' })],
    ['the wrong shape', JSON.stringify({ ...DEFAULT_SETTINGS, recentFiles: 'none' })],
  ])('backs up and resets a settings file with %s, without failing', (_what, text) => {
    const dir = folder();
    writeFileSync(join(dir, 'settings.json'), text);
    const opened = openSettingsBackend({
      dir,
      create: createElectronStore,
      now: () => new Date('2025-01-02T03:04:05.678Z'),
    });
    expect(opened.inMemory).toBe(false);
    expect(opened.backupPath).toBe(join(dir, 'settings.corrupt-2025-01-02T03-04-05-678Z.json'));
    expect(readFileSync(opened.backupPath ?? '', 'utf8')).toBe(text);
    const settings = new Settings(opened.backend);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.update({ theme: 'light' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).theme).toBe('light');
  });

  it('falls back to memory when even a fresh file cannot be made', () => {
    const create = vi.fn(() => {
      throw new Error('EACCES');
    });
    const opened = openSettingsBackend({ dir: folder(), create });
    expect(opened.inMemory).toBe(true);
    expect(new Settings(opened.backend).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('setupSettings recovers at start-up and answers preference requests', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'settings.json'), 'not json at all');
    electron.app.setPath('userData', dir);
    const settings = setupSettings();
    expect(readdirSync(dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);

    const win = new electron.BrowserWindow();
    registerAppWindow(win as never);
    await electron.invokeAs(win.webContents, INVOKE_CHANNELS.setThemePreference, [
      { theme: 'dark' },
    ]);
    expect(electron.nativeTheme.themeSource).toBe('dark');
    await electron.invokeAs(win.webContents, INVOKE_CHANNELS.setExportOptions, [
      { options: { format: 'gif', width: 720 } },
    ]);
    expect(await electron.invokeAs(win.webContents, INVOKE_CHANNELS.getPreferences, [])).toEqual({
      theme: 'dark',
      lastExportOptions: { format: 'gif', width: 720 },
      shareBaseUrl: null,
    });
    expect(settings.get().theme).toBe('dark');
    // With the web build's address set, the renderer gets it for share links.
    settings.update({ shareBaseUrl: 'https://descent.example.org/studio/' });
    expect(await electron.invokeAs(win.webContents, INVOKE_CHANNELS.getPreferences, [])).toEqual(
      expect.objectContaining({ shareBaseUrl: 'https://descent.example.org/studio/' }),
    );
    // The share dialog sets it (and '' forgets it); anything but http(s) is refused unchanged.
    await electron.invokeAs(win.webContents, INVOKE_CHANNELS.setShareBaseUrl, [
      { url: 'https://lectures.example.edu/descent/' },
    ]);
    expect(settings.get().shareBaseUrl).toBe('https://lectures.example.edu/descent/');
    for (const url of ['app://descent/', 'file:///tmp/x.html', 'not a url', 42]) {
      await expect(
        electron.invokeAs(win.webContents, INVOKE_CHANNELS.setShareBaseUrl, [{ url }]),
      ).rejects.toThrow();
    }
    expect(settings.get().shareBaseUrl).toBe('https://lectures.example.edu/descent/');
    await electron.invokeAs(win.webContents, INVOKE_CHANNELS.setShareBaseUrl, [{ url: '' }]);
    expect(
      (await electron.invokeAs(win.webContents, INVOKE_CHANNELS.getPreferences, [])) as object,
    ).toEqual(expect.objectContaining({ shareBaseUrl: null }));
  });
});
