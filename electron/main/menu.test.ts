import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FIXED_MENU_ACTIONS, presetAction } from '../../shared/bridge.ts';
import { PRESETS } from '../../shared/scene/presets.ts';

vi.mock('electron', () => import('../test/electron-mock.ts'));
vi.mock('electron-store', () => import('../test/electron-store-mock.ts'));

const { actionIds, buildMenuTemplate, setupMenu } = await import('./menu.ts');
const { memoryBackend, Settings } = await import('./settings.ts');
const { registerAppWindow } = await import('./ipc.ts');
const { setupUpdates, updates } = await import('./updates.ts');
const electron = await import('../test/electron-mock.ts');

type Item = MenuItemConstructorOptions;

function context(platform: string, overrides: Record<string, unknown> = {}) {
  return {
    platform,
    appName: 'Descent Studio',
    isDev: false,
    recentFiles: ['/talks/bowl.descent.json', '/talks/R&D.descent.json'],
    theme: 'system' as const,
    presets: PRESETS,
    sendAction: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    setTheme: vi.fn(),
    showAbout: vi.fn(),
    checkForUpdates: vi.fn(),
    ...overrides,
  };
}

function all(items: readonly Item[]): Item[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])]);
}

function byId(items: readonly Item[], id: string): Item {
  const found = all(items).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function click(item: Item): void {
  (item.click as unknown as () => void)();
}

describe.each(['darwin', 'win32', 'linux'])('menu on %s', (platform) => {
  const ctx = context(platform);
  const template = buildMenuTemplate(ctx);

  it('has one item for every menu action, each sending its own name', () => {
    expect(actionIds(template).sort()).toEqual([...FIXED_MENU_ACTIONS].sort());
    for (const action of FIXED_MENU_ACTIONS) {
      ctx.sendAction.mockClear();
      ctx.setTheme.mockClear();
      click(byId(template, action));
      // Theme items also store the preference; setTheme sends the action (see setupMenu).
      if (action.startsWith('view.theme.'))
        expect(ctx.setTheme).toHaveBeenCalledWith(action.slice(11));
      else expect(ctx.sendAction).toHaveBeenCalledWith(action);
    }
  });

  it('has Open Lesson…, Save Lesson, Save Lesson As… and Export Lesson… in File, and Present (F5) in View', () => {
    const file = template.find((m) => m.label === '&File');
    const ids = ((file?.submenu ?? []) as Item[]).map((i) => i.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'file.openLesson',
        'file.saveLesson',
        'file.saveLessonAs',
        'file.exportLesson',
      ]),
    );
    expect(byId(template, 'file.exportLesson').label).toBe('Export Lesson…');
    expect(byId(template, 'file.openLesson').label).toBe('Open Lesson…');
    expect(byId(template, 'file.saveLesson').label).toBe('Save Lesson');
    expect(byId(template, 'file.saveLessonAs').label).toBe('Save Lesson As…');
    const present = byId(template, 'view.present');
    expect(present.accelerator).toBe('F5');
    ctx.sendAction.mockClear();
    click(present);
    expect(ctx.sendAction).toHaveBeenCalledWith('view.present');
  });

  it('lists every chapter preset', () => {
    for (const preset of PRESETS) {
      const item = byId(template, presetAction(preset.id));
      ctx.sendAction.mockClear();
      click(item);
      expect(ctx.sendAction).toHaveBeenCalledWith(`view.preset:${preset.id}`);
    }
  });

  it('uses CmdOrCtrl so macOS gets ⌘ and the others Ctrl', () => {
    expect(byId(template, 'file.save').accelerator).toBe('CmdOrCtrl+S');
    expect(byId(template, 'file.open').accelerator).toBe('CmdOrCtrl+O');
  });

  it('follows the platform layout', () => {
    const labels = template.map((i) => i.label ?? i.role);
    const roles = all(template).map((i) => i.role);
    if (platform === 'darwin') {
      expect(labels).toEqual(['Descent Studio', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
      expect(all(template[0]?.submenu as Item[]).map((i) => i.role)).toContain('quit');
    } else {
      expect(labels).toEqual(['&File', '&Edit', '&View', '&Help']);
      const quit = all(template[0]?.submenu as Item[]).find((i) => i.role === 'quit');
      expect(quit?.label).toBe(platform === 'win32' ? 'E&xit' : '&Quit');
    }
    expect(roles).toEqual(
      expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'togglefullscreen', 'close']),
    );
    expect(roles).not.toContain('toggleDevTools');
  });

  it('offers recent files (escaping mnemonics) and clearing them', () => {
    const recent = byId(template, 'file.recent').submenu as Item[];
    expect(recent.map((i) => i.label)).toEqual([
      'bowl.descent.json',
      'R&&D.descent.json',
      undefined,
      'Clear Menu',
    ]);
    click(byId(template, 'file.recent.0'));
    expect(ctx.openRecent).toHaveBeenCalledWith('/talks/bowl.descent.json');
    click(byId(template, 'file.recent.clear'));
    expect(ctx.clearRecent).toHaveBeenCalled();
  });

  it('shows the theme preference and changes it', () => {
    expect(byId(template, 'view.theme.system').checked).toBe(true);
    click(byId(template, 'view.theme.dark'));
    expect(ctx.setTheme).toHaveBeenCalledWith('dark');
  });

  it('has About with the versions', () => {
    click(byId(template, 'app.about'));
    expect(ctx.showAbout).toHaveBeenCalled();
  });

  it('has Check for Updates… next to About', () => {
    const item = byId(template, 'app.checkForUpdates');
    expect(item.label?.replace('&', '')).toBe('Check for Updates…');
    click(item);
    expect(ctx.checkForUpdates).toHaveBeenCalledTimes(1);
    const owner = all(template).find(
      (i) => Array.isArray(i.submenu) && i.submenu.some((c) => c.id === 'app.checkForUpdates'),
    );
    expect(owner?.submenu).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'app.about' })]),
    );
    // macOS: the app menu; elsewhere: Help.
    expect(owner?.label).toBe(platform === 'darwin' ? 'Descent Studio' : '&Help');
  });
});

