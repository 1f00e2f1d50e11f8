/**
 * The desktop app end to end, through Playwright's Electron driver: it starts, opens a scene
 * given on the command line, saves it, and its menu drives the renderer. Runs wherever the
 * Electron binary is installed; elsewhere it is skipped with the reason printed.
 *
 * The app is built with `electron-vite build` (into out/) and launched on out/, as
 * `npm start` does, with its own user-data folder so settings and the single-instance lock
 * never touch a real installation.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import type { DescentBridge, MenuAction } from '../shared/bridge.ts';
import { defaultScene, serializeScene } from '../shared/scene/document.ts';
import { parseSceneText } from '../shared/scene/parse.ts';
import { findElectronBinary } from '../node/electron-binary.mjs';

const root = join(import.meta.dirname, '..');
const binary = findElectronBinary({
  root,
  env: process.env,
  exists: existsSync,
  readText: (p) => readFileSync(p, 'utf8'),
});
const needsDisplay =
  process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
const canFakeDisplay = existsSync('/usr/bin/Xvfb');

function skipReason(): string | null {
  if (!binary) {
    return 'the Electron binary is not installed (node_modules/electron/dist is missing; it could not be downloaded here). Run `node scripts/setup.mjs` where GitHub is reachable.';
  }
  if (needsDisplay && !canFakeDisplay)
    return 'no display and no Xvfb to provide one (apt-get install xvfb).';
  return null;
}

/** The bridge as the page sees it (the renderer declares its own global type). */
type PageWindow = { descent: DescentBridge; __actions: MenuAction[] };

test.describe('desktop app (Electron)', () => {
  const reason = skipReason();
  if (reason) console.log(`[e2e/electron.spec.ts] skipped: ${reason}`);
  test.skip(reason !== null, reason ?? '');
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let app: ElectronApplication;
  let page: Page;
  let xvfb: ChildProcess | null = null;
  let work = '';
  let scenePath = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    work = mkdtempSync(join(tmpdir(), 'descent-e2e-'));
    scenePath = join(work, 'bowl.descent.json');
    const build = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      { cwd: root, stdio: 'inherit' },
    );
    expect(build.status, 'electron-vite build').toBe(0);

    writeFileSync(scenePath, serializeScene({ ...defaultScene(), title: 'From the command line' }));

    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DESCENT_USER_DATA_DIR: join(work, 'user-data'),
    };
    if (needsDisplay) {
      // A private X server, so the test runs on a machine without a desktop.
      const display = `:${90 + Math.floor(Math.random() * 9)}`;
      xvfb = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
        stdio: 'ignore',
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      env['DISPLAY'] = display;
    }
    // Chromium refuses to run its sandbox as root (CI containers); elsewhere keep it on.
    const asRoot = process.platform === 'linux' && process.getuid?.() === 0;
    app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [...(asRoot ? ['--no-sandbox'] : []), join(root, 'out'), scenePath],
      env,
      cwd: root,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    if (app) {
      // Nothing unsaved, so closing does not ask.
      await page?.evaluate(() =>
        (window as unknown as PageWindow).descent.setDocumentState({ dirty: false }),
      );
      await app.close();
    }
    xvfb?.kill();
  });

  const nativeTitle = () =>
    app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');

  test('starts with a locked-down renderer and the bridge', async () => {
    expect(page.url()).toBe('app://descent/index.html');
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>)['require'],
      process: typeof (globalThis as Record<string, unknown>)['process'],
      // contextBridge hands the page a frozen copy, never the preload's own objects.
      frozen: Object.isFrozen((window as unknown as PageWindow).descent),
      bridge: Object.keys((window as unknown as PageWindow).descent).sort(),
    }));
    expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', frozen: true });
    expect(globals.bridge).toContain('saveScene');
    expect(globals.bridge).not.toContain('invoke');
  });

  test('opens the scene given on the command line', async () => {
    await expect.poll(nativeTitle).toContain('bowl.descent.json');
    await expect.poll(nativeTitle).not.toMatch(/●|Edited/);
  });

  test('saves it atomically and clears the unsaved mark', async () => {
    await page.evaluate(() =>
      (window as unknown as PageWindow).descent.setDocumentState({ dirty: true }),
    );
    await expect.poll(nativeTitle).toMatch(/●|Edited/);
    const text = serializeScene({ ...defaultScene(), title: 'Saved by the e2e test' });
    const result = await page.evaluate(
      (t) => (window as unknown as PageWindow).descent.saveScene({ text: t, saveAs: false }),
      text,
    );
    expect(result).toEqual({ status: 'ok', filePath: scenePath, fileName: 'bowl.descent.json' });
    const saved = parseSceneText(readFileSync(scenePath, 'utf8'));
    expect(saved.ok && saved.scene.title).toBe('Saved by the e2e test');
    await expect.poll(nativeTitle).not.toMatch(/●|Edited/);
  });

  test('refuses a malformed payload', async () => {
    const error = await page.evaluate(() =>
      (window as unknown as PageWindow).descent
        .saveScene({ text: 42 as unknown as string, saveAs: false })
        .then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
    );
    expect(error).toMatch(/Refused document:save: invalid payload/);
  });

  test('menu items send their actions to the renderer', async () => {
    await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      w.__actions = [];
      w.descent.onMenuAction((action) => w.__actions.push(action));
    });
    for (const id of ['view.camera.top', 'edit.undo', 'view.preset:gd-x2']) {
      await app.evaluate(({ Menu }, itemId) => {
        Menu.getApplicationMenu()?.getMenuItemById(itemId)?.click();
      }, id);
    }
    await expect
      .poll(() => page.evaluate(() => (window as unknown as PageWindow).__actions))
      .toEqual(expect.arrayContaining(['view.camera.top', 'edit.undo', 'view.preset:gd-x2']));
  });

  test('Share link asks for the web build address once, then copies a link there', async () => {
    await page.getByTestId('share-link').click();
    const input = page.getByTestId('share-base-input');
    await expect(input).toBeEnabled();
    await input.fill('app://descent/');
    await expect(page.getByTestId('share-copy')).toBeDisabled();
    await input.fill('https://lectures.example.edu/descent/');
    await expect(page.getByTestId('share-preview')).toContainText(
      'https://lectures.example.edu/descent/#scene=',
    );
    await page.getByTestId('share-copy').click();
    await expect(page.getByTestId('share-dialog')).toHaveCount(0);
    const copied = await app.evaluate(({ clipboard }) => clipboard.readText());
    expect(copied).toMatch(/^https:\/\/lectures\.example\.edu\/descent\/#scene=/);
    // Kept in the settings: the next time the dialog opens with it.
    await page.getByTestId('share-link').click();
    await expect(page.getByTestId('share-base-input')).toHaveValue(
      'https://lectures.example.edu/descent/',
    );
    await page.keyboard.press('Escape');
  });

  test('View ▸ Present presents; the presenter window opens and follows', async () => {
    await app.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('view.present')?.click();
    });
    const present = page.getByTestId('present');
    await expect(present).toHaveAttribute('data-slide', '1');
    const opened = app.waitForEvent('window');
    await page.mouse.move(200, 200);
    await page.getByRole('button', { name: 'Presenter view' }).click();
    const presenter = await opened;
    expect(presenter.url()).toBe('app://descent/index.html?presenter');
    await expect(presenter.getByTestId('presenter')).toHaveAttribute('data-slide', '1');
    await presenter.getByRole('button', { name: 'End' }).click();
    await expect(present).toHaveCount(0);
    await presenter.close();
  });
});
