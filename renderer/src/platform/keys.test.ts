/**
 * Menu shortcuts: in the desktop app the native menu owns them (the page must not run them a
 * second time); in the browser the page runs them. Keys without a menu accelerator stay with the
 * page everywhere.
 */
import { describe, expect, it, vi } from 'vitest';
import { acceleratorFor, FIXED_MENU_ACTIONS } from '../../../shared/bridge.ts';
import type { FixedMenuAction, MenuAction } from '../../../shared/bridge.ts';
import { createShortcutHandler } from './useShortcuts.ts';
import type { ShortcutEvent } from './useShortcuts.ts';
import { createAppStore } from '../store/appStore.ts';
import {
  browserKeepsKey,
  browserOs,
  focusKind,
  formatAccelerator,
  matchesAccelerator,
  menuActionForKey,
  menuShortcutRows,
} from './keys.ts';

const OSES = ['linux', 'win32', 'darwin'] as const;

interface Mods {
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  alt?: boolean;
}

/** A keydown as the browser reports it (`key` with Shift applied to letters). */
function press(key: string, mods: Mods = {}): ShortcutEvent & { preventDefault: () => void } {
  const shifted = mods.shift && /^[a-z]$/.test(key) ? key.toUpperCase() : key;
  return {
    key: shifted,
    code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : undefined,
    ctrlKey: mods.ctrl ?? false,
    metaKey: mods.meta ?? false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
    defaultPrevented: false,
    isComposing: false,
    target: null,
    preventDefault: vi.fn(),
  };
}

/** The key press an Electron accelerator stands for on `os` (written out independently). */
function pressFor(accelerator: string, os: string) {
  const parts = accelerator.split('+');
  const last = parts.pop()!;
  // Browsers name function keys `F5`, letters by the character typed.
  const key = /^F\d+$/.test(last) ? last : last.toLowerCase();
  const mac = os === 'darwin';
  return press(key, {
    ctrl: parts.includes('Ctrl') || (parts.includes('CmdOrCtrl') && !mac),
    meta: parts.includes('CmdOrCtrl') && mac,
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
  });
}

function setup(desktop: boolean, os = 'linux') {
  const store = createAppStore();
  const dispatch = vi.fn<(action: MenuAction) => void>();
  const onKey = createShortcutHandler({ store, desktop, os, dispatch });
  return { store, dispatch, onKey };
}

/** Every action with a key on some OS, with that OS. */
const BOUND: [FixedMenuAction, string, string][] = OSES.flatMap((os) =>
  FIXED_MENU_ACTIONS.flatMap((action) => {
    const accelerator = acceleratorFor(action, os);
    return accelerator ? [[action, os, accelerator] as [FixedMenuAction, string, string]] : [];
  }),
);

describe('accelerator matching', () => {
  it.each(BOUND)('%s on %s (%s) is recognised as that action', (action, os, accelerator) => {
    expect(menuActionForKey(pressFor(accelerator, os), os, 'menu')).toBe(action);
  });

  it('modifiers must match exactly, as the menu does', () => {
    expect(matchesAccelerator(press('s', { ctrl: true }), 'CmdOrCtrl+S', 'linux', 'menu')).toBe(
      true,
    );
    expect(
      matchesAccelerator(press('s', { ctrl: true, shift: true }), 'CmdOrCtrl+S', 'linux', 'menu'),
    ).toBe(false);
    expect(matchesAccelerator(press('s', { meta: true }), 'CmdOrCtrl+S', 'linux', 'menu')).toBe(
      false,
    );
    expect(matchesAccelerator(press('s', { ctrl: true }), 'CmdOrCtrl+S', 'darwin', 'menu')).toBe(
      false,
    );
    expect(matchesAccelerator(press('s', { meta: true }), 'CmdOrCtrl+S', 'darwin', 'menu')).toBe(
      true,
    );
    expect(matchesAccelerator(press('s'), 'CmdOrCtrl+S', 'linux', 'page')).toBe(false);
  });

  it('the page accepts Ctrl or ⌘ for CmdOrCtrl, as the browser build always did', () => {
    expect(matchesAccelerator(press('s', { meta: true }), 'CmdOrCtrl+S', 'linux', 'page')).toBe(
      true,
    );
    expect(matchesAccelerator(press('s', { ctrl: true }), 'CmdOrCtrl+S', 'darwin', 'page')).toBe(
      true,
    );
  });

  it('matches the physical key when the layout puts another letter there', () => {
    const chord = { ...press('s', { ctrl: true }), key: 'ы', code: 'KeyS' };
    expect(menuActionForKey(chord, 'linux', 'menu')).toBe('file.save');
  });

  it('the page leaves New and the camera keys to the browser', () => {
    expect(menuActionForKey(press('n', { ctrl: true }), 'linux', 'page')).toBeNull();
    expect(menuActionForKey(press('1', { ctrl: true }), 'linux', 'page')).toBeNull();
    expect(menuActionForKey(press('1', { ctrl: true }), 'linux', 'menu')).toBe(
      'view.camera.three-quarter',
    );
  });
});

