/**
 * How a canvas is drawn, for the pieces that differ between the on-screen view and an export:
 * a transparent export has no background and no floor.
 */
import { createContext, useContext } from 'react';

export interface ViewOptions {
  /** Clear to transparent; leave out opaque backdrops such as the floor. */
  transparent: boolean;
}

export const ViewOptionsContext = createContext<ViewOptions>({ transparent: false });

export function useViewOptions(): ViewOptions {
  return useContext(ViewOptionsContext);
}
