/**
 * Frame-loop plumbing for the on-demand canvas:
 * - playback: while playing, advance the playhead by speed·dt each frame and ask for the next
 *   frame (the position, not wall time, is what the picture depends on);
 * - any playhead move (seek, step, scrub) or store change requests a frame;
 * - after each rendered frame, the performance tracker closes pending latency samples and
 *   counts the frame for the fps readout.
 */
import { addAfterEffect, useFrame, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { advance, timelineEnd } from '../lib/timeline.ts';
import { appStore, useApp } from '../store/hooks.ts';

/** Longest frame step the clock may take (a tab returning from background would jump). */
const MAX_DT = 1 / 15;

export function FrameHooks() {
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const playing = useApp((s) => s.playing);

  useEffect(() => appStore.getState().runtime.playhead.subscribe(() => invalidate()), [invalidate]);
  // Overlays read the store in useFrame; a new analysis or toggled overlay needs a frame too.
  // (Store changes are edits and solver answers, never per-frame, so this is cheap.)
  useEffect(() => appStore.subscribe(() => invalidate()), [invalidate]);

  useEffect(() => {
    if (playing) invalidate();
  }, [playing, invalidate]);

  useEffect(() => {
    const { perf } = appStore.getState().runtime;
    let lastFrame = gl.info.render.frame;
    return addAfterEffect(() => {
      // Only count loop iterations that really drew (the loop also ticks once when stopping).
      const drawn = gl.info.render.frame;
      if (drawn === lastFrame) return;
      lastFrame = drawn;
      perf.frameDrawn();
    });
  }, [gl]);

  // Runs before every other frame callback (negative priority) so all of them see this frame's
  // position.
  useFrame((_, delta) => {
    const state = appStore.getState();
    if (!state.playing) return;
    const { scene, runtime } = state;
    const end = timelineEnd(scene);
    const dt = delta > MAX_DT ? MAX_DT : delta;
    const next = advance(
      runtime.playhead.position,
      dt,
      scene.timeline.speed,
      end,
      scene.timeline.loop,
    );
    runtime.playhead.set(next);
    if (!scene.timeline.loop && next >= end) state.pause();
    else invalidate();
  }, -1);

  return null;
}
