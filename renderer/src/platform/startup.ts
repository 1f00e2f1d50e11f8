/**
 * Connects the window to its platform at startup: scene files dropped anywhere on the window
 * open (through the bridge in the app, read in the page in the browser) instead of the browser
 * navigating to them, and in the app the menu and the main process's scenes are wired in.
 */
import type { AppStore } from '../store/types.ts';
import { runMenuAction } from './menuActions.ts';
import type { Platform } from './platform.ts';

/** The part of a drag event this needs (a DOM `DragEvent` fits). */
interface FileDrag {
  dataTransfer: {
    types: readonly string[];
    files: ArrayLike<File>;
    dropEffect: string;
  } | null;
  preventDefault(): void;
}

const carriesFiles = (e: FileDrag): boolean => e.dataTransfer?.types.includes('Files') ?? false;

/** Opens files dropped on `target`; other drags (text into a field) are left alone. */
export function listenForFileDrops(target: EventTarget, platform: Platform): () => void {
  const onDragOver = (event: Event): void => {
    const e = event as unknown as FileDrag;
    if (!carriesFiles(e) || !e.dataTransfer) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: Event): void => {
    const e = event as unknown as FileDrag;
    if (!carriesFiles(e)) return;
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void platform.openDroppedFile(file);
  };
  target.addEventListener('dragover', onDragOver);
  target.addEventListener('drop', onDrop);
  return () => {
    target.removeEventListener('dragover', onDragOver);
    target.removeEventListener('drop', onDrop);
  };
}

/** Starts `platform` for `store`'s window: drops, menu actions, opened scenes, ready(). */
export function startPlatform(
  platform: Platform,
  store: AppStore,
  target: EventTarget,
): Promise<void> {
  listenForFileDrops(target, platform);
  return platform.start((action) => void runMenuAction(action, { store, platform }));
}
