/**
 * The platform module with a fake bridge (desktop app) and with none (browser): startup order,
 * scenes delivered by the main process, dirty-state reports, save/open/new on both paths, and
 * every menu action.
 */
import { describe, expect, it, vi } from 'vitest';
import { FIXED_MENU_ACTIONS, presetAction } from '../../../shared/bridge.ts';
import type {
  DescentBridge,
  FixedMenuAction,
  MenuAction,
  OpenedLesson,
  OpenedScene,
} from '../../../shared/bridge.ts';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import { serializeLesson } from '../../../shared/lesson/document.ts';
import type { Lesson } from '../../../shared/lesson/document.ts';
import type { TrajectoryResult } from '../../../shared/protocol.ts';
import { presetScene } from '../../../shared/scene/presets.ts';
import { defaultScene } from '../../../shared/scene/document.ts';
import { parseSceneText } from '../../../shared/scene/parse.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import { STRIDE } from '../../../shared/types.ts';
import { createAppStore } from '../store/appStore.ts';
import type { AppState, AppStore } from '../store/types.ts';
import { isDirty } from './documentState.ts';
import { runMenuAction } from './menuActions.ts';
import type { TextFieldEditing } from './menuActions.ts';
import { createPlatform } from './platform.ts';
import type { BrowserFallbacks, Platform } from './platform.ts';
import { listenForFileDrops, startPlatform } from './startup.ts';

type Listener<T> = (value: T) => void;

/** A bridge whose requests are spies and whose events the test emits. */
function fakeBridge(os = 'linux') {
  const log: string[] = [];
  const menuListeners = new Set<Listener<MenuAction>>();
  const sceneListeners = new Set<Listener<OpenedScene>>();
  const lessonListeners = new Set<Listener<OpenedLesson>>();
  const bridge = {
    platform: os,
    ready: vi.fn<DescentBridge['ready']>(async () => {
      log.push('ready');
    }),
    getAppInfo: vi.fn<DescentBridge['getAppInfo']>(async () => ({
      name: 'Descent Studio',
      version: '0.1.0',
      electron: '45',
      chrome: '140',
      node: '22',
      v8: '14',
      platform: os,
      arch: 'x64',
    })),
    getPreferences: vi.fn<DescentBridge['getPreferences']>(async () => ({
      theme: 'system',
      lastExportOptions: null,
      shareBaseUrl: null,
    })),
    setDocumentState: vi.fn<DescentBridge['setDocumentState']>(async () => undefined),
    newScene: vi.fn<DescentBridge['newScene']>(async () => ({ status: 'ok' })),
    openScene: vi.fn<DescentBridge['openScene']>(async () => ({ status: 'canceled' })),
    openDroppedFile: vi.fn<DescentBridge['openDroppedFile']>(async () => ({ status: 'canceled' })),
    saveScene: vi.fn<DescentBridge['saveScene']>(async () => ({
      status: 'ok',
      filePath: '/home/me/bowl.descent.json',
      fileName: 'bowl.descent.json',
    })),
    openLesson: vi.fn<DescentBridge['openLesson']>(async () => ({ status: 'canceled' })),
    saveLesson: vi.fn<DescentBridge['saveLesson']>(async () => ({
      status: 'ok',
      filePath: '/home/me/talk.descent-lesson.json',
      fileName: 'talk.descent-lesson.json',
    })),
    copyText: vi.fn<DescentBridge['copyText']>(async () => ({ status: 'ok' })),
    setThemePreference: vi.fn<DescentBridge['setThemePreference']>(async () => undefined),
    setExportOptions: vi.fn<DescentBridge['setExportOptions']>(async () => undefined),
    setShareBaseUrl: vi.fn(async () => undefined),
    exportBegin: vi.fn<DescentBridge['exportBegin']>(async () => ({ status: 'canceled' })),
    exportWrite: vi.fn<DescentBridge['exportWrite']>(async () => ({ status: 'canceled' })),
    exportFinish: vi.fn<DescentBridge['exportFinish']>(async () => ({ status: 'canceled' })),
    exportCancel: vi.fn<DescentBridge['exportCancel']>(async () => undefined),
    onMenuAction: vi.fn<DescentBridge['onMenuAction']>((listener) => {
      log.push('onMenuAction');
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    }),
    onSceneOpened: vi.fn<DescentBridge['onSceneOpened']>((listener) => {
      log.push('onSceneOpened');
      sceneListeners.add(listener);
      return () => sceneListeners.delete(listener);
    }),
    onLessonOpened: vi.fn<DescentBridge['onLessonOpened']>((listener) => {
      log.push('onLessonOpened');
      lessonListeners.add(listener);
      return () => lessonListeners.delete(listener);
    }),
  } satisfies DescentBridge;
  return {
    bridge,
    log,
    emitMenuAction: (action: MenuAction) => menuListeners.forEach((l) => l(action)),
    /** Sends anything, as a broken or hostile main process could. */
    emitScene: (opened: unknown) => sceneListeners.forEach((l) => l(opened as OpenedScene)),
    emitLesson: (opened: unknown) => lessonListeners.forEach((l) => l(opened as OpenedLesson)),
    listenerCount: () => menuListeners.size + sceneListeners.size + lessonListeners.size,
  };
}

