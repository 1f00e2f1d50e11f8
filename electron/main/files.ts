/**
 * Scene files: New, Open (dialog, drop, Open Recent, command line, file association, second
 * launch), Save and Save As, and the save/discard/cancel question before unsaved changes
 * would be lost (New, Open, closing a window, quitting). The renderer owns the scene; it
 * hands over the text to save and receives opened scenes through the bridge.
 *
 * Every scene is validated with parseSceneText after reading and before writing, and every
 * write is atomic (see atomic-write.ts), so no path here can leave a damaged file behind; the
 * temporary copies a crash mid-save leaves are removed on the next save or start
 * (stale-temps.ts).
 */
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { app, dialog } from 'electron';
import type { BrowserWindow, FileFilter } from 'electron';
import { isLessonPath, LESSON_PATTERNS } from '../../shared/bridge.ts';
import type { DocumentRef, OpenedLesson, OpenedScene, Outcome } from '../../shared/bridge.ts';
import { serializeLesson } from '../../shared/lesson/document.ts';
import { parseLessonText } from '../../shared/lesson/parse.ts';
import { presetScene } from '../../shared/scene/presets.ts';
import {
  defaultScene,
  isSceneFileName,
  SCENE_EXTENSION,
  SCENE_PATTERNS,
  serializeScene,
} from '../../shared/scene/document.ts';
import { parseSceneText } from '../../shared/scene/parse.ts';
import type { Scene } from '../../shared/scene/document.ts';
import { describeFsError, writeFileAtomic } from '../../node/atomic-write.ts';
import { removeStaleTemporaries, removeStaleTemporariesFor } from '../../node/stale-temps.ts';
import { nodeReadFs, readDocumentText, suggestedDocumentName } from './document-read.ts';
import type { ReadFs } from './document-read.ts';
import { appWindowList, handle, sendEvent } from './ipc.ts';
import {
  LESSON_FILTERS,
  readLessonFile,
  suggestedLessonFileName,
  withLessonExtension,
} from './lessons.ts';
import { samePath } from './recent.ts';
import type { Settings } from './settings.ts';
import { displayName, getDocumentState, setDocumentState, UNTITLED } from './title.ts';
import { createWindow, onWindowCreated, targetWindow } from './windows.ts';

/** Largest scene file opened; real scenes are a few KB, this only stops a wrong pick. */
export const MAX_SCENE_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Dialog filter. The extension is listed as `json` because macOS and Windows dialogs only
 * understand single extensions; {@link withSceneExtension} adds `.descent.json` on save.
 */
export const SCENE_FILTERS: FileFilter[] = [
  { name: 'Descent Studio scene', extensions: ['json', 'descent'] },
  { name: 'All files', extensions: ['*'] },
];

/** How long a window has to start the save it was asked for before we give up. */
export const SAVE_REQUEST_TIMEOUT_MS = 15_000;

/**
 * `filePath` ending in a scene extension (`.descent.json`, `.descent`): kept as is, `name.json`
 * becomes `name.descent.json`, anything else gets the extension appended (Linux dialogs do not
 * add one).
 */
export function withSceneExtension(filePath: string): string {
  if (isSceneFileName(filePath)) return filePath;
  if (extname(filePath).toLowerCase() === '.json') return filePath.slice(0, -5) + SCENE_EXTENSION;
  return filePath + SCENE_EXTENSION;
}

/** A file name for an untitled scene, from its title: "Gradient descent on x²" → gradient-descent-on-x.descent.json. */
export function suggestedFileName(title: string): string {
  return suggestedDocumentName(title, 'scene', SCENE_EXTENSION);
}

/** The result of reading a scene file. */
export type SceneRead =
  { ok: true; scene: Scene } | { ok: false; message: string; missing: boolean };

/** The file calls {@link readSceneFile} needs. */
export type { ReadFs } from './document-read.ts';

/**
 * Reads and validates a scene file. Never throws: a missing, oversized, unreadable or
 * malformed file yields a message that says which.
 */
