/**
 * The bridge's IPC channel names and the name of `window.descent`: the only run-time values the
 * preload needs from the contract. Kept apart from shared/bridge.ts, which builds zod schemas
 * when it loads, so the sandboxed preload bundles none of zod (electron/preload.test.ts walks
 * its imports to keep it so). Everything else here is types, erased at build time.
 */
import type { EventName, InvokeMethod } from './bridge.ts';

/** IPC channel of each request; the only place channel names are written. */
export const INVOKE_CHANNELS = {
  ready: 'app:ready',
  getAppInfo: 'app:info',
  getPreferences: 'settings:get',
  setDocumentState: 'document:set-state',
  newScene: 'document:new',
  openScene: 'document:open-dialog',
  openPath: 'document:open-path',
  saveScene: 'document:save',
  openLesson: 'lesson:open-dialog',
  saveLesson: 'lesson:save',
  copyText: 'clipboard:write-text',
  setThemePreference: 'settings:set-theme',
  setExportOptions: 'settings:set-export-options',
  setShareBaseUrl: 'settings:set-share-base',
  exportBegin: 'export:begin',
  exportWrite: 'export:write',
  exportFinish: 'export:finish',
  exportCancel: 'export:cancel',
} as const satisfies Record<InvokeMethod, string>;

/** IPC channel of each event. */
export const EVENT_CHANNELS = {
  menuAction: 'menu:action',
  sceneOpened: 'document:opened',
  lessonOpened: 'lesson:opened',
} as const satisfies Record<EventName, string>;

/** Name of `window.descent`. */
export const BRIDGE_GLOBAL = 'descent';
