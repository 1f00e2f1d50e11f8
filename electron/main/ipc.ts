/**
 * The one place that receives renderer requests and sends events back. Every handler is
 * registered through {@link handle}, which refuses senders that are not the top frame of one
 * of the app's own windows on the app's own origin, and payloads that fail the contract's zod
 * schema, before the handler runs.
 */
import { BrowserWindow, ipcMain } from 'electron';
import type { WebContents, WebFrameMain } from 'electron';
import type { z } from 'zod';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  INVOKE_PAYLOADS,
  type EventName,
  type EventPayloads,
  type InvokeArgs,
  type InvokeMethod,
  type InvokeResult,
} from '../../shared/bridge.ts';
import { describeZodError } from '../../shared/schema.ts';
import { isTrustedRendererUrl } from './protocol.ts';

const appWindows = new Set<BrowserWindow>();

/** Marks a window as the app's own: only these may call the bridge. */
export function registerAppWindow(win: BrowserWindow): void {
  appWindows.add(win);
  win.once('closed', () => appWindows.delete(win));
}

/** The app's live windows, oldest first. */
export function appWindowList(): BrowserWindow[] {
  return [...appWindows].filter((w) => !w.isDestroyed());
}

/** The minimum of an IPC event the sender check reads. */
export interface SenderInfo {
  sender: WebContents;
  senderFrame: WebFrameMain | null;
}

/** The app window a request came from, or why the request is refused. */
export type SenderCheck = { ok: true; window: BrowserWindow } | { ok: false; reason: string };

/**
 * Only accept requests from the top frame of a BrowserWindow this app created, showing the
 * app's own page. This rejects webviews, sub-frames, windows opened some other way and a
 * window that was navigated elsewhere.
 */
export function checkSender(event: SenderInfo, trustUrl = isTrustedRendererUrl): SenderCheck {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win || !appWindows.has(win) || win.isDestroyed()) {
    return { ok: false, reason: 'the sender is not one of the app windows' };
  }
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null)
    return { ok: false, reason: 'the sender is not a top frame' };
  if (!trustUrl(frame.url)) return { ok: false, reason: 'the sender is not the app page' };
  return { ok: true, window: win };
}

/** What a handler gets besides its payload. */
export interface HandlerContext {
  /** The app window that sent the request. */
  window: BrowserWindow;
}

/** A request handler for bridge method `M`. */
export type Handler<M extends InvokeMethod> = (
  payload: InvokeArgs<M>,
  context: HandlerContext,
) => InvokeResult<M> | Promise<InvokeResult<M>>;

/**
 * Registers the handler of bridge method `method`. A refused request rejects in the renderer
 * with a message naming the channel and the reason; the handler never sees it.
 */
export function handle<M extends InvokeMethod>(method: M, handler: Handler<M>): void {
  const channel = INVOKE_CHANNELS[method];
  // Indexing the record loses the link between M and its schema; the type is the same.
  const schema = INVOKE_PAYLOADS[method] as unknown as z.ZodType<InvokeArgs<M>>;
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    const sender = checkSender(event);
    if (!sender.ok) {
      console.warn(`[ipc] refused ${channel}: ${sender.reason}`);
      throw new Error(`Refused ${channel}: ${sender.reason}.`);
    }
    if (args.length > 1) throw new Error(`Refused ${channel}: expected at most one argument.`);
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      const detail = describeZodError(parsed.error);
      console.warn(`[ipc] refused ${channel}: invalid payload: ${detail}`);
      throw new Error(`Refused ${channel}: invalid payload: ${detail}`);
    }
    return handler(parsed.data, { window: sender.window });
  });
}

/** Sends event `name` to one window's renderer; a closed window is skipped. */
export function sendEvent<E extends EventName>(
  win: BrowserWindow,
  name: E,
  payload: EventPayloads[E],
): void {
  if (win.isDestroyed() || win.webContents.isDestroyed()) return;
  win.webContents.send(EVENT_CHANNELS[name], payload);
}
