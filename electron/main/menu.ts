/**
 * The native application menu. Items that change the scene do not act here: they send a
 * typed action name (shared/bridge.ts) to the focused window's renderer, which runs the same
 * code as its own buttons. Only what belongs to the app itself (Open Recent, theme
 * preference, About, Check for Updates, window roles, Quit) is handled in the main process.
 *
 * The template is built by a pure function of a context object, so the menu's structure,
 * ids and accelerators are tested without Electron.
 */
import { basename } from 'node:path';
import { app, BrowserWindow, Menu, nativeTheme } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import {
  ACTION_LABELS,
  acceleratorFor,
  FIXED_MENU_ACTIONS,
  OVERLAY_KEYS,
  presetAction,
  THEME_PREFERENCES,
} from '../../shared/bridge.ts';
import type { FixedMenuAction, MenuAction, ThemePreference } from '../../shared/bridge.ts';
import { PRESETS } from '../../shared/scene/presets.ts';
import { CAMERA_PRESETS } from '../../shared/scene/document.ts';
import { showAbout } from './about.ts';
import type { FilesApi } from './files.ts';
import { appWindowList, sendEvent } from './ipc.ts';
import type { Settings } from './settings.ts';
import { PRODUCT_NAME } from './identity.ts';
import { updates } from './updates.ts';

/** Everything the menu shows or does, passed in so the template is a pure function. */
export interface MenuContext {
  platform: string;
  appName: string;
  /** Unpackaged build: adds Reload and Developer Tools. */
  isDev: boolean;
  recentFiles: readonly string[];
  theme: ThemePreference;
  presets: readonly { id: string; title: string }[];
  /** Delivers an action to the focused scene window. */
  sendAction(action: MenuAction): void;
  openRecent(filePath: string): void;
  clearRecent(): void;
  setTheme(theme: ThemePreference): void;
  showAbout(): void;
  /** Checks for updates now (asking for consent first when daily checks are off). */
  checkForUpdates(): void;
}

type Item = MenuItemConstructorOptions;

const THEME_LABELS: Record<ThemePreference, string> = {
  system: 'Match System',
  light: 'Light',
  dark: 'Dark',
};

/** A menu item that sends `action`; its id is the action name (tests and e2e find it so). */
function actionItem(ctx: MenuContext, action: FixedMenuAction, label?: string): Item {
  const accelerator = acceleratorFor(action, ctx.platform);
  return {
    id: action,
    label: label ?? ACTION_LABELS[action],
    ...(accelerator ? { accelerator } : {}),
    click: () => ctx.sendAction(action),
  };
}

/** "Check for Updates…": next to About (app menu on macOS, Help elsewhere). */
function updatesItem(ctx: MenuContext): Item {
  return {
    id: 'app.checkForUpdates',
    label: 'Check for &Updates…',
    click: () => ctx.checkForUpdates(),
  };
}

function recentSubmenu(ctx: MenuContext): Item[] {
  const items: Item[] = ctx.recentFiles.map((filePath, index) => ({
    id: `file.recent.${index}`,
    // & would start a mnemonic on Windows and Linux.
    label: basename(filePath).replace(/&/g, '&&'),
    toolTip: filePath,
    click: () => ctx.openRecent(filePath),
  }));
  if (items.length === 0) items.push({ label: 'No Recent Scenes', enabled: false });
  items.push(
    { type: 'separator' },
    {
      id: 'file.recent.clear',
      label: 'Clear Menu',
      enabled: ctx.recentFiles.length > 0,
      click: () => ctx.clearRecent(),
    },
  );
  return items;
}