describe('menu details', () => {
  it('disables Clear Menu when there is nothing recent', () => {
    const template = buildMenuTemplate(context('linux', { recentFiles: [] }));
    const recent = byId(template, 'file.recent').submenu as Item[];
    expect(recent[0]).toMatchObject({ label: 'No Recent Scenes', enabled: false });
    expect(byId(template, 'file.recent.clear').enabled).toBe(false);
  });

  it('adds developer tools only to unpackaged builds', () => {
    const roles = all(buildMenuTemplate(context('linux', { isDev: true }))).map((i) => i.role);
    expect(roles).toContain('toggleDevTools');
  });
});

describe('setupMenu', () => {
  const settings = new Settings(memoryBackend(), 'linux');
  const files = {
    openPaths: vi.fn(async () => undefined),
    openInWindow: vi.fn(async () => ({ status: 'ok' as const })),
    clearRecent: vi.fn(),
  };
  setupMenu(settings, files as never);

  function installed(): Item[] {
    const calls = electron.Menu.buildFromTemplate.mock.calls;
    return calls[calls.length - 1]?.[0] as Item[];
  }

  it('installs the menu and sends actions to the focused app window', () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const win = new electron.BrowserWindow();
    registerAppWindow(win as never);
    electron.BrowserWindow.focused = win;
    click(byId(installed(), 'edit.undo'));
    expect(win.webContents.send).toHaveBeenCalledWith('menu:action', 'edit.undo');
  });

  it('rebuilds when recent files change, not when window bounds do', () => {
    const builds = electron.Menu.buildFromTemplate.mock.calls.length;
    settings.update({ windowBounds: { x: 0, y: 0, width: 900, height: 700, maximized: false } });
    expect(electron.Menu.buildFromTemplate.mock.calls.length).toBe(builds);
    settings.addRecentFile('/x/new.descent.json');
    expect(electron.Menu.buildFromTemplate.mock.calls.length).toBe(builds + 1);
    expect((byId(installed(), 'file.recent').submenu as Item[])[0]?.label).toBe('new.descent.json');
  });

  it('stores the theme and tells the renderer which scene theme to show', () => {
    const win = new electron.BrowserWindow();
    registerAppWindow(win as never);
    electron.BrowserWindow.focused = win;
    click(byId(installed(), 'view.theme.dark'));
    expect(settings.get().theme).toBe('dark');
    expect(win.webContents.send).toHaveBeenCalledWith('menu:action', 'view.theme.dark');
  });

  it('Check for Updates… in an unpackaged build says updates come with installed builds', async () => {
    setupUpdates(settings);
    electron.dialog.showMessageBox.mockClear();
    click(byId(installed(), 'app.checkForUpdates'));
    await vi.waitFor(() => expect(electron.dialog.showMessageBox).toHaveBeenCalled());
    const box = electron.dialog.showMessageBox.mock.calls.at(-1)?.at(-1) as { message: string };
    expect(box.message).toMatch(/installed builds/);
    updates()?.stop();
  });

  it('opens a recent file in the focused window', () => {
    click(byId(installed(), 'file.recent.0'));
    expect(files.openInWindow).toHaveBeenCalledWith(
      electron.BrowserWindow.focused,
      '/x/new.descent.json',
    );
  });
});
