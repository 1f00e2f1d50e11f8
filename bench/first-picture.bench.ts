/**
 * First picture: from navigation to the first frame with the surface drawn, for a chapter
 * preset opened by its link (budget ≤ 1.5 s on this machine).
 *
 * Method
 * - Serves dist/web (built first unless --no-build, or another build with --dir) with
 *   `npm start`'s static server and opens it in the e2e tests' Chromium with their flags
 *   (playwright.config.ts): headless, WebGL on SwiftShader.
 * - Each load gets a fresh browser context (empty HTTP cache and storage, as a first visit) with
 *   the start page turned off, at 1280×800, and navigates to `#preset=ID`.
 * - The end is the app's own performance mark `descent:first-surface` (SurfaceMesh.tsx), set
 *   after the first rendered frame that drew a surface; its time is from navigation start. The
 *   same load also reports first contentful paint and DOMContentLoaded.
 * - One warm-up load (Chromium's own start-up caches), then N measured loads; median and p90.
 *   With several builds (--dir a,b), their loads alternate, so that load on this shared machine
 *   hits them alike.
 *
 * Usage: npx tsx bench/first-picture.bench.ts [--no-build] [--dir path[,path2]] [--loads N]
 *        [--presets bowl-2d,momentum-vs-gd]
 * Prints a Markdown table (for BENCHMARKS.md); progress goes to stderr.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { UI_PREFS_KEY } from '../renderer/src/store/persistence.ts';
import { serve } from '../node/static-server.mjs';
import { median, quantile } from './stats.ts';
import { ensureWebBuild, WEB_DIR } from './webBuild.ts';

interface Options {
  build: boolean;
  /** Builds to serve; with several, their loads alternate (to compare them in one run). */
  dirs: string[];
  loads: number;
  presets: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    build: true,
    dirs: [WEB_DIR],
    loads: 9,
    presets: ['bowl-2d', 'momentum-vs-gd'],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--dir') {
      options.dirs = String(argv[++i])
        .split(',')
        .map((d) => resolve(d));
      options.build = false;
    } else if (arg === '--loads') options.loads = Number(argv[++i]);
    else if (arg === '--presets') options.presets = String(argv[++i]).split(',');
    else throw new Error(`unknown argument '${arg}'`);
  }
  if (!(options.loads >= 1)) throw new Error('--loads must be a positive number');
  return options;
}

interface Load {
  /** Navigation start → the first frame that drew a surface (ms). */
  surface: number;
  firstContentfulPaint: number;
  domContentLoaded: number;
}

async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.addInitScript((key) => {
      localStorage.setItem(key, JSON.stringify({ showStartPage: false }));
    }, UI_PREFS_KEY);
    await page.goto(url);
    await page.waitForFunction(
      () => performance.getEntriesByName('descent:first-surface').length > 0,
      null,
      { timeout: 60_000, polling: 50 },
    );
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        surface: performance.getEntriesByName('descent:first-surface')[0]!.startTime,
        firstContentfulPaint: fcp ? fcp.startTime : NaN,
        domContentLoaded: nav.domContentLoadedEventEnd,
      };
    });
  } finally {
    await context.close();
  }
}

const ms = (v: number): string => (Number.isFinite(v) ? String(Math.round(v)) : '—');

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  ensureWebBuild(options.dirs[0]!, options.build);
  const loadBefore = loadavg()[0]!;
  const servers = await Promise.all(options.dirs.map((dir) => serve(dir, 0)));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows: string[] = [];
  try {
    for (const preset of options.presets) {
      const urls = servers.map((server) => `${server.url}#preset=${preset}`);
      for (const url of urls) await loadOnce(browser, url); // warm-up
      const loads: Load[][] = urls.map(() => []);
      for (let i = 0; i < options.loads; i++) {
        for (let d = 0; d < urls.length; d++) {
          const l = await loadOnce(browser, urls[d]!);
          console.error(`${preset} ${options.dirs[d]} #${i + 1}: surface ${ms(l.surface)} ms`);
          loads[d]!.push(l);
        }
      }
      loads.forEach((runs, d) => {
        const col = (pick: (l: Load) => number): number[] => runs.map(pick);
        const surface = col((l) => l.surface);
        rows.push(
          `| ${preset} | ${options.dirs[d]} | ${runs.length} | ${ms(median(col((l) => l.domContentLoaded)))} | ` +
            `${ms(median(col((l) => l.firstContentfulPaint)))} | ${ms(median(surface))} | ` +
            `${ms(quantile(surface, 0.9))} | ≤ 1500 |`,
        );
      });
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((server) => server.close()));
  }
  console.log(
    '| preset | build | loads | DOMContentLoaded median ms | first contentful paint median ms | first surface median ms | first surface p90 ms | budget ms |',
  );
  console.log('|---|---|--:|--:|--:|--:|--:|--:|');
  for (const row of rows) console.log(row);
  console.log('');
  const load = `load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, ${cpus().length} cores`;
  console.log(`(Chromium, WebGL on SwiftShader, 1280×800, fresh context per load; ${load}.)`);
}

await main();
