/**
 * Slider → redraw latency in Chromium (the budget "slider tick: 8 runs × 2000 steps, custom
 * expression, compute + transfer + redraw, p95 ≤ 16 ms"), measured by the app itself.
 *
 * Method
 * - Serves dist/web (built first unless --no-build) with `npm start`'s static server and opens it in
 *   the same Chromium, with the same flags, as the e2e tests (playwright.config.ts): headless,
 *   WebGL on SwiftShader (the CPU).
 * - Opens a `#scene=` link to a crafted scene: a typed expression (Rosenbrock written out,
 *   `(1-x)^2 + 100*(y-x^2)^2`), 8 runs × 2000 steps (every optimizer, SGD twice), the GD run
 *   selected, the playhead at the last step so every path is drawn in full.
 * - Drives the η slider like a pointer drag: sets the range input's value and dispatches an
 *   `input` event, N times (default 400, after 20 warm-up events), sweeping log10 η back and
 *   forth by 0.01 so every event changes η. Events are paced: the next one is sent once the
 *   previous one has produced its sample.
 * - Reads the app's own measurement (store/perf.ts, the numbers behind the performance HUD):
 *   from the input event to the end of the first frame that drew the trajectories computed
 *   for it. Every sample is read through `window.__descentPerf`, with the worker's solve time
 *   of that request, and split into phases (input handler, until the answer is applied, until
 *   the frame that drew it was issued), counting the answers drawn on arrival (FrameHooks).
 * - Two pacings: "back to back" sends the next event as soon as the app has drawn; "waits for
 *   the GPU" first blocks on a 1-pixel readPixels, which returns once the GPU (SwiftShader, in
 *   the GPU process) has executed the frame, and reports input → frame done on the GPU too.
 *   The app's sample ends when the frame's commands are issued, not executed.
 * - Repeats at each canvas size (default 1280×800 and 640×400 device px, at ratio 1), sizing
 *   the window so the view gets that size.
 *
 * - By default (--scene both) it measures the floor scene (the same runs and events, nothing
 *   drawn) and the budget's scene in the same run, and prints the ratio of their p95s: the
 *   budget on this machine is slider → redraw p95 ≤ 1.25 × the floor's. Both pages stay open
 *   and take turns in rounds (default 8 of 50 events each: floor, paths, floor, paths…), so a
 *   change in the machine's load during the run hits both sides of the ratio alike. The ratio
 *   is that of the pooled p95s; the range of the rounds' own ratios is printed beside it.
 *
 * Usage: npx tsx bench/latency.bench.ts [--no-build] [--events N] [--rounds R] [--sizes 1280x800,640x400]
 *        [--scene both|paths|floor] [--dir build] [--chromium-arg --some-switch ...] [--json raw-samples.json]
 * Prints Markdown tables (for BENCHMARKS.md); progress goes to stderr.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config.ts';
import { sceneFragment } from '../renderer/src/platform/shareLink.ts';
import type { PerfTracker } from '../renderer/src/store/perf.ts';
import { defaultRun, defaultScene } from '../shared/scene/document.ts';
import type { Scene } from '../shared/scene/document.ts';
import { serve } from '../node/static-server.mjs';
import { OPTIMIZER_KINDS } from '../shared/types.ts';
import { median, quantile } from './stats.ts';
import { ensureWebBuild, WEB_DIR } from './webBuild.ts';

interface Options {
  build: boolean;
  /** The browser build to serve (default dist/web; --dir serves another, unbuilt). */
  dir: string;
  /**
   * 'paths' (default): the budget's scene. 'floor': the same runs and events, but the view
   * draws next to nothing (runs hidden, no overlays or contours, an 8×8 mesh): what is left is
   * the cost of the pipeline itself (input, solver, transfer, a frame, the page's compositing).
   * 'both': the floor, then the budget's scene, in one run, and the ratio of their p95s (the
   * budget on this machine: slider → redraw p95 ≤ 1.25 × the floor's p95).
   */
  scene: 'paths' | 'floor' | 'both';
  events: number;
  /**
   * Each scene's events are measured in this many rounds. With both scenes the rounds alternate
   * floor, paths, floor, paths… (both pages stay open), so a change in the machine's load during
   * the run hits both sides of the ratio alike.
   */
  rounds: number;
  warmup: number;
  sizes: { width: number; height: number }[];
  /** Where to write every raw sample as JSON (optional). */
  json: string | null;
  /** Extra Chromium switches, after the e2e tests' own (to compare configurations). */
  chromiumArgs: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    build: true,
    dir: WEB_DIR,
    scene: 'both',
    events: 400,
    rounds: 8,
    warmup: 20,
    json: null,
    chromiumArgs: [],
    sizes: [
      { width: 1280, height: 800 },
      { width: 640, height: 400 },
    ],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--dir') {
      options.dir = String(argv[++i]);
      options.build = false;
    } else if (arg === '--events') options.events = Number(argv[++i]);
    else if (arg === '--rounds') options.rounds = Number(argv[++i]);
    else if (arg === '--json') options.json = String(argv[++i]);
    else if (arg === '--chromium-arg') options.chromiumArgs.push(String(argv[++i]));
    else if (arg === '--scene') {
      const scene = String(argv[++i]);
      if (scene !== 'paths' && scene !== 'floor' && scene !== 'both') {
        throw new Error(`--scene: 'paths', 'floor' or 'both'`);
      }
      options.scene = scene;
    } else if (arg === '--sizes') {
      options.sizes = String(argv[++i])
        .split(',')
        .map((s) => {
          const [w, h] = s.split('x').map(Number);
          if (!w || !h) throw new Error(`bad size '${s}' (expected e.g. 1280x800)`);
          return { width: w, height: h };
        });
    } else throw new Error(`unknown argument '${arg}'`);
  }
  if (!(options.events >= 1)) throw new Error('--events must be a positive number');
  if (!Number.isInteger(options.rounds) || options.rounds < 1 || options.rounds > options.events) {
    throw new Error('--rounds must be a whole number from 1 to --events');
  }
  return options;
}

