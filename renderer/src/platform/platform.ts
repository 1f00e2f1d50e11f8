/**
 * The one platform module: everything that works differently in the desktop app and in a plain
 * browser, behind one API that buttons, shortcuts and menu actions all call.
 *
 * | request | desktop app (bridge) | browser |
 * |---|---|---|
 * | New, preset | `newScene()` (asks about unsaved changes; the scene comes back through `onSceneOpened`) | an undoable step in the store |
 * | Open | `openScene()` (native dialog) | the toolbar's file input |
 * | Drop a file | `openDroppedFile()` | read like the file input |
 * | Save, Save As | `saveScene()` (to its file, or a Save dialog) | download `<title>.descent.json` |
 * | Copy | `copyText()` (the page's clipboard API is denied in the app) | `navigator.clipboard`, else `execCommand` |
 * | Theme | the scene's theme, and remembered as the app's preference | the scene's theme |
 *
 * In the app a scene delivered by the main process replaces the document with a fresh undo
 * history (undo must never bring back another file's content under this file's name), and
 * counts as saved; the dirty state is reported back (see documentState.ts).
 * @see ../../../shared/bridge.ts for the contract.
 */
import { isMenuAction, type MenuAction, type SceneTheme } from '../../../shared/bridge.ts';
import type { DescentBridge, Unsubscribe } from '../../../shared/bridge.ts';
import { getPreset, presetScene } from '../../../shared/scene/presets.ts';
import { parseScene, parseSceneText } from '../../../shared/scene/parse.ts';
import {
  isSceneFileName,
  SCENE_EXTENSION,
  SCENE_PATTERNS,
  serializeScene,
} from '../../../shared/scene/document.ts';
import { buildStepTable, formatStepTable } from '../../../shared/table.ts';
import type { TableFormat } from '../../../shared/table.ts';
import { buildCompareTable, formatCompareTable } from '../../../shared/compareTable.ts';
import type { CompareRunSource } from '../../../shared/compareTable.ts';
import { runLabel } from '../../../shared/scene/runName.ts';
import { copyText as browserCopyText, downloadText, fileNameFor } from './clipboard.ts';
import { appStore } from '../store/hooks.ts';
import type { AppState, AppStore } from '../store/types.ts';
import { bridge as windowBridge } from './bridge.ts';
import { reportDocumentState } from './documentState.ts';
import type { DocumentStateReporter } from './documentState.ts';
import { browserOs, isTypingTarget } from './keys.ts';

/** A file picked or dropped by the user (a DOM `File` fits). */
export interface SceneFile {
  readonly name: string;
  text(): Promise<string>;
}

/** What the browser build does instead of asking the main process. */
export interface BrowserFallbacks {
  /** Offers text as a file download. */
  download(fileName: string, text: string): void;
  /** Puts text on the clipboard; resolves true on success. */
  copyText(text: string): Promise<boolean>;
}

/** The page itself, as far as the platform touches it (tests pass a fake). */
export interface PageHost {
  /** Ends typing in a focused text field, so its pending edit (title, numbers) is saved too. */
  commitTyping(): void;
}

/** How a save ended; errors have already been shown to the user. */
export type SaveStatus = 'ok' | 'canceled' | 'error';

/** See the module comment. */
export interface Platform {
  /** Running inside the desktop app. */
  readonly isDesktop: boolean;
  /** The operating system as `process.platform` names it (shortcut keys and labels). */
  readonly os: string;
  /**
   * Desktop app: listens to menu actions (passed to `dispatch`) and to opened scenes, reports
   * unsaved changes, then tells the main process it is ready. Browser: nothing to do.
   */
  start(dispatch: (action: MenuAction) => void): Promise<void>;
  /** Undoes {@link start}. */
  stop(): void;
  /** A new default scene. */
  newScene(): Promise<void>;
  /** Chapter preset `id` as a new scene. */
  openPreset(id: string): Promise<void>;
  /** Open a scene file: the native dialog, or the browser's file chooser. */
  open(): Promise<void>;
  /** Reads a scene file picked in the browser; false when it was refused. */
  openFile(file: SceneFile): Promise<boolean>;
  /** Opens a file dropped on the window. */
  openDroppedFile(file: SceneFile): Promise<void>;
  /** Save (`saveAs`: always ask where). */
  save(saveAs?: boolean): Promise<SaveStatus>;
  /** Puts text on the clipboard; resolves true on success. */
  copyText(text: string): Promise<boolean>;
  /** Copies the selected run's step table and says so in the notice bar. */
  copyStepTable(format: TableFormat): Promise<boolean>;
  /** Copies the compare table of the visible runs and says so in the notice bar. */
  copyCompareTable(format: TableFormat): Promise<boolean>;
  /** Switches the scene theme (and, in the app, remembers it as the preference). */
  setTheme(theme: SceneTheme): void;
  /** The browser's file chooser for {@link open} (the toolbar registers its file input). */
  setFilePicker(pick: (() => void) | null): void;
  /**
   * Shows a scene delivered by the main process (`onSceneOpened`). A malformed delivery is
   * refused with a message and the current document stays; returns whether it was shown.
   */
  receiveScene(opened: unknown): boolean;
}

