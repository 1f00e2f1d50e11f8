/**
 * Export throughput (issue 5). Method: the browser build, served on 127.0.0.1, runs in headless
 * Chromium (the `descent render` setup: software WebGL here). In one page and one run, for the
 * default scene at 1920×1080, 30 fps, it measures
 *
 *   render   drawing each frame offscreen and reading its pixels back (no encoding);
 *   encode   encoding frames that are already I420 (a ring of 30 distinct rendered frames,
 *            re-stamped), same encoder configuration, no muxing;
 *   export   the whole pipeline: draw → read back → RGB→I420 → encode → mux, to a sink that
 *            discards the bytes;
 *
 * and reports frames per second of each, and export / min(render, encode): the pipeline's
 * overhead over its slower stage (goal ≥ 0.8). Each run measures the three stages back to back;
 * the table shows the median of each over the runs, and the median of the per-run ratios.
 *
 * Usage: npm run bench:export [-- --frames N --repeats N --size WxH]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { browserCandidates, chromiumArgs } from '../cli/src/render/browser.ts';
import { serve } from '../node/static-server.mjs';
import { webBuildIsStale } from '../node/web-build.mjs';
import { RENDER_READY_SELECTOR } from '../shared/export/automation.ts';
import { defaultScene } from '../shared/scene/document.ts';
import { median } from './stats.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

interface BenchResult {
  encoder: string;
  renderFps: number;
  encodeFps: number;
  pipelineFps: number;
  frames: number;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

function ensureBuild(): void {
  const mtime = (p: string): number | null => (existsSync(p) ? statSync(p).mtimeMs : null);
  if (!webBuildIsStale({ root: ROOT, mtime, list: listFiles })) return;
  console.error('Building the browser version (dist/web)…');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the browser build failed');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      frames: { type: 'string', default: '90' },
      repeats: { type: 'string', default: '5' },
      size: { type: 'string', default: '1920x1080' },
    },
  });
  const frames = Number(values.frames);
  const repeats = Number(values.repeats);
  const [width, height] = values.size.split('x').map(Number) as [number, number];
  const browserPath = browserCandidates(process.platform, process.env).find((p) => existsSync(p));
  if (!browserPath) {
    console.log('bench/export: no Chromium/Chrome found; nothing measured.');
    return;
  }
  ensureBuild();
  const server = await serve(join(ROOT, 'dist', 'web'), 0);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: chromiumArgs(isRoot),
  });
  const rows: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 480, height: 360 } });
    await page.goto(`${server.url}?render`);
    // Not waitForFunction: Playwright evaluates it with eval, which the page's CSP may refuse.
    await page.waitForSelector(RENDER_READY_SELECTOR, { state: 'attached', timeout: 60_000 });
    for (const kind of ['mp4', 'webm'] as const) {
      const runs: BenchResult[] = [];
      for (let r = 0; r < repeats; r++) {
        runs.push(
          (await page.evaluate(
            (request) =>
              (
                globalThis as unknown as {
                  __descentBench: (r: unknown) => Promise<unknown>;
                }
              ).__descentBench(request),
            { scene: defaultScene(), kind, width, height, fps: 30, frames },
          )) as BenchResult,
        );
      }
      const render = median(runs.map((x) => x.renderFps));
      const encode = median(runs.map((x) => x.encodeFps));
      const pipeline = median(runs.map((x) => x.pipelineFps));
      // The ratio within each run (same machine load for its three stages), then the median.
      const ratio = median(runs.map((x) => x.pipelineFps / Math.min(x.renderFps, x.encodeFps)));
      const name = kind === 'mp4' ? 'H.264 (MP4)' : 'VP9 (WebM)';
      rows.push(
        `| ${name} · ${runs[0]!.encoder} | ${width}×${height}@30, ${frames} frames | ${render.toFixed(1)} | ${encode.toFixed(1)} | ${pipeline.toFixed(1)} | ${ratio.toFixed(2)} | ${ratio >= 0.8 ? 'met' : 'missed'} (≥ 0.80) |`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`\nExport throughput, default scene (${browserPath}, median of ${repeats} runs)\n`);
  console.log(
    '| encoder | output | render-only fps | encoder-only fps | export fps | export / slower stage | goal |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

await main();
