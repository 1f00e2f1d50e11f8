/**
 * Global keyboard shortcuts. Keys typed into a text field belong to the field: nothing is
 * hijacked while a text input, select, textarea or contenteditable has focus (except the menu's
 * Ctrl/⌘ shortcuts), and Space on a focused button, checkbox or summary presses it rather than
 * toggling playback. A focused slider keeps its arrow and Page keys (they move its value), but
 * Space, Home and End play and seek as everywhere else: a slider focused by a drag must not turn
 * End into "η = 10".
 *
 * The menu's shortcuts (Ctrl/⌘+S, +O, +1…4, …; see acceleratorFor in shared/bridge.ts) belong to
 * the native menu in the desktop app, so they are left alone there (Windows and Linux would run
 * them twice); in the browser they are handled here and run the same menu actions.
 */
import { useEffect } from 'react';
import type { MenuAction } from '../../../shared/bridge.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import { focusKind, isSliderKey, isTypingTarget, menuActionForKey } from './keys.ts';
import type { KeyChord } from './keys.ts';
import { runMenuAction } from './menuActions.ts';
import { platform } from './platform.ts';
import { appStore } from '../store/hooks.ts';
import type { AppStore } from '../store/types.ts';

export { isTypingTarget };

/** The parts of a `KeyboardEvent` the shortcuts read. */
export type ShortcutEvent = KeyChord &
  Pick<KeyboardEvent, 'defaultPrevented' | 'isComposing' | 'target' | 'preventDefault'>;

/** What {@link createShortcutHandler} needs. */
export interface ShortcutOptions {
  store: AppStore;
  /** Desktop app: the native menu owns its accelerators on this OS. */
  desktop: boolean;
  /** The operating system as `process.platform` names it. */
  os: string;
  /** Runs a menu action (browser: for the menu's shortcuts). */
  dispatch: (action: MenuAction) => void;
}

/** The keydown handler behind {@link useShortcuts}. */
export function createShortcutHandler(options: ShortcutOptions): (e: ShortcutEvent) => void {
  const { store, desktop, os, dispatch } = options;
  return (e) => {
    if (e.defaultPrevented || e.isComposing) return;
    // The native menu handles its own keys (and Edit ▸ Undo in text fields).
    if (desktop && menuActionForKey(e, os, 'menu')) return;
    const s = store.getState();
    // Present mode has its own keys (present/keys.ts).
    if (s.presentation) return;
    if (e.key === 'F5' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
      // F5 presents here, as in slide programs, instead of reloading the page.
      e.preventDefault();
      s.startPresenting();
      return;
    }
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key;
    if (mod && !e.altKey && (key === 'z' || key === 'Z' || key === 'y')) {
      // Text fields keep their own undo.
      if (isTypingTarget(e.target)) return;
      e.preventDefault();
      if (key === 'y' || e.shiftKey) s.redo();
      else s.undo();
      return;
    }
    if (mod || e.altKey) {
      const action = desktop ? null : menuActionForKey(e, os, 'page');
      if (action) {
        e.preventDefault();
        dispatch(action);
      }
      return;
    }
    const focus = focusKind(e.target);
    if (focus === 'text') return;
    if (focus === 'slider' && isSliderKey(key)) return;
    if (s.dialog !== null && key !== '?') return;
    switch (key) {
      case ' ':
        // A focused button (or checkbox, or summary) handles Space itself; don't toggle
        // playback as well.
        if (focus === 'button') return;
        // Also keeps Space from scrolling the page or nudging a focused slider.
        e.preventDefault();
        s.togglePlay();
        break;
      case 'ArrowRight':
        e.preventDefault();
        s.stepBy(1);
        break;
      case 'ArrowLeft':
        e.preventDefault();
        s.stepBy(-1);
        break;
      case 'Home':
        e.preventDefault();
        s.pause();
        s.seek(0);
        break;
      case 'End':
        e.preventDefault();
        s.pause();
        s.seek(timelineEnd(s.scene));
        break;
      case 'r':
      case 'R':
        s.resetCamera();
        break;
      case '?':
        s.openDialog(s.dialog === 'shortcuts' ? null : 'shortcuts');
        break;
      default:
        return;
    }
  };
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = createShortcutHandler({
      store: appStore,
      desktop: platform.isDesktop,
      os: platform.os,
      dispatch: (action) => void runMenuAction(action, { store: appStore, platform }),
    });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
