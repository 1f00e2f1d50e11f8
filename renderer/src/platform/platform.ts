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
 * | Open lesson | `openLesson()` (native dialog; the lesson comes back through `onLessonOpened`) | the slide sorter's file input |
 * | Save lesson, Save lesson as | `saveLesson()` (to its file, or a Save dialog) | download `<title>.descent-lesson.json` |
 *
 * In the app a scene delivered by the main process replaces the document with a fresh undo
 * history (undo must never bring back another file's content under this file's name), and
 * counts as saved; the dirty state is reported back (see documentState.ts).
 * @see ../../../shared/bridge.ts for the contract.
 */
import {
  isMenuAction,
  LESSON_PATTERNS,
  type MenuAction,
  type SceneTheme,
} from '../../../shared/bridge.ts';
import type { DescentBridge, DocumentRef, Unsubscribe } from '../../../shared/bridge.ts';
import { serializeLesson } from '../../../shared/lesson/document.ts';
import { parseLessonText } from '../../../shared/lesson/parse.ts';
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
import { shownSteps } from '../store/trainingPath.ts';
import type { AppState, AppStore } from '../store/types.ts';
import { bridge as windowBridge } from './bridge.ts';
import { reportDocumentState } from './documentState.ts';
import { isLessonFileName, LESSON_ACCEPT, lessonFileName } from './lessonFile.ts';
import type { DocumentStateReporter } from './documentState.ts';
import { browserOs, isTypingTarget } from './keys.ts';
import { isLandscapeFileName } from '../../../shared/landscape/files.ts';

