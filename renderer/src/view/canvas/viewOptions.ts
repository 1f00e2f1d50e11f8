/**
 * How a canvas is drawn, for the pieces that differ between the on-screen view and an export:
 * a transparent export has no background and no floor, and an export may reveal the paths as
 * they play even when the scene itself shows them whole.
 */
import { createContext, useContext } from 'react';

export interface ViewOptions {
  /** Clear to transparent; leave out opaque backdrops such as the floor. */
  transparent: boolean;
  /**
   * Draw nothing of a path ahead of its ball, whatever the scene's `view.reveal` says (an
   * export passes `settings.reveal || scene.view.reveal`). Absent: follow the scene.
   */
  reveal?: boolean;
}

export const ViewOptionsContext = createContext<ViewOptions>({ transparent: false });

export function useViewOptions(): ViewOptions {
  return useContext(ViewOptionsContext);
}
