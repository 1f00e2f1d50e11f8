import { describe, expect, it, vi } from 'vitest';
import { defaultScene, SCENE_VERSION, serializeScene } from '../../../shared/scene/document.ts';
import { createAppStore } from './appStore.ts';
import {
  loadLastScene,
  persistScene,
  REFUSED_KEY,
  restoreLastScene,
  saveLastScene,
  STORAGE_KEY,
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
