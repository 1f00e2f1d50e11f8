/**
 * The app's store instance and its thin React binding. Components select one field at a time
 * (`useApp(s => s.scene.domain)`), or several with `useShallow`, so they re-render only when
 * what they show changes.
 */
import { useStore } from 'zustand';
import { createAppStore } from './appStore.ts';
import type { AppState } from './types.ts';

/** The store of this window. Startup (startup.tsx) puts the restored scene in it. */
export const appStore = createAppStore();

/** Selects from the app store inside a React component. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Actions never change identity, so reading them once with getState() is enough. */
export function actions(): AppState {
  return appStore.getState();
}