describe('shortcuts in the desktop app', () => {
  it.each(BOUND)('%s on %s (%s) is left to the native menu', (_action, os, accelerator) => {
    const { store, dispatch, onKey } = setup(true, os);
    store.getState().setTitle('Edited');
    store.getState().undo();
    const before = store.getState();
    const event = pressFor(accelerator, os);
    onKey(event);
    expect(dispatch).not.toHaveBeenCalled();
    expect(event.preventDefault).not.toHaveBeenCalled();
    // Neither undo nor redo ran here.
    expect(store.getState().scene).toBe(before.scene);
  });

  it('redo keys the menu does not bind stay with the page', () => {
    const linux = setup(true, 'linux');
    linux.store.getState().setTitle('Edited');
    linux.store.getState().undo();
    linux.onKey(press('y', { ctrl: true }));
    expect(linux.store.getState().scene.title).toBe('Edited');

    const windows = setup(true, 'win32');
    windows.store.getState().setTitle('Edited');
    windows.store.getState().undo();
    windows.onKey(press('z', { ctrl: true, shift: true }));
    expect(windows.store.getState().scene.title).toBe('Edited');
  });

  it('keys without a menu accelerator stay with the page', () => {
    const { store, onKey } = setup(true);
    const nonce = store.getState().cameraNonce;
    onKey(press('r'));
    expect(store.getState().cameraNonce).toBe(nonce + 1);
    onKey(press('End'));
    expect(store.getState().scene.timeline.position).toBeGreaterThan(0);
    onKey(press('Home'));
    expect(store.getState().scene.timeline.position).toBe(0);
    onKey(press('ArrowRight'));
    expect(store.getState().scene.timeline.position).toBe(1);
    onKey(press('?', { shift: true }));
    expect(store.getState().dialog).toBe('shortcuts');
  });
});