/** The floor scene: the benchmark's runs, but (almost) nothing to draw. */
export function floorScene(): Scene {
  const scene = benchScene();
  const overlays = Object.fromEntries(Object.keys(scene.overlays).map((k) => [k, false]));
  return {
    ...scene,
    runs: scene.runs.map((r) => ({ ...r, visible: false })),
    overlays: overlays as Scene['overlays'],
    view: { ...scene.view, resolution: 8, contourLevels: 0 },
  };
}

/** The benchmark scene: a typed Rosenbrock, 8 runs × 2000 steps, the GD run selected. */
export function benchScene(): Scene {
  const kinds = [...OPTIMIZER_KINDS, 'sgd' as const];
  const runs = kinds.map((kind, i) => ({
    ...defaultRun(i, [-1.5, 2], {
      kind,
      lr: kind === 'adam' || kind === 'rmsprop' || kind === 'adagrad' ? 0.01 : 0.001,
      noise: kind === 'sgd' ? 0.5 : 0,
      seed: i + 1,
    }),
    name: `${kind} ${i + 1}`,
    steps: 2000,
  }));
  return {
    ...defaultScene(),
    title: 'Latency benchmark',
    problem: { kind: 'expression', source: '(1-x)^2 + 100*(y-x^2)^2' },
    domain: { x: [-2, 2], y: [-1, 3] },
    runs,
    selectedRunId: runs[0]!.id,
    // The playhead at the end: every path, dot and travelled segment is drawn (the most work).
    timeline: { ...defaultScene().timeline, position: 2000 },
  };
}

/**
 * Resizes the window until the view (the canvas's container; the side panels have fixed
 * widths) has the wanted size, then waits for the canvas's drawing buffer to follow it (R3F
 * measures the container asynchronously). Returns the drawing buffer's size.
 */
