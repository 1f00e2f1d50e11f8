/**
 * Whether the window has drawn its first picture: the surface, or a figure's first frame, or
 * the view has given up (no WebGL, a scene that cannot be drawn). Set once per page and never
 * cleared. The side panels wait for it (App.tsx), so the main thread's first work after the
 * page loads goes to the picture, not to hundreds of controls beside it.
 */
import { useSyncExternalStore } from 'react';

/**
 * The longest the side panels wait for the first picture, in ms after the window's first
 * render: a picture slower than this (a very slow machine, a worker that never answers) no
 * longer holds them back.
 */
export const PANELS_WAIT_MS = 1500;

let drawn = false;
let pending = false;
const listeners = new Set<() => void>();

/**
 * Marks the first picture, in a task of its own: called from the frame that drew it, so that
 * frame is painted before anything waiting for the mark (the panels) renders. A re-render
 * reading the mark in the same task would otherwise put the panels' work before that paint.
 */
export function markFirstPicture(): void {
  if (drawn || pending) return;
  pending = true;
  setTimeout(() => {
    drawn = true;
    for (const listener of listeners) listener();
    listeners.clear();
  }, 0);
}

export function firstPictureDrawn(): boolean {
  return drawn;
}

/** Calls `listener` once, when the first picture is marked; returns the unsubscribe. */
export function onFirstPicture(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True once {@link markFirstPicture} has been called (re-renders the caller then). */
export function useFirstPicture(): boolean {
  return useSyncExternalStore(onFirstPicture, firstPictureDrawn, firstPictureDrawn);
}
