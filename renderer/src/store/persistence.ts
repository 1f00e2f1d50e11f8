/**
 * Remembers the last scene in localStorage so the app reopens where the user left off.
 * Everything read back goes through parseScene: a damaged or newer entry is refused with a
 * message rather than trusted. Also remembers the window's UI preferences (side panels, the
 * start page, render quality while interacting), which belong to the window and never to a
 * scene.
 */
import { parseSceneText } from '../../../shared/scene/parse.ts';
import { defaultScene, serializeScene } from '../../../shared/scene/document.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import type { SceneParse } from '../../../shared/scene/parse.ts';
import { parseLesson } from '../../../shared/lesson/parse.ts';
import { emptyHistory } from './history.ts';
import type { AppStore, InteractionQuality, PanelMode, PanelSide } from './types.ts';

/** localStorage key of the last scene. */
export const STORAGE_KEY = 'descent-studio.last-scene';
/** Where a stored scene that could not be restored is kept (not lost, and not retried). */
export const REFUSED_KEY = 'descent-studio.refused-scene';

/** Minimal Storage interface (tests pass a Map-backed fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's localStorage, or null where it is unavailable (privacy mode, tests). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The stored scene: null when nothing is stored, else the parse result (which may refuse it). */
export function loadLastScene(storage: KeyValueStorage | null): SceneParse | null {
  if (!storage) return null;
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  const parse = parseSceneText(text);
  return parse.ok
    ? parse
    : { ok: false, message: `The last scene could not be restored. ${parse.message}` };
}

/**
 * Puts the remembered scene in the store at start-up, or a blank scene with a notice when it
 * cannot be restored. A refused or failing entry is moved aside to {@link REFUSED_KEY}, so it is
 * not refused again on every reload, and start-up never fails because of what was stored.
 */
export function restoreLastScene(store: AppStore, storage: KeyValueStorage | null): void {
  const restored = loadLastScene(storage);
  let problem = restored && !restored.ok ? restored.message : null;
  if (restored?.ok) {
    try {
      store.getState().resetDocument(restored.scene);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      problem = `The last scene could not be restored (${detail}).`;
    }
  }
  if (problem === null) {
    if (!restored) store.getState().resetDocument(defaultScene());
    return;
  }
  store.getState().resetDocument(defaultScene());
  store.getState().notify('error', `${problem} A blank scene was opened instead.`);
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (text) storage?.setItem(REFUSED_KEY, text);
    storage?.setItem(STORAGE_KEY, serializeScene(defaultScene()));
  } catch {
    // Storage refused: the notice has been shown, nothing more to do.
  }
}

/** Saves a scene; failures (quota, privacy mode) are ignored — the app keeps working. */
export function saveLastScene(storage: KeyValueStorage | null, scene: Scene): void {
  if (!storage) return;
  try {
    storage.setItem(STORAGE_KEY, serializeScene(scene));
  } catch {
    // Nothing useful to do: the scene is still in memory and can be saved as a file.
  }
}

/**
 * Saves the scene shortly after each change (debounced: a drag produces many) and when the page
 * is hidden. Returns a function that stops it.
 */
export function persistScene(
  store: AppStore,
  storage: KeyValueStorage | null,
  delayMs = 400,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    saveLastScene(storage, store.getState().scene);
  };
  const unsubscribe = store.subscribe(
    (s) => s.scene,
    () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
  );
  const onHide = (): void => flush();
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
    if (timer !== null) clearTimeout(timer);
  };
}

// ─── UI preferences: side panels, the start page, render quality ─────────────────────────────────

/** Where the browser keeps the open lesson (and which slide was being edited). */
export const LESSON_KEY = 'descent-studio.last-lesson';

/**
 * Browser: keeps the open lesson across reloads, as the scene is kept (the desktop app keeps
 * lessons in files). Writes shortly after the last change and when the page is hidden; a
 * closed lesson is forgotten.
 */
export function persistLesson(
  store: AppStore,
  storage: KeyValueStorage | null,
  delayMs = 400,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const { lesson, editingSlideId } = store.getState();
    try {
      if (lesson) storage?.setItem(LESSON_KEY, JSON.stringify({ lesson, editingSlideId }));
      // A closed lesson is forgotten (an empty entry reads as "none").
      else storage?.setItem(LESSON_KEY, '');
    } catch {
      // Storage full or refused: the lesson stays open in the page; Save still works.
    }
  };
  const unsubscribe = store.subscribe(
    (s) => [s.lesson, s.editingSlideId] as const,
    () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] },
  );
  const onHide = (): void => flush();
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', onHide);
    if (timer !== null) clearTimeout(timer);
  };
}

/**
 * Puts the lesson kept by {@link persistLesson} back, after the scene was restored: the slide
 * being edited stays so only while the restored scene is still that slide's. A kept lesson that
 * no longer reads is dropped with a notice; the scene is untouched either way.
 */