export async function fitCanvas(
  page: Page,
  width: number,
  height: number,
): Promise<[number, number]> {
  const view = page.getByTestId('canvas');
  let viewport = { width: width + 640, height: height + 90 };
  for (let i = 0; i < 4; i++) {
    await page.setViewportSize(viewport);
    const box = await view.evaluate((el) => {
      const r = el.getBoundingClientRect();
      // The drawing buffer is the floor of the CSS size (at device pixel ratio 1).
      return { width: Math.floor(r.width), height: Math.floor(r.height) };
    });
    if (box.width === width && box.height === height) break;
    viewport = {
      width: viewport.width + (width - box.width),
      height: viewport.height + (height - box.height),
    };
  }
  await page
    .waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="canvas"]');
        const c = el?.querySelector('canvas');
        if (!el || !c) return false;
        const r = el.getBoundingClientRect();
        const dpr = devicePixelRatio;
        return (
          Math.abs(c.width - Math.floor(r.width * dpr)) <= 1 &&
          Math.abs(c.height - Math.floor(r.height * dpr)) <= 1
        );
      },
      null,
      { timeout: 15_000 },
    )
    // Adaptive quality may hold the buffer below the view's size after slow frames: measure
    // anyway, at the size it has (the table reports the drawing buffer's size).
    .catch(() => console.error(`the drawing buffer did not reach ${width}×${height}`));
  return view
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => [c.width, c.height] as [number, number]);
}

export interface Samples {
  /** The app's slider→redraw latency per event (ms). */
  latency: number[];
  /** Input → the frame's WebGL commands finished (only with `finish`), ms. */
  finished: number[];
  /** Worker solve time of the request each event caused (ms). */
  solver: number[];
  /**
   * Where the time went, per event (ms): the input handler itself (synchronous React and store
   * work); from its end until the answer was applied (worker solve, transfer, line buffers);
   * from then until the frame that drew it was issued.
   */
  handler: number[];
  toApplied: number[];
  toDrawn: number[];
  /** Events whose trajectories were drawn as soon as they arrived (not at the next frame). */
  drawnAtOnce: number;
  missed: number;
}

/**
 * Sends `count` slider input events from inside the page, each once the previous one has been
 * drawn, and collects the app's latency sample, the worker's solve time and the phases of each.
 * With `finish`, each event also waits until the GPU has executed the frame (a 1-pixel
 * readPixels on the view's WebGL context blocks until then): on SwiftShader the frame's GL
 * commands run after the app considers the frame drawn, in the GPU process.
 */
export async function drive(page: Page, count: number, finish: boolean): Promise<Samples> {
  return page.evaluate(
    async ({ n, finish }) => {
      const perf = (window as unknown as { __descentPerf?: PerfTracker }).__descentPerf;
      if (!perf) throw new Error('window.__descentPerf is missing (a build older than this)');
      const slider = document.querySelector<HTMLInputElement>('[data-testid="lr-slider"]');
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="canvas"] canvas');
      // The context the app created (getContext returns the existing one).
      const gl = canvas?.getContext('webgl2') ?? canvas?.getContext('webgl');
      if (!slider || !gl) throw new Error('no η slider or no WebGL canvas');
      const pixel = new Uint8Array(4);
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const out: Samples = {
        latency: [],
        finished: [],
        solver: [],
        handler: [],
        toApplied: [],
        toDrawn: [],
        drawnAtOnce: 0,
        missed: 0,
      };
      // Time stamps of the phases, taken by wrapping the tracker's own hooks on this instance.
      let appliedAt = NaN;
      let drawnAt = NaN;
      // Set while the task that applied an answer runs: a frame drawn then was drawn at once,
      // not at the next animation frame.
      let applying = false;
      let atOnce = false;
      const proto = Object.getPrototypeOf(perf) as PerfTracker;
      perf.markApplied = (inputAt) => {
        appliedAt = performance.now();
        applying = true;
        setTimeout(() => {
          applying = false;
        }, 0);
        proto.markApplied.call(perf, inputAt);
      };
      perf.frameDrawn = (now) => {
        const pending = perf.awaitingFrame;
        proto.frameDrawn.call(perf, now);
        if (pending) {
          drawnAt = performance.now();
          atOnce = applying;
        }
      };
      // Sweep log10 η over [-3.4, -3.0] and back, 0.01 per event: every event is a new η (the
      // slider keeps 3 significant digits, so smaller moves could leave η unchanged).
      const positions: number[] = [];
      for (let v = -3.4; v <= -3.0 + 1e-9; v += 0.01) positions.push(Math.round(v * 100) / 100);
      const sweep = [...positions, ...positions.slice(1, -1).reverse()];
      try {
        for (let i = 0; i < n; i++) {
          perf.latency.clear();
          appliedAt = drawnAt = NaN;
          atOnce = false;
          setValue.call(slider, String(sweep[i % sweep.length]));
          const t0 = performance.now();
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          const t1 = performance.now();
          while (perf.latency.size === 0 && performance.now() - t0 < 5000) {
            // Inline, no named helper: tsx would wrap it in a __name() the page lacks.
            await new Promise<void>((resolve) => setTimeout(resolve, 0));
          }
          if (perf.latency.size === 0) {
            out.missed++;
            continue;
          }
          if (finish) {
            gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
            out.finished.push(performance.now() - t0);
          }
          out.latency.push(perf.latency.values()[0]!);
          out.solver.push(perf.solverMs);
          out.handler.push(t1 - t0);
          out.toApplied.push(appliedAt - t1);
          out.toDrawn.push(drawnAt - appliedAt);
          if (atOnce) out.drawnAtOnce++;
        }
      } finally {
        // Release, as the end of a drag does, and put the tracker back as it was.
        slider.dispatchEvent(new Event('change', { bubbles: true }));
        delete (perf as Partial<PerfTracker>).markApplied;
        delete (perf as Partial<PerfTracker>).frameDrawn;
      }
      return out;
    },
    { n: count, finish },
  );
}