describe('shortcuts in the browser', () => {
  it.each(BOUND.filter(([, os]) => os === 'linux'))(
    '%s (%s: %s) runs here',
    (action, os, accelerator) => {
      const { store, dispatch, onKey } = setup(false, os);
      store.getState().setTitle('Edited');
      if (action === 'edit.redo') store.getState().undo();
      const event = pressFor(accelerator, os);
      onKey(event);
      if (action === 'edit.undo' || action === 'edit.redo') {
        // The page's own undo/redo, as before.
        expect(store.getState().scene.title).toBe(
          action === 'edit.undo' ? 'Untitled scene' : 'Edited',
        );
        expect(event.preventDefault).toHaveBeenCalled();
      } else if (action === 'view.present') {
        // F5 presents instead of reloading the page.
        expect(store.getState().presentation).not.toBeNull();
        expect(event.preventDefault).toHaveBeenCalled();
      } else if (browserKeepsKey(action)) {
        expect(dispatch).not.toHaveBeenCalled();
        expect(event.preventDefault).not.toHaveBeenCalled();
      } else {
        expect(dispatch).toHaveBeenCalledWith(action);
        expect(event.preventDefault).toHaveBeenCalled();
      }
    },
  );

  it('Ctrl+Y and ⌘+Shift+Z redo, as before', () => {
    const { store, onKey } = setup(false, 'linux');
    store.getState().setTitle('Edited');
    store.getState().undo();
    onKey(press('y', { ctrl: true }));
    expect(store.getState().scene.title).toBe('Edited');
    store.getState().undo();
    onKey(press('z', { meta: true, shift: true }));
    expect(store.getState().scene.title).toBe('Edited');
  });

  it('Space plays, and plain letters do nothing else', () => {
    const { store, dispatch, onKey } = setup(false);
    onKey(press(' '));
    expect(store.getState().playing).toBe(true);
    onKey(press('s'));
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('keys while a control has the focus', () => {
  const slider = { tagName: 'INPUT', type: 'range' } as unknown as EventTarget;
  const text = { tagName: 'INPUT', type: 'text' } as unknown as EventTarget;
  const on = (target: EventTarget, key: string, mods: Mods = {}) => ({
    ...press(key, mods),
    target,
  });

  it.each([
    [{ tagName: 'INPUT', type: 'text' }, 'text'],
    [{ tagName: 'input', type: 'number' }, 'text'],
    [{ tagName: 'INPUT' }, 'text'],
    [{ tagName: 'TEXTAREA' }, 'text'],
    [{ tagName: 'SELECT' }, 'text'],
    [{ tagName: 'DIV', isContentEditable: true }, 'text'],
    [{ tagName: 'INPUT', type: 'range' }, 'slider'],
    [{ tagName: 'BUTTON' }, 'button'],
    [{ tagName: 'INPUT', type: 'submit' }, 'button'],
    [{ tagName: 'INPUT', type: 'checkbox' }, 'button'],
    [{ tagName: 'INPUT', type: 'color' }, 'button'],
    [{ tagName: 'SUMMARY' }, 'button'],
    [{ tagName: 'DIV' }, 'other'],
    [{ tagName: 'CANVAS' }, 'other'],
  ])('%j is a %s', (target, kind) => {
    expect(focusKind(target as unknown as EventTarget)).toBe(kind);
  });

  it('a focused slider keeps its arrows, but Space, Home and End play and seek', () => {
    const { store, onKey } = setup(false);
    const arrow = on(slider, 'ArrowRight');
    onKey(arrow);
    expect(arrow.preventDefault).not.toHaveBeenCalled();
    expect(store.getState().scene.timeline.position).toBe(0);

    // End would set the slider to its maximum: here it goes to the last step instead.
    const end = on(slider, 'End');
    onKey(end);
    expect(end.preventDefault).toHaveBeenCalled();
    expect(store.getState().scene.timeline.position).toBe(100);
    const home = on(slider, 'Home');
    onKey(home);
    expect(store.getState().scene.timeline.position).toBe(0);
    onKey(on(slider, ' '));
    expect(store.getState().playing).toBe(true);
  });

  it('undo works from a focused slider, not from a text field', () => {
    const { store, onKey } = setup(false);
    store.getState().setTitle('Edited');
    onKey(on(text, 'z', { ctrl: true }));
    expect(store.getState().scene.title).toBe('Edited');
    onKey(on(slider, 'z', { ctrl: true }));
    expect(store.getState().scene.title).toBe('Untitled scene');
  });

  it('a focused text field keeps every plain key', () => {
    const { store, onKey } = setup(false);
    for (const key of [' ', 'End', 'ArrowRight', 'r']) onKey(on(text, key));
    expect(store.getState().playing).toBe(false);
    expect(store.getState().scene.timeline.position).toBe(0);
  });
});

describe('labels', () => {
  it.each([
    ['Shift+CmdOrCtrl+S', 'darwin', '⇧⌘S'],
    ['CmdOrCtrl+/', 'darwin', '⌘/'],
    ['Shift+CmdOrCtrl+S', 'linux', 'Ctrl + Shift + S'],
    ['Ctrl+Y', 'win32', 'Ctrl + Y'],
    ['CmdOrCtrl+1', 'win32', 'Ctrl + 1'],
  ])('%s on %s reads %s', (accelerator, os, label) => {
    expect(formatAccelerator(accelerator, os)).toBe(label);
  });

  it('the shortcuts sheet lists the menu keys the window really handles', () => {
    const app = new Map(menuShortcutRows('linux', true).map(([keys, what]) => [what, keys]));
    expect(app.get('New Scene')).toBe('Ctrl + N');
    expect(app.get('Top View')).toBe('Ctrl + 2');
    expect(app.get('Redo')).toBe('Ctrl + Shift + Z, Ctrl + Y');
    expect(app.has('Gradient Arrows')).toBe(false);

    const page = new Map(menuShortcutRows('linux', false).map(([keys, what]) => [what, keys]));
    expect(page.get('Save')).toBe('Ctrl + S');
    expect(page.has('New Scene')).toBe(false);
    expect(page.has('Top View')).toBe(false);

    const mac = new Map(menuShortcutRows('darwin', true).map(([keys, what]) => [what, keys]));
    expect(mac.get('Redo')).toBe('⇧⌘Z');
    expect(new Map(menuShortcutRows('win32', true).map(([k, w]) => [w, k])).get('Redo')).toBe(
      'Ctrl + Y, Ctrl + Shift + Z',
    );
  });

  it.each([
    [{ platform: 'MacIntel' }, 'darwin'],
    [{ platform: 'Win32' }, 'win32'],
    [{ platform: 'Linux x86_64' }, 'linux'],
    [undefined, 'linux'],
  ])('browserOs(%j) is %s', (nav, os) => {
    expect(browserOs(nav)).toBe(os);
  });
});