/** What {@link createPlatform} needs. */
export interface PlatformOptions {
  store: AppStore;
  /** `window.descent`, or null in a browser. */
  bridge: DescentBridge | null;
  browser?: BrowserFallbacks;
  host?: PageHost;
  /** Overrides the operating system guessed from the browser (tests). */
  os?: string;
}

const defaultBrowser: BrowserFallbacks = { download: downloadText, copyText: browserCopyText };

const defaultHost: PageHost = {
  commitTyping: () => {
    if (typeof document === 'undefined') return;
    const active = document.activeElement;
    if (isTypingTarget(active)) (active as HTMLElement).blur();
  },
};

const TABLE_FORMAT_NAMES: Readonly<Record<TableFormat, string>> = {
  csv: 'CSV',
  markdown: 'Markdown',
  latex: 'LaTeX',
  table: 'text',
};

/**
 * The runs the compare table shows: the visible ones that have steps, in the run list's order,
 * under their labels.
 */
export function compareRunsOf(state: Pick<AppState, 'scene' | 'trajectories'>): CompareRunSource[] {
  const out: CompareRunSource[] = [];
  for (const run of state.scene.runs) {
    const trajectory = state.trajectories[run.id];
    if (!run.visible || !trajectory || trajectory.count === 0) continue;
    out.push({ id: run.id, label: runLabel(run), trajectory });
  }
  return out;
}

/** Longest file name accepted from a scene delivery (base names only). */
const MAX_FILE_NAME = 1024;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The shape of an `onSceneOpened` payload, before its scene is validated. */
function isDelivery(
  value: unknown,
): value is { scene: unknown; filePath: string | null; fileName: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { filePath, fileName } = value as Record<string, unknown>;
  return (
    'scene' in value &&
    (filePath === null || (typeof filePath === 'string' && filePath.length > 0)) &&
    typeof fileName === 'string' &&
    fileName.length > 0 &&
    fileName.length <= MAX_FILE_NAME
  );
}