function emptySamples(): Samples {
  return {
    latency: [],
    finished: [],
    solver: [],
    handler: [],
    toApplied: [],
    toDrawn: [],
    drawnAtOnce: 0,
    missed: 0,
  };
}

/** Events each round measures per scene: events / rounds, rounded, at least one. */
const perRound = (o: Options): number => Math.max(1, Math.round(o.events / o.rounds));

/** Adds one round's samples to the pooled ones. */
function appendSamples(into: Samples, s: Samples): void {
  into.latency.push(...s.latency);
  into.finished.push(...s.finished);
  into.solver.push(...s.solver);
  into.handler.push(...s.handler);
  into.toApplied.push(...s.toApplied);
  into.toDrawn.push(...s.toDrawn);
  into.drawnAtOnce += s.drawnAtOnce;
  into.missed += s.missed;
}

/** Opens the floor or the budget's scene by its link and waits until it is solved and drawn. */
export async function openScene(browser: Browser, url: string, sceneName: 'floor' | 'paths') {
  const scene = sceneName === 'floor' ? floorScene() : benchScene();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(url + sceneFragment(scene));
  // Solved and drawn: the step table has rows (it may render only those in view), a typeset f;
  // then a moment for the rest of the first answers (the warm-up follows).
  await page.locator('[data-testid="step-table"] tbody tr').first().waitFor({
    timeout: 60_000,
    state: 'attached',
  });
  await page.waitForTimeout(1500);
  await page.getByTestId('formula').waitFor();
  return page;
}

