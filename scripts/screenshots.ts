/**
 * Screenshots for reviewing what the app shows: every chapter preset (or those named with
 * --preset) in each camera view its kind offers, in both themes, at 1280×720 and 1920×1080.
 * Builds the browser version into a folder of its own (so runs in parallel, or a `npm start`
 * elsewhere, never share one) and writes PNGs to out/screenshots/ (or --out DIR).
 *
 *   npm run screenshots [-- --preset zigzag --preset rosenbrock-adam] [--size 1280x720] [--end]
 *                       [--theme light] [--view top]
 *
 * `--end` moves the playhead to the last step first (the End key), where diverging runs are
 * furthest out. `--theme` and `--view` (each may repeat) keep only those themes and camera views.
 * `--panels hidden` (or `--panels shown --panels hidden`) shoots with the side panels hidden
 * (file names end in `-nopanels`); `--overlay NAME` turns an overlay on (e.g. `lrPlot`);
 * `--start-page` shoots the start page in each theme and size (and presets only if --preset
 * names some). `--step N` opens each scene at step N; `--reveal` turns on "reveal as it plays"
 * (nothing of a path ahead of its ball). Not a test: it asserts nothing, it is for looking.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serve } from '../node/static-server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import { STORAGE_KEY, UI_PREFS_KEY } from '../renderer/src/store/persistence.ts';
import { defaultScene, serializeScene } from '../shared/scene/document.ts';
import type { CameraPreset } from '../shared/scene/document.ts';
import { PRESETS } from '../shared/scene/presets.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    preset: { type: 'string', multiple: true },
    size: { type: 'string', multiple: true },
    end: { type: 'boolean' },
    out: { type: 'string' },
    theme: { type: 'string', multiple: true },
    view: { type: 'string', multiple: true },
    panels: { type: 'string', multiple: true },
    overlay: { type: 'string', multiple: true },
    'start-page': { type: 'boolean' },
    step: { type: 'string' },
    reveal: { type: 'boolean' },
  },
});
const panelStates = values.panels ?? ['shown'];
const startPageOnly = values['start-page'] && !values.preset;
const sizes = (values.size ?? ['1280x720', '1920x1080']).map((s) => {
  const [w, h] = s.split('x').map(Number);
  return { width: w!, height: h! };
});
const presets = startPageOnly
  ? []
  : PRESETS.filter((p) => !values.preset || values.preset.includes(p.id));
const outDir = values.out ?? join(ROOT, 'out', 'screenshots');
mkdirSync(outDir, { recursive: true });

const webDir = join(ROOT, 'dist', `screenshots-web-${process.pid}`);
const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const build = spawnSync(
  process.execPath,
  [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', webDir, '--logLevel', 'warn'],
  { cwd: ROOT, stdio: 'inherit' },
);
if (build.status !== 0) throw new Error('the browser build failed');
const server = await serve(webDir, 0);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** The start page as a first run shows it (empty storage but for the theme of the last scene). */
async function shootStartPage(size: { width: number; height: number }): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    if (values.theme && !values.theme.includes(theme)) continue;
    const context = await browser.newContext({ viewport: size });
    const page = await context.newPage();
    const scene = serializeScene({ ...defaultScene(), view: { ...defaultScene().view, theme } });
    await page.addInitScript(
      ([key, text]) => localStorage.setItem(key!, text!),
      [STORAGE_KEY, scene],
    );
    await page.goto(server.url);
    await page.getByTestId('start-page').waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.start-thumb[data-drawn="true"]').length >= n,
      PRESETS.length,
    );
    const name = `start-page-${theme}-${size.width}x${size.height}.png`;
    await page.screenshot({ path: join(outDir, name) });
    console.log(name);
    await context.close();
  }
}

try {
  for (const size of sizes) {
    if (values['start-page']) await shootStartPage(size);
    const page = await browser.newPage({ viewport: size });
    // No start page: these shots open scenes through links anyway, and a reload must not show it.
    await page.addInitScript((key) => {
      localStorage.setItem(key, JSON.stringify({ showStartPage: false }));
    }, UI_PREFS_KEY);
    for (const preset of presets) {
      const views: (CameraPreset | null)[] =
        preset.scene.kind === 'surface' ? ['three-quarter', 'top', 'front', 'side'] : [null];
      const themes = (['light', 'dark'] as const).filter(
        (t) => !values.theme || values.theme.includes(t),
      );
      for (const theme of themes) {
        for (const view of views) {
          if (view && values.view && !values.view.includes(view)) continue;
          const scene = structuredClone(preset.scene);
          scene.view.theme = theme;
          if (view) scene.camera = { preset: view };
          for (const overlay of values.overlay ?? []) {
            (scene.overlays as Record<string, boolean>)[overlay] = true;
          }
          // --step N opens the scene at step N; --reveal draws nothing ahead of the balls.
          if (values.step !== undefined) scene.timeline.position = Number(values.step);
          if (values.reveal) scene.view.reveal = true;
          for (const panels of panelStates) {
            await page.goto(`${server.url}${sceneFragment(scene)}`);
            await page.getByTestId('step-table').locator('tbody tr').first().waitFor();
            await page.getByTestId('formula').waitFor();
            if (panels === 'hidden') {
              await page.getByTestId('toggle-left-panel').click();
              await page.getByTestId('toggle-right-panel').click();
            }
            if (values.end) await page.keyboard.press('End');
            // Two animation frames: the last answers are drawn.
            await page.evaluate(
              () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
            );
            const suffix = panels === 'hidden' ? '-nopanels' : '';
            const name = `${preset.id}-${view ?? 'curve'}-${theme}-${size.width}x${size.height}${suffix}.png`;
            await page.screenshot({ path: join(outDir, name) });
            console.log(name);
            // The next link opens in this same page (a hash change): bring the panels back.
            if (panels === 'hidden') {
              await page.getByTestId('toggle-left-panel').click();
              await page.getByTestId('toggle-right-panel').click();
            }
          }
        }
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(webDir, { recursive: true, force: true });
}
