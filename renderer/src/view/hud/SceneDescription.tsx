/**
 * The view's text alternative (see sceneDescription.ts), kept in a visually hidden element that
 * the canvas names with aria-describedby. It follows whole steps, not every animation frame.
 */
import { useSyncExternalStore } from 'react';
import { appStore, useApp } from '../../store/hooks.ts';
import { describeScene } from './sceneDescription.ts';

/** Id of the element, for the view's aria-describedby. */
export const SCENE_DESCRIPTION_ID = 'scene-description';

export function SceneDescription() {
  const { playhead } = appStore.getState().runtime;
  // Whole steps only: re-render when the row changes, not on every frame of playback.
  const step = useSyncExternalStore(
    (notify) => playhead.subscribe(notify),
    () => Math.floor(playhead.position + 1e-9),
  );
  const text = useApp((s) => describeScene(s, step));
  return (
    <p id={SCENE_DESCRIPTION_ID} className="visually-hidden" data-testid="scene-description">
      {text}
    </p>
  );
}
