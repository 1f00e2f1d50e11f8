/**
 * Global keyboard shortcuts. Keys typed into a field belong to the field: nothing is hijacked
 * while an input, select, textarea or contenteditable has focus (except undo/redo outside text
 * fields), and Space on a focused button presses that button rather than toggling playback twice.
 */
import { useEffect } from 'react';
import { timelineEnd } from '../lib/timeline.ts';
import { actions } from '../store/hooks.ts';

/** True when the event comes from somewhere that takes typed text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Checkboxes, radios and buttons do not take text; range inputs use the arrow keys.
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'color'].includes(target.type);
  }
  return false;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      const s = actions();
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
      if (mod || e.altKey) return;
      if (isTypingTarget(e.target)) return;
      if (s.dialog !== null && key !== '?') return;
      switch (key) {
        case ' ':
          // A focused button handles Space itself (click); don't toggle playback as well.
          if (e.target instanceof HTMLButtonElement) return;
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
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