function fakeBrowser() {
  return {
    download: vi.fn<BrowserFallbacks['download']>(),
    copyText: vi.fn<BrowserFallbacks['copyText']>(async () => true),
  };
}

const host = { commitTyping: vi.fn() };

function desktop(os = 'linux') {
  const fake = fakeBridge(os);
  const store = createAppStore();
  const browser = fakeBrowser();
  const platform = createPlatform({ store, bridge: fake.bridge, browser, host });
  return { ...fake, store, browser, platform };
}

function web() {
  const store = createAppStore();
  const browser = fakeBrowser();
  const platform = createPlatform({ store, bridge: null, browser, host, os: 'linux' });
  return { store, browser, platform };
}

/** A two-row trajectory for run-1, so there is a step table to copy. */
function withTrajectory(store: AppStore): void {
  const data = new Float64Array(2 * STRIDE);
  data.set([2.5, 2, 10.25, 5, 4, 2, 1.6, 0.1], 0);
  data.set([2, 1.6, 6.56, 4, 3.2, 0, 0, 0.1], STRIDE);
  const run: TrajectoryResult = {
    id: 'run-1',
    dim: 2,
    data,
    count: 2,
    status: 'running',
    divergedAt: null,
    convergedAt: null,
    error: null,
  };
  store.getState().setTrajectories([run]);
}

const dirtyReports = (bridge: { setDocumentState: { mock: { calls: unknown[][] } } }) =>
  bridge.setDocumentState.mock.calls.map((c) => (c[0] as { dirty: boolean }).dirty);

describe('desktop startup', () => {
  it('subscribes to menu actions and opened scenes before calling ready()', async () => {
    const { platform, log, bridge } = desktop();
    await platform.start(() => undefined);
    expect(log).toEqual(['onMenuAction', 'onSceneOpened', 'onLessonOpened', 'ready']);
    expect(bridge.ready).toHaveBeenCalledTimes(1);
  });

  it('starts once, and stop() removes its listeners', async () => {
    const { platform, bridge, listenerCount } = desktop();
    await platform.start(() => undefined);
    await platform.start(() => undefined);
    expect(bridge.ready).toHaveBeenCalledTimes(1);
    expect(listenerCount()).toBe(3);
    platform.stop();
    expect(listenerCount()).toBe(0);
  });

  it('passes menu actions to the dispatcher and drops names that are not actions', async () => {
    const { platform, emitMenuAction } = desktop();
    const dispatch = vi.fn();
    await platform.start(dispatch);
    emitMenuAction('view.camera.top');
    emitMenuAction('file.format-disk' as MenuAction);
    emitMenuAction(42 as unknown as MenuAction);
    expect(dispatch.mock.calls).toEqual([['view.camera.top']]);
  });

  it('startPlatform wires the menu to the store through runMenuAction', async () => {
    const { platform, store, emitMenuAction } = desktop();
    await startPlatform(platform, store, new EventTarget());
    emitMenuAction('view.overlay.wireframe');
    expect(store.getState().scene.overlays.wireframe).toBe(true);
  });

  it('a refused ready() is reported, not thrown', async () => {
    const { platform, bridge, store } = desktop();
    bridge.ready.mockRejectedValueOnce(new Error('Refused app:ready'));
    await expect(platform.start(() => undefined)).resolves.toBeUndefined();
    expect(store.getState().notice?.text).toContain('Refused app:ready');
  });

  it('the browser has nothing to start', async () => {
    const { platform } = web();
    expect(platform.isDesktop).toBe(false);
    await expect(platform.start(() => undefined)).resolves.toBeUndefined();
  });
});

