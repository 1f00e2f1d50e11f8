/**
 * Opens what a URL fragment asks for (`#scene=…` or `#preset=…`), then clears the fragment so a
 * reload restores the latest edits instead of the original link.
 */
import { getPreset, presetScene, PRESET_IDS } from '../../../shared/scene/presets.ts';
import type { AppStore } from '../store/types.ts';
import { readFragment } from './shareLink.ts';

/** Opening is an undoable step, so a link never loses the scene that was open before it. */
export function openFragment(store: AppStore, hash: string): void {
  const request = readFragment(hash);
  if (request.kind === 'none') return;
  const state = store.getState();
  if (request.kind === 'scene') {
    if (request.parse.ok) {
      state.openScene(request.parse.scene);
    } else {
      state.notify('error', request.parse.message);
    }
  } else {
    const scene = presetScene(request.id);
    if (scene && getPreset(request.id)) {
      state.openScene(scene);
    } else {
      state.notify(
        'error',
        `There is no preset '${request.id}'. Presets: ${PRESET_IDS.join(', ')}.`,
      );
    }
  }
  // Drop the fragment without adding a history entry or firing hashchange.
  if (typeof history !== 'undefined') {
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}
