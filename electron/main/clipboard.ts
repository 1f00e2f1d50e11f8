/**
 * Clipboard writes for the renderer ("Copy step table"). The page's own navigator.clipboard
 * needs a permission that the app denies to every page, so text goes through the bridge.
 * Reading the clipboard is deliberately not offered.
 */
import { clipboard } from 'electron';
import { handle } from './ipc.ts';

/**
 * Registers the clipboard request. Since Electron 44 `writeText` returns a promise: it is
 * awaited, so a refusal (no display server, a clipboard manager holding it) reaches the
 * renderer as an `error` outcome instead of an unhandled rejection in main.
 */
export function setupClipboard(): void {
  handle('copyText', async ({ text }) => {
    try {
      await clipboard.writeText(text);
      return { status: 'ok' };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(`[clipboard] could not write: ${reason}`);
      return { status: 'error', message: `The clipboard refused the text: ${reason}` };
    }
  });
}
