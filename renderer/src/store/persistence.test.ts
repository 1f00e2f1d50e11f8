import { describe, expect, it, vi } from 'vitest';
import { defaultScene, SCENE_VERSION, serializeScene } from '../../../shared/scene/document.ts';
import { createAppStore } from './appStore.ts';
import { loadLastScene, persistScene, saveLastScene, STORAGE_KEY } from './persistence.ts';
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
});
