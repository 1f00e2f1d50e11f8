import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../shared/bridge.ts';

vi.mock('electron', () => import('./test/electron-mock.ts'));

const electron = await import('./test/electron-mock.ts');
await import('./preload.ts');

const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [
  string,
  Record<string, unknown>,
];
const api = exposed as Record<string, (...args: unknown[]) => unknown>;

beforeEach(() => electron.ipcRenderer.invoke.mockClear());

describe('preload', () => {
  it('exposes exactly the named bridge methods on window.descent', () => {
    expect(name).toBe('descent');
    expect(Object.keys(exposed).sort()).toEqual(
      [
        'platform',
        'ready',
        'getAppInfo',
        'getPreferences',
        'setDocumentState',
        'newScene',
        'openScene',
        'openDroppedFile',
        'saveScene',
        'openLesson',
        'saveLesson',
        'copyText',
        'setThemePreference',
        'setExportOptions',
        'setShareBaseUrl',
        'exportBegin',
        'exportWrite',
        'exportFinish',
        'exportCancel',
        'onMenuAction',
        'onSceneOpened',
        'onLessonOpened',
      ].sort(),
    );
    expect(exposed['platform']).toBe(process.platform);
    for (const value of Object.values(exposed)) expect(value).not.toBe(electron.ipcRenderer);
  });

  it('forwards each request on its contract channel', async () => {
    const cases: [string, unknown][] = [
      ['ready', undefined],
      ['getAppInfo', undefined],
      ['getPreferences', undefined],
      ['newScene', undefined],
      ['newScene', { presetId: 'gd-x2' }],
      ['openScene', undefined],
      ['setDocumentState', { dirty: true }],
      ['saveScene', { text: '{}', saveAs: true }],
      ['openLesson', undefined],
      ['saveLesson', { text: '{}', saveAs: false, untitled: true }],
      ['setDocumentState', { dirty: false, lessonDirty: true }],
      ['copyText', { text: 'table' }],
      ['setShareBaseUrl', { url: 'https://descent.example.org/' }],
      ['setThemePreference', { theme: 'dark' }],
      ['setExportOptions', { options: { fps: 30 } }],
      ['exportBegin', { format: 'mp4', suggestedName: 'x' }],
      ['exportWrite', { sinkId: 's', bytes: new Uint8Array(2) }],
      ['exportFinish', { sinkId: 's' }],
      ['exportCancel', { sinkId: 's' }],
    ];
    for (const [method, payload] of cases) {
      electron.ipcRenderer.invoke.mockClear();
      await (payload === undefined ? api[method]?.() : api[method]?.(payload));
      const channel = INVOKE_CHANNELS[method as keyof typeof INVOKE_CHANNELS];
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(
        ...(payload === undefined ? [channel] : [channel, payload]),
      );
    }
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api['onMenuAction']?.(listener) as () => void;
    electron.ipcRenderer.emit(EVENT_CHANNELS.menuAction, { sender: 'secret' }, 'file.save');
    expect(listener).toHaveBeenCalledWith('file.save');
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    electron.ipcRenderer.emit(EVENT_CHANNELS.menuAction, {}, 'file.new');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.listenerCount(EVENT_CHANNELS.menuAction)).toBe(0);

    const opened = vi.fn();
    api['onSceneOpened']?.(opened);
    electron.ipcRenderer.emit(EVENT_CHANNELS.sceneOpened, {}, { filePath: null });
    expect(opened).toHaveBeenCalledWith({ filePath: null });

    const lesson = vi.fn();
    api['onLessonOpened']?.(lesson);
    electron.ipcRenderer.emit(EVENT_CHANNELS.lessonOpened, { sender: 'secret' }, { text: '{}' });
    expect(lesson).toHaveBeenCalledWith({ text: '{}' });
    expect(lesson.mock.calls[0]).toHaveLength(1);
  });

  it('turns a dropped file into its path only inside the preload', async () => {
    const file = { name: 'bowl.descent.json' };
    electron.webUtils.getPathForFile.mockReturnValueOnce('');
    expect(await api['openDroppedFile']?.(file)).toMatchObject({ status: 'error' });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    electron.webUtils.getPathForFile.mockReturnValueOnce('/home/u/bowl.descent.json');
    await api['openDroppedFile']?.(file);
    expect(electron.webUtils.getPathForFile).toHaveBeenLastCalledWith(file);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.openPath, {
      path: '/home/u/bowl.descent.json',
    });
  });
});

/**
 * What a module pulls in at run time: its imports and re-exports, minus the type-only ones
 * (`import type`, or every named binding marked `type`), which the build erases.
 */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause !== undefined &&
        !clause.name &&
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

/** Every module the preload bundle contains, walked from its entry. */
function preloadGraph(): { files: string[]; packages: string[] } {
  const files: string[] = [];
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (files.includes(file)) return;
    files.push(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  walk(fileURLToPath(new URL('./preload.ts', import.meta.url)));
  return { files, packages: [...packages] };
}

describe('the preload bundle', () => {
  it('stays lean: it takes only electron and the channel names, never zod', () => {
    const { files, packages } = preloadGraph();
    expect(packages).toEqual(['electron']);
    expect(files.map((f) => f.split(/[\\/]/).slice(-2).join('/')).sort()).toEqual([
      'electron/preload.ts',
      'shared/bridgeChannels.ts',
    ]);
  });

  it('the walk sees through type-only imports but not value imports', () => {
    // The contract module itself does import zod at run time: the walk must notice that.
    const bridge = fileURLToPath(new URL('../shared/bridge.ts', import.meta.url));
    expect(runtimeImports(bridge)).toContain('zod');
    expect(runtimeImports(fileURLToPath(new URL('./preload.ts', import.meta.url)))).not.toContain(
      '../shared/bridge.ts',
    );
  });
});
