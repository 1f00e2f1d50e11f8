/**
 * Remembers the last scene in localStorage so the app reopens where the user left off.
 * Everything read back goes through parseScene: a damaged or newer entry is refused with a
 * message rather than trusted.
 */
import { parseSceneText } from '../../../shared/scene/parse.ts';
import { defaultScene, serializeScene } from '../../../shared/scene/document.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import type { SceneParse } from '../../../shared/scene/parse.ts';
import type { AppStore } from './types.ts';

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
