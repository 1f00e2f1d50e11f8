import { describe, expect, it, vi } from 'vitest';
import { defaultScene, SCENE_VERSION, serializeScene } from '../../../shared/scene/document.ts';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import { createAppStore } from './appStore.ts';
import {
  DEFAULT_UI_PREFS,
  loadLastScene,
  loadUiPrefs,
  persistScene,
  persistUiPrefs,
  REFUSED_KEY,
  restoreLastScene,
  saveLastScene,
  saveUiPrefs,
  startPageAtLaunch,
  LESSON_KEY,
  persistLesson,
  restoreLastLesson,
  STORAGE_KEY,
  UI_PREFS_KEY,
} from './persistence.ts';
import type { KeyValueStorage } from './persistence.ts';

function memory(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('last-scene persistence', () => {
  it('round-trips a scene', () => {
    const storage = memory();
    const scene = { ...defaultScene(), title: 'Kept' };
    saveLastScene(storage, scene);
    expect(loadLastScene(storage)).toEqual({ ok: true, scene });
  });

  it('nothing stored → null; no storage → null', () => {
    expect(loadLastScene(memory())).toBeNull();
    expect(loadLastScene(null)).toBeNull();
  });

  it('refuses damaged or newer entries with a message', () => {
    const storage = memory();
    storage.setItem(STORAGE_KEY, '{broken');
    expect(loadLastScene(storage)?.ok).toBe(false);
    storage.setItem(
      STORAGE_KEY,
      serializeScene({ ...defaultScene(), version: SCENE_VERSION + 1 } as never),
    );
    const result = loadLastScene(storage);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.message).toMatch(/could not be restored/);
  });

  it('survives a storage that throws', () => {
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadLastScene(throwing)).toBeNull();
    expect(() => saveLastScene(throwing, defaultScene())).not.toThrow();
  });

  it('saves shortly after edits (debounced)', () => {
    vi.useFakeTimers();
    try {
      const storage = memory();
      const store = createAppStore();
      const stop = persistScene(store, storage, 100);
      for (const lr of [0.2, 0.3, 0.4]) store.getState().updateParams('run-1', { lr }, 'lr');
      expect(storage.data.size).toBe(0);
      vi.advanceTimersByTime(150);
      const saved = loadLastScene(storage);
      expect(saved?.ok && saved.scene.runs[0]!.params.lr).toBe(0.4);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('restores the stored scene at start-up', () => {
    const storage = memory();
    saveLastScene(storage, { ...defaultScene(), title: 'Kept' });
    const store = createAppStore();
    restoreLastScene(store, storage);
    expect(store.getState().scene.title).toBe('Kept');
    expect(store.getState().notice).toBeNull();
  });

  it('a stored scene that cannot be drawn (a ±1e308 domain) opens a blank scene once, with a notice', () => {
    const storage = memory();
    const broken = serializeScene({
      ...defaultScene(),
      domain: { x: [-1e308, 1e308], y: [-3, 3] },
    });
    storage.setItem(STORAGE_KEY, broken);
    const store = createAppStore();
    restoreLastScene(store, storage);
    expect(store.getState().scene).toEqual(defaultScene());
    expect(store.getState().notice?.kind).toBe('error');
    expect(store.getState().notice?.text).toMatch(/could not be restored.*too large.*blank scene/);
    // Kept aside, not lost; and the next start-up is clean.
    expect(storage.data.get(REFUSED_KEY)).toBe(broken);
    const next = createAppStore();
    restoreLastScene(next, storage);
    expect(next.getState().notice).toBeNull();
  });
});

describe('UI preferences', () => {
  it('a first start: the start page on, panels following the window', () => {
    expect(loadUiPrefs(memory())).toEqual(DEFAULT_UI_PREFS);
    expect(loadUiPrefs(null)).toEqual(DEFAULT_UI_PREFS);
    expect(DEFAULT_UI_PREFS.showStartPage).toBe(true);
  });

  it('round-trips, and reads damaged or partial entries field by field', () => {
    const storage = memory();
    const prefs = {
      showStartPage: false,
      panels: { left: 'hidden', right: 'shown' },
      interactionQuality: 'full',
    } as const;
    saveUiPrefs(storage, { ...prefs, panels: { ...prefs.panels } });
    expect(loadUiPrefs(storage)).toEqual(prefs);
    storage.setItem(UI_PREFS_KEY, '{broken');
    expect(loadUiPrefs(storage)).toEqual(DEFAULT_UI_PREFS);
    storage.setItem(UI_PREFS_KEY, JSON.stringify({ showStartPage: 'no', panels: { left: 'x' } }));
    expect(loadUiPrefs(storage)).toEqual(DEFAULT_UI_PREFS);
    storage.setItem(UI_PREFS_KEY, JSON.stringify({ showStartPage: false }));
    expect(loadUiPrefs(storage)).toEqual({ ...DEFAULT_UI_PREFS, showStartPage: false });
  });

  it('puts stored preferences in the store and saves changes, never into the scene', () => {
    const storage = memory();
    saveUiPrefs(storage, {
      showStartPage: false,
      panels: { left: 'auto', right: 'hidden' },
      interactionQuality: 'auto',
    });
    const store = createAppStore();
    const stop = persistUiPrefs(store, storage);
    expect(store.getState().showStartPage).toBe(false);
    expect(store.getState().panels).toEqual({ left: 'auto', right: 'hidden' });
    const scene = store.getState().scene;
    store.getState().setPanelMode('left', 'hidden');
    store.getState().setShowStartPage(true);
    expect(loadUiPrefs(storage)).toEqual({
      showStartPage: true,
      panels: { left: 'hidden', right: 'hidden' },
      interactionQuality: 'auto',
    });
    // UI state: no edit of the document, nothing to undo.
    expect(store.getState().scene).toBe(scene);
    expect(store.getState().history.past).toHaveLength(0);
    stop();
    store.getState().setPanelMode('right', 'shown');
    expect(loadUiPrefs(storage).panels.right).toBe('hidden');
  });

  it('remembers the render quality while interacting; anything unknown reads as auto', () => {
    const storage = memory();
    const store = createAppStore();
    expect(store.getState().interactionQuality).toBe('auto');
    const stop = persistUiPrefs(store, storage);
    store.getState().setInteractionQuality('full');
    expect(loadUiPrefs(storage).interactionQuality).toBe('full');
    // A new window starts with the choice.
    const next = createAppStore();
    persistUiPrefs(next, storage)();
    expect(next.getState().interactionQuality).toBe('full');
    stop();
    storage.setItem(UI_PREFS_KEY, JSON.stringify({ interactionQuality: 'low' }));
    expect(loadUiPrefs(storage).interactionQuality).toBe('auto');
    expect(DEFAULT_UI_PREFS.interactionQuality).toBe('auto');
  });

  it('survives a storage that throws', () => {
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadUiPrefs(throwing)).toEqual(DEFAULT_UI_PREFS);
    expect(() => saveUiPrefs(throwing, { ...DEFAULT_UI_PREFS })).not.toThrow();
  });
});

describe('start page at launch', () => {
  const plain = { showStartPage: true, link: false, automation: false, fileOpened: false };
  it.each([
    ['a plain start', plain, true],
    ['turned off by the user', { ...plain, showStartPage: false }, false],
    ['a #scene= or #preset= link', { ...plain, link: true }, false],
    ['a ?render page', { ...plain, automation: true }, false],
    ['a file opened in the desktop app', { ...plain, fileOpened: true }, false],
  ])('%s → %s', (_, context, expected) => {
    expect(startPageAtLaunch(context)).toBe(expected);
  });
});

describe('last-lesson persistence (browser)', () => {
  it('keeps the open lesson and the edited slide across a reload; a closed one is forgotten', () => {
    vi.useFakeTimers();
    const storage = memory();
    const store = createAppStore();
    const stop = persistLesson(store, storage, 10);
    store.getState().openLesson(calculusLesson());
    store.getState().editSlide('saddle');
    store.getState().setTitle('Mine');
    vi.advanceTimersByTime(20);

    // A reload: the scene comes back first, then the lesson.
    const again = createAppStore();
    saveLastScene(storage, store.getState().scene);
    restoreLastScene(again, storage);
    restoreLastLesson(again, storage);
    const s = again.getState();
    expect(s.lesson?.slides).toHaveLength(calculusLesson().slides.length);
    expect(s.editingSlideId).toBe('saddle');
    expect(s.scene.title).toBe('Mine');
    expect(s.lesson?.slides.find((x) => x.id === 'saddle')?.scene.title).toBe('Mine');

    store.getState().closeLesson();
    vi.advanceTimersByTime(20);
    const third = createAppStore();
    restoreLastLesson(third, storage);
    expect(third.getState().lesson).toBeNull();
    stop();
    vi.useRealTimers();
  });

  it('a kept lesson that no longer reads is dropped with a notice, the scene untouched', () => {
    const storage = memory();
    storage.setItem(LESSON_KEY, JSON.stringify({ lesson: { version: 99, slides: [] } }));
    const store = createAppStore();
    const scene = store.getState().scene;
    restoreLastLesson(store, storage);
    expect(store.getState().lesson).toBeNull();
    expect(store.getState().scene).toBe(scene);
    expect(store.getState().notice?.text).toMatch(/last lesson could not be restored.*newer/);
  });
});
