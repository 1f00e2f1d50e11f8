/**
 * Preload script (sandboxed, isolated world): exposes `window.descent`, exactly the named
 * methods of the bridge contract. The page never gets `ipcRenderer`, channel names, IPC event
 * objects or Node; each method forwards one typed request, each `on…` one typed event.
 *
 * Built as CommonJS: a sandboxed preload cannot be an ES module. Only `electron` may be
 * required at run time here, so everything else (the channel names) is bundled in.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
// Types only from the contract: its module builds zod schemas, which the preload never uses.
import type {
  DescentBridge,
  EventName,
  EventPayloads,
  InvokeArgs,
  InvokeMethod,
  InvokeResult,
  Unsubscribe,
} from '../shared/bridge.ts';
import { BRIDGE_GLOBAL, EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/bridgeChannels.ts';

function invoke<M extends InvokeMethod>(
  method: M,
  payload?: InvokeArgs<M>,
): Promise<InvokeResult<M>> {
  const channel = INVOKE_CHANNELS[method];
  return (
    payload === undefined ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, payload)
  ) as Promise<InvokeResult<M>>;
}

function subscribe<E extends EventName>(
  name: E,
  listener: (payload: EventPayloads[E]) => void,
): Unsubscribe {
  const channel = EVENT_CHANNELS[name];
  // Drop the IPC event: it carries the sender and ports, which the page must not reach.
  const forward = (_event: IpcRendererEvent, payload: EventPayloads[E]): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

/** The object behind `window.descent`. */
export const bridge = {
  platform: process.platform,
  ready: () => invoke('ready'),
  getAppInfo: () => invoke('getAppInfo'),
  getPreferences: () => invoke('getPreferences'),
  setDocumentState: (state) => invoke('setDocumentState', state),
  newScene: (request) => invoke('newScene', request),
  openScene: () => invoke('openScene'),
  openDroppedFile: async (file) => {
    // Only the preload can turn a dropped File into its path; the page never sees paths.
    const path = webUtils.getPathForFile(file as unknown as File);
    if (!path) return { status: 'error', message: 'Only files on this computer can be opened.' };
    return invoke('openPath', { path });
  },
  saveScene: (request) => invoke('saveScene', request),
  openLesson: () => invoke('openLesson'),
  saveLesson: (request) => invoke('saveLesson', request),
  copyText: (request) => invoke('copyText', request),
  setThemePreference: (request) => invoke('setThemePreference', request),
  setShareBaseUrl: (request) => invoke('setShareBaseUrl', request),
  setExportOptions: (request) => invoke('setExportOptions', request),
  exportBegin: (request) => invoke('exportBegin', request),
  exportWrite: (request) => invoke('exportWrite', request),
  exportFinish: (request) => invoke('exportFinish', request),
  exportCancel: (request) => invoke('exportCancel', request),
  onMenuAction: (listener) => subscribe('menuAction', listener),
  onSceneOpened: (listener) => subscribe('sceneOpened', listener),
  onLessonOpened: (listener) => subscribe('lessonOpened', listener),
} satisfies DescentBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
