/**
 * Runs a {@link MenuAction}: from the native menu in the desktop app, from a key press in the
 * browser. Every action calls what the matching button or key calls (store actions and the
 * platform module), so all ways in take one code path.
 * @see ../../../shared/bridge.ts for the action names.
 */
import { OVERLAY_KEYS, presetIdOf, SCENE_THEMES } from '../../../shared/bridge.ts';
import type { MenuAction } from '../../../shared/bridge.ts';
import { CAMERA_PRESETS } from '../../../shared/scene/document.ts';
import type { CameraPreset, Overlays } from '../../../shared/scene/document.ts';
import type { TableFormat } from '../../../shared/table.ts';
import type { AppStore } from '../store/types.ts';
import { isTypingTarget } from './keys.ts';
import type { Platform } from './platform.ts';

/** A focused text field's own undo stack (Edit ▸ Undo while typing undoes the typing). */
export interface TextFieldEditing {
  /** A text field has the focus. */
  focused(): boolean;
  /** Runs the field's undo or redo. */
  run(command: 'undo' | 'redo'): void;
}

/** What {@link runMenuAction} acts on. */
export interface MenuActionContext {
  store: AppStore;
  platform: Platform;
  /** Default: the page's focused element and `document.execCommand`. */
  textField?: TextFieldEditing;
}

/** Format of Edit ▸ Copy Step Table: reads well in notes and slides, and pastes as a table. */
export const MENU_TABLE_FORMAT: TableFormat = 'markdown';

const pageTextField: TextFieldEditing = {
  focused: () => typeof document !== 'undefined' && isTypingTarget(document.activeElement),
  // Deprecated but still the only way to drive a field's native undo stack.
  run: (command) => void document.execCommand(command),
};

const CAMERA_PREFIX = 'view.camera.';
const OVERLAY_PREFIX = 'view.overlay.';
const THEME_PREFIX = 'view.theme.';

/** One of `list` named by the end of `action` after `prefix`, or null. */
function suffixIn<T extends string>(action: string, prefix: string, list: readonly T[]): T | null {
  if (!action.startsWith(prefix)) return null;
  const rest = action.slice(prefix.length);
  return (list as readonly string[]).includes(rest) ? (rest as T) : null;
}

/**
 * Runs `action`. Resolves when what it started has finished (a save, an open); unknown names do
 * nothing. Actions that need the user's gesture (the browser's file chooser) start synchronously.
 */
export async function runMenuAction(action: MenuAction, ctx: MenuActionContext): Promise<void> {
  const { store, platform } = ctx;
  const s = store.getState();
  const textField = ctx.textField ?? pageTextField;

  const presetId = presetIdOf(action);
  if (presetId !== null) return platform.openPreset(presetId);

  switch (action) {
    case 'file.new':
      return platform.newScene();
    case 'file.open':
      return platform.open();
    case 'file.save':
      await platform.save(false);
      return;
    case 'file.saveAs':
      await platform.save(true);
      return;
    case 'file.openLesson':
      return platform.openLesson();
    case 'file.saveLesson':
      await platform.saveLesson(false);
      return;
    case 'file.saveLessonAs':
      await platform.saveLesson(true);
      return;
    case 'file.exportLesson':
      // As the slide sorter's Export lesson button; without a lesson, the sorter offers one.
      if (s.lesson?.slides.length) s.openDialog('lessonExport');
      else {
        s.setSorterOpen(true);
        s.notify('info', 'Start or open a lesson first: Export Lesson writes its slides.');
      }
      return;
    case 'file.export':
      // As the toolbar's Export button.
      s.openDialog('export');
      return;
    case 'edit.undo':
    case 'edit.redo': {
      const command = action === 'edit.undo' ? 'undo' : 'redo';
      if (textField.focused()) textField.run(command);
      else if (command === 'undo') s.undo();
      else s.redo();
      return;
    }
    case 'edit.copyStepTable':
      await platform.copyStepTable(MENU_TABLE_FORMAT);
      return;
    case 'view.hud':
      s.setHudOpen(!s.hudOpen);
      return;
    case 'view.present':
      s.startPresenting();
      return;
    case 'help.shortcuts':
      s.openDialog('shortcuts');
      return;
  }

  const camera = suffixIn<CameraPreset>(action, CAMERA_PREFIX, CAMERA_PRESETS);
  if (camera) return s.setCameraPreset(camera);
  const overlay = suffixIn<keyof Overlays>(action, OVERLAY_PREFIX, OVERLAY_KEYS);
  if (overlay) return s.setOverlay(overlay, !s.scene.overlays[overlay]);
  // Sent by the View ▸ Theme menu, which has already remembered the preference itself.
  const theme = suffixIn(action, THEME_PREFIX, SCENE_THEMES);
  if (theme) return s.setView({ theme });
}
