/**
 * What a canvas draws, on screen and in an export alike: the background, lights, camera and
 * frame loop that every kind shares, then the scene's view kind's own contents.
 */
import { addAfterEffect, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Color } from 'three';
import { useApp } from '../store/hooks.ts';
import { CameraRig } from './canvas/CameraRig.tsx';
import { FrameHooks } from './canvas/FrameHooks.tsx';
import { VIEW_THEMES } from './canvas/theme.ts';
import { useViewOptions } from './canvas/viewOptions.ts';
import { markFirstPicture } from './firstPicture.ts';
import { VIEW_KINDS } from './registry.ts';

/** Sets the clear colour from the theme (none when the canvas is transparent). */
function Background() {
  const scene = useThree((s) => s.scene);
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const { transparent } = useViewOptions();
  const color = useApp((s) => VIEW_THEMES[s.scene.view.theme].background);
  useEffect(() => {
    if (transparent) {
      scene.background = null;
      gl.setClearColor(0x000000, 0);
    } else {
      scene.background = new Color(color);
    }
    invalidate();
  }, [scene, gl, color, transparent, invalidate]);
  return null;
}

/**
 * Marks the first picture after the first frame, unless the kind marks it itself (see
 * ViewKind.marksFirstPicture).
 */
function FirstFrameMark({ byKind }: { byKind: boolean }) {
  useEffect(() => {
    if (byKind) return;
    const remove = addAfterEffect(() => {
      markFirstPicture();
      remove();
    });
    return remove;
  }, [byKind]);
  return null;
}

export function ViewContents() {
  const kind = useApp((s) => VIEW_KINDS[s.scene.kind]);
  return (
    <>
      <Background />
      <CameraRig kind={kind} />
      <FrameHooks />
      <FirstFrameMark byKind={kind.marksFirstPicture === true} />
      <ambientLight intensity={1.1} />
      <directionalLight position={[3, 6, 4]} intensity={1.6} />
      <directionalLight position={[-4, 2, -3]} intensity={0.45} />
      <kind.Contents />
    </>
  );
}
