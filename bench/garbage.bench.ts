/**
 * Memory the page allocates per η change while the slider is dragged: garbage the collector must
 * then find, on the same two cores that rasterise the frames here.
 *
 * Method: the latency benchmark's two scenes (latency.bench.ts: the floor, nothing drawn, and
 * the budget's scene, 8 runs × 2000 steps drawn in full), each opened by its link in Chromium
 * with the e2e flags. After 20 warm-up events, V8's sampling heap profiler (every 16 KiB on
 * average, counting objects the collector has already freed too) records `--events` slider
 * events sent back to back, as latency.bench.ts sends them. Reported: sampled bytes per event,
 * for each scene, `--runs` times in turns. The sampling makes each number an estimate (about
 * ±5 % at these sizes); the difference between the scenes is what drawing the paths allocates.
 *
 * Usage: npx tsx bench/garbage.bench.ts [--dir build] [--events 100] [--runs 3]
 * (--dir: a browser build, default dist/web, built first when missing.)
 */
import { cpus, loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { serve } from '../node/static-server.mjs';
import { drive, fitCanvas, openScene } from './latency.bench.ts';
import { median } from './stats.ts';
import { ensureWebBuild, WEB_DIR } from './webBuild.ts';

interface Options {
  dir: string;
  events: number;
  runs: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dir: WEB_DIR, events: 100, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') options.dir = String(argv[++i]);
    else if (arg === '--events') options.events = Number(argv[++i]);
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!(options.events >= 1) || !(options.runs >= 1)) {
    throw new Error('--events and --runs: positive numbers');
  }
  return options;
}

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}

function totalBytes(node: SamplingNode): number {
  return node.children.reduce((sum, child) => sum + totalBytes(child), node.selfSize);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  ensureWebBuild(options.dir, false);
  const loadBefore = loadavg()[0]!;
  const server = await serve(options.dir, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const perEvent = { floor: [] as number[], paths: [] as number[] };
  try {
    for (let run = 0; run < options.runs; run++) {
      for (const scene of ['floor', 'paths'] as const) {
        const page = await openScene(browser, server.url, scene);
        await fitCanvas(page, 1280, 800);
        await drive(page, 20, false);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('HeapProfiler.enable');
        // The two include flags count what was collected during the recording too: without
        // them the profile holds only what is still alive at its end.
        await cdp.send('HeapProfiler.startSampling', {
          samplingInterval: 16384,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        } as never);
        await drive(page, options.events, false);
        const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as {
          profile: { head: SamplingNode };
        };
        perEvent[scene].push(totalBytes(profile.head) / options.events);
        console.error(
          `run ${run + 1}, ${scene}: ${(perEvent[scene].at(-1)! / 1024).toFixed(0)} KiB/event`,
        );
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const kib = (v: number): string => (v / 1024).toFixed(0);
  console.log('| scene | allocated per η change, KiB (each run) | median |');
  console.log('|---|---|---|');
  for (const scene of ['floor', 'paths'] as const) {
    const values = perEvent[scene];
    console.log(`| ${scene} | ${values.map(kib).join(', ')} | ${kib(median(values))} |`);
  }
  console.log(
    `\n(Chromium, WebGL on SwiftShader; canvas 1280×800 or as near as the window allows; ${options.events} slider events per run after 20 warm-up, back to back; V8 sampling heap profiler, 16 KiB interval; load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, ${cpus().length} cores.)`,
  );
}

await main();