describe('scenes delivered by the main process', () => {
  const opened = (scene: Scene, filePath: string | null, fileName: string): OpenedScene => ({
    scene,
    filePath,
    fileName,
  });

  it('replace the document with a fresh history, clean, with its file name', async () => {
    const { platform, store, emitScene, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().setTitle('Work in progress');
    expect(isDirty(store.getState())).toBe(true);

    const scene = { ...defaultScene(), title: 'From disk' };
    emitScene(opened(scene, '/home/me/bowl.descent.json', 'bowl.descent.json'));
    const s = store.getState();
    expect(s.scene).toEqual(scene);
    expect(s.documentFile).toEqual({
      filePath: '/home/me/bowl.descent.json',
      fileName: 'bowl.descent.json',
    });
    expect(s.history.past).toHaveLength(0);
    expect(isDirty(s)).toBe(false);
    // The main process hears where the renderer stands: clean.
    expect(dirtyReports(bridge).at(-1)).toBe(false);
  });

  it('a new untitled scene has no path', async () => {
    const { platform, store, emitScene } = desktop();
    await platform.start(() => undefined);
    emitScene(opened(presetScene('gd-x2')!, null, 'Untitled'));
    expect(store.getState().documentFile).toEqual({ filePath: null, fileName: 'Untitled' });
    expect(store.getState().scene.title).toBe(presetScene('gd-x2')!.title);
  });

  it.each<[string, unknown]>([
    ['not an object', 'bowl'],
    ['null', null],
    ['no scene', { filePath: null, fileName: 'Untitled' }],
    ['no file name', { scene: defaultScene(), filePath: null }],
    ['a numeric path', { scene: defaultScene(), filePath: 7, fileName: 'x' }],
    [
      'a damaged scene',
      { scene: { ...defaultScene(), runs: 'many' }, filePath: null, fileName: 'x' },
    ],
    ['a newer scene', { scene: { ...defaultScene(), version: 99 }, filePath: null, fileName: 'x' }],
  ])('%s is refused with a message; the document stays', async (_what, payload) => {
    const { platform, store, emitScene } = desktop();
    await platform.start(() => undefined);
    store.getState().setTitle('Keep me');
    const before = store.getState().scene;
    expect(() => emitScene(payload)).not.toThrow();
    expect(store.getState().scene).toBe(before);
    expect(store.getState().documentFile).toBeNull();
    expect(store.getState().notice?.kind).toBe('error');
    expect(isDirty(store.getState())).toBe(true);
  });
});

describe('dirty state in the desktop app', () => {
  it('is reported once on the first edit, not per edit', async () => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    expect(bridge.setDocumentState).not.toHaveBeenCalled();
    store.getState().updateParams('run-1', { lr: 0.2 }, 'lr');
    store.getState().updateParams('run-1', { lr: 0.3 }, 'lr');
    store.getState().setOverlay('tangent', true);
    expect(dirtyReports(bridge)).toEqual([true]);
  });

  it('quiet changes (camera, playhead, selection) do not make it dirty', async () => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().setCameraPreset('top');
    store.getState().setCameraPose([1, 2, 3], [0, 0, 0]);
    store.getState().seek(3);
    expect(bridge.setDocumentState).not.toHaveBeenCalled();
  });

  it('a successful save marks it clean and remembers the file', async () => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().setTitle('Bowl');
    await expect(platform.save()).resolves.toBe('ok');
    const [request] = bridge.saveScene.mock.calls[0]!;
    expect(request.saveAs).toBe(false);
    const parsed = parseSceneText(request.text);
    expect(parsed.ok && parsed.scene.title).toBe('Bowl');
    expect(isDirty(store.getState())).toBe(false);
    expect(dirtyReports(bridge)).toEqual([true, false]);
    expect(store.getState().documentFile?.fileName).toBe('bowl.descent.json');
    // Typing in a focused field is committed before the text is taken.
    expect(host.commitTyping).toHaveBeenCalled();
  });

  it.each(['error', 'canceled'] as const)('a %s save leaves it dirty', async (status) => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().setTitle('Bowl');
    bridge.saveScene.mockResolvedValueOnce(
      status === 'error' ? { status, message: 'Disk full.' } : { status },
    );
    await expect(platform.save()).resolves.toBe(status);
    expect(isDirty(store.getState())).toBe(true);
    expect(dirtyReports(bridge)).toEqual([true]);
    expect(store.getState().documentFile).toBeNull();
  });

  it('a refused save is shown and leaves it dirty', async () => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().setTitle('Bowl');
    bridge.saveScene.mockRejectedValueOnce(new Error('Refused document:save'));
    await expect(platform.save()).resolves.toBe('error');
    expect(isDirty(store.getState())).toBe(true);
    expect(store.getState().notice).toMatchObject({ kind: 'error' });
  });

  it('an edit made while saving is reported dirty again', async () => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().setTitle('Before');
    let finish!: () => void;
    bridge.saveScene.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          finish = () =>
            resolve({ status: 'ok', filePath: '/a.descent.json', fileName: 'a.descent.json' });
        }),
    );
    const saving = platform.save();
    store.getState().setTitle('During');
    finish();
    await saving;
    expect(isDirty(store.getState())).toBe(true);
    // dirty; (main marks it clean on save;) the renderer says dirty again.
    expect(dirtyReports(bridge)).toEqual([true, true]);
    const written = parseSceneText(bridge.saveScene.mock.calls[0]![0].text);
    expect(written.ok && written.scene.title).toBe('Before');
  });

  it('Save As asks for a new place', async () => {
    const { platform, bridge } = desktop();
    await platform.save(true);
    expect(bridge.saveScene.mock.calls[0]![0].saveAs).toBe(true);
  });
});

