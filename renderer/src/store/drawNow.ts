/**
 * Lets code outside the view ask it to draw at once instead of at the next animation frame.
 * The solver sync uses it when new trajectories arrive: waiting for the next frame adds up to a
 * whole frame interval to a slider drag's latency. The view registers the drawer and decides
 * whether drawing now is wise (see FrameHooks); without a view this does nothing.
 */
type Drawer = () => void;

let drawer: Drawer | null = null;

/** Registers the view's drawer; returns a function that removes it. */
export function setDrawer(fn: Drawer): () => void {
  drawer = fn;
  return () => {
    if (drawer === fn) drawer = null;
  };
}

/** Asks the view to draw now (it may instead draw at the next animation frame). */
export function drawNow(): void {
  drawer?.();
}