/** A file picked or dropped by the user (a DOM `File` fits). */
export interface SceneFile {
  readonly name: string;
  text(): Promise<string>;
  /** The bytes (a landscape file is binary); a DOM `File` has it. */
  arrayBuffer?(): Promise<ArrayBuffer>;
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
  /**
   * Opens a loss landscape (.h5 from the loss-landscape code, .npy or .csv grid) as a new
   * scene; read in the page in both builds. False (and a message) when it cannot be drawn.
   */
  openLandscape(file: SceneFile): Promise<boolean>;
  /**
   * Draws a projected training trajectory (.h5 proj_xcoord/proj_ycoord, .npy (n, 2), .csv x,y)
   * on the scene's surface. False (and a message) when it cannot be read or added.
   */
  openTrajectory(file: SceneFile): Promise<boolean>;
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
  /**
   * Save the open lesson (`saveAs`: always ask where): in the app to its file, or through a
   * Save dialog when it has none yet; in the browser as a download. 'canceled' without a lesson.
   */
  saveLesson(saveAs?: boolean): Promise<SaveStatus>;
  /** Open a lesson file: the native dialog, or the browser's file chooser. */
  openLesson(): Promise<void>;
  /** Reads a lesson file picked or dropped in the page; a bad one changes nothing and says why. */
  openLessonFile(file: SceneFile): Promise<boolean>;
  /** The browser's file chooser for {@link openLesson} (the slide sorter registers its input). */
  setLessonFilePicker(pick: (() => void) | null): void;
  /**
   * Shows a lesson delivered by the main process (`onLessonOpened`), presenting it when asked.
   * A malformed or refused delivery changes nothing and says why; returns whether it was shown.
   */
  receiveLesson(opened: unknown): boolean;
  /** The file of the open lesson in the app (opened or saved there), or null. */
  lessonFile(): DocumentRef | null;
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

/** The shape of an `onLessonOpened` payload, before its text is parsed. */
function isLessonDelivery(
  value: unknown,
): value is { text: string; filePath: string; fileName: string; present: boolean } {
  if (typeof value !== 'object' || value === null) return false;
  const { text, filePath, fileName, present } = value as Record<string, unknown>;
  return (
    typeof text === 'string' &&
    typeof filePath === 'string' &&
    filePath.length > 0 &&
    typeof fileName === 'string' &&
    fileName.length > 0 &&
    fileName.length <= MAX_FILE_NAME &&
    typeof present === 'boolean'
  );
}

/**
 * Asks the page's file chooser for one lesson file, without an element in the page (the slide
 * sorter's own input is used when it is showing). Must run inside the user's gesture.
 */
function pickLessonWithTransientInput(open: (file: File) => void): void {
  if (typeof document === 'undefined') return;
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = LESSON_ACCEPT;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) open(file);
  });
  input.click();
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

  /**
   * A lesson opened at launch is what the window shows: the start page, which startup opens
   * right after start() when no scene file came, stays closed (once, in the same tick).
   */
  const keepStartPageClosed = (): void => {
    lessonAtLaunch = false;
    const stop = store.subscribe(
      (s) => s.startPage,
      (on) => {
        if (!on) return;
        stop();
        store.getState().setStartPage(false);
      },
    );
    setTimeout(stop, 0);
  };

  let pickFile: (() => void) | null = null;
  let pickLessonFile: (() => void) | null = null;
  let reporter: DocumentStateReporter | null = null;
  let stops: Unsubscribe[] = [];
  /** Still starting: lessons that arrive now were opened at launch (command line, Finder). */
  let starting = false;
  let lessonAtLaunch = false;

  /**
   * The file the open lesson was read from or saved to (app only). Another lesson taking its
   * place in the renderer (New lesson, the built-in one, a browser pick, Close) starts with a
   * fresh, empty history, or none: then the lesson has no file, and Save asks where.
   */
  let lessonFile: DocumentRef | null = null;
  let adoptingLesson = false;
  store.subscribe(
    (s) => s.lessonHistory,
    (history) => {
      if (!adoptingLesson && history.past.length === 0 && history.future.length === 0) {
        lessonFile = null;
      }
    },
  );
  store.subscribe(
    (s) => s.lesson === null,
    (none) => {
      if (none) lessonFile = null;
    },
  );

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

  const receiveLesson = (opened: unknown): boolean => {
    if (!isLessonDelivery(opened)) {
      notify('error', 'A lesson from the app could not be shown: the message was malformed.');
      return false;
    }
    const parse = parseLessonText(opened.text);
    if (!parse.ok) {
      notify('error', `“${opened.fileName}” could not be opened. ${parse.message}`);
      return false;
    }
    const show = (): void => {
      const state = store.getState();
      if (state.presentation) state.stopPresenting();
      state.pause();
      adoptingLesson = true;
      try {
        state.openParsedLesson(parse);
      } finally {
        adoptingLesson = false;
      }
      lessonFile = { filePath: opened.filePath, fileName: opened.fileName };
      // The editor shows the first slide now, not the scene file that was open (the main
      // process made the scene untitled as well, so a scene Save asks where).
      store.getState().setDocumentFile({ filePath: null, fileName: 'Untitled' });
    };
    // The main process marked both clean when it sent it; then say where the renderer stands.
    if (reporter) reporter.resync(show);
    else show();
    if (starting) lessonAtLaunch = true;
    if (opened.present) store.getState().startPresenting(0);
    else notify('info', `Opened ${opened.fileName}.`);
    return true;
  };

  const openLessonFile = async (file: SceneFile): Promise<boolean> => {
    let text: string;
    try {
      text = await file.text();
    } catch {
      notify('error', `${file.name} could not be read.`);
      return false;
    }
    return store.getState().openParsedLesson(parseLessonText(text));
  };

  const openTrajectory = async (file: SceneFile): Promise<boolean> => {
    try {
      if (!file.arrayBuffer) throw new Error('its bytes cannot be read here.');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { readTrajectory } = await import('../../../shared/landscape/index.ts');
      const path = await readTrajectory(bytes, file.name);
      const refused = store.getState().addPath(file.name, path.xs, path.ys);
      if (refused !== null) throw new Error(refused);
      notify('info', `Drew ${file.name} (${path.xs.length} points) on the surface.`);
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      notify('error', `${file.name} was not added. ${reason}`);
      return false;
    }
  };

  const openLandscape = async (file: SceneFile): Promise<boolean> => {
    try {
      if (!file.arrayBuffer) throw new Error('its bytes cannot be read here.');
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Loaded on first use: the HDF5 reader alone is megabytes the editor does not need.
      const [{ readLandscape, readTrajectory }, { landscapeScene }] = await Promise.all([
        import('../../../shared/landscape/index.ts'),
        import('../../../shared/landscape/scene.ts'),
      ]);
      let landscape;
      try {
        landscape = await readLandscape(bytes, file.name);
      } catch (error) {
        // A trajectory file dropped or opened over a landscape is drawn on it instead.
        if (store.getState().scene.problem.kind === 'grid') {
          const path = await readTrajectory(bytes, file.name).catch(() => null);
          if (path) return openTrajectory(file);
        }
        throw error;
      }
      const { scene, notes } = landscapeScene(landscape);
      // An undoable step, like opening a scene in the browser.
      store.getState().openScene(scene);
      notify('info', [`Opened ${file.name}.`, ...notes].join(' '));
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      notify('error', `${file.name} was not opened. ${reason}`);
      return false;
    }
  };

  const openFile = async (file: SceneFile): Promise<boolean> => {
    if (isLandscapeFileName(file.name)) return openLandscape(file);
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

  const api: Platform = {
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
        bridge.onLessonOpened((opened) => void receiveLesson(opened)),
        () => reporter?.stop(),
      ];
      // Listeners first: files opened before this (command line, file association) come now.
      starting = true;
      try {
        await request('The window could not connect to the app.', () => bridge.ready());
      } finally {
        starting = false;
      }
      if (lessonAtLaunch) keepStartPageClosed();
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

    async saveLesson(saveAs = false) {
      host.commitTyping();
      const { lesson, lessonRevision } = store.getState();
      if (!lesson) {
        notify('info', 'There is no lesson to save: start one in the slide sorter.');
        return 'canceled';
      }
      const text = serializeLesson(lesson);
      if (!bridge) {
        browser.download(lessonFileName(lesson.title), text);
        store.getState().markLessonSaved(lessonRevision);
        return 'ok';
      }
      const outcome = await request('The lesson was not saved.', () =>
        bridge.saveLesson({ text, saveAs, untitled: lessonFile === null }),
      );
      if (!outcome) return 'error';
      if (outcome.status === 'ok') {
        const saved = (): void => {
          lessonFile = { filePath: outcome.filePath, fileName: outcome.fileName };
          // What was written is `lessonRevision`; edits made while the dialog was up stay unsaved.
          store.getState().markLessonSaved(lessonRevision);
        };
        if (reporter) reporter.resync(saved);
        else saved();
        notify('info', `Saved ${outcome.fileName}.`);
      }
      return outcome.status;
    },

    async openLesson() {
      if (!bridge) {
        // Synchronously: the file chooser only opens inside the user's click or key press.
        if (pickLessonFile) pickLessonFile();
        else pickLessonWithTransientInput((file) => void openLessonFile(file));
        return;
      }
      // Cancel needs nothing; errors were shown in a native message box.
      await request('The lesson was not opened.', () => bridge.openLesson());
    },

    openLessonFile,

    setLessonFilePicker(pick) {
      pickLessonFile = pick;
    },

    receiveLesson,

    lessonFile: () => lessonFile,

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
    openLandscape,
    openTrajectory,

    async openDroppedFile(file) {
      if (isLandscapeFileName(file.name)) {
        await openLandscape(file);
        return;
      }
      const lesson = isLessonFileName(file.name);
      if (!bridge) {
        if (lesson) await openLessonFile(file);
        else await openFile(file);
        return;
      }
      if (!lesson && !/\.json$/i.test(file.name) && !isSceneFileName(file.name)) {
        notify(
          'error',
          `${file.name} was not opened. Only Descent Studio scenes (${SCENE_PATTERNS}) and lessons (${LESSON_PATTERNS}) can be opened.`,
        );
        return;
      }
      const outcome = await request(`The ${lesson ? 'lesson' : 'scene'} was not opened.`, () =>
        bridge.openDroppedFile(file),
      );
      if (outcome?.status === 'error') notify('error', outcome.message);
    },

    async save(saveAs = false) {
      // The scene in the editor is a slide's: its document is the lesson, never the scene
      // file that was open before (which Save would otherwise overwrite with the slide).
      if (store.getState().lesson && store.getState().editingSlideId !== null) {
        return api.saveLesson(saveAs);
      }
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
      const trajectory = shownSteps(state)?.trajectory;
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
  return api;
}

/** The platform of this window. */
export const platform: Platform = createPlatform({ store: appStore, bridge: windowBridge });