/** Builds the platform for one store and bridge (the app uses {@link platform}). */
export function createPlatform(options: PlatformOptions): Platform {
  const { store, bridge } = options;
  const browser = options.browser ?? defaultBrowser;
  const host = options.host ?? defaultHost;
  const os =
    options.os ??
    bridge?.platform ??
    browserOs(typeof navigator === 'undefined' ? undefined : navigator);
  const notify = (kind: 'error' | 'info', text: string): void =>
    store.getState().notify(kind, text);

  let pickFile: (() => void) | null = null;
  let reporter: DocumentStateReporter | null = null;
  let stops: Unsubscribe[] = [];

  /** Runs a bridge request whose refusal (a bug, never the user's doing) must still be seen. */
  async function request<T>(what: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (error) {
      notify('error', `${what} ${reason(error)}`);
      return null;
    }
  }

  const receiveScene = (opened: unknown): boolean => {
    if (!isDelivery(opened)) {
      notify('error', 'A scene from the app could not be shown: the message was malformed.');
      return false;
    }
    const parse = parseScene(opened.scene);
    if (!parse.ok) {
      notify('error', `“${opened.fileName}” could not be shown. ${parse.message}`);
      return false;
    }
    const show = (): void => {
      const state = store.getState();
      state.pause();
      state.resetDocument(parse.scene);
      state.setDocumentFile({ filePath: opened.filePath, fileName: opened.fileName });
    };
    // The main process marked it clean when it sent it; then say where the renderer stands.
    if (reporter) reporter.resync(show);
    else show();
    return true;
  };

  const openFile = async (file: SceneFile): Promise<boolean> => {
    let text: string;
    try {
      text = await file.text();
    } catch {
      notify('error', `Could not read ${file.name}.`);
      return false;
    }
    const parse = parseSceneText(text);
    if (!parse.ok) {
      notify('error', `${file.name} was not opened. ${parse.message}`);
      return false;
    }
    // An undoable step in the browser: the scene that was open stays one Undo away.
    store.getState().openScene(parse.scene);
    store.getState().markSaved();
    notify('info', `Opened ${file.name}.`);
    return true;
  };

  const copyText = async (text: string): Promise<boolean> => {
    if (!bridge) return browser.copyText(text);
    try {
      const outcome = await bridge.copyText({ text });
      if (outcome.status === 'ok') return true;
      if (outcome.status === 'error') console.warn(`[platform] ${outcome.message}`);
      return false;
    } catch {
      return false;
    }
  };

  /** Copies `text` and says in the notice bar whether it worked (`what`: "Copied <what>."). */
  const copyReported = async (text: string, what: string): Promise<boolean> => {
    const ok = await copyText(text);
    notify(ok ? 'info' : 'error', ok ? `Copied ${what}.` : 'Could not copy to the clipboard.');
    return ok;
  };

  return {
    isDesktop: bridge !== null,
    os,

    async start(dispatch) {
      if (!bridge || reporter) return;
      reporter = reportDocumentState(store, bridge);
      stops = [
        bridge.onMenuAction((action) => {
          // Typed by the contract; checked anyway, as everything that crosses the bridge.
          if (typeof action === 'string' && isMenuAction(action)) dispatch(action);
        }),
        bridge.onSceneOpened((opened) => void receiveScene(opened)),
        () => reporter?.stop(),
      ];
      // Listeners first: scenes opened before this (command line, file association) come now.
      await request('The window could not connect to the app.', () => bridge.ready());
    },

    stop() {
      for (const stop of stops) stop();
      stops = [];
      reporter = null;
    },

    async newScene() {
      if (!bridge) {
        // Undoable in the browser, so nothing is lost without asking.
        store.getState().newScene();
        store.getState().markSaved();
        return;
      }
      const outcome = await request('No new scene:', () => bridge.newScene());
      if (outcome?.status === 'error') notify('error', outcome.message);
    },

    async openPreset(id) {
      const scene = presetScene(id);
      if (!scene || !getPreset(id)) {
        notify('error', `There is no preset '${id}'.`);
        return;
      }
      if (!bridge) {
        store.getState().openScene(scene);
        store.getState().markSaved();
        return;
      }
      const outcome = await request('The preset was not opened.', () =>
        bridge.newScene({ presetId: id }),
      );
      if (outcome?.status === 'error') notify('error', outcome.message);
    },

    async open() {
      if (!bridge) {
        // Synchronously: the file chooser only opens inside the user's click or key press.
        pickFile?.();
        return;
      }
      // Cancel needs nothing; errors were shown in a native message box.
      await request('The scene was not opened.', () => bridge.openScene());
    },

    openFile,

    async openDroppedFile(file) {
      if (!bridge) {
        await openFile(file);
        return;
      }
      if (!/\.json$/i.test(file.name) && !isSceneFileName(file.name)) {
        notify(
          'error',
          `${file.name} was not opened. Only Descent Studio scenes (${SCENE_PATTERNS}) can be opened.`,
        );
        return;
      }
      const outcome = await request('The scene was not opened.', () =>
        bridge.openDroppedFile(file),
      );
      if (outcome?.status === 'error') notify('error', outcome.message);
    },

    async save(saveAs = false) {
      host.commitTyping();
      const { scene, revision } = store.getState();
      const text = serializeScene(scene);
      if (!bridge) {
        browser.download(fileNameFor(scene.title, SCENE_EXTENSION), text);
        store.getState().markSaved(revision);
        return 'ok';
      }
      const outcome = await request('The scene was not saved.', () =>
        bridge.saveScene({ text, saveAs }),
      );
      if (!outcome) return 'error';
      if (outcome.status === 'ok') {
        const saved = (): void => {
          store.getState().setDocumentFile({
            filePath: outcome.filePath,
            fileName: outcome.fileName,
          });
          // What was written is `revision`; edits made while the dialog was up stay unsaved.
          store.getState().markSaved(revision);
        };
        // The main process marked it clean; it hears "dirty" again if it changed meanwhile.
        if (reporter) reporter.resync(saved);
        else saved();
      }
      // 'error': the main process showed why, and the document stays dirty.
      return outcome.status;
    },

    copyText,

    async copyStepTable(format) {
      const state = store.getState();
      const runId = state.scene.selectedRunId;
      const trajectory = runId ? state.trajectories[runId] : undefined;
      if (!trajectory) {
        notify('info', 'There is no step table to copy: select a run.');
        return false;
      }
      const table = buildStepTable(trajectory, state.info?.variables ?? ['x', 'y']);
      return copyReported(
        formatStepTable(table, format),
        `the step table as ${TABLE_FORMAT_NAMES[format]}`,
      );
    },

    async copyCompareTable(format) {
      const state = store.getState();
      const runs = compareRunsOf(state);
      if (runs.length === 0) {
        notify('info', 'There is nothing to compare: show a run that has steps.');
        return false;
      }
      const table = buildCompareTable(runs, state.info?.variables ?? ['x', 'y']);
      return copyReported(
        formatCompareTable(table, format),
        `the compare table as ${TABLE_FORMAT_NAMES[format]}`,
      );
    },

    setTheme(theme) {
      store.getState().setView({ theme });
      // Keeps the View ▸ Theme menu and the native dialogs in step with the toolbar.
      if (bridge) bridge.setThemePreference({ theme }).catch(() => undefined);
    },

    setFilePicker(pick) {
      pickFile = pick;
    },

    receiveScene,
  };
}

/** The platform of this window. */
export const platform: Platform = createPlatform({ store: appStore, bridge: windowBridge });
