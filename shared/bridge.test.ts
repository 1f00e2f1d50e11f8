import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  acceleratorFor,
  EVENT_CHANNELS,
  FIXED_MENU_ACTIONS,
  INVOKE_CHANNELS,
  INVOKE_PAYLOADS,
  isLessonPath,
  isMenuAction,
  LESSON_PATTERNS,
  MAX_EXPORT_CHUNK,
  MAX_LESSON_TEXT,
  OVERLAY_KEYS,
  presetAction,
  presetIdOf,
} from './bridge.ts';
import { PRESETS } from './scene/presets.ts';
import { defaultScene } from './scene/document.ts';

describe('bridge contract', () => {
  it('gives every request a channel and a payload schema, and nothing else has one', () => {
    expect(Object.keys(INVOKE_CHANNELS).sort()).toEqual(Object.keys(INVOKE_PAYLOADS).sort());
  });

  it('uses each channel name once, with a domain prefix', () => {
    const all = [...Object.values(INVOKE_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(all).size).toBe(all.length);
    for (const channel of all)
      expect(channel).toMatch(/^(app|document|lesson|settings|clipboard|export|menu):[a-z-]+$/);
  });

  it('covers every overlay of the scene schema', () => {
    expect([...OVERLAY_KEYS].sort()).toEqual(Object.keys(defaultScene().overlays).sort());
  });

  it('has a label for every fixed menu action and lists each once', () => {
    expect(new Set(FIXED_MENU_ACTIONS).size).toBe(FIXED_MENU_ACTIONS.length);
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...FIXED_MENU_ACTIONS].sort());
  });

  it('round-trips preset actions for every chapter preset', () => {
    for (const preset of PRESETS) {
      const action = presetAction(preset.id);
      expect(isMenuAction(action)).toBe(true);
      expect(presetIdOf(action)).toBe(preset.id);
    }
    expect(presetIdOf('file.save')).toBeNull();
  });

  it.each(['file.delete', 'view.preset:', 'view.preset:../x', 'view.camera.under', ''])(
    'refuses %j as a menu action',
    (value) => expect(isMenuAction(value)).toBe(false),
  );

  it('binds no shortcut to a bare letter, and no two actions to one key', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      const keys = FIXED_MENU_ACTIONS.map((a) => acceleratorFor(a, platform)).filter(Boolean);
      expect(new Set(keys).size).toBe(keys.length);
      // A bare function key is fine (F5 presents, as in slide programs); letters need a modifier.
      for (const key of keys) expect(key).toMatch(/^((Shift\+)?(CmdOrCtrl|Ctrl)\+.|F\d{1,2})$/);
    }
    expect(acceleratorFor('edit.redo', 'win32')).toBe('Ctrl+Y');
    expect(acceleratorFor('edit.redo', 'darwin')).toBe('Shift+CmdOrCtrl+Z');
  });
});

describe('payload schemas', () => {
  it('accept the payloads the preload sends', () => {
    expect(INVOKE_PAYLOADS.ready.safeParse(undefined).success).toBe(true);
    expect(INVOKE_PAYLOADS.newScene.safeParse(undefined).success).toBe(true);
    expect(INVOKE_PAYLOADS.newScene.safeParse({ presetId: 'gd-x2' }).success).toBe(true);
    expect(INVOKE_PAYLOADS.saveScene.safeParse({ text: '{}', saveAs: false }).success).toBe(true);
    expect(INVOKE_PAYLOADS.openLesson.safeParse(undefined).success).toBe(true);
    expect(
      INVOKE_PAYLOADS.saveLesson.safeParse({ text: '{}', saveAs: true, untitled: false }).success,
    ).toBe(true);
    expect(INVOKE_PAYLOADS.setDocumentState.safeParse({ dirty: false }).success).toBe(true);
    expect(
      INVOKE_PAYLOADS.setDocumentState.safeParse({ dirty: false, lessonDirty: true }).success,
    ).toBe(true);
    expect(
      INVOKE_PAYLOADS.exportWrite.safeParse({
        sinkId: '123e4567-e89b-42d3-a456-426614174000',
        bytes: new Uint8Array(3),
        position: 10,
      }).success,
    ).toBe(true);
  });

  it.each([
    ['ready', { extra: 1 }],
    ['newScene', { presetId: '../x' }],
    ['newScene', { presetId: 'gd-x2', extra: true }],
    ['setDocumentState', { dirty: 'yes' }],
    ['setDocumentState', { dirty: true, title: 'x' }],
    ['saveScene', { text: 42, saveAs: false }],
    ['setDocumentState', { dirty: true, lessonDirty: 'no' }],
    ['openLesson', { path: '/etc/passwd' }],
    ['saveLesson', { text: '{}', saveAs: false }],
    ['saveLesson', { text: '{}', saveAs: false, untitled: true, filePath: '/etc/passwd' }],
    ['saveLesson', { text: 1, saveAs: false, untitled: true }],
    ['openPath', { path: '' }],
    ['setThemePreference', { theme: 'purple' }],
    ['exportBegin', { format: 'exe', suggestedName: 'x' }],
    ['exportWrite', { sinkId: '../../etc/passwd', bytes: new Uint8Array(1) }],
    ['exportWrite', { sinkId: '123e4567-e89b-42d3-a456-426614174000', bytes: [1, 2, 3] }],
    [
      'exportWrite',
      { sinkId: '123e4567-e89b-42d3-a456-426614174000', bytes: new Uint8Array(1), position: -1 },
    ],
    ['setExportOptions', { options: { nested: { a: 1 } } }],
  ] as const)('refuse %s with %j', (method, payload) => {
    expect(INVOKE_PAYLOADS[method].safeParse(payload).success).toBe(false);
  });

  it('refuses export chunks above the limit', () => {
    const big = { length: 0 } as unknown as Uint8Array;
    Object.defineProperty(big, 'byteLength', { value: MAX_EXPORT_CHUNK + 1 });
    Object.setPrototypeOf(big, Uint8Array.prototype);
    const parsed = INVOKE_PAYLOADS.exportWrite.safeParse({
      sinkId: '123e4567-e89b-42d3-a456-426614174000',
      bytes: big,
    });
    expect(parsed.success).toBe(false);
  });
});

describe('lesson files', () => {
  it('names the lesson menu actions', () => {
    for (const action of ['file.openLesson', 'file.saveLesson', 'file.saveLessonAs'] as const) {
      expect(FIXED_MENU_ACTIONS).toContain(action);
      expect(isMenuAction(action)).toBe(true);
      // No accelerator: Ctrl+S and its kin stay the scene's.
      expect(acceleratorFor(action, 'linux')).toBeUndefined();
    }
    expect(ACTION_LABELS['file.openLesson']).toBe('Open Lesson…');
  });

  it('recognises lesson paths, with the .descent-lesson alias, in any case', () => {
    expect(isLessonPath('/t/Talk.descent-lesson.json')).toBe(true);
    expect(isLessonPath('C:\\T\\TALK.DESCENT-LESSON')).toBe(true);
    expect(isLessonPath('bowl.descent.json')).toBe(false);
    expect(isLessonPath('lesson.json')).toBe(false);
    expect(LESSON_PATTERNS).toBe('*.descent-lesson.json, *.descent-lesson');
  });

  it('refuses lesson text above the limit', () => {
    const text = 'x'.repeat(MAX_LESSON_TEXT + 1);
    expect(
      INVOKE_PAYLOADS.saveLesson.safeParse({ text, saveAs: false, untitled: false }).success,
    ).toBe(false);
  });
});
