/**
 * Clipboard writes for the renderer ("Copy step table"). The page's own navigator.clipboard
 * needs a permission that the app denies to every page, so text goes through the bridge.
 * Reading the clipboard is deliberately not offered.
 */
import { clipboard } from 'electron';
import { handle } from './ipc.ts';

/** Registers the clipboard request. */
export function setupClipboard(): void {
  handle('copyText', ({ text }) => {
    clipboard.writeText(text);
  });
}