describe('browser fallbacks (no bridge)', () => {
  it('Save downloads <title>.descent.json with the scene text', async () => {
    const { platform, store, browser } = web();
    store.getState().setTitle('Lesson 3: curvature');
    await expect(platform.save()).resolves.toBe('ok');
    expect(browser.download).toHaveBeenCalledTimes(1);
    const [name, text] = browser.download.mock.calls[0]!;
    expect(name).toBe('Lesson-3-curvature.descent.json');
    const parsed = parseSceneText(text);
    expect(parsed.ok && parsed.scene).toEqual(store.getState().scene);
    expect(isDirty(store.getState())).toBe(false);
  });

  it('Save As downloads too', async () => {
    const { platform, browser } = web();
    await platform.save(true);
    expect(browser.download).toHaveBeenCalledTimes(1);
  });

  it('Open uses the registered file chooser, synchronously', () => {
    const { platform } = web();
    const pick = vi.fn();
    platform.setFilePicker(pick);
    void platform.open();
    expect(pick).toHaveBeenCalledTimes(1);
  });

  it('a picked file opens as an undoable step and counts as saved', async () => {
    const { platform, store } = web();
    const scene = { ...defaultScene(), title: 'Picked' };
    const file = { name: 'picked.descent.json', text: async () => JSON.stringify(scene) };
    await expect(platform.openFile(file)).resolves.toBe(true);
    expect(store.getState().scene).toEqual(scene);
    expect(store.getState().history.past).toHaveLength(1);
    expect(isDirty(store.getState())).toBe(false);
    expect(store.getState().notice?.text).toBe('Opened picked.descent.json.');
  });

  it('a broken file is refused with its name; the scene stays', async () => {
    const { platform, store } = web();
    const before = store.getState().scene;
    const file = { name: 'broken.descent.json', text: async () => '{"version": 1' };
    await expect(platform.openFile(file)).resolves.toBe(false);
    expect(store.getState().scene).toBe(before);
    expect(store.getState().notice?.text).toMatch(/^broken\.descent\.json was not opened\. /);
  });

  it('a dropped file is read like a picked one', async () => {
    const { platform, store } = web();
    const scene = { ...defaultScene(), title: 'Dropped' };
    await platform.openDroppedFile({ name: 'd.json', text: async () => JSON.stringify(scene) });
    expect(store.getState().scene.title).toBe('Dropped');
  });

  it('New and presets are undoable store steps, without asking', async () => {
    const { platform, store } = web();
    store.getState().setTitle('Mine');
    await platform.newScene();
    expect(store.getState().scene.title).toBe(defaultScene().title);
    await platform.openPreset('gd-x2');
    expect(store.getState().scene.title).toBe(presetScene('gd-x2')!.title);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().scene.title).toBe('Mine');
  });

  it('copyText uses the browser clipboard', async () => {
    const { platform, browser } = web();
    await expect(platform.copyText('hello')).resolves.toBe(true);
    expect(browser.copyText).toHaveBeenCalledWith('hello');
  });

  it('the theme is the scene’s only', () => {
    const { platform, store } = web();
    platform.setTheme('dark');
    expect(store.getState().scene.view.theme).toBe('dark');
  });
});