export function restoreLastLesson(store: AppStore, storage: KeyValueStorage | null): void {
  let text: string | null = null;
  try {
    text = storage?.getItem(LESSON_KEY) ?? null;
  } catch {
    return;
  }
  if (!text) return;
  let kept: { lesson?: unknown; editingSlideId?: unknown };
  try {
    kept = JSON.parse(text) as typeof kept;
  } catch {
    kept = {};
  }
  const parse = parseLesson(kept.lesson);
  if (!parse.ok) {
    store.getState().notify('error', `The last lesson could not be restored: ${parse.message}`);
    return;
  }
  const scene = serializeScene(store.getState().scene);
  const edited = parse.lesson.slides.find((s) => s.id === kept.editingSlideId);
  const revision = store.getState().lessonRevision + 1;
  store.setState({
    lesson: parse.lesson,
    lessonHistory: emptyHistory(),
    lessonRevision: revision,
    lessonSavedRevision: revision,
    editingSlideId: edited && serializeScene(edited.scene) === scene ? edited.id : null,
    sorterOpen: true,
  });
}

/** localStorage key of the window's UI preferences (never part of a scene). */
export const UI_PREFS_KEY = 'descent-studio.ui';

/** What is remembered of the window between sessions. */
export interface UiPrefs {
  /** Open the start page when the app starts. */
  showStartPage: boolean;
  /** Each side panel's mode (see PanelMode). */
  panels: Record<PanelSide, PanelMode>;
  /** Render quality while interacting (see InteractionQuality). */
  interactionQuality: InteractionQuality;
}

/** Preferences of a first start: the start page on, panels following the window width. */
export const DEFAULT_UI_PREFS: Readonly<UiPrefs> = Object.freeze({
  showStartPage: true,
  panels: Object.freeze({ left: 'auto', right: 'auto' }) as Record<PanelSide, PanelMode>,
  interactionQuality: 'auto',
});

const PANEL_MODES: readonly PanelMode[] = ['auto', 'shown', 'hidden'];

const panelMode = (value: unknown): PanelMode =>
  PANEL_MODES.includes(value as PanelMode) ? (value as PanelMode) : 'auto';

/**
 * The stored preferences; anything missing or malformed reads as its default (preferences are a
 * convenience and never keep the app from starting).
 */
export function loadUiPrefs(storage: KeyValueStorage | null): UiPrefs {
  let raw: unknown = null;
  try {
    const text = storage?.getItem(UI_PREFS_KEY) ?? null;
    raw = text === null ? null : JSON.parse(text);
  } catch {
    raw = null;
  }
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const panels = (
    typeof record.panels === 'object' && record.panels !== null ? record.panels : {}
  ) as Record<string, unknown>;
  return {
    showStartPage:
      typeof record.showStartPage === 'boolean'
        ? record.showStartPage
        : DEFAULT_UI_PREFS.showStartPage,
    panels: { left: panelMode(panels.left), right: panelMode(panels.right) },
    interactionQuality: record.interactionQuality === 'full' ? 'full' : 'auto',
  };
}

/** Saves the preferences; a refusing storage is ignored. */
export function saveUiPrefs(storage: KeyValueStorage | null, prefs: UiPrefs): void {
  try {
    storage?.setItem(UI_PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // The session goes on with the preferences in memory.
  }
}

/**
 * Puts the stored preferences in the store and saves them whenever they change there. Returns
 * a function that stops saving.
 */
export function persistUiPrefs(store: AppStore, storage: KeyValueStorage | null): () => void {
  const prefs = loadUiPrefs(storage);
  const state = store.getState();
  state.setShowStartPage(prefs.showStartPage);
  state.setPanelMode('left', prefs.panels.left);
  state.setPanelMode('right', prefs.panels.right);
  state.setInteractionQuality(prefs.interactionQuality);
  return store.subscribe(
    (s) => [s.showStartPage, s.panels, s.interactionQuality] as const,
    ([showStartPage, panels, interactionQuality]) =>
      saveUiPrefs(storage, { showStartPage, panels: { ...panels }, interactionQuality }),
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
  );
}

/** How the app was opened, as far as the start page cares. */
export interface LaunchContext {
  /** The user's preference (see {@link UiPrefs.showStartPage}). */
  showStartPage: boolean;
  /** Opened with a `#scene=` or `#preset=` link (even a damaged one: its message must show). */
  link: boolean;
  /** A `?render` page driven by `descent render` or a benchmark. */
  automation: boolean;
  /** Desktop app: a scene file was opened at launch (command line, file association). */
  fileOpened: boolean;
}

/**
 * Whether the start page opens at launch: only when the user wants it and nothing more specific
 * was asked for (a link, a file, automation), since those name the scene to show.
 */
export function startPageAtLaunch(context: LaunchContext): boolean {
  return context.showStartPage && !context.link && !context.automation && !context.fileOpened;
}