export async function readSceneFile(filePath: string, fs: ReadFs = nodeReadFs): Promise<SceneRead> {
  const read = await readDocumentText(filePath, MAX_SCENE_FILE_BYTES, 'scene', fs);
  if (!read.ok) return read;
  const parsed = parseSceneText(read.text);
  if (!parsed.ok) return { ok: false, message: parsed.message, missing: false };
  return { ok: true, scene: parsed.scene };
}

/** The user's answer to "save changes?". */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** Buttons of the unsaved-changes question, in platform order handled by Electron. */
export const UNSAVED_BUTTONS = ['Save', "Don't Save", 'Cancel'] as const;

/** Maps the message box's button index to a choice (Esc and unknown indexes cancel). */
export function unsavedChoice(response: number): UnsavedChoice {
  if (response === 0) return 'save';
  if (response === 1) return 'discard';
  return 'cancel';
}

/** What a window is asked to show: a scene or a lesson. */
type Delivery =
  { event: 'sceneOpened'; payload: OpenedScene } | { event: 'lessonOpened'; payload: OpenedLesson };

/** Which document a save request is for. */
type SaveKind = 'scene' | 'lesson';

interface WindowSession {
  /** The renderer called ready(): events reach its listeners. */
  ready: boolean;
  /** Scenes and lessons to deliver once the renderer is ready, in order. */
  pending: Delivery[];
  /** Waiters for the outcome of the next save, from the unsaved-changes question. */
  saveWaiters: Record<SaveKind, Array<(outcome: Outcome<DocumentRef>) => void>>;
  saveStarted: Record<SaveKind, Array<() => void>>;
  /** The file of the window's lesson (opened or saved here), or null. */
  lessonPath: string | null;
  /** The unsaved-changes question is on screen (a second close must not ask again). */
  asking: boolean;
  /** The user already decided: let the next close through. */
  closeApproved: boolean;
}

const sessions = new WeakMap<BrowserWindow, WindowSession>();

function sessionOf(win: BrowserWindow): WindowSession {
  let s = sessions.get(win);
  if (!s) {
    s = {
      ready: false,
      pending: [],
      saveWaiters: { scene: [], lesson: [] },
      saveStarted: { scene: [], lesson: [] },
      lessonPath: null,
      asking: false,
      closeApproved: false,
    };
    sessions.set(win, s);
  }
  return s;
}

/** Shows a scene or lesson in `win` now, or as soon as its renderer is ready. */
function deliverTo(win: BrowserWindow, delivery: Delivery): void {
  const s = sessionOf(win);
  if (!s.ready) s.pending.push(delivery);
  else if (delivery.event === 'sceneOpened') sendEvent(win, 'sceneOpened', delivery.payload);
  else sendEvent(win, 'lessonOpened', delivery.payload);
}

/** Shows a scene in `win` now, or as soon as its renderer is ready. */
function deliver(win: BrowserWindow, opened: OpenedScene): void {
  deliverTo(win, { event: 'sceneOpened', payload: opened });
}

function showError(win: BrowserWindow | null, message: string, detail: string): void {
  const options = { type: 'error' as const, message, detail, buttons: ['OK'], noLink: true };
  const shown =
    win && !win.isDestroyed()
      ? dialog.showMessageBox(win, options)
      : dialog.showMessageBox(options);
  shown.catch(() => undefined);
}

/** A window whose document nobody has touched: an external open may replace it. */
function isPristine(win: BrowserWindow): boolean {
  const state = getDocumentState(win);
  const s = sessionOf(win);
  return (
    state.filePath === null &&
    !state.dirty &&
    state.lessonDirty !== true &&
    s.lessonPath === null &&
    s.pending.length === 0
  );
}

/** How an external open asks for a lesson: `present` starts present mode once it is shown. */
export interface OpenOptions {
  present?: boolean;
}

/** What {@link setupFiles} gives the other setups. */
export interface FilesApi {
  /**
   * Opens files from outside (command line, file association, second launch, Dock): scenes and
   * lessons. `present`: present the first lesson among them.
   */
  openPaths(paths: readonly string[], options?: OpenOptions): Promise<void>;
  /** Opens one file (scene or lesson) in `win`, after the unsaved-changes question. */
  openInWindow(win: BrowserWindow, filePath: string): Promise<Outcome<DocumentRef>>;
  /** Clears Open Recent (menu). */
  clearRecent(): void;
}

