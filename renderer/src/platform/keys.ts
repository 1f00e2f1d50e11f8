/**
 * Keyboard shortcuts of the menu actions, read from the one table in the bridge contract
 * ({@link acceleratorFor}): which key press is a menu accelerator, and how to label it.
 *
 * In the desktop app the native menu owns these keys, so the page must leave them alone (on
 * Windows and Linux both would fire). In the browser there is no menu and the page binds them
 * itself. Either way one key runs one {@link FixedMenuAction} through one dispatcher.
 * @see ../../../shared/bridge.ts
 */
import { acceleratorFor, ACTION_LABELS, FIXED_MENU_ACTIONS } from '../../../shared/bridge.ts';
import type { FixedMenuAction } from '../../../shared/bridge.ts';

/** The parts of a `KeyboardEvent` a shortcut depends on. */
export interface KeyChord {
  key: string;
  /** Physical key (`KeyZ`, `Digit1`, `Slash`); optional for synthetic events. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * How modifiers are compared. `menu`: as Electron's menu does on `os` (CmdOrCtrl is ⌘ on macOS
 * and Ctrl elsewhere, nothing extra). `page`: Ctrl or ⌘ both stand for CmdOrCtrl, as the
 * browser build always accepted.
 */
export type MatchMode = 'menu' | 'page';

interface Accelerator {
  key: string;
  /** ⌘ on macOS, Ctrl elsewhere. */
  cmdOrCtrl: boolean;
  /** Ctrl on every platform. */
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

function parseAccelerator(accelerator: string): Accelerator {
  const parts = accelerator.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const has = (name: string): boolean => parts.includes(name);
  return {
    key,
    cmdOrCtrl: has('CmdOrCtrl'),
    ctrl: has('Ctrl'),
    shift: has('Shift'),
    alt: has('Alt'),
  };
}

/** `KeyZ` → `z`, `Digit1` → `1`, `Slash` → `/` (so Ctrl+Z still matches on other layouts). */
function keyOfCode(code: string | undefined): string | null {
  if (!code) return null;
  if (/^Key[A-Z]$/.test(code)) return code.slice(3).toLowerCase();
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  if (code === 'Slash') return '/';
  return null;
}

/** True when `chord` is the key combination `accelerator` (Electron syntax) on `os`. */
export function matchesAccelerator(
  chord: KeyChord,
  accelerator: string,
  os: string,
  mode: MatchMode,
): boolean {
  const want = parseAccelerator(accelerator);
  if (chord.shiftKey !== want.shift || chord.altKey !== want.alt) return false;
  if (mode === 'page') {
    if ((chord.ctrlKey || chord.metaKey) !== (want.cmdOrCtrl || want.ctrl)) return false;
  } else {
    const mac = os === 'darwin';
    const wantMeta = want.cmdOrCtrl && mac;
    const wantCtrl = want.ctrl || (want.cmdOrCtrl && !mac);
    if (chord.metaKey !== wantMeta || chord.ctrlKey !== wantCtrl) return false;
  }
  // Accelerator keys are compared lower-case (`F5` is `f5` in parseAccelerator).
  const key = chord.key.toLowerCase();
  return key === want.key || keyOfCode(chord.code) === want.key;
}

/**
 * Menu actions whose keys the page leaves to the browser: Ctrl/⌘+N opens a window (no page can
 * take it), Ctrl/⌘+1…8 switch tabs (the camera has its buttons).
 */
export function browserKeepsKey(action: FixedMenuAction): boolean {
  return action === 'file.new' || action.startsWith('view.camera.');
}

/**
 * The menu action whose accelerator on `os` is `chord`, or null. In `page` mode the keys of
 * {@link browserKeepsKey} are not matched.
 */
export function menuActionForKey(
  chord: KeyChord,
  os: string,
  mode: MatchMode,
): FixedMenuAction | null {
  for (const action of FIXED_MENU_ACTIONS) {
    if (mode === 'page' && browserKeepsKey(action)) continue;
    const accelerator = acceleratorFor(action, os);
    if (accelerator && matchesAccelerator(chord, accelerator, os, mode)) return action;
  }
  return null;
}

/**
 * The operating system as `process.platform` names it, guessed from the browser (for labels
 * and for Ctrl+Y vs Ctrl+Shift+Z). The desktop app knows it: use `bridge.platform` there.
 */
export function browserOs(nav: { platform?: string; userAgent?: string } | undefined): string {
  const text = `${nav?.platform ?? ''} ${nav?.userAgent ?? ''}`;
  if (/Mac|iPhone|iPad/i.test(text)) return 'darwin';
  if (/Win/i.test(text)) return 'win32';
  return 'linux';
}

const MAC_SYMBOLS: Readonly<Record<string, string>> = {
  CmdOrCtrl: '⌘',
  Ctrl: '⌃',
  Shift: '⇧',
  Alt: '⌥',
};

/** An accelerator as people read it: `⇧⌘S` on macOS, `Ctrl + Shift + S` elsewhere. */
export function formatAccelerator(accelerator: string, os: string): string {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  // Modifiers in the platform's usual order.
  const order =
    os === 'darwin' ? ['Ctrl', 'Alt', 'Shift', 'CmdOrCtrl'] : ['CmdOrCtrl', 'Ctrl', 'Alt', 'Shift'];
  const mods = order.filter((m) => parts.includes(m));
  if (os === 'darwin') return mods.map((m) => MAC_SYMBOLS[m] ?? m).join('') + key;
  return [...mods.map((m) => (m === 'CmdOrCtrl' ? 'Ctrl' : m)), key].join(' + ');
}

/**
 * Rows for the shortcuts sheet: each menu action that has a key on `os`, labelled as the menu
 * labels it. Redo also lists the key the page handles itself (Ctrl+Y or Ctrl+Shift+Z). In the
 * browser the keys the browser keeps ({@link browserKeepsKey}) are left out.
 */
export function menuShortcutRows(os: string, desktop: boolean): [keys: string, what: string][] {
  const rows: [string, string][] = [];
  for (const action of FIXED_MENU_ACTIONS) {
    if (!desktop && browserKeepsKey(action)) continue;
    const accelerator = acceleratorFor(action, os);
    if (!accelerator) continue;
    let keys = formatAccelerator(accelerator, os);
    if (action === 'edit.redo' && os !== 'darwin') {
      keys += `, ${formatAccelerator(os === 'win32' ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y', os)}`;
    }
    rows.push([keys, ACTION_LABELS[action]]);
  }
  return rows;
}

/**
 * What kind of control a key press comes from, as far as shortcuts care: a field that takes
 * typed text, a slider (a range input: its arrow keys are its own), a control that Space
 * presses (a button, checkbox, summary…), or anything else.
 */
export type FocusKind = 'text' | 'slider' | 'button' | 'other';

/** The parts of an element {@link focusKind} reads (a DOM element fits; tests pass plain objects). */
interface FocusTarget {
  tagName?: unknown;
  type?: unknown;
  isContentEditable?: unknown;
}

/** Input types that Space presses or toggles (none of them takes typed text). */
const PRESSED_INPUTS = ['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image'];

/** See {@link FocusKind}. Read from the element's tag and type, so it works without a DOM. */
export function focusKind(target: EventTarget | null): FocusKind {
  if (target === null || typeof target !== 'object') return 'other';
  const t = target as FocusTarget;
  if (t.isContentEditable === true) return 'text';
  const tag = typeof t.tagName === 'string' ? t.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return 'text';
  if (tag === 'BUTTON' || tag === 'SUMMARY') return 'button';
  if (tag === 'INPUT') {
    const type = typeof t.type === 'string' ? t.type : 'text';
    if (type === 'range') return 'slider';
    return PRESSED_INPUTS.includes(type) ? 'button' : 'text';
  }
  return 'other';
}

/**
 * True when the event comes from somewhere that takes typed text. A slider does not: the
 * playback keys (Space, Home, End) and undo work while one has the focus.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  return focusKind(target) === 'text';
}

/** Keys a focused slider keeps for itself (it moves its value with them). */
export function isSliderKey(key: string): boolean {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown'].includes(key);
}
