/**
 * Which file each window shows and whether it has unsaved changes, and how that appears:
 * the window title (file name plus an unsaved mark), and on macOS the edited dot in the close
 * button and the proxy icon of the represented file.
 */
import { basename } from 'node:path';
import type { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from './identity.ts';
import { handle } from './ipc.ts';
import { onWindowCreated } from './windows.ts';

/** Name shown for a scene that has never been saved. */
export const UNTITLED = 'Untitled';

/** The document shown in one window. */
export interface DocumentState {
  /** Absolute path of the scene file, or null while untitled. */
  filePath: string | null;
  /** Unsaved changes, as reported by the renderer (and cleared by a successful save). */
  dirty: boolean;
  /** The window's lesson has unsaved changes (reported likewise; cleared by a lesson save). */
  lessonDirty?: boolean;
}

const states = new WeakMap<BrowserWindow, DocumentState>();

/** The name shown for a document. */
export function displayName(filePath: string | null): string {
  return filePath ? basename(filePath) : UNTITLED;
}

/**
 * Window title for a document. macOS shows the edited state in the close button and the
 * title bar names only the document ("name — Edited" while unsaved, as its own apps do);
 * Windows and Linux prefix a dot and end with the app's name for the taskbar.
 */
export function formatWindowTitle(
  state: DocumentState,
  platform: string = process.platform,
): string {
  const name = displayName(state.filePath);
  const edited = state.dirty || state.lessonDirty === true;
  if (platform === 'darwin') return edited ? `${name} — Edited` : name;
  return `${edited ? '● ' : ''}${name} — ${PRODUCT_NAME}`;
}

/** The document state of `win` (a new window shows a clean untitled scene). */
export function getDocumentState(win: BrowserWindow): DocumentState {
  return states.get(win) ?? { filePath: null, dirty: false };
}

/** Changes the document state of `win` and updates its title bar. */
export function setDocumentState(
  win: BrowserWindow,
  patch: Partial<DocumentState>,
  platform: string = process.platform,
): DocumentState {
  const next = { ...getDocumentState(win), ...patch };
  states.set(win, next);
  if (win.isDestroyed()) return next;
  win.setTitle(formatWindowTitle(next, platform));
  if (platform === 'darwin') {
    win.setDocumentEdited(next.dirty || next.lessonDirty === true);
    win.setRepresentedFilename(next.filePath ?? '');
  }
  return next;
}

/**
 * Keeps every window's title ours (the page's <title> would replace it) and lets the renderer
 * report unsaved changes.
 */
export function setupTitle(): void {
  onWindowCreated((win) => {
    win.on('page-title-updated', (event) => event.preventDefault());
    setDocumentState(win, {});
  });
  handle('setDocumentState', ({ dirty, lessonDirty }, { window }) => {
    setDocumentState(window, lessonDirty === undefined ? { dirty } : { dirty, lessonDirty });
  });
}
