/**
 * Frame-loop plumbing for the on-demand canvas:
 * - playback: while playing, advance the playhead by speed·dt each frame and ask for the next
 *   frame (the position, not wall time, is what the picture depends on);
 * - any playhead move (seek, step, scrub) or store change requests a frame;
 * - after each rendered frame, the performance tracker closes pending latency samples and
 *   counts the frame for the fps readout;
 * - new trajectories are drawn as soon as they arrive when the GPU has finished the previous
 *   frame (a WebGL2 fence says so without waiting), instead of at the next animation frame.
 *   A busy GPU (software rendering, a huge scene) gets no extra work: the frame loop, which
 *   the browser paces, draws them instead.
 */
import { addAfterEffect, advance, useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { setDrawer } from '../../store/drawNow.ts';
import { advance as advancePlayhead } from '../../store/timeline.ts';
import { timelineEnd } from '../../../../shared/scene/document.ts';
import { changesPicture } from './viewChange.ts';
import { appStore, useApp } from '../../store/hooks.ts';

/**
 * Order of the frame callbacks (useFrame priorities). All are ≤ 0, so R3F still draws the frame
 * itself afterwards: the clock moves the playhead, then objects follow it, then the labels they
 * placed are laid out on screen.
 */
export const FRAME_ORDER = { clock: -1, objects: -0.5, labels: -0.25 } as const;

/** Longest frame step the clock may take (a tab returning from background would jump). */
const MAX_DT = 1 / 15;

export function FrameHooks() {
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const get = useThree((s) => s.get);
  const playing = useApp((s) => s.playing);

  useEffect(() => appStore.getState().runtime.playhead.subscribe(() => invalidate()), [invalidate]);
  // Overlays read the store in useFrame; a new analysis or toggled overlay needs a frame too.
  // Edits that only reach the picture through the solver wait for its answer (viewChange.ts).
  useEffect(
    () =>
      appStore.subscribe((next, previous) => {
        if (changesPicture(next, previous)) invalidate();
      }),
    [invalidate],
  );

  useEffect(() => {
    if (playing) invalidate();
  }, [playing, invalidate]);

  useEffect(() => {
    const { perf } = appStore.getState().runtime;
    const context = gl.getContext();
    const gl2 =
      typeof WebGL2RenderingContext !== 'undefined' && context instanceof WebGL2RenderingContext
        ? context
        : null;
    // Signalled once the GPU has executed the last drawn frame (WebGL2 only).
    let fence: WebGLSync | null = null;
    let lastFrame = gl.info.render.frame;
    const removeAfter = addAfterEffect(() => {
      // Only count loop iterations that really drew (the loop also ticks once when stopping).
      const drawn = gl.info.render.frame;
      if (drawn === lastFrame) return;
      lastFrame = drawn;
      perf.frameDrawn();
      if (gl2) {
        if (fence) gl2.deleteSync(fence);
        fence = gl2.fenceSync(gl2.SYNC_GPU_COMMANDS_COMPLETE, 0);
      }
    });
    const removeDrawer = setDrawer(() => {
      const state = get();
      const idle =
        gl2 !== null &&
        fence !== null &&
        gl2.getSyncParameter(fence, gl2.SYNC_STATUS) === gl2.SIGNALED;
      // While playing, the loop draws every frame anyway: drawing here too would double the
      // GPU work for at most a frame's gain.
      if (!idle || appStore.getState().playing) return;
      if (state.frameloop !== 'demand' || !state.internal.active) return;
      // Draws this root now; the frame it had requested is then already done.
      advance(performance.now(), true, state);
    });
    return () => {
      removeAfter();
      removeDrawer();
      if (gl2 && fence) gl2.deleteSync(fence);
    };
  }, [gl, get]);

  // Runs before every other frame callback (negative priority) so all of them see this frame's
  // position.
  useFrame((_, delta) => {
    const state = appStore.getState();
    if (!state.playing) return;
    const { scene, runtime } = state;
    // Playing to a beat (present mode) stops there and never loops.
    const until = state.playUntil;
    const end = until ?? timelineEnd(scene);
    const loop = until === null && scene.timeline.loop;
    const dt = delta > MAX_DT ? MAX_DT : delta;
    const next = advancePlayhead(runtime.playhead.position, dt, scene.timeline.speed, end, loop);
    runtime.playhead.set(next);
    if (!loop && next >= end) state.pause();
    else invalidate();
  }, FRAME_ORDER.clock);

  return null;
}