/** The whole menu for one platform and state. */
export function buildMenuTemplate(ctx: MenuContext): Item[] {
  const mac = ctx.platform === 'darwin';
  const template: Item[] = [];

  if (mac) {
    template.push({
      label: ctx.appName,
      submenu: [
        { id: 'app.about', label: `About ${ctx.appName}`, click: () => ctx.showAbout() },
        updatesItem(ctx),
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: '&File',
    submenu: [
      actionItem(ctx, 'file.new'),
      actionItem(ctx, 'file.open'),
      { id: 'file.recent', label: 'Open &Recent', submenu: recentSubmenu(ctx) },
      { type: 'separator' },
      actionItem(ctx, 'file.save'),
      actionItem(ctx, 'file.saveAs'),
      { type: 'separator' },
      actionItem(ctx, 'file.openLesson'),
      actionItem(ctx, 'file.saveLesson'),
      actionItem(ctx, 'file.saveLessonAs'),
      actionItem(ctx, 'file.exportLesson'),
      { type: 'separator' },
      actionItem(ctx, 'file.export'),
      { type: 'separator' },
      { role: 'close', label: 'Close Window' },
      ...(mac
        ? []
        : [
            { type: 'separator' } as Item,
            { role: 'quit', label: ctx.platform === 'win32' ? 'E&xit' : '&Quit' } as Item,
          ]),
    ],
  });

  template.push({
    label: '&Edit',
    submenu: [
      actionItem(ctx, 'edit.undo'),
      actionItem(ctx, 'edit.redo'),
      { type: 'separator' },
      // Text fields need the standard roles; on macOS ⌘C/⌘V do nothing without them.
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      actionItem(ctx, 'edit.copyStepTable'),
    ],
  });

  template.push({
    label: '&View',
    submenu: [
      {
        id: 'view.presets',
        label: 'Chapter &Presets',
        submenu: ctx.presets.map((p) => ({
          id: presetAction(p.id),
          label: p.title.replace(/&/g, '&&'),
          click: () => ctx.sendAction(presetAction(p.id)),
        })),
      },
      {
        id: 'view.camera',
        label: '&Camera',
        submenu: CAMERA_PRESETS.map((c) => actionItem(ctx, `view.camera.${c}`)),
      },
      {
        id: 'view.overlays',
        label: 'Toggle &Overlay',
        submenu: OVERLAY_KEYS.map((k) => actionItem(ctx, `view.overlay.${k}`)),
      },
      {
        id: 'view.theme',
        label: '&Theme',
        // Light and Dark carry the ids of their scene-theme actions (setTheme sends them).
        submenu: THEME_PREFERENCES.map((t) => ({
          id: `view.theme.${t}`,
          label: THEME_LABELS[t],
          type: 'radio' as const,
          checked: ctx.theme === t,
          click: () => ctx.setTheme(t),
        })),
      },
      { type: 'separator' },
      actionItem(ctx, 'view.present'),
      actionItem(ctx, 'view.hud'),
      { type: 'separator' },
      // Zoom matters on projectors: the panels must stay readable from the back row.
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(ctx.isDev
        ? [
            { type: 'separator' } as Item,
            { role: 'reload' } as Item,
            { role: 'forceReload' } as Item,
            { role: 'toggleDevTools' } as Item,
          ]
        : []),
    ],
  });

  if (mac) template.push({ role: 'windowMenu' });

  template.push({
    role: 'help',
    label: '&Help',
    submenu: [
      actionItem(ctx, 'help.shortcuts'),
      ...(mac
        ? []
        : [
            { type: 'separator' } as Item,
            updatesItem(ctx),
            { id: 'app.about', label: `&About ${ctx.appName}`, click: () => ctx.showAbout() },
          ]),
    ],
  });
  return template;
}

/** Every action id present in a template (for tests: each fixed action has one item). */
export function actionIds(template: readonly Item[]): string[] {
  const ids: string[] = [];
  const walk = (items: readonly Item[]): void => {
    for (const item of items) {
      if (item.id && (FIXED_MENU_ACTIONS as readonly string[]).includes(item.id)) ids.push(item.id);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template);
  return ids;
}

/** The app window menu actions go to: the focused one, else the most recent. */
function actionTarget(): BrowserWindow | undefined {
  const windows = appWindowList();
  const focused = BrowserWindow.getFocusedWindow();
  return focused && windows.includes(focused) ? focused : windows[windows.length - 1];
}

/**
 * Installs the menu and rebuilds it when what it shows changes (recent files, theme).
 * Theme items store the preference and tell the renderer which scene theme to use.
 */
export function setupMenu(settings: Settings, files: FilesApi): void {
  const sendAction = (action: MenuAction): void => {
    const win = actionTarget();
    if (win) sendEvent(win, 'menuAction', action);
  };
  const install = (): void => {
    const data = settings.get();
    const template = buildMenuTemplate({
      platform: process.platform,
      appName: PRODUCT_NAME,
      isDev: !app.isPackaged,
      recentFiles: data.recentFiles,
      theme: data.theme,
      presets: PRESETS,
      sendAction,
      openRecent: (filePath) => {
        const win = actionTarget();
        if (win) void files.openInWindow(win, filePath);
        else void files.openPaths([filePath]);
      },
      clearRecent: () => files.clearRecent(),
      setTheme: (theme) => {
        settings.update({ theme });
        const dark = theme === 'dark' || (theme === 'system' && nativeTheme.shouldUseDarkColors);
        sendAction(dark ? 'view.theme.dark' : 'view.theme.light');
      },
      showAbout,
      checkForUpdates: () => {
        updates()
          ?.checkFromMenu()
          .catch((error: unknown) => console.warn('[menu] update check failed:', error));
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  let shown = '';
  settings.onChange((data) => {
    // Rebuild only when the menu would look different (bounds changes are frequent).
    const key = JSON.stringify([data.recentFiles, data.theme]);
    if (key !== shown) {
      shown = key;
      install();
    }
  });
  shown = JSON.stringify([settings.get().recentFiles, settings.get().theme]);
  install();
}
