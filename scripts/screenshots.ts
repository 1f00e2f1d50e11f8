/**
 * Screenshots for reviewing what the app shows: every chapter preset (or those named with
 * --preset) in each camera view its kind offers, in both themes, at 1280×720 and 1920×1080.
 * Builds the browser version into a folder of its own (so runs in parallel, or a `npm start`
 * elsewhere, never share one) and writes PNGs to out/screenshots/ (or --out DIR).
 *
 *   npm run screenshots [-- --preset zigzag --preset rosenbrock-adam] [--size 1280x720] [--end]
 *
 * `--end` moves the playhead to the last step first (the End key), where diverging runs are
 * furthest out. Not a test: it asserts nothing, it is for looking.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serve } from '../node/static-server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import type { CameraPreset } from '../shared/scene/document.ts';
import { PRESETS } from '../shared/scene/presets.ts';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    preset: { type: 'string', multiple: true },
    size: { type: 'string', multiple: true },
    end: { type: 'boolean' },
    out: { type: 'string' },
  },
});
const sizes = (values.size ?? ['1280x720', '1920x1080']).map((s) => {
  const [w, h] = s.split('x').map(Number);
  return { width: w!, height: h! };
});
const presets = PRESETS.filter((p) => !values.preset || values.preset.includes(p.id));
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
try {
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: size });
    for (const preset of presets) {
      const views: (CameraPreset | null)[] =
        preset.scene.kind === 'surface' ? ['three-quarter', 'top', 'front', 'side'] : [null];
      for (const theme of ['light', 'dark'] as const) {
        for (const view of views) {
          const scene = structuredClone(preset.scene);
          scene.view.theme = theme;
          if (view) scene.camera = { preset: view };
          await page.goto(`${server.url}${sceneFragment(scene)}`);
          await page.getByTestId('step-table').locator('tbody tr').first().waitFor();
          await page.getByTestId('formula').waitFor();
          if (values.end) await page.keyboard.press('End');
          // Two animation frames: the last answers are drawn.
          await page.evaluate(
            () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
          );
          const name = `${preset.id}-${view ?? 'curve'}-${theme}-${size.width}x${size.height}.png`;
          await page.screenshot({ path: join(outDir, name) });
          console.log(name);
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