describe('desktop requests', () => {
  it('New, presets and Open go to the main process', async () => {
    const { platform, bridge, store } = desktop();
    const before = store.getState().scene;
    await platform.newScene();
    await platform.openPreset('gd-x2');
    await platform.open();
    expect(bridge.newScene.mock.calls).toEqual([[], [{ presetId: 'gd-x2' }]]);
    expect(bridge.openScene).toHaveBeenCalledTimes(1);
    // The scene only changes when the main process delivers one.
    expect(store.getState().scene).toBe(before);
  });

  it('an unknown preset is refused here', async () => {
    const { platform, bridge, store } = desktop();
    await platform.openPreset('no-such-preset');
    expect(bridge.newScene).not.toHaveBeenCalled();
    expect(store.getState().notice?.text).toContain("There is no preset 'no-such-preset'");
  });

  it('a dropped scene file goes to openDroppedFile; other files are refused here', async () => {
    const { platform, bridge, store } = desktop();
    const file = { name: 'bowl.descent.json', text: async () => '' };
    await platform.openDroppedFile(file);
    expect(bridge.openDroppedFile).toHaveBeenCalledWith(file);
    await platform.openDroppedFile({ name: 'photo.png', text: async () => '' });
    expect(bridge.openDroppedFile).toHaveBeenCalledTimes(1);
    expect(store.getState().notice?.text).toContain('photo.png was not opened');
  });

  it('drops on the window reach the platform; text drags are left alone', () => {
    const target = new EventTarget();
    const openDroppedFile = vi.fn(async () => undefined);
    listenForFileDrops(target, { openDroppedFile } as unknown as Platform);
    const drop = (types: string[], files: { name: string }[]) => {
      const event = new Event('drop', { cancelable: true });
      Object.assign(event, { dataTransfer: { types, files, dropEffect: 'none' } });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(drop(['text/plain'], [])).toBe(false);
    expect(drop(['Files'], [{ name: 'a.descent.json' }])).toBe(true);
    expect(openDroppedFile).toHaveBeenCalledWith({ name: 'a.descent.json' });
  });

  it('copyText goes through the bridge, and a refusal is a failure', async () => {
    const { platform, bridge, browser } = desktop();
    await expect(platform.copyText('table')).resolves.toBe(true);
    expect(bridge.copyText).toHaveBeenCalledWith({ text: 'table' });
    bridge.copyText.mockRejectedValueOnce(new Error('too long'));
    await expect(platform.copyText('x')).resolves.toBe(false);
    // The system clipboard said no (main awaited writeText and reported it).
    bridge.copyText.mockResolvedValueOnce({ status: 'error', message: 'clipboard busy' });
    await expect(platform.copyText('y')).resolves.toBe(false);
    expect(browser.copyText).not.toHaveBeenCalled();
  });

  it('the toolbar theme is also remembered as the app preference', () => {
    const { platform, bridge, store } = desktop();
    platform.setTheme('dark');
    expect(store.getState().scene.view.theme).toBe('dark');
    expect(bridge.setThemePreference).toHaveBeenCalledWith({ theme: 'dark' });
  });
});

/** What to prepare before an action and what must have changed after it. */
interface ActionCase {
  setup?: (store: AppStore) => void;
  check: (ctx: ReturnType<typeof desktop>, before: AppState) => void;
}

function actionCase(action: FixedMenuAction): ActionCase {
  if (action.startsWith('view.camera.')) {
    const preset = action.slice('view.camera.'.length);
    return {
      setup: (store) => store.getState().setCameraPose([9, 9, 9], [0, 0, 0]),
      check: ({ store }, before) => {
        expect(store.getState().scene.camera).toEqual({ preset });
        expect(store.getState().cameraNonce).toBe(before.cameraNonce + 1);
      },
    };
  }
  if (action.startsWith('view.overlay.')) {
    const key = action.slice('view.overlay.'.length) as keyof Scene['overlays'];
    return {
      check: ({ store }, before) =>
        expect(store.getState().scene.overlays[key]).toBe(!before.scene.overlays[key]),
    };
  }
  if (action.startsWith('view.theme.')) {
    const theme = action.slice('view.theme.'.length);
    return {
      // Start from the other theme, so the switch shows.
      setup: (store) => store.getState().setView({ theme: theme === 'dark' ? 'light' : 'dark' }),
      check: ({ store, bridge }) => {
        expect(store.getState().scene.view.theme).toBe(theme);
        // The menu stored the preference itself (and 'system' must stay 'system').
        expect(bridge.setThemePreference).not.toHaveBeenCalled();
      },
    };
  }
  const cases: Partial<Record<FixedMenuAction, ActionCase>> = {
    'file.new': { check: ({ bridge }) => expect(bridge.newScene).toHaveBeenCalledWith() },
    'file.open': { check: ({ bridge }) => expect(bridge.openScene).toHaveBeenCalled() },
    'file.save': {
      check: ({ bridge }) =>
        expect(bridge.saveScene).toHaveBeenCalledWith(expect.objectContaining({ saveAs: false })),
    },
    'file.saveAs': {
      check: ({ bridge }) =>
        expect(bridge.saveScene).toHaveBeenCalledWith(expect.objectContaining({ saveAs: true })),
    },
    'file.openLesson': { check: ({ bridge }) => expect(bridge.openLesson).toHaveBeenCalled() },
    'file.saveLesson': {
      setup: (store) => store.getState().openLesson(calculusLesson()),
      check: ({ bridge }) =>
        expect(bridge.saveLesson).toHaveBeenCalledWith(
          expect.objectContaining({ saveAs: false, untitled: true }),
        ),
    },
    'file.saveLessonAs': {
      setup: (store) => store.getState().openLesson(calculusLesson()),
      check: ({ bridge }) =>
        expect(bridge.saveLesson).toHaveBeenCalledWith(expect.objectContaining({ saveAs: true })),
    },
    'file.exportLesson': {
      setup: (store) => store.getState().openLesson(calculusLesson()),
      check: ({ store }) => expect(store.getState().dialog).toBe('lessonExport'),
    },
    'file.export': { check: ({ store }) => expect(store.getState().dialog).toBe('export') },
    'edit.undo': {
      setup: (store) => store.getState().setTitle('Edited'),
      check: ({ store }) => expect(store.getState().scene.title).toBe(defaultScene().title),
    },
    'edit.redo': {
      setup: (store) => {
        store.getState().setTitle('Edited');
        store.getState().undo();
      },
      check: ({ store }) => expect(store.getState().scene.title).toBe('Edited'),
    },
    'edit.copyStepTable': {
      setup: withTrajectory,
      check: ({ bridge, store }) => {
        const text = bridge.copyText.mock.calls[0]![0].text;
        expect(text.split('\n')[0]).toMatch(/^\| step \|/);
        expect(text).toContain('| 1 |');
        expect(store.getState().notice?.text).toBe('Copied the step table as Markdown.');
      },
    },
    'view.hud': {
      check: ({ store }, before) => expect(store.getState().hudOpen).toBe(!before.hudOpen),
    },
    'help.shortcuts': { check: ({ store }) => expect(store.getState().dialog).toBe('shortcuts') },
    'view.present': {
      check: ({ store }) => expect(store.getState().presentation?.slides).toHaveLength(1),
    },
  };
  const found = cases[action];
  if (!found) throw new Error(`no test case for ${action}`);
  return found;
}

describe('menu actions', () => {
  it.each(FIXED_MENU_ACTIONS.map((a) => [a]))(
    '%s does what its button or key does',
    async (action) => {
      const ctx = desktop();
      const { setup, check } = actionCase(action);
      setup?.(ctx.store);
      const before = ctx.store.getState();
      const textField = { focused: () => false, run: vi.fn() };
      await runMenuAction(action, { store: ctx.store, platform: ctx.platform, textField });
      check(ctx, before);
      expect(textField.run).not.toHaveBeenCalled();
    },
  );

  it('view.preset:<id> opens the preset as a new document', async () => {
    const { store, platform, bridge } = desktop();
    await runMenuAction(presetAction('gd-x2'), { store, platform });
    expect(bridge.newScene).toHaveBeenCalledWith({ presetId: 'gd-x2' });
  });

  it('in the browser the same actions take the browser paths', async () => {
    const { store, platform, browser } = web();
    const pick = vi.fn();
    platform.setFilePicker(pick);
    await runMenuAction('file.save', { store, platform });
    expect(browser.download).toHaveBeenCalledTimes(1);
    await runMenuAction('file.open', { store, platform });
    expect(pick).toHaveBeenCalledTimes(1);
    await runMenuAction(presetAction('gd-x2'), { store, platform });
    expect(store.getState().scene.title).toBe(presetScene('gd-x2')!.title);
  });

  it.each(['edit.undo', 'edit.redo'] as const)(
    '%s in a focused text field runs the field’s own command, not the store’s',
    async (action) => {
      const { store, platform } = desktop();
      store.getState().setTitle('Edited');
      if (action === 'edit.redo') store.getState().undo();
      const before = store.getState().scene;
      const textField = { focused: () => true, run: vi.fn<TextFieldEditing['run']>() };
      await runMenuAction(action, { store, platform, textField });
      expect(textField.run).toHaveBeenCalledWith(action === 'edit.undo' ? 'undo' : 'redo');
      expect(store.getState().scene).toBe(before);
    },
  );

  it('Copy Step Table without a table says so instead of copying', async () => {
    const { store, platform, bridge } = desktop();
    await runMenuAction('edit.copyStepTable', { store, platform });
    expect(bridge.copyText).not.toHaveBeenCalled();
    expect(store.getState().notice?.text).toMatch(/no step table/);
  });
});

describe('lessons', () => {
  const talk = (): Lesson => ({ ...calculusLesson(), title: 'My talk' });
  const delivery = (lesson: Lesson = talk(), present = false): OpenedLesson => ({
    text: serializeLesson(lesson),
    filePath: '/home/me/talk.descent-lesson.json',
    fileName: 'talk.descent-lesson.json',
    present,
  });

  it('a lesson from the app opens clean, with its file remembered', async () => {
    const { platform, store, emitLesson, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().setTitle('Edited scene');
    emitLesson(delivery());
    const s = store.getState();
    expect(s.lesson?.title).toBe('My talk');
    expect(s.editingSlideId).toBe(s.lesson?.slides[0]?.id);
    expect(s.lessonRevision).toBe(s.lessonSavedRevision);
    expect(s.presentation).toBeNull();
    expect(s.documentFile).toEqual({ filePath: null, fileName: 'Untitled' });
    expect(platform.lessonFile()).toEqual({
      filePath: '/home/me/talk.descent-lesson.json',
      fileName: 'talk.descent-lesson.json',
    });
    expect(bridge.setDocumentState).toHaveBeenLastCalledWith({ dirty: false, lessonDirty: false });
  });

  it('--present opens the lesson in present mode at its first slide', async () => {
    const { platform, store, emitLesson } = desktop();
    await platform.start(() => undefined);
    store.getState().openLesson(calculusLesson());
    store.getState().editSlide(store.getState().lesson!.slides[1]!.id);
    emitLesson(delivery(talk(), true));
    expect(store.getState().presentation?.slide).toBe(0);
    expect(store.getState().presentation?.title).toBe('My talk');
  });

  it('a lesson opened at launch keeps the start page closed', async () => {
    const { platform, store, emitLesson, bridge } = desktop();
    bridge.ready.mockImplementationOnce(async () => emitLesson(delivery(talk(), true)));
    await platform.start(() => undefined);
    // What startup does next when no scene file came.
    store.getState().setStartPage(true);
    expect(store.getState().startPage).toBe(false);
    expect(store.getState().presentation).not.toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    store.getState().setStartPage(true);
    expect(store.getState().startPage).toBe(true);
  });

  it.each([
    ['malformed', { text: 1 }, /malformed/],
    [
      'not a lesson',
      { ...delivery(), text: '{"version": 1, "runs": []}' },
      /could not be opened.*scene/,
    ],
  ])('a %s delivery changes nothing and says why', async (_what, payload, message) => {
    const { platform, store, emitLesson } = desktop();
    await platform.start(() => undefined);
    const before = store.getState().scene;
    emitLesson(payload);
    expect(store.getState().lesson).toBeNull();
    expect(store.getState().scene).toBe(before);
    expect(store.getState().notice).toMatchObject({
      kind: 'error',
      text: expect.stringMatching(message),
    });
  });

  it('saves to the lesson file, and marks it saved when the app says ok', async () => {
    const { platform, store, emitLesson, bridge } = desktop();
    await platform.start(() => undefined);
    emitLesson(delivery());
    store.getState().setLessonTitle('Renamed');
    expect(bridge.setDocumentState).toHaveBeenLastCalledWith({ dirty: false, lessonDirty: true });
    expect(await platform.saveLesson()).toBe('ok');
    const request = bridge.saveLesson.mock.calls[0]![0];
    expect(request).toMatchObject({ saveAs: false, untitled: false });
    expect(JSON.parse(request.text).title).toBe('Renamed');
    expect(store.getState().lessonSavedRevision).toBe(store.getState().lessonRevision);
    expect(bridge.setDocumentState).toHaveBeenLastCalledWith({ dirty: false, lessonDirty: false });
  });

  it('a lesson started in the page has no file: Save asks where', async () => {
    const { platform, store, emitLesson, bridge } = desktop();
    await platform.start(() => undefined);
    emitLesson(delivery());
    store.getState().newLesson();
    expect(platform.lessonFile()).toBeNull();
    await platform.saveLesson();
    expect(bridge.saveLesson).toHaveBeenLastCalledWith(expect.objectContaining({ untitled: true }));
    // Saved: now it has one.
    expect(platform.lessonFile()?.fileName).toBe('talk.descent-lesson.json');
    store.getState().closeLesson();
    expect(platform.lessonFile()).toBeNull();
  });

  it('Save while a slide is edited saves the lesson, never the scene file opened before', async () => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().newLesson();
    expect(store.getState().editingSlideId).not.toBeNull();
    await platform.save(false);
    expect(bridge.saveScene).not.toHaveBeenCalled();
    expect(bridge.saveLesson).toHaveBeenCalledTimes(1);
    // A scene of its own in the editor (a preset opened): Save is the scene's again.
    store.getState().openScene(defaultScene());
    await platform.save(false);
    expect(bridge.saveScene).toHaveBeenCalledTimes(1);
  });

  it('a cancelled or failed save leaves the lesson unsaved', async () => {
    const { platform, store, bridge } = desktop();
    await platform.start(() => undefined);
    store.getState().newLesson();
    bridge.saveLesson.mockResolvedValueOnce({ status: 'canceled' });
    expect(await platform.saveLesson()).toBe('canceled');
    bridge.saveLesson.mockResolvedValueOnce({ status: 'error', message: 'disk full' });
    expect(await platform.saveLesson()).toBe('error');
    bridge.saveLesson.mockRejectedValueOnce(new Error('Refused lesson:save'));
    expect(await platform.saveLesson()).toBe('error');
    expect(store.getState().lessonSavedRevision).not.toBe(store.getState().lessonRevision);
    expect(platform.lessonFile()).toBeNull();
  });

  it('without a lesson there is nothing to save', async () => {
    const { platform, bridge, store } = desktop();
    expect(await platform.saveLesson()).toBe('canceled');
    expect(bridge.saveLesson).not.toHaveBeenCalled();
    expect(store.getState().notice?.text).toMatch(/no lesson/);
  });

  it('opens lessons through the app dialog, and dropped lessons through the bridge', async () => {
    const { platform, bridge } = desktop();
    await platform.openLesson();
    expect(bridge.openLesson).toHaveBeenCalled();
    const file = { name: 'talk.descent-lesson', text: async () => '' };
    await platform.openDroppedFile(file);
    expect(bridge.openDroppedFile).toHaveBeenCalledWith(file);
  });

  it('the browser downloads the lesson under its title and marks it saved', async () => {
    const { platform, store, browser } = web();
    store.getState().openLesson(talk(), false);
    expect(await platform.saveLesson(true)).toBe('ok');
    expect(browser.download).toHaveBeenCalledWith(
      'My talk.descent-lesson.json',
      serializeLesson(store.getState().lesson!),
    );
    expect(store.getState().lessonSavedRevision).toBe(store.getState().lessonRevision);
  });

  it('the browser opens lessons with the registered file chooser and reads picked files', async () => {
    const { platform, store } = web();
    const pick = vi.fn();
    platform.setLessonFilePicker(pick);
    await platform.openLesson();
    expect(pick).toHaveBeenCalled();
    const ok = await platform.openLessonFile({
      name: 'talk.descent-lesson.json',
      text: async () => serializeLesson(talk()),
    });
    expect(ok).toBe(true);
    expect(store.getState().lesson?.title).toBe('My talk');
    const bad = await platform.openLessonFile({ name: 'x.json', text: async () => '{' });
    expect(bad).toBe(false);
    expect(store.getState().lesson?.title).toBe('My talk');
    expect(store.getState().notice?.kind).toBe('error');
  });

  it('the browser opens a dropped lesson as a lesson', async () => {
    const { platform, store } = web();
    await platform.openDroppedFile({
      name: 'talk.descent-lesson.json',
      text: async () => serializeLesson(talk()),
    });
    expect(store.getState().lesson?.title).toBe('My talk');
  });
});
