/**
 * The hidden file input behind "Open…" in the browser version: takes a scene file (or a loss
 * landscape) the user picked and hands it to the platform. The input is cleared at once, so picking the same file
 * again opens it again.
 */
import type { Ref } from 'react';
import { SCENE_EXTENSIONS } from '../../../shared/scene/document.ts';
import { platform } from '../platform/platform.ts';

// Loss landscapes (.h5, .npy, .csv grids) open from here too, as new scenes.
const ACCEPT = [
  ...SCENE_EXTENSIONS,
  '.json',
  'application/json',
  '.h5',
  '.hdf5',
  '.npy',
  '.csv',
].join(',');

export function SceneFileInput({ ref, testId }: { ref: Ref<HTMLInputElement>; testId: string }) {
  return (
    <input
      ref={ref}
      type="file"
      accept={ACCEPT}
      data-testid={testId}
      hidden
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void platform.openFile(file);
      }}
    />
  );
}