/**
 * Registers the document requests (ready, new, open, drop, save), guards every window and
 * the app against losing unsaved changes, and returns the open functions the menu and the
 * launch handling use.
 */
export function setupFiles(settings: Settings): FilesApi {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  // Leftovers of saves cut short by a crash, beside the files used lately. In the background:
  // it never throws, and start-up does not wait for a slow or absent network folder.
  void removeStaleTemporariesFor(settings.get().recentFiles);

  function rememberRecent(filePath: string): void {
    settings.addRecentFile(filePath);
    app.addRecentDocument(filePath);
  }

  /** Folder the dialogs start in: the current file's, the last used, or Documents. */
  function dialogFolder(win: BrowserWindow): string {
    const current = getDocumentState(win).filePath;
    if (current) return dirname(current);
    const recent = settings.get().recentFiles[0];
    return recent ? dirname(recent) : app.getPath('documents');
  }

  /**
   * Asks the renderer of `win` to save (as the menu's Save would) and waits for the outcome.
   * A renderer that does not start saving in time counts as a failed save, so a hung page can
   * still be closed with "Don't Save".
   */
  function requestSave(win: BrowserWindow, kind: SaveKind): Promise<Outcome<DocumentRef>> {
    const s = sessionOf(win);
    return new Promise((resolveOutcome) => {
      const timer = setTimeout(() => {
        finish({ status: 'error', message: 'The window did not respond to the save request.' });
      }, SAVE_REQUEST_TIMEOUT_MS);
      const started = (): void => clearTimeout(timer);
      const finish = (outcome: Outcome<DocumentRef>): void => {
        clearTimeout(timer);
        s.saveWaiters[kind] = s.saveWaiters[kind].filter((w) => w !== finish);
        s.saveStarted[kind] = s.saveStarted[kind].filter((w) => w !== started);
        resolveOutcome(outcome);
      };
      s.saveWaiters[kind].push(finish);
      s.saveStarted[kind].push(started);
      sendEvent(win, 'menuAction', kind === 'scene' ? 'file.save' : 'file.saveLesson');
    });
  }

  /**
   * True when the document of `win` may be replaced or closed: it has no unsaved changes, or
   * the user chose Don't Save, or chose Save and the save succeeded.
   */
  async function confirmDiscard(win: BrowserWindow): Promise<boolean> {
    const state = getDocumentState(win);
    if (!state.dirty) return true;
    const s = sessionOf(win);
    if (s.asking) return false;
    s.asking = true;
    try {
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        buttons: [...UNSAVED_BUTTONS],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message: `Do you want to save the changes you made to “${displayName(state.filePath)}”?`,
        detail: "Your changes will be lost if you don't save them.",
      });
      const choice = unsavedChoice(response);
      if (choice === 'cancel') return false;
      if (choice === 'discard') return true;
      const outcome = await requestSave(win, 'scene');
      return outcome.status === 'ok';
    } finally {
      s.asking = false;
    }
  }

  /**
   * As {@link confirmDiscard}, for the window's lesson: true when it has no unsaved changes, or
   * the user chose Don't Save, or chose Save and the lesson was saved.
   */
  async function confirmDiscardLesson(win: BrowserWindow): Promise<boolean> {
    if (getDocumentState(win).lessonDirty !== true) return true;
    const s = sessionOf(win);
    if (s.asking) return false;
    s.asking = true;
    try {
      const name = s.lessonPath ? basename(s.lessonPath) : 'the lesson';
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        buttons: [...UNSAVED_BUTTONS],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
        message: s.lessonPath
          ? `Do you want to save the changes you made to the lesson “${name}”?`
          : 'Do you want to save the lesson you made?',
        detail: "Your changes will be lost if you don't save them.",
      });
      const choice = unsavedChoice(response);
      if (choice === 'cancel') return false;
      if (choice === 'discard') return true;
      const outcome = await requestSave(win, 'lesson');
      return outcome.status === 'ok';
    } finally {
      s.asking = false;
    }
  }

  async function openInWindow(win: BrowserWindow, filePath: string): Promise<Outcome<DocumentRef>> {
    if (isLessonPath(filePath)) return openLessonInWindow(win, filePath, false);
    if (!(await confirmDiscard(win))) return { status: 'canceled' };
    return loadInto(win, filePath);
  }

  /**
   * Opens a lesson in `win` after asking about unsaved changes: the lesson's, and the scene's,
   * which the lesson's first slide replaces in the editor.
   */
  async function openLessonInWindow(
    win: BrowserWindow,
    filePath: string,
    present: boolean,
  ): Promise<Outcome<DocumentRef>> {
    if (!(await confirmDiscardLesson(win)) || !(await confirmDiscard(win))) {
      return { status: 'canceled' };
    }
    return loadLessonInto(win, filePath, present);
  }

  /** Reads the lesson at `filePath` and shows it in `win` (callers asked about changes). */
  async function loadLessonInto(
    win: BrowserWindow,
    filePath: string,
    present: boolean,
  ): Promise<Outcome<DocumentRef>> {
    const fileName = basename(filePath);
    const read = await readLessonFile(filePath);
    if (!read.ok) {
      if (read.missing) settings.removeRecentFile(filePath);
      showError(win, `“${fileName}” could not be opened.`, read.message);
      return { status: 'error', message: `“${fileName}” could not be opened. ${read.message}` };
    }
    rememberRecent(filePath);
    sessionOf(win).lessonPath = filePath;
    // The editor now shows the lesson's first slide, not the scene file that was open: a scene
    // Save must ask where instead of writing the slide over that file.
    setDocumentState(win, { filePath: null, dirty: false, lessonDirty: false });
    deliverTo(win, {
      event: 'lessonOpened',
      payload: { text: read.text, filePath, fileName, present },
    });
    return { status: 'ok', filePath, fileName };
  }

  /** Reads `filePath` and shows it in `win` (no unsaved-changes question: callers ask). */
  async function loadInto(win: BrowserWindow, filePath: string): Promise<Outcome<DocumentRef>> {
    const fileName = basename(filePath);
    const read = await readSceneFile(filePath);
    if (!read.ok) {
      if (read.missing) settings.removeRecentFile(filePath);
      showError(win, `“${fileName}” could not be opened.`, read.message);
      return { status: 'error', message: `“${fileName}” could not be opened. ${read.message}` };
    }
    rememberRecent(filePath);
    setDocumentState(win, { filePath, dirty: false });
    deliver(win, { scene: read.scene, filePath, fileName });
    return { status: 'ok', filePath, fileName };
  }

  async function openPaths(paths: readonly string[], options: OpenOptions = {}): Promise<void> {
    let present = options.present === true;
    for (const raw of paths) {
      const filePath = resolve(raw);
      const windows = appWindowList();
      if (isLessonPath(filePath)) {
        const presentThis = present;
        present = false;
        const showingLesson = windows.find((w) => {
          const current = sessionOf(w).lessonPath;
          return current !== null && samePath(current, filePath);
        });
        if (showingLesson) {
          if (showingLesson.isMinimized()) showingLesson.restore();
          showingLesson.focus();
          if (presentThis) sendEvent(showingLesson, 'menuAction', 'view.present');
          continue;
        }
        const target = targetWindow();
        const win = isPristine(target) ? target : createWindow();
        await loadLessonInto(win, filePath, presentThis);
        continue;
      }
      const showing = windows.find((w) => {
        const current = getDocumentState(w).filePath;
        return current !== null && samePath(current, filePath);
      });
      if (showing) {
        if (showing.isMinimized()) showing.restore();
        showing.focus();
        continue;
      }
      // Reuse an untouched window (the one a launch just opened); never replace work.
      const target = targetWindow();
      const win = isPristine(target) ? target : createWindow();
      await loadInto(win, filePath);
    }
  }

  /** What a scene or lesson save needs to know besides the text. */
  interface SaveRequest {
    what: 'scene' | 'lesson';
    /** The document as written, once it parsed. */
    serialized: string;
    /** The file it was saved to, or null when it never was (or is to be saved as a new one). */
    current: string | null;
    saveAs: boolean;
    /** The name the dialog suggests for a document that has no file yet. */
    suggested: string;
    filters: FileFilter[];
    withExtension: (filePath: string) => string;
  }

  /**
   * The part of a save both document kinds share: the dialog when there is no file yet (or for
   * Save As), an atomic write, and the recent-files list. A failure says so in a dialog and in
   * the outcome; the caller marks its document saved on 'ok'.
   */
  async function saveDocument(win: BrowserWindow, r: SaveRequest): Promise<Outcome<DocumentRef>> {
    let target = r.current;
    if (r.saveAs || target === null) {
      const title = r.what === 'scene' ? 'Scene' : 'Lesson';
      const picked = await dialog.showSaveDialog(win, {
        title: r.saveAs ? `Save ${title} As` : `Save ${title}`,
        defaultPath: target ? target : join(dialogFolder(win), r.suggested),
        filters: r.filters,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      if (picked.canceled || !picked.filePath) return { status: 'canceled' };
      target = r.withExtension(picked.filePath);
    }
    const fileName = basename(target);
    try {
      await writeFileAtomic(target, r.serialized);
    } catch (error) {
      const reason = describeFsError(error);
      showError(win, `“${fileName}” could not be saved.`, `${reason} The ${r.what} is still open.`);
      return { status: 'error', message: `“${fileName}” could not be saved. ${reason}` };
    }
    // A save of this file that a crash cut short may have left its temporary copy behind.
    await removeStaleTemporaries(target);
    rememberRecent(target);
    return { status: 'ok', filePath: target, fileName };
  }

  async function save(
    win: BrowserWindow,
    text: string,
    saveAs: boolean,
  ): Promise<Outcome<DocumentRef>> {
    const parsed = parseSceneText(text);
    if (!parsed.ok) {
      // Our own renderer sent a bad scene: a bug, but the user must know it was not saved.
      showError(win, 'The scene was not saved.', parsed.message);
      return { status: 'error', message: `The scene was not saved. ${parsed.message}` };
    }
    const outcome = await saveDocument(win, {
      what: 'scene',
      serialized: serializeScene(parsed.scene),
      current: getDocumentState(win).filePath,
      saveAs,
      suggested: suggestedFileName(parsed.scene.title),
      filters: SCENE_FILTERS,
      withExtension: withSceneExtension,
    });
    if (outcome.status === 'ok')
      setDocumentState(win, { filePath: outcome.filePath, dirty: false });
    return outcome;
  }

  async function saveLesson(
    win: BrowserWindow,
    text: string,
    saveAs: boolean,
    untitled: boolean,
  ): Promise<Outcome<DocumentRef>> {
    const parsed = parseLessonText(text);
    if (!parsed.ok) {
      showError(win, 'The lesson was not saved.', parsed.message);
      return { status: 'error', message: `The lesson was not saved. ${parsed.message}` };
    }
    const s = sessionOf(win);
    const outcome = await saveDocument(win, {
      what: 'lesson',
      serialized: serializeLesson(parsed.lesson),
      current: untitled ? null : s.lessonPath,
      saveAs,
      suggested: suggestedLessonFileName(parsed.lesson.title),
      filters: LESSON_FILTERS,
      withExtension: withLessonExtension,
    });
    if (outcome.status === 'ok') {
      s.lessonPath = outcome.filePath;
      setDocumentState(win, { lessonDirty: false });
    }
    return outcome;
  }

  onWindowCreated((win) => {
    const session = sessionOf(win);
    // A reloaded or crashed page has no listeners until it calls ready() again; hold scenes.
    win.webContents.on('did-start-loading', () => {
      session.ready = false;
    });
    win.webContents.on('render-process-gone', () => {
      session.ready = false;
    });
    win.on('close', (event) => {
      const s = sessionOf(win);
      const state = getDocumentState(win);
      const unsaved = state.dirty || state.lessonDirty === true;
      if (s.closeApproved || !unsaved || win.webContents.isCrashed()) return;
      event.preventDefault();
      if (s.asking) return;
      const approve = async (): Promise<boolean> =>
        (await confirmDiscardLesson(win)) && (await confirmDiscard(win));
      void approve().then((ok) => {
        if (!ok) {
          quitting = false;
          return;
        }
        s.closeApproved = true;
        const wasQuitting = quitting;
        win.close();
        // Closing one window interrupted the quit; carry on with the others.
        if (wasQuitting) app.quit();
      });
    });
  });

  handle('ready', (_payload, { window }) => {
    const s = sessionOf(window);
    s.ready = true;
    for (const delivery of s.pending.splice(0)) deliverTo(window, delivery);
  });

  handle('newScene', async (payload, { window }) => {
    const presetId = payload?.presetId;
    const scene = presetId === undefined ? defaultScene() : presetScene(presetId);
    if (!scene) return { status: 'error', message: `There is no preset '${presetId}'.` };
    if (!(await confirmDiscard(window))) return { status: 'canceled' };
    setDocumentState(window, { filePath: null, dirty: false });
    deliver(window, { scene, filePath: null, fileName: UNTITLED });
    return { status: 'ok' };
  });

  handle('openScene', async (_payload, { window }) => {
    if (!(await confirmDiscard(window))) return { status: 'canceled' };
    const picked = await dialog.showOpenDialog(window, {
      title: 'Open Scene',
      defaultPath: dialogFolder(window),
      filters: SCENE_FILTERS,
      properties: ['openFile'],
    });
    const filePath = picked.filePaths[0];
    if (picked.canceled || !filePath) return { status: 'canceled' };
    return loadInto(window, filePath);
  });

  handle('openPath', async ({ path: filePath }, { window }) => {
    if (isAbsolute(filePath) && isLessonPath(filePath)) {
      return openLessonInWindow(window, filePath, false);
    }
    // Only scene and lesson files: a page must not be able to read arbitrary files through this.
    if (
      !isAbsolute(filePath) ||
      !(isSceneFileName(filePath) || extname(filePath).toLowerCase() === '.json')
    ) {
      const message = `Only Descent Studio scenes (${SCENE_PATTERNS}) and lessons (${LESSON_PATTERNS}) can be opened.`;
      showError(window, `“${basename(filePath)}” was not opened.`, message);
      return { status: 'error', message };
    }
    return openInWindow(window, filePath);
  });

  handle('saveScene', async ({ text, saveAs }, { window }) => {
    const s = sessionOf(window);
    for (const started of s.saveStarted.scene.splice(0)) started();
    const outcome = await save(window, text, saveAs);
    for (const waiter of [...s.saveWaiters.scene]) waiter(outcome);
    return outcome;
  });

  handle('openLesson', async (_payload, { window }) => {
    if (!(await confirmDiscardLesson(window)) || !(await confirmDiscard(window))) {
      return { status: 'canceled' };
    }
    const current = sessionOf(window).lessonPath;
    const picked = await dialog.showOpenDialog(window, {
      title: 'Open Lesson',
      defaultPath: current ? dirname(current) : dialogFolder(window),
      filters: LESSON_FILTERS,
      properties: ['openFile'],
    });
    const filePath = picked.filePaths[0];
    if (picked.canceled || !filePath) return { status: 'canceled' };
    return loadLessonInto(window, filePath, false);
  });

  handle('saveLesson', async ({ text, saveAs, untitled }, { window }) => {
    const s = sessionOf(window);
    for (const started of s.saveStarted.lesson.splice(0)) started();
    const outcome = await saveLesson(window, text, saveAs, untitled);
    for (const waiter of [...s.saveWaiters.lesson]) waiter(outcome);
    return outcome;
  });

  return {
    openPaths,
    openInWindow,
    clearRecent: () => {
      settings.clearRecentFiles();
      app.clearRecentDocuments();
    },
  };
}
