/**
 * About: the versions people need in a bug report (app, Electron, Chromium, Node, V8, OS) and
 * how the last update check went, shown natively; the versions are available to the renderer.
 */
import { app, BrowserWindow, dialog } from 'electron';
import type { AppInfo } from '../../shared/bridge.ts';
import { handle } from './ipc.ts';
import { updates } from './updates.ts';

/** Versions of this build. */
export function appInfo(): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron ?? 'unknown',
    chrome: process.versions.chrome ?? 'unknown',
    node: process.versions.node,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
  };
}

/** The About box's text: one version per line, after the update status when there is one. */
export function aboutDetail(info: AppInfo, updateStatus?: string): string {
  return [
    `Version ${info.version}`,
    ...(updateStatus ? [updateStatus] : []),
    '',
    `Electron ${info.electron}`,
    `Chromium ${info.chrome}`,
    `Node.js ${info.node}`,
    `V8 ${info.v8}`,
    `${info.platform} ${info.arch}`,
  ].join('\n');
}

/** Shows the About box over the focused window. */
export function showAbout(): void {
  const info = appInfo();
  const options = {
    type: 'info' as const,
    title: `About ${info.name}`,
    message: info.name,
    detail: aboutDetail(info, updates()?.statusLine()),
    buttons: ['OK'],
    noLink: true,
  };
  const parent = BrowserWindow.getFocusedWindow();
  const shown = parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options);
  shown.catch(() => undefined);
}

/** Lets the renderer read the versions (for its own About or a bug-report button). */
export function setupAbout(): void {
  handle('getAppInfo', () => appInfo());
}