const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : '—');
const p50p95 = (v: number[]): string =>
  v.length ? `${f(median(v))} / ${f(quantile(v, 0.95))}` : '—';

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  ensureWebBuild(options.dir, options.build);
  const loadBefore = loadavg()[0]!;
  const server = await serve(options.dir, 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, ...options.chromiumArgs],
  });
  const rows: string[] = [];
  const phaseRows: string[] = [];
  const raw: { scene: string; canvas: [number, number]; finish: boolean; samples: Samples }[] = [];
  /** p95 per scene, canvas and pacing, for the ratio rows. */
  const p95 = new Map<string, number>();
  /** Per round, the paths scene's p95 over the floor's (same canvas and pacing). */
  const roundRatios = new Map<string, number[]>();
  const scenes: ('floor' | 'paths')[] =
    options.scene === 'both' ? ['floor', 'paths'] : [options.scene];
  // Each round measures events / rounds per scene; the pages stay open between rounds.
  const eventsPerRound = perRound(options);
  try {
    for (const size of options.sizes) {
      const pages = [];
      for (const sceneName of scenes) {
        const page = await openScene(browser, server.url, sceneName);
        const canvas = await fitCanvas(page, size.width, size.height);
        pages.push({ sceneName, page, canvas, viewport: page.viewportSize()! });
      }
      for (const finish of [false, true]) {
        const mode = finish ? 'waits for the GPU after each frame' : 'back to back';
        const pooled = pages.map(() => emptySamples());
        for (const { page } of pages) {
          await drive(page, options.warmup, finish);
          // Let the release's table rebuild (2001 rows) finish before measuring.
          await page.waitForTimeout(1000);
        }
        for (let round = 0; round < options.rounds; round++) {
          const roundP95: number[] = [];
          for (const [i, { page }] of pages.entries()) {
            const s = await drive(page, eventsPerRound, finish);
            await page.waitForTimeout(1000);
            appendSamples(pooled[i]!, s);
            roundP95.push(quantile(s.latency, 0.95));
          }
          if (pages.length === 2) {
            const key = `${pages[1]!.canvas.join('×')}|${mode}`;
            roundRatios.set(key, [...(roundRatios.get(key) ?? []), roundP95[1]! / roundP95[0]!]);
          }
        }
        for (const [i, { sceneName, canvas, viewport }] of pages.entries()) {
          const s = pooled[i]!;
          const [cw, ch] = canvas;
          raw.push({ scene: sceneName, canvas, finish, samples: s });
          console.error(
            `${sceneName}: canvas ${cw}×${ch} (window ${viewport.width}×${viewport.height}), ` +
              `${mode}: ${s.latency.length} samples, ${s.missed} events without a redraw`,
          );
          p95.set(`${sceneName}|${cw}×${ch}|${mode}`, quantile(s.latency, 0.95));
          rows.push(
            `| ${sceneName} | ${cw}×${ch} | ${mode} | ${s.latency.length} | ${f(median(s.latency))} | ${f(quantile(s.latency, 0.95))} | ${p50p95(s.finished)} | ${p50p95(s.solver)} |`,
          );
          phaseRows.push(
            `| ${sceneName} | ${cw}×${ch} | ${mode} | ${p50p95(s.handler)} | ${p50p95(s.toApplied)} | ${p50p95(s.toDrawn)} | ${Math.round((100 * s.drawnAtOnce) / Math.max(1, s.latency.length))} % |`,
          );
        }
      }
      for (const { page } of pages) await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (options.json) await writeFile(options.json, JSON.stringify(raw));
  const renderer = `Chromium, WebGL on SwiftShader${options.chromiumArgs.length ? `, ${options.chromiumArgs.join(' ')}` : ''}`;
  console.log(
    `| scene | canvas (px) | events | n | slider→redraw p50 ms (app) | p95 ms (app) | input→frame done on GPU p50 / p95 ms | worker solve p50 / p95 ms |`,
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log('');
  console.log(
    `| scene | canvas (px) | events | input handler p50 / p95 ms | → answer applied | → frame drawn | drawn on arrival |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of phaseRows) console.log(row);
  console.log('');
  if (options.scene === 'both') {
    // The budget on this machine: the drawn scene's p95 over the floor's, same run.
    console.log(
      '| canvas (px) | events | paths p95 ms | floor p95 ms | ratio | ratio per round (min–max) | budget |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const key of p95.keys()) {
      if (!key.startsWith('paths|')) continue;
      const [, canvas, mode] = key.split('|');
      const paths = p95.get(key)!;
      const floor = p95.get(`floor|${canvas}|${mode}`)!;
      const perRoundRatios = roundRatios.get(`${canvas}|${mode}`) ?? [];
      const range = perRoundRatios.length
        ? `${Math.min(...perRoundRatios).toFixed(2)}–${Math.max(...perRoundRatios).toFixed(2)}× (${perRoundRatios.length})`
        : '—';
      console.log(
        `| ${canvas} | ${mode} | ${f(paths)} | ${f(floor)} | ${(paths / floor).toFixed(2)}× | ${range} | ≤ 1.25× |`,
      );
    }
    console.log('');
  }
  // Other processes on a 2-core machine change these numbers a lot: say how busy it was.
  const load = `load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}, ${cpus().length} cores`;
  console.log(
    `(${renderer}; ${options.scene === 'floor' ? 'floor scene (nothing drawn), ' : options.scene === 'both' ? `floor (nothing drawn) and paths alternating in ${options.rounds} rounds, ` : ''}8 runs × 2000 steps of \`(1-x)^2 + 100*(y-x^2)^2\`; ${perRound(options) * options.rounds} events per row after ${options.warmup} warm-up; ${load}.)`,
  );
}

// Run only as a script, so probes can import the helpers above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
