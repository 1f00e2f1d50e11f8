/**
 * The one application store: a vanilla zustand store built from typed slices, with
 * subscribeWithSelector applied once at the root (the solver sync and the 3D view subscribe to
 * single fields outside React). React components use the thin hooks in ./hooks.ts.
 */
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { Scene } from '../../../shared/scene/document.ts';
import { clampPosition } from './timeline.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import { PerfTracker } from './perf.ts';
import { Playhead } from './playhead.ts';
import { createLessonSlice } from './lessonSlice.ts';
import { createSceneSlice } from './sceneSlice.ts';
import { createSolveSlice } from './solveSlice.ts';
import type { AppState, AppStore } from './types.ts';
import { createUiSlice } from './uiSlice.ts';

/** Creates a store holding `initial` (default: a new scene). Tests create their own. */
export function createAppStore(initial?: Scene): AppStore {
  const store = createStore<AppState>()(
    subscribeWithSelector((set, get, api) => ({
      ...createSceneSlice(initial)(set, get, api),
      ...createSolveSlice(set, get, api),
      ...createUiSlice(set, get, api),
      ...createLessonSlice(set, get, api),
      runtime: { playhead: new Playhead(), perf: new PerfTracker() },
    })),
  );
  const { scene, runtime } = store.getState();
  runtime.playhead.set(clampPosition(scene.timeline.position, timelineEnd(scene)));
  // The slide being edited follows every change of the editor's scene; the change is an edit
  // when the scene's revision moved since the last one (quiet changes keep it).
  store.subscribe(
    (s) => ({ scene: s.scene, revision: s.revision }),
    (now, before) => store.getState().syncEditedSlide(now.revision !== before.revision),
    { equalityFn: (a, b) => a.scene === b.scene },
  );
  return store as AppStore;
}
