/**
 * The app's name and data folder, settled before anything reads a path: settings, the
 * single-instance lock and Chromium's profile all live in the user-data folder.
 */
import { join, resolve } from 'node:path';
import { app } from 'electron';

/** The app's name: window titles, menus, the user-data folder. */
export const PRODUCT_NAME = 'Descent Studio';

/** Reverse-DNS id: electron-builder's appId and Windows' AppUserModelID (taskbar, jump list). */
export const APP_ID = 'org.descentstudio.app';

/**
 * Names the app and picks its data folder. `DESCENT_USER_DATA_DIR` gives tests (and anyone
 * who wants a portable setup) a separate folder, hence a separate single-instance lock.
 */
export function setupIdentity(env: Record<string, string | undefined> = process.env): void {
  if (app.getName() !== PRODUCT_NAME) {
    // Started from a bare script path (no package.json), Electron would call itself "Electron".
    app.setName(PRODUCT_NAME);
    app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
  }
  const override = env['DESCENT_USER_DATA_DIR'];
  if (override) app.setPath('userData', resolve(override));
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
}
